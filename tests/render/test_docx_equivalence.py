"""grantdocs' fast Word rendering (``SplicingTemplate`` with ``rich_text``) gives the same
document as plain docxtpl (``DocxTemplate`` with ``RichText.add``) on the same template and
context: body, footer and relationships, part by part.

These tests guard the docxtpl and python-docx internals the fast path relies on (see
``render/docxbody.py``); run them after raising the version pins in pyproject.toml.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docxtpl import DocxTemplate, RichText
from lxml import etree

from grantdocs.cite.rich import Segment
from grantdocs.render.docxbody import SplicingTemplate
from grantdocs.render.docxrich import rich_text
from grantdocs.render.jinja import environment

LINK_STYLE = "Hyperlink"
SEGMENTS = [
    [Segment("Lovelace A", True, False, None), Segment(", Babbage C & <co>. ", False, False, None),
     Segment("Notes", False, True, None), Segment(" doi", False, False, "https://doi.org/10.1/a")],
    [Segment("Study \"two\"", False, False, None),
     Segment("link", False, False, "https://example.org/?a=1&b=2")],
]


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def _template(tmp_path: Path, *, table: bool) -> Path:
    doc = Document()
    doc.add_heading("{{ title }}", level=1)
    doc.add_paragraph("{%p for item in items %}")
    doc.add_paragraph("{{r item.rich }}", style="List Number")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{ listing }}")
    image = tmp_path / "i.png"
    image.write_bytes(_png())
    doc.add_picture(str(image))
    doc.add_picture(str(image))
    if table:
        grid = doc.add_table(rows=3, cols=2)
        grid.cell(0, 0).text = "{%tr for row in rows %}"
        grid.cell(1, 0).text = "{{ row.a }}"
        grid.cell(1, 1).text = "{{ row.b }}"
        grid.cell(2, 0).text = "{%tr endfor %}"
    doc.sections[0].footer.paragraphs[0].text = "{{ title }}\t{{ listing }}"
    path = tmp_path / f"template-{table}.docx"
    doc.save(str(path))
    return path


def _context(make_rich: Any) -> dict[str, Any]:
    return {
        "title": "CV & <list> of \"Ada\"",
        "items": [{"rich": make_rich(segments)} for segments in SEGMENTS],
        "listing": "line one\nline two\tafter a tab",
        "rows": [{"a": "2021–", "b": "x & y"}, {"a": "2019", "b": "tab\there"}],
    }


def _parts(tpl: DocxTemplate) -> dict[str, bytes]:
    """Every XML part of the saved document, canonicalised (C14N): the fast path declares
    the namespaces again on ``w:body``, which changes no element, attribute or text."""
    buffer = io.BytesIO()
    tpl.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {
            name: etree.tostring(etree.fromstring(package.read(name)), method="c14n")
            for name in package.namelist() if name.endswith((".xml", ".rels"))
        }


def _plain(path: Path) -> dict[str, bytes]:
    tpl = DocxTemplate(str(path))
    tpl.init_docx()

    def make(segments: list[Segment]) -> RichText:
        rich = RichText()
        for seg in segments:
            if seg.url:
                rich.add(seg.text, url_id=tpl.build_url_id(seg.url), style=LINK_STYLE)
            else:
                rich.add(seg.text, bold=seg.bold, italic=seg.italic)
        return rich

    tpl.render(_context(make), jinja_env=environment(), autoescape=True)
    return _parts(tpl)


def _fast(path: Path) -> dict[str, bytes]:
    tpl = SplicingTemplate(str(path))
    tpl.init_docx()
    context = _context(lambda segments: rich_text(segments, tpl.build_url_id, LINK_STYLE))
    tpl.render(context, jinja_env=environment(), autoescape=True)
    return _parts(tpl)


@pytest.mark.parametrize("table", [False, True], ids=["no-table", "table"])
def test_the_fast_path_writes_what_plain_docxtpl_writes(tmp_path: Path, table: bool) -> None:
    path = _template(tmp_path, table=table)
    plain, fast = _plain(path), _fast(path)
    assert sorted(fast) == sorted(plain)
    for name in plain:
        assert fast[name] == plain[name], name
    body = plain["word/document.xml"].decode("utf-8")
    assert "CV &amp; &lt;list&gt;" in body and "<w:br>" in body and "<w:tab>" in body
    assert body.count("<w:hyperlink") == 2 and body.count("<wp:docPr") == 2
    assert ("x &amp; y" in body) is table


def test_the_fast_path_is_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a table the body is spliced in without docxtpl's parse: a python-docx
    update that drops the attribute the fast path checks shows here, not as a slow build."""
    calls: list[str] = []
    original = DocxTemplate.fix_tables

    def counted(self: DocxTemplate, xml: str) -> Any:
        calls.append("docxtpl")
        return original(self, xml)

    monkeypatch.setattr(DocxTemplate, "fix_tables", counted)
    _fast(_template(tmp_path, table=False))
    assert calls == []
    _fast(_template(tmp_path, table=True))
    assert calls == ["docxtpl"]
