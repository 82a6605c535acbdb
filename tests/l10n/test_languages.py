"""Labels and languages are data: inline labels, a format's own catalog, any CLDR locale."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from msgspec.structs import replace

from grantdocs.errors import FormatError
from grantdocs.formats.localizer import localizer_for
from grantdocs.formats.registry import load_format
from grantdocs.l10n.catalog import has_catalog, translations
from grantdocs.l10n.formatting import BilingualLocalizer, Localizer, resolve_locale
from grantdocs.profile.dates import PartialDate
from tests.conftest import write_tree

PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def catalog(root: Path, lang: str, entries: str) -> Path:
    """Write ``root/<lang>/LC_MESSAGES/grantdocs.po``; returns ``root``."""
    return write_tree(root, {f"{lang}/LC_MESSAGES/grantdocs.po": PO_HEADER + entries})


# --- inline labels -------------------------------------------------------------------------


def test_inline_label_gives_each_languages_text() -> None:
    label = {"en": "Funded work", "de": "Geförderte Arbeiten"}
    assert Localizer("de").gettext(label) == "Geförderte Arbeiten"
    assert Localizer("en").gettext(label) == "Funded work"


def test_bilingual_document_shows_both_texts_of_an_inline_label() -> None:
    loc = BilingualLocalizer(Localizer("de"), Localizer("en"))
    assert loc.gettext({"en": "Funded work", "de": "Geförderte Arbeiten"}) == (
        "Geförderte Arbeiten / Funded work"
    )
    assert loc.word({"en": "Funded work", "de": "Geförderte Arbeiten"}) == "Geförderte Arbeiten"


def test_inline_label_without_the_language_falls_back_and_is_reported() -> None:
    loc = Localizer("de")
    assert loc.gettext({"en": "Funded work"}) == "Funded work"
    assert loc.fallbacks == ["label 'Funded work'"]


# --- a format's own catalog ----------------------------------------------------------------


def test_format_catalog_overrides_and_extends_the_package_catalog(tmp_path: Path) -> None:
    locale = catalog(
        tmp_path / "locale",
        "de",
        'msgid "Personal Data"\nmsgstr "Angaben zur Person"\n\n'
        'msgid "Funded work"\nmsgstr "Geförderte Arbeiten"\n\n'
        '#, fuzzy\nmsgid "Doctorate"\nmsgstr "Doktorat"\n',
    )
    loc = Localizer("de", locale_dirs=(locale,))
    assert loc.gettext("Personal Data") == "Angaben zur Person"
    assert loc.gettext("Funded work") == "Geförderte Arbeiten"
    assert loc.gettext("Doctorate") == "Promotion"  # a fuzzy entry is no translation
    assert loc.gettext("First name") == "Vorname"  # the package's, untouched
    assert Localizer("de").gettext("Personal Data") == "Persönliche Daten"
    assert loc.fallbacks == []


def test_a_catalog_beside_a_format_adds_a_language(tmp_path: Path) -> None:
    locale = catalog(tmp_path / "locale", "it", 'msgid "Doctorate"\nmsgstr "Dottorato"\n')
    loc = Localizer("it", locale_dirs=(locale,))
    assert loc.locale == "it_IT"
    assert loc.gettext("Doctorate") == "Dottorato"
    assert loc.date(dt.date(2018, 12, 19)) == "19 dicembre 2018"
    assert loc.join_names(["A", "B", "C"]) == "A, B e C"


def test_labels_without_translation_are_reported(tmp_path: Path) -> None:
    locale = catalog(tmp_path / "locale", "it", 'msgid "Doctorate"\nmsgstr "Dottorato"\n')
    loc = Localizer("it", locale_dirs=(locale,))
    assert loc.gettext("Patents") == "Patents"
    assert loc.word("Patents") == "Patents"
    assert loc.fallbacks == ["label 'Patents'"]
    english = Localizer("en")
    english.gettext("A label nobody translated")
    assert english.fallbacks == []  # message ids are English


def test_broken_format_catalog_is_a_located_error(tmp_path: Path) -> None:
    locale = catalog(
        tmp_path / "locale", "it", 'msgid "Doctorate"\ngarbage here\nmsgstr "Dottorato"\n'
    )
    with pytest.raises(FormatError) as info:
        translations("it", [locale])
    (problem,) = info.value.problems
    assert problem.location.file.endswith("grantdocs.po")
    assert (problem.location.line, problem.location.column) == (6, 1)
    assert "garbage" in info.value.render() or "misformatted" in problem.message


def test_language_without_any_catalog_is_refused() -> None:
    with pytest.raises(ValueError, match="no catalog for language 'it'"):
        Localizer("it")
    spec = replace(load_format("dfg-cv").spec, languages=["de", "it"])
    with pytest.raises(FormatError, match="no catalog for 'it'"):
        localizer_for(spec, "it")


@pytest.mark.parametrize(
    ("lang", "locale", "expected"),
    [
        ("fr", "", "fr_FR"),
        ("fr", "fr_CA", "fr_CA"),
        ("it", "", "it_IT"),
        ("de", "", "de_DE"),
        ("en", "", "en_GB"),
        ("pt", "pt-BR", "pt_BR"),
    ],
)
def test_locale_of_a_language_comes_from_cldr(lang: str, locale: str, expected: str) -> None:
    assert resolve_locale(lang, locale) == expected


@pytest.mark.parametrize(("lang", "locale"), [("fr", "de_DE"), ("xq", ""), ("fr", "fr_??")])
def test_unknown_or_mismatched_locale_is_refused(lang: str, locale: str) -> None:
    with pytest.raises(ValueError):
        resolve_locale(lang, locale)


# --- French, as the bundled publication list ships it ------------------------------------


def test_publication_list_in_french_uses_its_own_catalog_and_cldr() -> None:
    fmt = load_format("publication-list")
    assert "fr" in fmt.spec.languages
    loc = localizer_for(fmt.spec, "fr", None, fmt.locale_dirs)
    assert loc.locale == "fr_FR"
    assert loc.gettext("Journal Articles") == "Articles de revues"
    assert loc.word("and") == "et"
    assert loc.word("et al.") == "et al."
    march = PartialDate.parse("2021-03")
    assert loc.period(march, None) == "depuis mars 2021"
    assert loc.period(march, None, open_style="present") == "mars 2021 – aujourd’hui"
    assert loc.date(dt.date(2025, 9, 20)) == "20 septembre 2025"
    assert loc.join_names(["Bach S", "Binder A", "Montavon G"]) == "Bach S, Binder A et Montavon G"
    assert loc.fallbacks == []


def test_french_is_only_where_a_format_brings_it() -> None:
    fmt = load_format("dfg-cv")
    with pytest.raises(FormatError):
        localizer_for(fmt.spec, "fr", None, fmt.locale_dirs)


def test_a_compiled_catalog_alone_is_enough(tmp_path: Path) -> None:
    source = Catalog(locale="it")
    source.add("Doctorate", "Dottorato")
    target = tmp_path / "locale" / "it" / "LC_MESSAGES" / "grantdocs.mo"
    target.parent.mkdir(parents=True)
    with target.open("wb") as f:
        write_mo(f, source)
    assert Localizer("it", locale_dirs=(tmp_path / "locale",)).gettext("Doctorate") == "Dottorato"


def test_an_oversized_catalog_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("grantdocs.l10n.catalog.MAX_CATALOG_BYTES", 64)
    locale = catalog(tmp_path / "locale", "it", 'msgid "Doctorate"\nmsgstr "Dottorato"\n' * 4)
    with pytest.raises(FormatError, match="catalog larger than"):
        translations("it", [locale])


def test_a_catalog_that_is_not_a_regular_file_is_named_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "locale" / "it" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "grantdocs.po")
    assert has_catalog("it", [tmp_path / "locale"])  # issue 24: named, not "no catalog"
    with pytest.raises(FormatError, match=r"cannot read the catalog .*grantdocs.po: .*pipe"):
        translations("it", [tmp_path / "locale"])
