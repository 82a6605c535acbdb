"""The memos of citeproc-py's look-ups (cite/citeproc_fast.py) change no citation:
every entry of every real fixture file (tests/fixtures/real/*.bib) in every bundled CSL style,
in German, English and French, rendered with and without them."""

from __future__ import annotations

import citeproc
import pytest

from grantdocs.cite import citeproc_fast
from grantdocs.cite.csl_item import csl_item
from grantdocs.cite.csl_render import processor, reference_text
from grantdocs.formats.citation_styles import csl_style_ids, style_path
from tests.cite.real_entries import localizer, real_publications


def _items(lang: str) -> list[dict[str, object]]:
    word = localizer(lang).word
    return [csl_item(pub, word) for pub in real_publications()]


def test_the_patched_version_is_the_pinned_one() -> None:
    assert citeproc.__version__ == citeproc_fast.VERSION


@pytest.mark.parametrize(
    ("lang", "locale"), [("de", "de-DE"), ("en", "en-US"), ("en", "en-GB"), ("fr", "fr-FR")]
)
@pytest.mark.parametrize("style", csl_style_ids())
def test_same_text_with_and_without_the_memo(style: str, lang: str, locale: str) -> None:
    items = _items(lang)
    citeproc_fast.disable()
    processor.cache_clear()
    try:
        plain = [reference_text(style_path(style), locale, item) for item in items]
    finally:
        processor.cache_clear()
        assert citeproc_fast.enable()
    fast = [reference_text(style_path(style), locale, item) for item in items]
    assert len(plain) > 300
    for item, mine, theirs in zip(items, fast, plain, strict=True):
        assert mine == theirs, item
    assert len(set(plain)) > 0.9 * len(plain)  # the entries differ: the comparison can fail


def test_a_label_of_an_empty_variable_renders_nothing() -> None:
    """CSL 1.0.1, cs:label: nothing when its variable is empty; citeproc-py 0.11.1 printed
    DIN 1505-2's "S." for an article without pages."""
    from grantdocs.cite.csl_render import reference_text
    from grantdocs.formats.citation_styles import style_path

    item = {
        "id": "x", "type": "article-journal", "title": "A Title",
        "author": [{"family": "Hedström", "given": "A."}],
        "issued": {"date-parts": [[2025]]},
        "container-title": "Transactions on Machine Learning Research",
    }  # fmt: skip
    text = reference_text(style_path("din-1505-2"), "de-DE", item)
    assert text.rstrip().endswith("Transactions on Machine Learning Research (2025)"), text
    paged = reference_text(style_path("din-1505-2"), "de-DE", {**item, "page": "1-5"})
    assert "(2025), S.\u00a01" in paged, paged


def test_forget_empties_the_memos_and_changes_no_text() -> None:
    """``csl_render.forget`` drops the parsed styles and every memo (which would keep the
    dropped styles alive); the next render is the same text."""
    from grantdocs.cite.csl_render import forget

    items = _items("de")[:20]
    path = style_path("din-1505-2")
    before = [reference_text(path, "de-DE", item) for item in items]
    assert any(citeproc_fast._memos)
    forget()
    assert not any(citeproc_fast._memos)
    assert [reference_text(path, "de-DE", item) for item in items] == before


def test_an_editor_who_is_also_the_translator_keeps_the_label() -> None:
    """The empty-label correction reads the editors for the 'editortranslator' label (CSL:
    one list, labelled "Hrsg. & Übers.") instead of a variable no item has."""
    people = [{"family": "Berg", "given": "Jan"}]
    item = {
        "id": "x",
        "type": "paper-conference",
        "title": "A study of things",
        "editor": people,
        "translator": people,
        "issued": {"date-parts": [[2020]]},
    }
    text = reference_text(style_path("apa"), "de-DE", item)
    assert "Hrsg.\u00a0& Übers." in text
    assert "Hrsg.\u00a0& Übers." not in reference_text(
        style_path("apa"), "de-DE", {**item, "translator": [{"family": "Roe", "given": "Ann"}]}
    )
