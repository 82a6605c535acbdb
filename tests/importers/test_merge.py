"""Merging: what counts as already present, new ids, entries that do not fit the profile."""

from __future__ import annotations

from typing import Any

from grantdocs.errors import Location
from grantdocs.importers.merge import Existing, plan_merge
from grantdocs.importers.records import ImportResult, Record, Section


def pub(title: str, year: int = 2020, **more: Any) -> dict[str, Any]:
    return {"kind": "journal_article", "authors": ["Doe J"], "title": title, "year": year, **more}


def result_of(*entries: dict[str, Any], section: Section = "publications") -> ImportResult:
    result = ImportResult("in.bib", "BibTeX")
    for line, entry in enumerate(entries, start=1):
        title = str(entry.get("title", ""))
        result.records.append(
            Record(
                section, entry, Location("in.bib", line, 1), f"@x{{{line}}}", ("Doe", 2020, title)
            )
        )
    return result


EXISTING = [
    Existing("publications", {"id": "doe2020deep", **pub("Deep Things", doi="10.1000/ABC")}, "p.yaml:3"),
    Existing("publications", {"id": "doe2020shallow", **pub("Shallow: Things!")}, "p.yaml:9"),
    Existing(
        "positions",
        {"id": "pos1", "title": {"en": "Group Head", "de": "Gruppenleiter"}, "organisation": "HHI",
         "start": "2021-01"},
        "p.yaml:20",
    ),
]  # fmt: skip
TAKEN = {"doe2020deep", "doe2020shallow", "pos1", "doe2020new"}


def test_same_doi_any_case_matches() -> None:
    plan = plan_merge(result_of(pub("Other Title", 2019, doi="10.1000/abc")), EXISTING, TAKEN)
    assert [(m.existing.data["id"], m.reason) for m in plan.matched] == [
        ("doe2020deep", "same DOI")
    ]
    assert not plan.added


def test_same_normalised_title_and_year_matches_and_lists_what_is_not_copied() -> None:
    plan = plan_merge(result_of(pub("shallow things", month=5, volume="3")), EXISTING, TAKEN)
    (match,) = plan.matched
    assert (match.existing.name, match.reason) == (
        "publications: doe2020shallow",
        "same title and year",
    )
    assert match.not_copied == ("month", "volume")


def test_same_title_other_year_or_other_doi_is_new() -> None:
    plan = plan_merge(
        result_of(pub("Shallow Things", 2021), pub("Deep Things", doi="10.1000/other")),
        EXISTING,
        TAKEN,
    )
    assert [a.id for a in plan.added] == ["doe2020shallow" + "b", "doe2020deep" + "b"]
    assert not plan.matched


def test_duplicates_inside_one_import_are_merged_into_the_first() -> None:
    plan = plan_merge(result_of(pub("New"), pub("NEW!")), EXISTING, TAKEN)
    assert [a.id for a in plan.added] == ["doe2020newb"]  # doe2020new is taken
    assert plan.matched[0].existing.where == "in.bib:1, new in this import"


def test_entries_that_do_not_fit_the_profile_are_skipped() -> None:
    plan = plan_merge(result_of(pub("Bad Month", month=13), pub("Good")), EXISTING, TAKEN)
    assert [a.entry["title"] for a in plan.added] == ["Good"]
    assert plan.skipped[0].reason.startswith("does not fit the profile: month:")


def test_positions_match_on_any_language_and_agreeing_years() -> None:
    same = {"title": "Gruppenleiter", "organisation": "hhi", "start": 2021}
    other_year = {"title": "Group Head", "organisation": "HHI", "start": 2015}
    no_year = {"title": "group head", "organisation": "HHI"}
    plan = plan_merge(result_of(same, other_year, no_year, section="positions"), EXISTING, TAKEN)
    assert [m.record.location.line for m in plan.matched] == [1, 3]
    assert [a.record.location.line for a in plan.added] == [2]


def test_ids_start_with_the_record_parts_and_are_added_in_order() -> None:
    plan = plan_merge(result_of(pub("A Study of Things"), pub("The Study Again")), [], set())
    assert [a.id for a in plan.added] == ["doe2020study", "doe2020studyb"]
    assert next(iter(plan.added[0].entry)) == "id"


def _keyed(key: str, title: str) -> ImportResult:
    result = result_of(pub(title))
    result.records[0].source_key = key
    return result


def test_the_source_key_becomes_an_alias_where_the_id_differs() -> None:
    plan = plan_merge(_keyed("Doe2020:Brand-New", "Brand New"), EXISTING, TAKEN)
    [added] = plan.added
    assert (added.id, added.entry["aliases"]) == ("doe2020brand", ["Doe2020:Brand-New"])


def test_no_alias_where_the_key_is_the_id_or_already_names_an_entry() -> None:
    same = plan_merge(_keyed("doe2020brand", "Brand New"), EXISTING, TAKEN)
    assert "aliases" not in same.added[0].entry
    existing = [*EXISTING, Existing("publications", {"id": "x", "aliases": ["Old2020"]}, "p:1")]
    taken = plan_merge(_keyed("Old2020", "Brand New"), existing, TAKEN)
    assert "aliases" not in taken.added[0].entry
    assert "key 'Old2020' is already an id or alias" in taken.added[0].record.warnings[0]
    clash = plan_merge(_keyed("pos1", "Brand New"), EXISTING, TAKEN)
    assert "aliases" not in clash.added[0].entry
