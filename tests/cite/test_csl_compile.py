"""The compiled styles (cite/csl_compile.py) write what citeproc-py writes: every entry of
every real fixture file (tests/fixtures/real/*.bib), as it is and as grantdocs cites it (its
"no date" term, the owner's names marked), in every style of ``csl_render.FAST_STYLES``, in
German, English (US and GB) and French, with the style's et-al. rule, every name and the
format's et-al. rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grantdocs.cite import csl_compile
from grantdocs.cite.csl_item import csl_item
from grantdocs.cite.csl_render import (
    _COMPILED_MARKS,
    FAST_STYLES,
    OWNER_START,
    _style_tree,
    compiled,
    mark_owners,
    render_citeproc,
    render_marked,
    supported,
)
from grantdocs.cite.no_date import date_or_no_date
from grantdocs.formats.citation_styles import style_path
from tests.cite.real_entries import localizer, real_publications

LOCALES = [("de", "de-DE"), ("en", "en-US"), ("en", "en-GB"), ("fr", "fr-FR")]
VARIANTS = [(False, None), (True, None), (False, (4, 3))]
"""(whole_names, cut): the style's et-al. rule, every name, the format's rule."""


def _items(lang: str, path: Path, locale: str) -> list[dict[str, Any]]:
    """Every real fixture entry as a CSL item, and as grantdocs cites it: with the no-date
    term where it has no date and the first (else the last) author's family name marked."""
    gettext = localizer(lang).word
    items = []
    for i, pub in enumerate(real_publications()):
        item = csl_item(pub, gettext)
        items.append(item)
        cited = date_or_no_date(item, path, locale)
        names = [n for n in cited.get("author", []) if "family" in n]
        if names:
            owner = names[0] if i % 2 else names[-1]
            cited = mark_owners(cited, [(owner["family"], owner["given"])])
        items.append(cited)
    return items


@pytest.mark.parametrize(("lang", "locale"), LOCALES)
@pytest.mark.parametrize("style", FAST_STYLES)
def test_compiled_entries_equal_citeproc(style: str, lang: str, locale: str) -> None:
    path = style_path(style)
    items = _items(lang, path, locale)
    marked = [
        n for item in items for n in item.get("author", []) if OWNER_START in n.get("family", "")
    ]
    assert len(marked) > 100
    assert sum("literal" in item.get("issued", {}) for item in items) > 10 or style == "apa"
    assert supported(str(path))
    for whole_names, cut in VARIANTS:
        root = _style_tree(str(path), whole_names, cut).getroot()
        csl_compile.compile_style(root, locale, _COMPILED_MARKS)  # whole: every element done
        fast = compiled(str(path), locale, whole_names, cut)  # as rendered: lazily
        assert fast is not None, (style, whole_names, cut)
        theirs = [render_citeproc(path, locale, item, whole_names, cut) for item in items]
        for item, reference in zip(items, theirs, strict=True):
            assert fast(item) == reference, item
        assert len(theirs) > 600
        assert len(set(theirs)) > 0.4 * len(theirs)  # the entries differ: the comparison can fail


def test_an_unsupported_item_is_rendered_by_citeproc() -> None:
    """A date range (which the compiled styles do not render) falls back to citeproc-py."""
    path = style_path("din-1505-2")
    item = {
        "id": "x", "type": "book", "title": "A Title",
        "author": [{"family": "Muster", "given": "Erika"}],
        "issued": {"date-parts": [[2020], [2021]]},
    }  # fmt: skip
    fast = compiled(str(path), "de-DE")
    assert fast is not None
    with pytest.raises(csl_compile.Unsupported):
        fast(item)
    assert render_marked(path, "de-DE", item) == render_citeproc(path, "de-DE", item)


def test_a_user_style_is_rendered_by_citeproc(tmp_path: Path) -> None:
    """Only the bundled styles take the compiled path; a copy of one elsewhere does not."""
    copy = tmp_path / "din.csl"
    copy.write_bytes(style_path("din-1505-2").read_bytes())
    assert compiled(str(copy), "de-DE") is None
    assert compiled(str(style_path("din-1505-2")), "de-DE") is not None


def test_seams() -> None:
    """A double space or a repeated period, comma, ... at a seam loses its second one."""
    assert csl_compile.join(["Title.", ". In"], "") == "Title. In"
    assert csl_compile.join(["A", "B"], ", ") == "A, B"
    assert csl_compile.wrap(" (", ").", "x.") == " (x.)."
    assert csl_compile.wrap(", ", "", " x") == ", x"


_GIVEN = st.sampled_from(["Jan", "Jean-Paul", "A. B.", "Ánna Lena", "J.", "Hans-Peter K.", "mary"])
_FAMILY = st.sampled_from(["Müller", "van der Berg", "O'Neil", "Smith-Jones", "Ng", "d'Alembert"])
_PERSON = st.one_of(
    st.fixed_dictionaries(
        {"family": _FAMILY},
        optional={
            "given": _GIVEN,
            "suffix": st.just("Jr."),
            "non-dropping-particle": st.just("van"),
            "dropping-particle": st.just("de"),
        },
    ),
    st.just({"literal": "The Consortium"}),
)
_FIELDS = {
    "title": st.sampled_from(["A study of things", "Über die Natur: Teil 2", "What? A question.",
                              "The end...", "Deep learning, explained", "«Quoted» \"marks\""]),
    "container-title": st.sampled_from(["Journal of Tests", "Proceedings of the ICML", "Nature"]),
    "collection-title": st.sampled_from(["Lecture Notes in CS", "Reihe A"]),
    "collection-number": st.sampled_from(["12", "IV", "3a"]),
    "publisher": st.sampled_from(["Springer", "De Gruyter"]),
    "publisher-place": st.sampled_from(["Berlin", "Cambridge, MA"]),
    "volume": st.sampled_from(["12", "12-13", "A4", "vol. 2"]),
    "issue": st.sampled_from(["1", "2-3", "Suppl. 1"]),
    "page": st.sampled_from(["1-10", "101–109", "e1234", "5", "12, 15-18", "123-45"]),
    "edition": st.sampled_from(["2nd", "revised"]),
    "number": st.sampled_from(["WO2020123456A1", "TR-17", "42"]),
    "genre": st.sampled_from(["PhD thesis", "Working Paper"]),
    "URL": st.just("https://example.org/x"),
    "DOI": st.sampled_from(["10.1000/xyz123", "10.48550/arXiv.2101.00001"]),
    "status": st.sampled_from(["in press", "submitted"]),
    "event": st.just("NeurIPS 2020"),
    "archive": st.sampled_from(["SSRN", "OSF"]),
    "language": st.sampled_from(["de", "en", "fr-FR"]),
    "number-of-pages": st.sampled_from(["300", "xii+200"]),
    "issued": st.one_of(
        st.builds(lambda y: {"date-parts": [[y]]}, st.integers(1950, 2026)),
        st.builds(lambda y, m: {"date-parts": [[y, m]]}, st.integers(1950, 2026), st.integers(1, 12)),
        st.just({"literal": "o. J."}),
    ),
    "accessed": st.just({"date-parts": [[2024, 5, 3]]}),
}  # fmt: skip
_NAMES = st.lists(_PERSON, min_size=1, max_size=12)
_ITEMS = st.fixed_dictionaries(
    {
        "id": st.just("x"),
        "type": st.sampled_from(
            ["article-journal", "paper-conference", "chapter", "book", "report", "thesis",
             "manuscript", "patent", "review", "review-book", "dataset", "software", "speech",
             "post", "periodical", "webpage"]
        ),
    },
    optional={"author": _NAMES, "editor": _NAMES, "container-author": _NAMES,
              "collection-editor": _NAMES, "translator": _NAMES, **_FIELDS},
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(item=_ITEMS, style=st.sampled_from(FAST_STYLES), locale=st.sampled_from(["de-DE", "en-US"]))
def test_made_up_entries_equal_citeproc(item: dict[str, Any], style: str, locale: str) -> None:
    """Entries the fixtures may lack (particles, suffixes, literal names, long author lists,
    odd pages and volumes, every field at once): where the compiled path renders them, the
    text is citeproc-py's; where it does not, citeproc-py renders them."""
    path = style_path(style)
    for whole_names, cut in VARIANTS:
        expected = render_citeproc(path, locale, item, whole_names, cut)
        assert render_marked(path, locale, item, whole_names, cut) == expected
