"""Catalogs that bundled formats bring (``templates/<id>/locale``) are complete and current."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from grantdocs.formats.registry import bundled_ids, load_format
from grantdocs.l10n import labels
from grantdocs.l10n.catalog import POT_FILE, SOURCE_LANGUAGE, catalog_languages, po_file
from grantdocs.l10n.extract import extract_docx

HOW_TO = "see CONTRIBUTING.md, section Adding a language"

OWN_CATALOGS = [
    (name, lang)
    for name in bundled_ids()
    for folder in load_format(name).locale_dirs
    for lang in catalog_languages(folder)
]


def printed_msgids(name: str) -> set[str]:
    """Every message a format's documents can print: its template's and slots' labels,
    the words inside entries, publication kinds and statuses."""
    fmt = load_format(name)
    found: set[str] = set()
    for lang in fmt.spec.languages:
        with fmt.template_path(lang).open("rb") as handle:
            found |= {m for _, _, m, _ in extract_docx(handle, ["_", "gettext", "word"], [], {})}
    found |= {r.label for r in fmt.spec.slots.values() if isinstance(r.label, str)}
    found |= {c.label for t in fmt.spec.tables for c in t.columns if isinstance(c.label, str)}
    found |= set(labels.WORDS) | set(labels.PUBLICATION_KIND_HEADINGS.values())
    found |= set(labels.PUBLICATION_STATUS_LABELS.values())
    return found | set(labels.PATENT_STATUS_LABELS.values())


def test_the_publication_list_brings_french() -> None:
    assert ("publication-list", "fr") in OWN_CATALOGS


@pytest.mark.parametrize(("name", "lang"), OWN_CATALOGS)
def test_a_formats_catalog_translates_what_it_prints(name: str, lang: str) -> None:
    fmt = load_format(name)
    assert lang in fmt.spec.languages or lang == SOURCE_LANGUAGE
    with po_file(lang, fmt.locale_dirs[-1]).open("rb") as f:
        own = {m.id: m for m in read_po(f) if m.id}
    missing = sorted(
        msgid for msgid in printed_msgids(name) if not own.get(msgid) or not own[msgid].string
    )
    assert not missing, f"{name} ({lang}): untranslated ({HOW_TO}): {missing}"
    fuzzy = sorted(msgid for msgid, m in own.items() if m.fuzzy)
    assert not fuzzy, f"{name} ({lang}): fuzzy entries to review: {fuzzy}"


@pytest.mark.parametrize(("name", "lang"), OWN_CATALOGS)
def test_a_formats_catalog_lists_no_message_nobody_uses(name: str, lang: str) -> None:
    fmt = load_format(name)
    with POT_FILE.open("rb") as f:
        pot = {m.id for m in read_po(f) if m.id}
    with po_file(lang, fmt.locale_dirs[-1]).open("rb") as f:
        stale = sorted(str(m.id) for m in read_po(f) if m.id and m.id not in pot)
    assert not stale, f"{name} ({lang}): run pybabel update ({HOW_TO}): {stale}"


def test_printed_messages_are_package_messages() -> None:
    with POT_FILE.open("rb") as f:
        pot = {m.id for m in read_po(f) if m.id}
    assert printed_msgids("publication-list") <= pot
