"""The body splice keeps everything around the body and puts the new body in place."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.parser import parse_xml
from docx.shared import Twips

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
