"""Styles parts set aside give the documents python-docx alone would give."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from grantdocs import usercache
from grantdocs.build import BuildOptions, build
from grantdocs.errors import TemplateError
from grantdocs.render import docxstyles, package
from grantdocs.render.docx import fill_docx
from grantdocs.render.package import read_checked
from grantdocs.render.pdf import find_soffice
from tests.conftest import AS_OF, docx_jobs

CacheIn = Callable[[str], None]


@pytest.fixture
def cache_in(monkeypatch: pytest.MonkeyPatch) -> Iterator[CacheIn]:
    """Point the disk cache at a new folder (or "off") for one test."""

    def point(where: str) -> None:
        monkeypatch.setenv(usercache.ENV_VAR, where)
        usercache._trusted.cache_clear()

    yield point
    usercache._trusted.cache_clear()


def counted_made(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    calls: list[str | None] = []
    original = docxstyles._made

    def made(data: bytes, tag: str | None) -> docxstyles.Aside:
        calls.append(tag)
        return original(data, tag)

    monkeypatch.setattr(docxstyles, "_made", made)
    return calls


def test_every_bundled_word_document_is_the_same_with_its_styles_set_aside(
    tmp_path: Path, cache_in: CacheIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every bundled Word format in every language: built with the cache off (python-docx
    reads and writes the styles), then twice with a new cache (set aside, then from the
    cache without being made again): the same bytes each time."""
    jobs = docx_jobs()
    calls = counted_made(monkeypatch)
    built: list[dict[tuple[str, str], bytes]] = []
    for run, where in enumerate(["off", str(tmp_path / "cache"), str(tmp_path / "cache")]):
        cache_in(where)
        documents = {}
        for lang in sorted({lang for _, lang in jobs}):
            formats = [name for name, wanted in jobs if wanted == lang]
            out = tmp_path / f"out{run}-{lang}"
            reports = build(BuildOptions(formats=formats, langs=[lang], as_of=AS_OF, out=out))
            documents.update({(r.format_id, r.lang): r.path.read_bytes() for r in reports})
        built.append(documents)
        if run == 1:
            assert calls, "the styles were set aside"
            made = len(calls)
    assert len(built[0]) == len(jobs) >= 9
    assert built[0] == built[1] == built[2]
    assert len(calls) == made  # the third build made nothing anew


def styles_part(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")


def small_template(folder: Path, *, styles: bool = True) -> Path:
    """A one-paragraph Word template as python-docx makes it; without ``styles``, with no
    styles part at all."""
    document = Document()
    document.add_paragraph("{{ name }}")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if not styles:
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = source.read(info)
                if info.filename == "word/styles.xml":
                    continue
                if info.filename in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
                    content = re.sub(rb"<(Override|Relationship)[^>]*styles[^>]*/>", b"", content)
                target.writestr(info, content)
        data = out.getvalue()
    path = folder / ("small.docx" if styles else "bare.docx")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("styles", [True, False])
@pytest.mark.parametrize("locale", ["de_DE", None])
def test_a_template_gives_the_same_document_either_way(
    tmp_path: Path, cache_in: CacheIn, styles: bool, locale: str | None
) -> None:
    """With and without a language to set, with and without a styles part (python-docx
    then makes one to set the language in, and nothing is set aside)."""
    template = small_template(tmp_path, styles=styles)

    def fill(path: Path) -> bytes:
        return fill_docx(path, {"name": "Ada"}, as_of=AS_OF, title="T", lang="de", locale=locale)

    cache_in("off")
    assert docxstyles.open_template(template, None) == docxstyles.Aside(template.read_bytes(), {})
    plain = fill(template)
    cache_in(str(tmp_path / "cache"))
    opened = docxstyles.open_template(template, locale and locale.replace("_", "-"))
    assert bool(opened.parts) == styles
    for _ in range(2):
        assert fill(template) == plain
    if locale:
        defaults = Document(io.BytesIO(plain)).styles.element.find(qn("w:docDefaults"))
        assert defaults is not None and b'w:val="de-DE"' in styles_part(plain)


def test_the_package_python_docx_opens_holds_placeholders_only_for_styles(
    tmp_path: Path, cache_in: CacheIn
) -> None:
    from grantdocs.resources import templates_dir

    cache_in(str(tmp_path / "cache"))
    template = templates_dir() / "dfg-cv" / "template.docx"
    aside = docxstyles.open_template(template, "en-GB")
    original = zipfile.ZipFile(template)
    opened = zipfile.ZipFile(io.BytesIO(aside.package))
    assert opened.namelist() == original.namelist()
    assert "word/styles.xml" in aside.parts
    for name in original.namelist():
        if name in aside.parts:
            assert opened.read(name) == docxstyles.PLACEHOLDER
        else:
            assert opened.read(name) == original.read(name)


@pytest.mark.parametrize("cache", ["on", "off"])
def test_a_refused_template_is_refused_either_way(
    tmp_path: Path, cache_in: CacheIn, cache: str
) -> None:
    cache_in(str(tmp_path / "cache") if cache == "on" else "off")
    for content in (b"", b"%PDF-1.7", b"PK\x03\x04 not a zip"):
        path = tmp_path / "broken.docx"
        path.write_bytes(content)
        with pytest.raises(TemplateError) as expected:
            read_checked(path, "docx")
        with pytest.raises(TemplateError) as got:
            docxstyles.open_template(path, "de-DE")
        assert str(got.value) == str(expected.value)
    with pytest.raises(TemplateError, match="not found"):
        docxstyles.open_template(tmp_path / "missing.docx", None)


@pytest.mark.parametrize("cache", ["on", "off"])
def test_the_template_is_read_once_and_what_was_checked_is_opened(
    tmp_path: Path, cache_in: CacheIn, monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    """A template swapped for another file after it was read and checked is not what
    python-docx opens: each document reads its template once."""
    cache_in(str(tmp_path / "cache") if cache == "on" else "off")
    template = small_template(tmp_path)
    content = template.read_bytes()
    reads: list[Path] = []
    original = package.read_template

    def read_then_swap(path: Path) -> bytes:
        reads.append(path)
        data = original(path)
        path.write_bytes(b"swapped")
        return data

    monkeypatch.setattr(docxstyles, "read_template", read_then_swap)
    monkeypatch.setattr(package, "read_template", read_then_swap)  # read_checked's
    for _ in range(2):
        template.write_bytes(content)
        out = fill_docx(template, {"name": "Ada"}, as_of=AS_OF, title="T", lang="de")
        assert b"Ada" in zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml")
    assert reads == [template, template]


REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "docx"
"""Word documents from python-docx's own tests (tests/fixtures/real/SOURCES.md)."""


def same_either_way(template: Path, cache_in: CacheIn, cache: Path) -> None:
    """``template`` filled with the cache off, then twice with ``cache`` (the styles set
    aside, then from the cache): the same bytes, with and without a language to set."""
    for locale in ("de_DE", None):
        built = []
        for where in ("off", str(cache), str(cache)):
            cache_in(where)
            built.append(fill_docx(template, {}, as_of=AS_OF, title="T", lang="de", locale=locale))
        assert built[0] == built[1] == built[2], (template.name, locale)


def test_real_word_documents_are_the_same_with_their_styles_set_aside(
    tmp_path: Path, cache_in: CacheIn
) -> None:
    """Documents saved by Word for Mac and Windows: with Word 2010's stylesWithEffects, with
    no styles part, with comments, headers, numbering, hyperlinks, a styled table."""
    documents = sorted(REAL.glob("*.docx"))
    assert len(documents) >= 10
    for document in documents:
        same_either_way(document, cache_in, tmp_path / "cache")


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_a_document_libreoffice_saved_is_the_same_with_its_styles_set_aside(
    tmp_path: Path, cache_in: CacheIn
) -> None:
    """LibreOffice writes its own styles part (and none with effects): a real Word document
    saved again by LibreOffice as .docx."""
    import subprocess

    soffice = find_soffice()
    assert soffice is not None
    source = tmp_path / "source" / "hdr-header-footer.docx"
    source.parent.mkdir()
    source.write_bytes((REAL / source.name).read_bytes())
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "saved"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    saved = tmp_path / "saved" / source.name
    assert "LibreOffice" in zipfile.ZipFile(saved).read("docProps/app.xml").decode()
    same_either_way(saved, cache_in, tmp_path / "cache")
