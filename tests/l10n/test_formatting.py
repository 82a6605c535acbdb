"""The expected German and English text of every kind of formatted value, as one table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from grantdocs.l10n.catalog import has_catalog
from grantdocs.l10n.formatting import BilingualLocalizer, Localizer, LocalizerLike
from grantdocs.profile.dates import PartialDate

NBSP = "\u00a0"


def make(lang: str) -> LocalizerLike:
    """``"de"``, ``"en"`` (en_GB), ``"en_US"``, or ``"de/en"`` for a bilingual localizer."""
    if "/" in lang:
        first, second = lang.split("/")
        return BilingualLocalizer(make_one(first), make_one(second))
    return make_one(lang)


def make_one(lang: str) -> Localizer:
    code, _, region = lang.partition("_")
    assert has_catalog(code)
    return Localizer(code, lang if region else "")


def pd(text: str | None) -> PartialDate | None:
    return None if text is None else PartialDate.parse(text)


def render(kind: str, value: Any, loc: LocalizerLike, style: str) -> str:
    """Apply ``kind`` to ``value``; a period's style is "<date style>" or "<date style>/<open>"."""
    if kind == "date":
        d = value if isinstance(value, dt.date) else PartialDate.parse(value)
        return loc.date(d, style)  # type: ignore[arg-type]
    if kind == "period":
        date_style, _, open_style = style.partition("/")
        start, end = value
        return loc.period(pd(start), pd(end), date_style, open_style or "since")  # type: ignore[arg-type]
    if kind == "amount":
        return loc.amount(*value)
    if kind == "number":
        return loc.number(value)
    if kind == "join":
        return loc.join_names(value)
    if kind == "label":
        return loc.gettext(value)
    if kind == "word":
        return loc.word(value)
    if kind == "text":
        return loc.text(value, "test.path")
    raise AssertionError(kind)


# (kind, input, lang, style, expected)
TABLE: list[tuple[str, Any, str, str, str]] = [
    # dates, day precision
    ("date", "1986-12-16", "de", "long", "16. Dezember 1986"),
    ("date", "1986-12-16", "en", "long", "16 December 1986"),
    ("date", "1986-12-16", "en_US", "long", "December 16, 1986"),
    ("date", "1986-12-16", "de", "medium", "16. Dez. 1986"),
    ("date", "1986-12-16", "en", "medium", "16 Dec 1986"),
    ("date", "1986-12-16", "de", "numeric", "16.12.1986"),
    ("date", "1986-12-16", "en", "numeric", "16/12/1986"),
    ("date", "2023-03-01", "de", "numeric", "01.03.2023"),
    ("date", "2023-03-01", "en", "numeric", "01/03/2023"),
    ("date", "2023-03-01", "en_US", "numeric", "3/1/2023"),
    ("date", "1986-12-16", "de", "year", "1986"),
    ("date", dt.date(1986, 12, 16), "de", "long", "16. Dezember 1986"),
    ("date", dt.date(1986, 12, 16), "en", "long", "16 December 1986"),
    # dates, month precision
    ("date", "2018-12", "de", "long", "Dezember 2018"),
    ("date", "2018-12", "en", "long", "December 2018"),
    ("date", "2018-12", "de", "medium", "Dez. 2018"),
    ("date", "2018-12", "en", "medium", "Dec 2018"),
    ("date", "2018-03", "de", "medium", "März 2018"),
    ("date", "2018-03", "en", "medium", "Mar 2018"),
    ("date", "2018-09", "de", "medium", "Sept. 2018"),
    ("date", "2018-09", "en", "medium", "Sept 2018"),
    ("date", "2018-09", "en_US", "medium", "Sep 2018"),
    ("date", "2018-12", "de", "numeric", "12/2018"),
    ("date", "2018-12", "en", "numeric", "12/2018"),
    ("date", "2018-03", "de", "numeric", "03/2018"),
    ("date", "2018-12", "en", "year", "2018"),
    # dates, year precision: the same in every style
    ("date", "2018", "de", "long", "2018"),
    ("date", "2018", "en", "long", "2018"),
    ("date", "2018", "de", "medium", "2018"),
    ("date", "2018", "en", "numeric", "2018"),
    # closed periods
    ("period", ("2019-10", "2023-03"), "de", "medium", "Okt. 2019 – März 2023"),
    ("period", ("2019-10", "2023-03"), "en", "medium", "Oct 2019 – Mar 2023"),
    ("period", ("2019-10", "2023-03"), "de", "long", "Oktober 2019 – März 2023"),
    ("period", ("2019-10", "2023-03"), "en", "long", "October 2019 – March 2023"),
    ("period", ("2019-10", "2023-03"), "de", "numeric", "10/2019 – 03/2023"),
    ("period", ("2019-10", "2023-03"), "en", "numeric", "10/2019 – 03/2023"),
    ("period", ("2019-10", "2023-03"), "de", "year", "2019 – 2023"),
    ("period", ("2019", "2023"), "de", "medium", "2019 – 2023"),
    ("period", ("2019", "2023"), "en", "medium", "2019 – 2023"),
    ("period", ("2019", "2023-03"), "de", "medium", "2019 – März 2023"),
    ("period", ("2021-01", "2021-12"), "de", "medium", "Jan. 2021 – Dez. 2021"),
    ("period", ("2021-01", "2021-12"), "en", "medium", "Jan 2021 – Dec 2021"),
    ("period", ("2021", "2021"), "de", "medium", "2021"),
    ("period", ("2021-01", "2021-12"), "de", "year", "2021"),
    ("period", ("2021-12", "2021-12"), "en", "medium", "Dec 2021"),
    ("period", (None, "2023-03"), "de", "medium", "März 2023"),
    ("period", (None, "2023-03"), "en", "medium", "Mar 2023"),
    ("period", (None, None), "de", "medium", ""),
    # open periods, both styles
    ("period", ("2021", None), "de", "medium/since", "seit 2021"),
    ("period", ("2021", None), "en", "medium/since", "since 2021"),
    ("period", ("2019-10", None), "de", "medium/since", "seit Okt. 2019"),
    ("period", ("2019-10", None), "en", "medium/since", "since Oct 2019"),
    ("period", ("2021", None), "de", "medium/present", "2021 – heute"),
    ("period", ("2021", None), "en", "medium/present", "2021 – present"),
    ("period", ("2019-10", None), "de", "long/present", "Oktober 2019 – heute"),
    ("period", ("2019-10", None), "en", "long/present", "October 2019 – present"),
    # amounts and numbers
    ("amount", (Decimal("1250000"), "EUR"), "de", "", f"1.250.000,00{NBSP}€"),
    ("amount", (Decimal("1250000"), "EUR"), "en", "", "€1,250,000.00"),
    ("amount", (Decimal("1250000"), "EUR"), "en_US", "", "€1,250,000.00"),
    ("amount", (Decimal("99.5"), "EUR"), "de", "", f"99,50{NBSP}€"),
    ("amount", (Decimal("1250000"), "USD"), "en", "", "US$1,250,000.00"),
    ("number", Decimal("1234567.5"), "de", "", "1.234.567,5"),
    ("number", Decimal("1234567.5"), "en", "", "1,234,567.5"),
    ("number", 1000, "de", "", "1.000"),
    ("number", 41, "en", "", "41"),
    # lists
    ("join", ["A", "B", "C"], "de", "", "A, B und C"),
    ("join", ["A", "B", "C"], "en", "", "A, B and C"),
    ("join", ["A", "B", "C"], "en_US", "", "A, B, and C"),
    ("join", ["A", "B"], "de", "", "A und B"),
    ("join", ["A", "B"], "en", "", "A and B"),
    ("join", ["A"], "de", "", "A"),
    ("join", [], "en", "", ""),
    # labels
    ("label", "Personal Data", "de", "", "Persönliche Daten"),
    ("label", "Personal Data", "en", "", "Personal Data"),
    ("label", "Qualifications and Career", "de", "", "Qualifizierung und Werdegang"),
    ("label", "Periods and Details", "de", "", "Zeiträume und nähere Einzelheiten"),
    (
        "label",
        "Category A – Articles in peer-reviewed journals, contributions to peer-reviewed "
        "conferences or to anthology volumes, and book publications",
        "de",
        "",
        "Kategorie A – Fachaufsätze in Peer Review-Zeitschriften, Beiträge zu Konferenzen mit "
        "Peer Review oder Sammelbänden sowie Buchpublikationen",
    ),
    ("label", "et al.", "de", "", "et al."),
    ("label", "in preparation", "de", "", "in Vorbereitung"),
    ("label", "No such label", "de", "", "No such label"),
    # bilingual labels: primary first, once when equal
    ("label", "Personal Data", "de/en", "", "Persönliche Daten / Personal Data"),
    ("label", "Personal Data", "en/de", "", "Personal Data / Persönliche Daten"),
    ("label", "Software", "de/en", "", "Software"),
    ("label", "Open Access", "en/de", "", "Open Access"),
    # in a bilingual document, words, texts, dates and numbers use the primary language
    ("word", "submitted", "de/en", "", "eingereicht"),
    ("word", "submitted", "en/de", "", "submitted"),
    ("word", "and", "de", "", "und"),
    (
        "text",
        {"en": "Machine learning", "de": "Maschinelles Lernen"},
        "de/en",
        "",
        "Maschinelles Lernen",
    ),
    ("text", {"en": "Machine learning", "de": "Maschinelles Lernen"}, "en", "", "Machine learning"),
    ("text", "Explainable AI", "de", "", "Explainable AI"),
    ("date", "2018-12", "de/en", "long", "Dezember 2018"),
    ("period", ("2021", None), "de/en", "medium/since", "seit 2021"),
    ("period", ("2021", None), "en/de", "medium/present", "2021 – present"),
    ("amount", (Decimal("1250000"), "EUR"), "de/en", "", f"1.250.000,00{NBSP}€"),
    ("number", 1000, "en/de", "", "1,000"),
    ("join", ["A", "B", "C"], "de/en", "", "A, B und C"),
]


def row_id(row: tuple[str, Any, str, str, str]) -> str:
    kind, value, lang, style, _ = row
    return f"{kind}-{lang}-{style or '-'}-{value!s:.30}"


@pytest.mark.parametrize(
    ("kind", "value", "lang", "style", "expected"), TABLE, ids=map(row_id, TABLE)
)
def test_formats(kind: str, value: Any, lang: str, style: str, expected: str) -> None:
    assert render(kind, value, make(lang), style) == expected


# --- fallbacks ---------------------------------------------------------------------------


def test_missing_language_falls_back_to_english_and_records_the_path() -> None:
    loc = Localizer("de")
    assert loc.text({"en": "Team lead", "fr": "Chef d'équipe"}, "positions[0].title") == "Team lead"
    assert loc.fallbacks == ["positions[0].title"]


def test_without_english_the_first_entry_is_used() -> None:
    loc = Localizer("en")
    assert loc.text({"fr": "Chef d'équipe", "de": "Teamleitung"}, "positions[0].title") == (
        "Chef d'équipe"
    )
    assert loc.fallbacks == ["positions[0].title"]


def test_fallbacks_are_listed_once_each_in_order() -> None:
    loc = Localizer("de")
    for path in ("b", "a", "b"):
        loc.text({"en": "x"}, path)
    assert loc.fallbacks == ["b", "a"]


@pytest.mark.parametrize(
    "value", [None, "plain", {"de": "Deutsch", "en": "English"}], ids=["none", "str", "has-de"]
)
def test_no_fallback_is_recorded_when_nothing_is_missing(value: Any) -> None:
    loc = Localizer("de")
    loc.text(value, "person.bio")
    assert loc.fallbacks == []


def test_none_gives_empty_text() -> None:
    assert Localizer("en").text(None, "person.bio") == ""


def test_bilingual_fallbacks_are_the_primary_ones() -> None:
    primary = Localizer("de")
    loc = BilingualLocalizer(primary, Localizer("en"))
    assert loc.text({"en": "Team lead"}, "positions[0].title") == "Team lead"
    assert loc.fallbacks == ["positions[0].title"]
    assert primary.fallbacks == ["positions[0].title"]
    assert (loc.lang, loc.locale) == ("de", "de_DE")


# --- construction ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "locale", "expected"),
    [
        ("de", "", "de_DE"),
        ("de", "de", "de_DE"),
        ("en", "", "en_GB"),
        ("en", "en", "en_GB"),
        ("en", "en_US", "en_US"),
        ("en", "en-US", "en_US"),
        ("de", "de_AT", "de_AT"),
    ],
)
def test_locale_defaults_and_choices(lang: Any, locale: str, expected: str) -> None:
    assert Localizer(lang, locale).locale == expected


@pytest.mark.parametrize(
    ("lang", "locale"), [("fr", ""), ("de", "en_GB"), ("en", "xx_YY"), ("en", "not a locale")]
)
def test_unsupported_language_or_mismatched_locale_is_rejected(lang: Any, locale: str) -> None:
    with pytest.raises(ValueError):
        Localizer(lang, locale)


def test_bilingual_needs_two_languages() -> None:
    with pytest.raises(ValueError):
        BilingualLocalizer(Localizer("de"), Localizer("de", "de_AT"))


def test_custom_separator() -> None:
    loc = BilingualLocalizer(Localizer("de"), Localizer("en"), separator="\n")
    assert loc.gettext("Doctorate") == "Promotion\nDoctorate"


def test_dates_from_the_disk_cache_are_babels_and_load_no_locale_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A date formatted once is kept on disk: a new process formats the same dates without
    babel loading the locale's CLDR data, and gets the same text as babel gives."""
    import json
    import os
    import subprocess
    import sys

    from babel.dates import format_skeleton

    days = [dt.date(1986, 12, 16), dt.date(2018, 3, 1), dt.date(2024, 5, 31)]
    cases = [
        (s, d, loc) for s in ("yMMMMd", "yMMM", "yMM") for d in days for loc in ("de_DE", "fr_FR")
    ]
    code = (
        "import datetime as dt, json, sys\n"
        "import babel.localedata\n"
        "from grantdocs.l10n.formatting import _formatted\n"
        f"cases = {[(s, d.isoformat(), loc) for s, d, loc in cases]!r}\n"
        "texts = [_formatted(s, dt.date.fromisoformat(d), loc) for s, d, loc in cases]\n"
        "print(json.dumps([texts, sorted(babel.localedata._cache)]))\n"
    )
    env = {**os.environ, "GRANTDOCS_CACHE": str(tmp_path / "cache")}
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(2)
    ]
    expected = [str(format_skeleton(s, d, locale=loc)) for s, d, loc in cases]
    assert runs[0][0] == runs[1][0] == expected
    assert "de_DE" in runs[0][1] and runs[1][1] == []  # the second from the cache alone
