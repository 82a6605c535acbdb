"""``rich_text`` writes exactly the XML that docxtpl's ``RichText.add`` writes."""

from __future__ import annotations

from docxtpl import RichText
from hypothesis import given
from hypothesis import strategies as st

from grantdocs.render.docxrich import rich_text
from grantdocs.render.rich import Segment


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
