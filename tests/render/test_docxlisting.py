"""``resolve_listing`` gives exactly what docxtpl's own ``resolve_listing`` gives."""

from __future__ import annotations

from typing import Any

from docxtpl import DocxTemplate
from hypothesis import given
from hypothesis import strategies as st

from grantdocs.render.docxlisting import resolve_listing


def docxtpl_resolve(xml: str) -> str:
    """docxtpl's method (it does not read the template it is called on)."""
    result: Any = DocxTemplate.resolve_listing(None, xml)
    return str(result)


def ours(xml: str) -> str:
    return resolve_listing(xml, docxtpl_resolve)


RUN = '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>'
PARA = '<w:p><w:pPr><w:pStyle w:val="X"/></w:pPr>{}</w:p>'


def test_paragraphs_without_special_characters_are_left_alone() -> None:
    xml = "<w:body>" + PARA.format(RUN.format("plain & simple")) * 3 + "</w:body>"
    assert ours(xml) == docxtpl_resolve(xml) == xml


def test_tabs_newlines_bells_and_form_feeds_are_resolved() -> None:
    texts = ["a\tb", "line\nbreak", "para\agraph", "page\fbreak", "plain"]
    xml = "<w:body>" + "".join(PARA.format(RUN.format(t)) for t in texts) + "</w:body>"
    result = ours(xml)
    assert result == docxtpl_resolve(xml)
    assert "<w:tab/>" in result and "<w:br/>" in result and 'w:type="page"' in result


def test_docxtpls_own_quirks_are_kept() -> None:
    # a self-closing paragraph or text with attributes makes docxtpl's patterns run on to
    # the next closing tag; the result must still be docxtpl's.
    xml = (
        '<w:body><w:p w:rsidR="1"/><w:p><w:r><w:t xml:space="preserve"/></w:r>\n'
        + PARA.format(RUN.format("x\ty"))
        + "\n</w:body>"
    )
    assert ours(xml) == docxtpl_resolve(xml)


pieces = st.sampled_from(
    [
        "<w:p>",
        '<w:p w:rsidR="00A1">',
        "<w:p/>",
        '<w:p w:x="1"/>',
        "</w:p>",
        "<w:pPr><w:jc/></w:pPr>",
        "<w:r>",
        "<w:r w:rsidR='2'>",
        "</w:r>",
        "<w:rPr><w:i/></w:rPr>",
        "<w:t>",
        '<w:t xml:space="preserve">',
        '<w:t xml:space="preserve"/>',
        "</w:t>",
        "<w:tab/>",
        "<w:tbl>",
        "text",
        "\t",
        "\n",
        "\a",
        "\f",
        " & ",
    ]
)


@given(st.lists(pieces, max_size=40))
def test_same_as_docxtpl_on_any_sequence_of_pieces(parts: list[str]) -> None:
    xml = "".join(parts)
    assert ours(xml) == docxtpl_resolve(xml)
