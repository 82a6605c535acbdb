"""JSON Resume: work, education, awards, publications, projects; basics only reported."""

from __future__ import annotations

import pytest

from grantdocs.importers.jsonpos import parse_json
from grantdocs.importers.jsonresume import read_jsonresume
from grantdocs.importers.records import UNDATED_NOTE, ImportResult, PersonHint
from tests.importers.conftest import FIXTURES

RESUME = FIXTURES / "resume.json"


@pytest.fixture(scope="module")
def resume() -> ImportResult:
    return read_jsonresume(parse_json(RESUME.read_text(encoding="utf-8"), "resume.json"), None)


def entries(result: ImportResult) -> dict[str, dict[str, object]]:
    return {r.label: r.entry for r in result.records}


def test_basics_are_reported_not_imported(resume: ImportResult) -> None:
    assert resume.person == PersonHint("Grace Brewster", "Hopper", email="grace@example.org")
    assert not any("basics" in note for note in resume.notes)  # the report says it (test_cli)
    assert {r.section for r in resume.records} == {
        "positions",
        "education",
        "awards",
        "publications",
        "projects",
    }


def test_work_becomes_positions(resume: ImportResult) -> None:
    found = entries(resume)
    assert found["work[0]"] == {
        "title": "Research Fellow",
        "organisation": "Harvard University",
        "place": "Cambridge, MA",
        "description": "Programmed the Mark I.\n\nWrote its manual.",
        "details": ["Mark I", "Mark II"],
        "start": "1944-07",
        "end": 1949,
    }
    assert found["work[1]"] == {  # the pre-1.0 key 'company'; an end before the start dropped
        "title": "Senior Mathematician",
        "organisation": "Eckert-Mauchly Computer Corporation",
        "start": 1949,
    }


def test_education(resume: ImportResult) -> None:
    found = entries(resume)
    assert found["education[0]"] == {
        "level": "doctorate",
        "degree": "PhD",
        "subject": "Mathematics",
        "institution": "Yale University",
        "grade": "with distinction",
        "start": 1930,
        "end": "1934-06",
    }
    assert found["education[1]"]["level"] == "bachelor"
    assert "end" not in found["education[1]"]  # 'June 1928' is no date


def test_awards_publications_projects(resume: ImportResult) -> None:
    found = entries(resume)
    assert found["awards[0]"] == {
        "date": 1991,
        "name": "National Medal of Technology",
        "body": "United States",
        "note": "For the COBOL work.",
    }
    assert found["publications[0]"] == {
        "kind": "other",
        "authors": ["Hopper G B"],
        "title": "A Manual of Operation for the Automatic Sequence Controlled Calculator",
        "venue": "Harvard University Press",
        "year": 1946,
        "doi": "10.5555/mark1.manual",
        "peer_reviewed": False,
    }
    assert found["projects[0]"] == {
        "acronym": "FLOW-MATIC",
        "title": "FLOW-MATIC",
        "role": "Lead",
        "description": "An English-like language.",
        "start": 1955,
        "tags": ["compilers"],
    }
    assert found["projects[1]"]["acronym"] == "CBOL"


def test_skips_and_other_sections(resume: ImportResult) -> None:
    assert [(s.label, s.reason) for s in resume.skipped] == [
        ("work[2]", "no position"),
        ("awards[1]", "no title"),
    ]
    assert resume.notes[0] == "not imported (no place in a profile yet): skills (1), languages (1)"
    assert resume.read == 11
    undated = next(r for r in resume.records if r.label == "publications[1]")
    assert undated.entry["title"] == "Undated Notes" and "year" not in undated.entry
    assert UNDATED_NOTE in undated.notes


def test_a_publisher_that_names_a_venue_gives_the_kind_and_a_mark_is_kept() -> None:
    import json

    data = {
        "basics": {"name": "Ada Lovelace"},
        "publications": [
            {"name": "Notes", "publisher": "NeurIPS 2021", "releaseDate": "2021-12",
             "featured": True},
            {"name": "Essay", "publisher": "Taylor's Scientific Memoirs", "releaseDate": "1843"},
        ],
    }  # fmt: skip
    result = read_jsonresume(parse_json(json.dumps(data), "r.json"), "Lovelace A")
    first, second = (r for r in result.records if r.section == "publications")
    assert (first.entry["kind"], first.entry["selected"]) == ("conference_paper", True)
    assert "kind conference_paper: venue 'NeurIPS 2021' in field publisher" in first.notes
    assert second.entry["kind"] == "other" and "selected" not in second.entry
    assert any("kind 'other'" in w for w in second.warnings)
