"""Works without a year, cited: the CSL locale's "no date" term ("o. J.", "n.d."), on real
entries (tests/fixtures/real: Georgiy Syunyaev's working papers, Stefan Groth's accepted
chapter), in German and English, against the reference processor."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantdocs.cite import cite, owner_names
from grantdocs.cite.csl_item import csl_item
from grantdocs.cite.csl_render import reference_text
from grantdocs.cite.no_date import date_or_no_date, no_date_term, prints_no_date
from grantdocs.formats.citation_styles import csl_locale, style_path
from grantdocs.formats.spec import CitationStyle
from grantdocs.importers.bibtex import read_bibtex
from grantdocs.l10n.formatting import Localizer
from grantdocs.profile.model import Person, Publication, validated
from grantdocs.profile.names import Owners

REAL = Path(__file__).parents[1] / "fixtures" / "real"
NBSP = "\u00a0"
NO_DATE = {"de": f"o.{NBSP}J.", "en": "n.d."}
"""The short 'no date' terms of citeproc-py's de-DE, en-US and en-GB locale files."""
QUOTE = {"de": "“", "en": "”"}
"""The closing quotation mark of a title in the numbered style."""


def _entry(file: str, key: str) -> Publication:
    result = read_bibtex((REAL / file).read_text(encoding="utf-8"), file)
    record = next(r for r in result.records if r.source_key == key)
    return validated(Publication, {**record.entry, "id": key})


SYUNYAEV = owner_names(Person(given_names="Georgiy", family_name="Syunyaev"))
GROTH = owner_names(Person(given_names="Stefan", family_name="Groth"))


def _cite(pub: Publication, style: str, lang: str, owners: Owners = SYUNYAEV) -> str:
    return str(cite(pub, CitationStyle(style=style), owners, Localizer(lang).word, lang=lang))


def test_the_terms_are_the_csl_locales() -> None:
    assert no_date_term("de-DE") == NO_DATE["de"]
    assert no_date_term("en-GB") == no_date_term("en-US") == "n.d."
    assert no_date_term("fr-FR") == f"s.{NBSP}d."


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_working_paper_without_a_year_reads_no_date_in_each_style(lang: str) -> None:
    pub = _entry("georgiy-syunyaev_papers.bib", "hilbig2024")
    assert pub.year is None
    term = NO_DATE[lang]
    # DIN 1505-2 prints no date of its own: the term stands where the year would
    assert _cite(pub, "din-1505-2", lang) == (
        "Hilbig, H. ; Sichart, F. ; Syunyaev, G.: Foreign Policy Debates Shape Refugees' "
        f"Psychological Integration (Working Paper), {term}"
    )
    # APA words a missing date itself ("(n.d.)"), from the same locale term
    assert _cite(pub, "apa", lang).startswith(
        f"Hilbig, H., Sichart, F., & Syunyaev, G. ({term}). Foreign Policy Debates"
    )
    # the YAML styles print the same term for their year
    assert f"Syunyaev G ({term}). Foreign Policy" in _cite(pub, "author-year", lang)
    assert _cite(pub, "numbered", lang).endswith(f"Psychological Integration{QUOTE[lang]}, {term}")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("style", ["din-1505-2", "apa", "ieee"])
def test_the_reference_processor_writes_the_same_from_the_same_item(style: str, lang: str) -> None:
    path, locale = style_path(style), csl_locale(lang)
    word = Localizer(lang).word
    for key in ("syunyaev2022bias", "hilbig2024", "minson2024"):
        pub = _entry("georgiy-syunyaev_papers.bib", key)
        item = csl_item(pub, word)
        assert "issued" not in item
        given = date_or_no_date(item, path, locale)
        reference = reference_text(path, locale, given)
        if style == "ieee":
            reference = reference.removeprefix("[1]")
        assert _cite(pub, style, lang).startswith(reference)
        assert NO_DATE[lang] in reference
        # the term is grantdocs' only change to the item, and only where the style has none
        assert (given == item) == prints_no_date(path)
        if given != item:
            assert NO_DATE[lang] not in reference_text(path, locale, item)


@pytest.mark.parametrize(("lang", "status"), [("de", "im Erscheinen"), ("en", "in press")])
def test_an_accepted_chapter_without_a_year_shows_its_status_not_no_date(
    lang: str, status: str
) -> None:
    pub = _entry("stefan-groth_bibliography.bib", "Groth0000aa")
    assert (pub.year, pub.status) == (None, "accepted")
    text = _cite(pub, "din-1505-2", lang, GROTH)
    assert text.endswith(f"Erfahrung. Kulturanalytische Positionen ({status})")
    assert NO_DATE[lang] not in text
    assert f"Groth, S. ({status.lower()})." in _cite(pub, "apa", lang, GROTH)
