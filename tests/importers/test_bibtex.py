"""BibTeX: a messy file read entry by entry, field by field."""

from __future__ import annotations

from typing import Any

import pytest

from grantdocs.importers.bibtex import read_bibtex
from grantdocs.importers.records import UNDATED_NOTE, ImportResult, Record
from grantdocs.profile.model import Publication, validated
from tests.importers.conftest import FIXTURES, line_of

MESSY = FIXTURES / "messy.bib"


@pytest.fixture(scope="module")
def messy() -> ImportResult:
    return read_bibtex(MESSY.read_text(encoding="utf-8"), "messy.bib")


def record(result: ImportResult, needle: str) -> Record:
    """The record read from the entry whose first line contains ``needle``."""
    line = line_of(MESSY, needle)
    found = [r for r in result.records if r.location.line == line]
    assert found, f"no record at line {line} ({needle})"
    return found[0]


def entry(result: ImportResult, needle: str) -> dict[str, Any]:
    return record(result, needle).entry


def test_accents_macros_month_and_doi(messy: ImportResult) -> None:
    assert entry(messy, "@Article{Bach2015,") == {
        "kind": "journal_article",
        "authors": ["Bach S", "Binder A", "Montavon G", "Klauschen F", "Müller K-R", "Samek W"],
        "title": "On Pixel-Wise Explanations for Non-Linear Classifier Decisions by "
        "Layer-Wise Relevance Propagation",
        "venue": "PLoS ONE",
        "year": 2015,
        "month": 7,
        "volume": "10",
        "issue": "7",
        "pages": "e0130140",
        "doi": "10.1371/journal.pone.0130140",
        "peer_reviewed": False,
    }
    assert record(messy, "@Article{Bach2015,").id_parts[:2] == ("Bach", 2015)


def test_corporate_author_and_others_concatenation_and_verbatim_url(messy: ImportResult) -> None:
    rec = record(messy, "@inproceedings{dfg2020,")
    assert rec.entry == {
        "kind": "conference_paper",
        "authors": ["Deutsche Forschungsgemeinschaft", "Straßer J", "García M", "et al."],
        "title": "DFG Guidelines for Safeguarding Good Research Practice",
        "venue": "Advances in Neural Information Processing Systems 33",
        "year": 2020,
        "month": 12,
        "pages": "1–12",
        "url": "https://example.org/dfg_code%20v2",
        "peer_reviewed": False,
    }
    assert rec.id_parts[0] == "deutsche"
    assert any("'and others'" in w and "et al." in w for w in rec.warnings)


def test_von_particle_workshop_and_month_name(messy: ImportResult) -> None:
    assert entry(messy, "@inproceedings{workshop2021,") == {
        "kind": "workshop_paper",
        "authors": ["van der Maaten L", "Hinton G E", "Østergaard S"],
        "title": "Visualizing Data: the t-SNE Way",
        "venue": "Proceedings of the ICML Workshop on Visualization",
        "year": 2021,
        "month": 9,
        "doi": "10.5555/ws.2021.42",
        "peer_reviewed": False,
    }


def test_arxiv_misc_is_a_preprint_and_a_name_starting_with_a_command(messy: ImportResult) -> None:
    assert entry(messy, "@misc{preprint2022,") == {
        "kind": "preprint",
        "authors": ["Lapuschkin S", "Çelik A"],
        "title": "Towards Something New with α-Relevance",
        "venue": "arXiv",
        "year": 2022,
        "arxiv": "2203.99999",
        "peer_reviewed": False,
    }


def test_book_with_editors_only_is_an_edited_book(messy: ImportResult) -> None:
    assert entry(messy, "@book{edited2024,") == {
        "kind": "edited_book",
        "authors": ["Longo L", "Lapuschkin S"],
        "editors": ["Longo L", "Lapuschkin S"],
        "title": "An Edited Volume on Explanations",
        "publisher": "Springer",
        "place": "Cham",
        "year": 2024,
        "isbn": ["978-3-031-63787-2", "978-3-031-63797-1"],
        "peer_reviewed": False,
    }


def test_thesis_and_report(messy: ImportResult) -> None:
    thesis = entry(messy, "@phdthesis{thesis2018,")
    assert (thesis["kind"], thesis["year"]) == ("thesis", 2018)
    assert (thesis["institution"], thesis["thesis_type"]) == (
        "Technische Universität Berlin",
        "phd",
    )
    assert "venue" not in thesis
    report = entry(messy, "@techreport{report2019,")
    assert report == {
        "kind": "report",
        "authors": ["Samek W", "Wiegand T"],
        "title": "A Technical Report",
        "institution": "Fraunhofer HHI",  # a string macro with protected braces inside
        "number": "TR-2019-7",
        "year": 2019,
        "peer_reviewed": False,
        "status": "in_press",  # note = {to appear}
    }


def test_missing_fields_broken_entry_and_stray_at_are_skipped_by_line(messy: ImportResult) -> None:
    skipped = {(s.location.line, s.label): s.reason for s in messy.skipped}
    assert skipped[(line_of(MESSY, "@article{notitle,"), "@article{notitle}")] == "no title"
    assert (line_of(MESSY, "@@"), "stray '@'") in skipped
    broken = skipped[(line_of(MESSY, "@article{broken,"), "@article{broken}")]
    assert broken.startswith("syntax error:")
    assert len(messy.skipped) == 3


def test_a_work_without_a_year_is_kept_undated_with_a_note(messy: ImportResult) -> None:
    record = next(r for r in messy.records if r.label == "@article{noyear}")
    assert record.location.line == line_of(MESSY, "@article{noyear,")
    assert "year" not in record.entry and record.entry["title"] == "A Paper Without a Year"
    assert UNDATED_NOTE in record.notes
    assert validated(Publication, {**record.entry, "id": "noyear"}).year is None


def test_a_field_given_twice_with_another_value_keeps_the_first_with_a_warning(
    messy: ImportResult,
) -> None:
    rec = record(messy, "@misc{dupfield,")
    assert rec.entry["title"] == "One Title"
    first, second = line_of(MESSY, "One Title"), line_of(MESSY, "Another Title")
    assert rec.warnings == [
        f"field title given twice: 'One Title' (line {first}) and 'Another Title' "
        f"(line {second}); the first is used"
    ]


def test_the_entry_after_a_broken_one_is_still_read(messy: ImportResult) -> None:
    assert entry(messy, "@article{dupkey,")["title"] == "The First Paper Under This Key"


def test_duplicate_key_is_read_as_its_own_entry_with_a_warning(messy: ImportResult) -> None:
    first = line_of(MESSY, "@article{dupkey,")
    second = [r for r in messy.records if r.label == "@article{dupkey}" and r.location.line > first]
    assert len(second) == 1
    assert second[0].entry["title"] == "The Second Paper Under This Key"
    assert second[0].entry["venue"] == "Pattern Recognition"  # the macro resolves here too
    assert f"also used at line {first}" in second[0].warnings[0]


def test_undefined_macro_leaves_the_field_out_with_a_warning(messy: ImportResult) -> None:
    rec = record(messy, "@article{undefined,")
    assert "venue" not in rec.entry
    assert rec.warnings == ["field journal uses the undefined macro 'jmlr': left out"]


def test_unknown_type_is_other_and_doi_prefix_is_stripped(messy: ImportResult) -> None:
    odd = record(messy, "@weirdtype{odd,")
    assert odd.entry["kind"] == "other"
    assert "@weirdtype is not known" in odd.warnings[0]
    assert entry(messy, "@article{samedoi,")["doi"] == "10.5555/WS.2021.42"


def test_unknown_fields_are_counted(messy: ImportResult) -> None:
    counts = {"abstract": 1, "primaryclass": 1}
    assert dict(messy.ignored_fields) == counts
    assert messy.notes == [
        "line 7: @string 'hhi' is defined again; the first definition (line 6) is used",
        "fields ignored (not part of a profile entry): abstract ×1, primaryclass ×1",
    ]


def test_counts(messy: ImportResult) -> None:
    assert (len(messy.records), len(messy.skipped), messy.read) == (14, 3, 17)


@pytest.mark.parametrize(
    ("source", "field", "expected"),
    [
        ('month = "July~4"', "month", 7),  # a text starting with a month name
        ("month = jul # {~4}", "month", 7),
        ("month = {14}", "month", None),
        ('pages = "247 - 278"', "pages", "247–278"),
        ("journal = {arXiv preprint arXiv:2106.13200}", "kind", "preprint"),
        ("journal = {CoRR}, volume = {abs/2106.13200}", "arxiv", "2106.13200"),
        ("date = {2019-03-04}", "month", 3),
        ("doi = {not a doi}", "doi", None),
        ("url = {\\url{https://example.org/a\\_b}}", "url", "https://example.org/a_b"),
        ("url = {ftp://example.org}", "url", None),
        ("title = {{\\\"U}ber {\\ss} \\'{\\i} \\& {\\O}}", "title", "Über ß í & Ø"),
    ],
)
def test_field_conversions(source: str, field: str, expected: object) -> None:
    fields = {"title": "{T}", "author": "{Doe, Jane}", "year": "2020", "journal": "{J}"}
    key = source.split("=")[0].strip()
    fields.pop(key, None)
    body = ",\n  ".join([source] + [f"{k} = {v}" for k, v in fields.items()])
    result = read_bibtex(f"@article{{x,\n  {body}\n}}\n", "x.bib")
    assert not result.skipped, result.skipped
    assert result.records[0].entry.get(field) == expected


def test_month_that_is_no_month_is_left_out_with_a_warning() -> None:
    text = "@article{x, author = {Doe, J}, title = {T}, year = 2020, month = {14}}"
    rec = read_bibtex(text, "x.bib").records[0]
    assert "month" not in rec.entry
    assert rec.warnings == ["month '14' is not a month: left out"]


def test_field_names_differing_only_in_case_are_a_repeat() -> None:
    text = "@article{x, author = {Doe, J}, Title = {A}, title = {B}, year = 2020}"
    result = read_bibtex(text, "x.bib")
    assert result.records[0].entry["title"] == "A"
    assert result.records[0].warnings == [
        "field title given twice: 'A' (line 1) and 'B' (line 1); the first is used"
    ]


def test_a_field_repeated_with_the_same_value_is_imported_with_a_note() -> None:
    text = "@article{x,\n author = {Doe, J},\n title = {A},\n year = 2020,\n year = {2020}\n}"
    rec = read_bibtex(text, "x.bib").records[0]
    assert rec.entry["year"] == 2020
    assert not rec.warnings
    assert "field year given again with the same value (line 5): imported" in rec.notes


def test_a_name_bibtex_cannot_split_is_kept_as_written_with_a_warning() -> None:
    text = (
        "@article{odd, author = {Doe, Jane, Jr, Extra and Roe, R}, title = {T}, year = 2020}\n"
        "@article{good, author = {Doe, Jane}, title = {T2}, year = 2020}\n"
    )
    result = read_bibtex(text, "x.bib")
    assert [r.label for r in result.records] == ["@article{odd}", "@article{good}"]
    assert not result.skipped
    odd = result.records[0]
    assert odd.entry["authors"] == ["Doe, Jane, Jr, Extra", "Roe R"]
    assert odd.warnings == [
        "author 'Doe, Jane, Jr, Extra' cannot be split into name parts: kept as written"
    ]
    assert odd.id_parts[0] == "Doe"


def test_empty_file_reads_nothing() -> None:
    result = read_bibtex("% only a comment\n", "x.bib")
    assert (result.read, result.notes) == (0, [])


def test_a_macro_redefined_in_other_case_uses_the_later_definition() -> None:
    text = (
        '@string{PR = "Pattern Recognition"}\n@string{pr = "Pattern Recognition Letters"}\n'
        "@article{x, author = {Doe, J}, title = {T}, year = 2020, journal = Pr}\n"
    )
    result = read_bibtex(text, "x.bib")
    assert result.records[0].entry["venue"] == "Pattern Recognition Letters"
    assert result.notes == [
        "line 2: @string 'pr' redefines 'PR' (line 1); the later definition is used"
    ]
