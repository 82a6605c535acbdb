"""Reading registry records (Crossref, doi.org CSL-JSON) into profile fields."""

from __future__ import annotations

import json

import pytest

from grantdocs.errors import SourceError
from grantdocs.importers.sources.registry import KINDS, read
from tests.http_server import REAL
from tests.test_enrich import recorded_search

DISSEMIN = REAL / "dissemin"


def crossref_item(doi: str) -> dict[str, object]:
    items = json.loads(recorded_search())["message"]["items"]
    return next(i for i in items if i["DOI"] == doi)


def test_a_crossref_item_gives_authors_venue_and_kind() -> None:
    found = read(
        crossref_item("10.1007/s12080-013-0192-6"), "10.1007/s12080-013-0192-6", "Crossref"
    )
    assert found.fields["authors"] == ["Boettiger C", "Ross N", "Hastings A"]
    assert found.fields["kind"] == "journal_article"
    assert (found.year, found.month) == (2013, 8)  # the print issue, not online (June)


def test_face_markup_leaves_titles() -> None:
    found = read(crossref_item("10.1002/fee.70021"), "10.1002/fee.70021", "Crossref")
    assert found.title is not None and found.title.startswith("The role of AI in ecology")


def test_a_preprint_is_a_preprint() -> None:
    found = read(crossref_item("10.1101/014852"), "10.1101/014852", "Crossref")
    assert (found.type, found.fields["kind"]) == ("posted-content", "preprint")


def test_csl_from_doi_org_for_a_datacite_doi() -> None:
    item = json.loads((DISSEMIN / "105281zenodo1299049.json").read_text(encoding="utf-8"))
    found = read(item, "10.5281/zenodo.1299049", "doi.org")
    assert found.fields == {
        "authors": ["Delpeuch A"],
        "publisher": "Zenodo",
    }  # 'article' says nothing
    assert "article" not in KINDS


def test_an_answer_about_another_doi_is_refused() -> None:
    item = json.loads((DISSEMIN / "104204eptcs17216.json").read_text(encoding="utf-8"))
    with pytest.raises(SourceError, match=r"when asked about '10\.4204/eptcs\.172\.16'"):
        read(item, "10.4204/eptcs.172.16", "doi.org")


def test_csl_types_are_typed_as_the_csl_json_import_types_them() -> None:
    """One table for CSL's item types: a DataCite answer and a CSL-JSON file agree."""
    from grantdocs.importers.csljson import CSL_KINDS
    from grantdocs.importers.sources.registry import KINDS

    for csl_type in ("speech", "post-weblog", "manuscript", "review-book", "periodical"):
        assert KINDS[csl_type] == CSL_KINDS[csl_type]
    assert KINDS["speech"] == "presentation"
    assert "article" not in KINDS  # DataCite gives it to any text: it says nothing
