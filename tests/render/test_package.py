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
from grantdocs.render.package import check_package
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
    check_package(path, "docx")
    monkeypatch.setattr(package, "MAX_XML_BYTES", 50_000)
    with pytest.raises(TemplateError, match=r"unpacks to .* a template may unpack to"):
        check_package(path, "docx")
    monkeypatch.setattr(package, "MAX_PARTS", 5)
    with pytest.raises(TemplateError, match="parts; a template may have 5"):
        check_package(path, "docx")


def test_every_bundled_template_passes() -> None:
    paths = sorted((project_root() / "templates").glob("*/template*.*x"))
    assert len(paths) >= 9
    for path in paths:
        check_package(path, path.suffix.lstrip("."))
