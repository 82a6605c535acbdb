"""The catalogs are complete, compiled and in step with the labels in code and templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from grantdocs.l10n import labels
from grantdocs.l10n.catalog import (
    POT_FILE,
    mo_file,
    package_languages,
    po_file,
    translations,
)
from grantdocs.profile.model import (
    PatentMember,
    Project,
    Publication,
    PublicationKind,
    SupervisionLevel,
)

ROOT = Path(__file__).resolve().parents[2]
HOW_TO = "see CONTRIBUTING.md, section Translations"

MessageKey = tuple[str | None, Any]


def read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_mo(f) if path.suffix == ".mo" else read_po(f)


def compiled_messages(catalog: Catalog) -> dict[MessageKey, Any]:
    """What ``pybabel compile`` puts into a .mo: translated, non-fuzzy messages."""
    return {(m.context, m.id): m.string for m in catalog if m.id and m.string and not m.fuzzy}


def pot_ids() -> set[MessageKey]:
    return {(m.context, m.id) for m in read(POT_FILE) if m.id}


def test_every_message_has_a_german_translation() -> None:
    german = read(po_file("de"))
    missing = []
    for context, msgid in sorted(pot_ids(), key=str):
        message = german.get(msgid, context)
        if message is None or not message.string or message.fuzzy:
            missing.append(msgid)
    assert not missing, f"German translation missing or fuzzy ({HOW_TO}): {missing}"


def test_package_languages_are_read_from_the_locale_folder() -> None:
    assert package_languages() == ("de", "en")


@pytest.mark.parametrize("lang", package_languages())
def test_every_catalog_lists_every_message(lang: str) -> None:
    listed = {(m.context, m.id) for m in read(po_file(lang)) if m.id}
    missing = pot_ids() - listed
    assert not missing, f"{po_file(lang).name} ({lang}) needs pybabel update ({HOW_TO})"


@pytest.mark.parametrize("lang", package_languages())
def test_compiled_catalog_matches_its_source(lang: str) -> None:
    source = compiled_messages(read(po_file(lang)))
    compiled = compiled_messages(read(mo_file(lang)))
    assert compiled == source, f"{mo_file(lang)} is stale: run pybabel compile ({HOW_TO})"


def extracted_ids() -> set[MessageKey]:
    """Message ids found by the extraction that CONTRIBUTING.md documents."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f, "babel.cfg")  # type: ignore[no-untyped-call]
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS)
    return {(context, msgid) for _file, _line, msgid, _comments, context in found}


def test_template_lists_exactly_the_extracted_messages() -> None:
    extracted, pot = extracted_ids(), pot_ids()
    assert extracted - pot == set(), f"new labels are not in grantdocs.pot ({HOW_TO})"
    assert pot - extracted == set(), f"grantdocs.pot lists labels no longer used ({HOW_TO})"


def literal_values(model: Any, field: str) -> set[str]:
    return set(get_args(model.model_fields[field].annotation))


@pytest.mark.parametrize(
    ("mapping", "values"),
    [
        (labels.PUBLICATION_KIND_HEADINGS, set(get_args(PublicationKind))),
        (labels.SUPERVISION_LEVEL_LABELS, set(get_args(SupervisionLevel))),
        (labels.PUBLICATION_STATUS_LABELS, literal_values(Publication, "status")),
        (labels.PATENT_STATUS_LABELS, literal_values(PatentMember, "status")),
        (labels.PROJECT_STATUS_LABELS, literal_values(Project, "status")),
    ],
    ids=["publication-kind", "supervision-level", "publication-status", "patent", "project"],
)
def test_every_model_value_has_a_label(mapping: Any, values: set[str]) -> None:
    assert set(mapping) == values


def test_catalog_is_loaded_once_per_language() -> None:
    assert translations("de") is translations("de")
    assert translations("de") is not translations("en")


def test_language_without_catalog_is_rejected() -> None:
    with pytest.raises(ValueError):
        translations("fr")
