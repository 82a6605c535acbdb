"""The publications of every real fixture file (tests/fixtures/real/*.bib), for the tests
that compare grantdocs' citations with citeproc-py's on real entries."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from grantdocs.importers.bibtex import read_bibtex
from grantdocs.l10n.formatting import Localizer
from grantdocs.profile.model import Publication, validated

REAL = Path(__file__).parents[1] / "fixtures" / "real"
FRENCH = Path(__file__).parents[2] / "templates" / "publication-list" / "locale"
"""The French catalog (beside the one format that has French)."""


@cache
def real_publications() -> tuple[Publication, ...]:
    """Every publication of every real fixture file, each with an id of its own in its file."""
    files = sorted(REAL.glob("*.bib"))
    assert len(files) >= 15
    found: list[Publication] = []
    for path in files:
        result = read_bibtex(path.read_text(encoding="utf-8"), path.name)
        records = [r for r in result.records if r.section == "publications"]
        for i, record in enumerate(records):
            found.append(validated(Publication, {**record.entry, "id": f"p{i}"}))
    return tuple(found)


def localizer(lang: str) -> Localizer:
    """The document localizer of ``lang`` (French from the publication list's catalog)."""
    return Localizer(lang, locale_dirs=(FRENCH,))
