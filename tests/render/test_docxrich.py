"""``rich_text`` writes exactly the XML that docxtpl's ``RichText.add`` writes."""

from __future__ import annotations

from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docxtpl import RichText
from hypothesis import given
from hypothesis import strategies as st

from grantdocs.cite.rich import Segment
from grantdocs.render.docxrich import rich_text


def url_id(url: str) -> str:
    return f"rId{len(url)}"


def by_add(segments: list[Segment]) -> str:
    """What ``render.docx`` did before: one ``RichText.add`` per segment."""
    rich = RichText()
    for seg in segments:
        if seg.url:
            rich.add(seg.text, url_id=url_id(seg.url), style="Hyperlink")
        else:
            rich.add(seg.text, bold=seg.bold, italic=seg.italic)
    return str(rich.xml)


segments = st.lists(
    st.builds(
        Segment,
        st.text(),
        st.booleans(),
        st.booleans(),
        st.one_of(st.none(), st.just(""), st.text(min_size=1)),
    ),
    max_size=8,
)


@given(segments)
def test_same_xml_as_richtext_add(segs: list[Segment]) -> None:
    assert rich_text(segs, url_id, "Hyperlink").xml == by_add(segs)


def test_every_kind_of_run() -> None:
    segs = [
        Segment("Lovelace A", bold=True),
        Segment(", "),
        Segment("Notes & <Tables> \"q\" 'a'", italic=True),
        Segment("both", bold=True, italic=True),
        Segment(""),
        Segment("doi:10.1/x", bold=True, url="https://doi.org/10.1/x?a=1&b=2"),
    ]
    xml = rich_text(segs, url_id, "Hyperlink").xml
    assert xml == by_add(segs)
    assert "&amp; &lt;Tables&gt; &quot;q&quot; &#x27;a&#x27;" in xml
    assert isinstance(rich_text([], url_id, "Hyperlink"), RichText)


def test_small_caps_runs_read_back_as_small_caps_in_word(tmp_path: Path) -> None:
    """``RichText.add`` has no small caps: a small-caps run (DIN 1505-2's author names) has
    ``w:smallCaps`` after its bold and italic, and python-docx reads it back as such; the
    other runs are as ``RichText.add`` writes them."""
    from docx import Document

    segs = [
        Segment("Spitz, J. ; ", small_caps=True),
        Segment("Speck, D.", bold=True, small_caps=True),
        Segment(": Title", italic=True),
        Segment("x", bold=True, italic=True, small_caps=True),
    ]
    xml = rich_text(segs, url_id, "Hyperlink").xml
    assert rich_text(segs[2:3], url_id, "Hyperlink").xml == by_add(segs[2:3])
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p>{xml}</w:p></w:body></w:document>"
    )
    path = tmp_path / "caps.docx"
    document = Document()
    document.element.body.append(parse_xml(body).find(qn("w:body")).find(qn("w:p")))
    document.save(str(path))
    runs = Document(str(path)).paragraphs[-1].runs
    assert [(r.text, r.bold, r.italic, r.font.small_caps) for r in runs] == [
        ("Spitz, J. ; ", None, None, True),
        ("Speck, D.", True, None, True),
        (": Title", None, True, None),
        ("x", True, True, True),
    ]
