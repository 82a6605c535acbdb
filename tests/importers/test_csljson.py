"""CSL-JSON: items with literal names, date-parts, markup, duplicates and broken items."""

from __future__ import annotations

import pytest

from grantdocs.importers.csljson import read_csljson
from grantdocs.importers.jsonpos import parse_json
from grantdocs.importers.records import ImportResult
from tests.importers.conftest import FIXTURES, line_of

MESSY = FIXTURES / "messy-csl.json"


@pytest.fixture(scope="module")
def messy() -> ImportResult:
    return read_csljson(parse_json(MESSY.read_text(encoding="utf-8"), "messy-csl.json"))


def by_label(result: ImportResult) -> dict[str, dict[str, object]]:
    return {r.label: r.entry for r in result.records}


def test_journal_article_with_markup_number_volume_and_doi_url(messy: ImportResult) -> None:
    assert by_label(messy)["item 1 (montavon2017)"] == {
        "kind": "journal_article",
        "authors": ["Montavon G", "Lapuschkin S", "Binder A", "Samek W", "Müller K-R"],
        "title": "Explaining nonlinear classification decisions with deep Taylor decomposition",
        "venue": "Pattern Recognition",
        "year": 2017,
        "month": 5,
        "volume": "65",
        "pages": "211–222",
        "doi": "10.1016/j.patcog.2016.11.008",
        "peer_reviewed": False,
    }


def test_literal_name_particle_raw_date_and_workshop(messy: ImportResult) -> None:
    rec = next(r for r in messy.records if r.label == "item 2 (consortium2019)")
    assert rec.entry == {
        "kind": "workshop_paper",
        "authors": ["The XAI Consortium", "van Beethoven L"],
        "title": "A Paper by a Consortium",
        "venue": "Proceedings of the Workshop on Explainability",
        "year": 2019,
        "month": 5,
        "url": "https://example.org/consortium",
        "peer_reviewed": False,
    }
    assert rec.id_parts[0] == "xai"


def test_article_type_with_arxiv_number_is_a_preprint(messy: ImportResult) -> None:
    assert by_label(messy)["item 4 (dup)"] == {
        "kind": "preprint",
        "authors": ["Doe J"],
        "title": "A Preprint on arXiv",
        "venue": "arXiv",
        "year": 2023,
        "month": 11,
        "arxiv": "2311.01234",
        "peer_reviewed": False,
    }


def test_chapter_with_editor_and_a_reused_id(messy: ImportResult) -> None:
    rec = next(r for r in messy.records if r.label == "item 5 (dup)")
    assert rec.entry == {
        "kind": "book_chapter",
        "authors": ["Doe J"],
        "editors": ["Roe R"],
        "title": "A Chapter in a Book",
        "venue": "The Big Book",
        "publisher": "Springer",
        "place": "Cham",
        "year": 2021,
        "pages": "5–17",
        "peer_reviewed": False,
    }
    first = line_of(MESSY, '"id": "dup"')
    assert rec.warnings == [f"item id 'dup' is also used at line {first - 1}; read as its own item"]


def test_unknown_type_is_other(messy: ImportResult) -> None:
    rec = next(r for r in messy.records if r.label == "item 7 (interview)")
    assert rec.entry["kind"] == "other"
    assert rec.warnings == ["item type 'interview' is not known: imported as kind 'other'"]


def test_skipped_with_lines(messy: ImportResult) -> None:
    skipped = {s.label: (s.location.line, s.reason) for s in messy.skipped}
    assert skipped == {
        "item 3 (notitle)": (line_of(MESSY, '"id": "notitle"') - 1, "no title"),
        "item 6 (twice)": (
            line_of(MESSY, '"id": "twice"') - 1,
            "key title given twice: fix the item",
        ),
        "item 8": (line_of(MESSY, '"not an item"'), "not a JSON object"),
    }
    assert messy.read == 8
    assert messy.notes == ["fields ignored (not part of a profile entry): abstract ×1, language ×1"]


def test_a_single_item_object_is_read_too() -> None:
    text = '{"type": "book", "title": "B", "editor": [{"family": "Roe"}], "issued": {"date-parts": [[2001]]}}'
    result = read_csljson(parse_json(text, "one.json"))
    assert result.records[0].entry["kind"] == "edited_book"
    assert result.records[0].entry["authors"] == ["Roe"]


def _read(items: list[dict[str, object]]) -> ImportResult:
    import json

    return read_csljson(parse_json(json.dumps(items), "in.json"))


def _item(**more: object) -> dict[str, object]:
    return {
        "id": "amos2023meta",
        "type": "article",
        "title": "Meta Optimal Transport",
        "author": [{"family": "Amos*", "given": "Brandon"}, {"literal": "Cohen S†"}],
        "issued": {"date-parts": [[2023]]},
        **more,
    }


@pytest.mark.parametrize(("key", "value"), [("selected", True), ("featured", "true")])
def test_the_owners_mark_in_json(key: str, value: object) -> None:
    [record] = _read([_item(**{key: value})]).records
    assert record.entry["selected"] is True
    assert any(n.startswith("selected: the owner's mark") for n in record.notes)


def test_an_item_whose_container_names_a_conference_is_a_conference_paper() -> None:
    [record] = _read([_item(**{"event-title": "ICML 2023"})]).records
    assert (record.entry["kind"], record.entry["venue"]) == ("conference_paper", "ICML 2023")
    assert "kind conference_paper: venue 'ICML 2023' in field event-title" in record.notes


def test_markers_go_and_the_item_id_is_the_source_key() -> None:
    [record] = _read([_item()]).records
    assert record.entry["authors"] == ["Amos B", "Cohen S"]
    assert record.source_key == "amos2023meta"
    assert record.entry["kind"] == "preprint"


def test_thesis_report_and_software_keep_what_their_citations_need() -> None:
    base = {
        "author": [{"family": "Junges", "given": "Sebastian"}],
        "issued": {"date-parts": [[2020]]},
    }
    thesis, report, software = _read(
        [
            {**base, "type": "thesis", "title": "T", "publisher": "RWTH Aachen University",
             "genre": "Dissertation"},
            {**base, "type": "report", "title": "R", "publisher": "CMU", "number": "CMU-CS-16-118"},
            {**base, "type": "software", "title": "S", "version": "0.5.1",
             "URL": "https://github.com/doe/tool"},
        ]
    ).records  # fmt: skip
    assert software.entry["venue"] == "GitHub"
    assert (thesis.entry["institution"], thesis.entry["thesis_type"]) == (
        "RWTH Aachen University", "phd")  # fmt: skip
    assert report.entry["number"] == "CMU-CS-16-118"
    assert software.entry["version"] == "0.5.1"
