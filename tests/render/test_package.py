"""Template packages are checked before they are opened: kind, size, parts, XML bombs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from grantdocs.cli.main import cli
from grantdocs.errors import TemplateError
from grantdocs.render import package
from grantdocs.render.package import read_checked
from grantdocs.resources import project_root

DFG = project_root() / "templates" / "dfg-cv" / "template.docx"
GRANTS = project_root() / "templates" / "erc-grants" / "template.xlsx"

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def repacked(source: Path, replace: dict[str, bytes]) -> bytes:
    """``source`` with some parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            new.writestr(name, replace.get(name, old.read(name)))
    return out.getvalue()


def hostile_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, expected message) for the cases of issue 14."""
    files = {
        "empty": (b"", "an empty file, not a Word document (.docx)"),
        "pdf": (b"%PDF-1.7\n%...", "a PDF file, not a Word document (.docx)"),
        "truncated": (DFG.read_bytes()[:3000], "not a zip package, or a truncated one"),
        "plain zip": (
            repacked(DFG, {}).replace(b"[Content_Types].xml", b"[Content_Typez].xml"),
            "no [Content_Types].xml",
        ),
        "billion laughs": (
            repacked(DFG, {"word/document.xml": LAUGHS.encode()}),
            "word/document.xml declares a document type or entities",
        ),
        "excel": (GRANTS.read_bytes(), "an Excel workbook (.xlsx), not a Word document (.docx)"),
    }
    result = {}
    for name, (data, message) in files.items():
        path = folder / f"{name.replace(' ', '-')}.docx"
        path.write_bytes(data)
        result[name] = (path, message)
    result["missing"] = (folder / "nope.docx", "nope.docx: file not found")
    return result


CASES = ["empty", "pdf", "truncated", "plain zip", "billion laughs", "excel", "missing"]


@pytest.mark.parametrize("case", CASES)
def test_check_template_refuses_hostile_files_with_exit_1(tmp_path: Path, case: str) -> None:
    path, message = hostile_files(tmp_path)[case]
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = CliRunner().invoke(cli, ["check-template", "dfg-cv", "--template", str(path)])
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("case", ["pdf", "billion laughs", "excel"])
def test_the_build_refuses_them_too(tmp_path: Path, case: str) -> None:
    path, message = hostile_files(tmp_path)[case]
    spec = tmp_path / "mine.yaml"
    spec.write_text(f"extends: dfg-cv\ntemplate: {path.name}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(spec), "--lang", "en", "--as-of", "2025-09-20", "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert not out.exists() or not any(out.rglob("*.docx"))


def test_a_word_file_for_an_excel_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check-template", "erc-grants", "--template", str(DFG)])
    assert result.exit_code == 1, result.output
    assert "a Word document (.docx), not an Excel workbook (.xlsx)" in result.output


def test_unpacked_size_and_part_count_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = Document()
    for _ in range(2000):
        doc.add_paragraph("")
    path = tmp_path / "many.docx"
    doc.save(str(path))
    read_checked(path, "docx")
    monkeypatch.setattr(package, "MAX_XML_BYTES", 50_000)
    with pytest.raises(TemplateError, match=r"unpacks to .* a template may unpack to"):
        read_checked(path, "docx")
    monkeypatch.setattr(package, "MAX_PARTS", 5)
    with pytest.raises(TemplateError, match="parts; a template may have 5"):
        read_checked(path, "docx")


def test_every_bundled_template_passes() -> None:
    paths = sorted((project_root() / "templates").glob("*/template*.*x"))
    assert len(paths) >= 9
    for path in paths:
        read_checked(path, path.suffix.lstrip("."))


# --- byte-stable packages: normalise_zip writes what zipfile would -----------------------


def by_zipfile(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """The reference: every entry inflated and written again by ``zipfile`` (what
    ``normalise_zip`` did before it copied deflated parts as they are)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = sorted(source.infolist(), key=lambda i: i.filename != "[Content_Types].xml")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            entry = zipfile.ZipInfo(info.filename, date_time=package.FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, (replace or {}).get(info.filename, source.read(info)))
    return out.getvalue()


def mixed_package(seed: int) -> bytes:
    """A package as odd as python-docx and openpyxl could hand over: stored and deflated
    entries (deflated at zipfile's default level, as both libraries write them), a UTF-8
    name, an empty part, dates and modes of all kinds, data descriptors (written to a
    stream that cannot seek), the content types not first."""
    import random

    rng = random.Random(seed)
    stream = io.BytesIO()

    class Unseekable(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, b) -> int:  # type: ignore[no-untyped-def, override]
            return stream.write(b)

    target: io.RawIOBase | io.BytesIO = Unseekable() if seed % 2 else stream
    with zipfile.ZipFile(target, "w") as zf:  # type: ignore[arg-type]
        names = ["word/document.xml", "[Content_Types].xml", "docProps/core.xml", "média/ü.xml"]
        names += [f"part{i}.xml" for i in range(rng.randint(0, 5))]
        rng.shuffle(names)
        for name in names:
            size = rng.choice([0, 1, 100, 5000, 70000])
            text = "".join(rng.choice("<w:t>abc äö 12\n") for _ in range(size)).encode()
            info = zipfile.ZipInfo(name, date_time=(2020 + seed % 5, 1 + seed % 12, 3, 4, 5, 6))
            info.compress_type = rng.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
            info.external_attr = rng.choice([0, 0o600 << 16, 0o755 << 16])
            zf.writestr(info, text)
    return stream.getvalue()


def test_normalise_zip_writes_what_zipfile_writes(tmp_path: Path) -> None:
    """Every bundled Word and Excel template and document as its library saved it, and 60
    odd packages, normalised: the same bytes as ``zipfile`` writing every part again; so
    are the same with a part replaced."""
    import docxtpl
    import openpyxl

    packages = [mixed_package(seed) for seed in range(60)]
    for template in sorted((project_root() / "templates").glob("*/*.docx")):
        saved = io.BytesIO()
        docxtpl.DocxTemplate(str(template)).save(saved)  # as python-docx writes a package
        packages += [template.read_bytes(), saved.getvalue()]
    for template in sorted((project_root() / "templates").glob("*/*.xlsx")):
        saved = io.BytesIO()
        openpyxl.load_workbook(template).save(saved)  # as openpyxl writes a package
        packages += [template.read_bytes(), saved.getvalue()]
    assert len(packages) > 70
    for data in packages:
        assert package.normalise_zip(data) == by_zipfile(data)
        first = zipfile.ZipFile(io.BytesIO(data)).namelist()[-1]
        new = {first: b"<new/>" * 1000, "not-in-the-package": b"x"}
        assert package.normalise_zip(data, replace=new) == by_zipfile(data, new)
        given = {name: package.deflate(content) for name, content in new.items()}
        assert package.normalise_zip(data, replace=given) == by_zipfile(data, new)
        assert zipfile.ZipFile(io.BytesIO(package.normalise_zip(data))).testzip() is None


def test_a_package_that_may_need_zip64_is_written_by_zipfile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = mixed_package(1)
    monkeypatch.setattr(package, "_ENTRIES", 3)
    assert package.normalise_zip(data) == by_zipfile(data)
    new = {"word/document.xml": b"<new/>" * 1000}
    given = {"word/document.xml": package.deflate(new["word/document.xml"])}
    assert package.normalise_zip(data, replace=given) == by_zipfile(data, new)


def test_a_part_is_copied_only_from_where_its_local_header_is() -> None:
    """A deflated part is copied as stored only after a local header at the offset the
    central directory gives, with all of its bytes; otherwise it is deflated anew."""
    data = mixed_package(2)
    info = next(
        i
        for i in zipfile.ZipFile(io.BytesIO(data)).infolist()
        if i.compress_type == zipfile.ZIP_DEFLATED and i.compress_size
    )
    assert package._deflated(data, info) is not None
    moved = zipfile.ZipInfo(info.filename)
    moved.compress_type, moved.compress_size = info.compress_type, info.compress_size
    moved.header_offset = info.header_offset + 1  # not at a header
    assert package._deflated(data, moved) is None
    moved.header_offset = len(data) - 10  # past the end
    assert package._deflated(data, moved) is None
    cut = zipfile.ZipInfo(info.filename)
    cut.compress_type, cut.header_offset = info.compress_type, info.header_offset
    cut.compress_size = len(data)  # more than the package holds
    assert package._deflated(data, cut) is None
