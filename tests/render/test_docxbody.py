"""The body splice keeps everything around the body and puts the new body in place."""

from __future__ import annotations

import io
import re
import struct
import zlib

import pytest
from docx import Document
from docx.oxml.parser import parse_xml
from docx.shared import Twips
from lxml import etree

from grantdocs.render.docxbody import splice_body

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_splice_replaces_only_the_body() -> None:
    doc = Document()
    doc.add_paragraph("old")
    root = doc.element
    before = root.xml
    body = parse_xml(
        f'<w:body xmlns:w="{W}"><w:p><w:r><w:t>new &amp; &lt;ok&gt;</w:t></w:r></w:p></w:body>'
    )
    new = splice_body(root, body)
    assert root.xml == before  # the original is untouched
    texts = [t.text for t in new.iter(f"{{{W}}}t")]
    assert texts == ["new & <ok>"]
    assert new.tag == root.tag
    assert dict(new.nsmap) == dict(root.nsmap)


def test_rendered_document_reads_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from grantdocs.render.docxbody import SplicingTemplate

    doc = Document()
    doc.add_paragraph("{% for x in items %}{{ x }};{% endfor %}")
    doc.sections[0].left_margin = Twips(500)
    path = tmp_path / "t.docx"
    doc.save(str(path))
    tpl = SplicingTemplate(str(path))
    tpl.render({"items": ["a", "b"]})
    out = io.BytesIO()
    tpl.save(out)
    back = Document(io.BytesIO(out.getvalue()))
    assert back.paragraphs[0].text == "a;b;"
    assert back.sections[0].left_margin == Twips(500)  # sectPr in the body survived


def _png() -> bytes:
    """A 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def _template(tmp_path, table: bool):  # type: ignore[no-untyped-def]
    doc = Document()
    doc.add_paragraph("{% for x in items %}{{ x }};{% endfor %}")
    doc.add_paragraph("{{ raw }}")
    image = tmp_path / "i.png"
    image.write_bytes(_png())
    doc.add_picture(str(image))
    doc.add_picture(str(image))
    if table:
        doc.add_table(rows=1, cols=2).cell(0, 0).text = "{{ items[0] }}"
    path = tmp_path / f"t{table}.docx"
    doc.save(str(path))
    return path


def _rendered(path, context, monkeypatch, *, fast: bool) -> bytes:  # type: ignore[no-untyped-def]
    from grantdocs.render import docxbody

    if not fast:  # every body takes docxtpl's parse and table fixes, then splice_body
        monkeypatch.setattr(docxbody, "_TABLE", re.compile(""))
    tpl = docxbody.SplicingTemplate(str(path))
    tpl.render(context)
    monkeypatch.undo()
    return bytes(etree.tostring(tpl.docx.element))


@pytest.mark.parametrize("table", [False, True])
@pytest.mark.parametrize(
    "raw", ["plain", "<w:r><w:t>inserted</w:t></w:r>", "<w:r><w:t>broken</w:r></w:p>"]
)
def test_body_without_tables_is_parsed_once_with_the_same_result(
    tmp_path, monkeypatch, table: bool, raw: str
) -> None:  # type: ignore[no-untyped-def]
    path = _template(tmp_path, table)
    context = {"items": ["a", "b"], "raw": raw}
    fast = _rendered(path, context, monkeypatch, fast=True)
    assert fast == _rendered(path, context, monkeypatch, fast=False)
    assert fast.count(b"<wp:docPr") == 2 and b'id="1001"' in fast and b'id="1002"' in fast


@pytest.mark.parametrize("extra", ["", " a stray <w:body> in a comment "])
def test_splice_by_text_equals_splice_by_moving(extra: str) -> None:
    from grantdocs.render.docxbody import _splice_by_moving, splice_text

    doc = Document()
    for index in range(2000):
        doc.add_paragraph(f"paragraph {index}")
    root = doc.element
    if extra:
        root.body.append(etree.Comment(extra))
    before = root.xml
    body = f'<w:body xmlns:w="{W}"><w:p><w:r><w:t>new</w:t></w:r></w:p></w:body>'
    by_text = etree.tostring(splice_text(root, body))
    assert root.xml == before
    assert by_text == etree.tostring(_splice_by_moving(root, body))
    assert root.xml == before


def test_patched_parts_come_from_the_cache_and_equal_docxtpls(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Every part of every bundled Word template (body, headers, footers) patched by
    ``SplicingTemplate`` equals docxtpl's own ``patch_xml``; the second time it comes from
    the disk cache without docxtpl's code running."""
    from docxtpl import DocxTemplate

    from grantdocs import usercache
    from grantdocs.render.docxbody import SplicingTemplate
    from grantdocs.resources import templates_dir

    monkeypatch.setenv(usercache.ENV_VAR, str(tmp_path / "cache"))
    calls: list[str] = []
    original = DocxTemplate.patch_xml

    def counted(self: DocxTemplate, xml: str) -> str:
        calls.append(xml)
        return str(original(self, xml))

    monkeypatch.setattr(DocxTemplate, "patch_xml", counted)
    templates = sorted(templates_dir().glob("*/*.docx"))
    assert len(templates) >= 8
    seen: set[str] = set()  # templates share footers
    try:
        for path in templates:
            tpl = SplicingTemplate(str(path))
            tpl.init_docx()
            parts = [tpl.get_xml()]
            parts += [tpl.get_part_xml(p) for _, p in tpl.get_headers_footers(tpl.HEADER_URI)]
            parts += [tpl.get_part_xml(p) for _, p in tpl.get_headers_footers(tpl.FOOTER_URI)]
            for xml in parts:
                expected = original(tpl, xml)
                calls.clear()
                assert tpl.patch_xml(xml) == expected
                assert calls == ([] if xml in seen else [xml])
                seen.add(xml)
                assert tpl.patch_xml(xml) == expected
                assert calls in ([], [xml])  # the second time from the cache
    finally:
        usercache._trusted.cache_clear()
