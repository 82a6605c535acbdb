"""ORCID record: works, employments, educations, distinctions and fundings."""

from __future__ import annotations

import pytest

from grantdocs.importers.jsonpos import parse_json
from grantdocs.importers.orcid import read_orcid
from grantdocs.importers.records import ImportResult, PersonHint, Record
from tests.importers.conftest import FIXTURES

RECORD = FIXTURES / "orcid-record.json"


@pytest.fixture(scope="module")
def record() -> ImportResult:
    return read_orcid(parse_json(RECORD.read_text(encoding="utf-8"), "orcid.json"), "Lovelace A")


def one(result: ImportResult, label_start: str) -> Record:
    found = [r for r in result.records if r.label.startswith(label_start)]
    assert len(found) == 1, [r.label for r in result.records]
    return found[0]


def test_person_is_only_a_hint(record: ImportResult) -> None:
    assert record.person == PersonHint("Ada", "Lovelace", "0000-0002-1825-0097")


def test_preferred_work_summary_with_doi_and_owner_as_only_author(record: ImportResult) -> None:
    work = one(record, "work 1")
    assert work.label == "work 1 (put-code 102)"  # the summary with the highest display index
    assert work.entry == {
        "kind": "journal_article",
        "authors": ["Lovelace A"],
        "title": "Sketch of the Analytical Engine: With Notes by the Translator",
        "venue": "Scientific Memoirs",
        "year": 1843,
        "month": 9,
        "doi": "10.5555/ada.1843",  # the self DOI, not the journal's ISSN; the DOI URL dropped
        "peer_reviewed": False,
    }
    assert any("no author list" in w and "'Lovelace A'" in w for w in work.warnings)


def test_unmapped_work_type_and_arxiv(record: ImportResult) -> None:
    work = one(record, "work 3")
    assert work.entry["kind"] == "other"
    assert work.entry["arxiv"] == "1844.00001"
    assert work.entry["venue"] == "arXiv"
    assert "work type 'lecture-speech' has no profile kind" in work.warnings[0]


def test_employment_becomes_a_position(record: ImportResult) -> None:
    assert one(record, "employment 1").entry == {
        "title": "Research Associate",
        "organisation": "University of London",
        "department": "Analytical Engines",
        "place": "London",
        "country": "United Kingdom",
        "start": "1842-10",
        "end": 1845,
    }


def test_education_with_an_impossible_date(record: ImportResult) -> None:
    education = one(record, "education 1")
    assert education.section == "education"
    assert education.entry == {
        "level": "doctorate",
        "degree": "PhD",
        "subject": "Mathematics",
        "institution": "University of London",
        "place": "London",
        "country": "United Kingdom",
        "start": 1838,
    }
    assert education.warnings == ["end-date '1841-13' is not a date: left out"]


def test_distinction_becomes_an_award(record: ImportResult) -> None:
    award = one(record, "distinction 1")
    assert (award.section, award.entry) == (
        "awards",
        {"date": 1840, "name": "Honorary Member", "body": "Royal Society"},
    )


def test_fundings_become_projects_with_acronyms(record: ImportResult) -> None:
    engine = one(record, "funding 1")
    assert engine.entry == {
        "acronym": "ENGINE",
        "title": "ENGINE: Programming the Analytical Engine",
        "funder": "Royal Society",
        "grant_number": "RS-1843-001",
        "start": 1843,
        "end": 1846,
    }
    assert engine.warnings == []
    made_up = one(record, "funding 2")
    assert made_up.entry["acronym"] == "BNE"
    assert "made up" in made_up.warnings[0]


def test_skips_and_notes(record: ImportResult) -> None:
    assert [(s.label, s.reason) for s in record.skipped] == [
        ("work 2 (put-code 103)", "no publication year"),
        ("employment 2 (put-code 202)", "no role title"),
    ]
    assert all(s.location.line > 0 for s in record.skipped)
    assert record.notes == ["not imported (no place in a profile yet): memberships 1"]
    assert record.read == 9


def test_without_an_owner_the_records_own_name_is_used() -> None:
    result = read_orcid(parse_json(RECORD.read_text(encoding="utf-8"), "o.json"), None)
    assert one(result, "work 1").entry["authors"] == ["Lovelace A"]


def test_works_without_any_name_are_skipped() -> None:
    text = (
        '{"activities-summary": {"works": {"group": [{"work-summary": [{"title": {"title": '
        '{"value": "T"}}, "publication-date": {"year": {"value": "2001"}}}]}]}}}'
    )
    result = read_orcid(parse_json(text, "o.json"), None)
    assert "profile owner's name is unknown" in result.skipped[0].reason
