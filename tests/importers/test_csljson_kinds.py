"""CSL-JSON item types and variables of issue 18: what Zotero and pandoc write for reviews,
working papers, talks, blog posts, edited special issues, series and status."""

from __future__ import annotations

import json
from typing import Any

from grantdocs.importers.csljson import read_csljson
from grantdocs.importers.jsonpos import parse_json

AUTHOR = [{"family": "Doe", "given": "Jane"}]
ISSUED = {"date-parts": [[2024]]}


def entry(**item: Any) -> dict[str, Any]:
    data = {"id": "x", "title": "T", "author": AUTHOR, "issued": ISSUED, **item}
    result = read_csljson(parse_json(json.dumps([data]), "refs.json"))
    assert not result.skipped, result.skipped
    [record] = result.records
    return record.entry


def test_types_map_to_the_kinds() -> None:
    assert entry(type="review-book", **{"container-title": "H-Soz-Kult"})["kind"] == "book_review"
    assert entry(type="speech", event="ICRA 2024")["kind"] == "presentation"
    assert entry(type="post-weblog", **{"container-title": "Blog"})["kind"] == "blog_post"
    assert entry(type="manuscript")["kind"] == "manuscript"
    issue = entry(type="periodical", editor=AUTHOR, title="Special Issue: X")
    assert issue["kind"] == "special_issue"


def test_a_working_paper_with_genre_archive_and_number() -> None:
    e = entry(type="report", genre="Working Paper", publisher="NBER", number="33714",
              DOI="10.3386/w33714")  # fmt: skip
    assert (e["kind"], e["genre"], e["institution"], e["number"]) == (
        "working_paper", "Working Paper", "NBER", "33714")  # fmt: skip
    e = entry(type="article", archive="SSRN", DOI="10.2139/ssrn.4487202")
    assert (e["kind"], e["repository"]) == ("working_paper", "SSRN")


def test_series_status_and_patent_authority() -> None:
    e = entry(type="chapter", **{"container-title": "Wohnen jenseits der Normen",
              "collection-title": "Hessische Blätter für Volks- und Kulturforschung",
              "collection-number": "56", "status": "in press"})  # fmt: skip
    assert (e["venue"], e["series"], e["series_number"], e["status"]) == (
        "Wohnen jenseits der Normen", "Hessische Blätter für Volks- und Kulturforschung", "56",
        "in_press")  # fmt: skip
    assert entry(type="article-journal", **{"container-title": "J"}, status="R&R")["status"] == (
        "under_review"
    )
    assert entry(type="patent", number="EP 3920103 B1", authority="EP")["office"] == "EP"
