"""BibTeX entries whose kind, status, links or names the issue-18 reports found misread:
each case is a shape that real files write (the files themselves: test_real_kinds.py)."""

from __future__ import annotations

from grantdocs.importers.bibtex import read_bibtex
from grantdocs.importers.records import Record
from grantdocs.importers.review import apply_peer_review


def one(text: str) -> Record:
    result = read_bibtex(text, "refs.bib")
    apply_peer_review(result, "auto")
    assert not result.skipped, result.skipped
    [record] = result.records
    return record


def test_an_article_with_booktitle_and_no_journal_is_a_conference_paper_with_a_note() -> None:
    record = one(
        "@article{a, author = {Doe, Jane}, title = {T}, year = {2024},\n"
        "  booktitle = {IEEE International Conference on Robotics and Automation (ICRA)},\n"
        "  pages = {1234--1240}}"
    )
    assert (record.entry["kind"], record.entry["pages"]) == ("conference_paper", "1234–1240")
    assert any("has booktitle" in n and "no journal" in n for n in record.notes)


def test_review_workingpaper_periodical_and_editors_only_proceedings() -> None:
    review = one(
        "@review{r, author = {Doe, Jane}, title = {Rezension von X}, journal = {H-Soz-Kult}, year = 2020}"
    )
    assert (review.entry["kind"], review.entry["peer_reviewed"]) == ("book_review", False)
    wp = one(
        "@workingpaper{w, author = {Doe, Jane}, title = {T}, year = 2022, institution = {Bank of England}, number = {245}, type = {Working Paper}}"
    )
    assert (wp.entry["kind"], wp.entry["institution"], wp.entry["number"], wp.entry["genre"]) == (
        "working_paper",
        "Bank of England",
        "245",
        "Working Paper",
    )
    report = one(
        "@techreport{t, author = {Doe, Jane}, title = {T}, year = 2025, institution = {NBER}, type = {Working Paper}, number = {33714}}"
    )
    assert report.entry["kind"] == "working_paper"
    proc = one(
        "@proceedings{p, editor = {Doe, Jane and Roe, Ann}, title = {Proceedings of the Workshop X}, series = {CEUR Workshop Proceedings}, volume = {3456}, publisher = {CEUR-WS}, year = 2023}"
    )
    e = proc.entry
    assert (e["kind"], e["authors"], e["editors"], e["series"], e["series_number"]) == (
        "proceedings",
        ["Doe J", "Roe A"],
        ["Doe J", "Roe A"],
        "CEUR Workshop Proceedings",
        "3456",
    )
    assert "volume" not in e and "venue" not in e  # the CEUR number is the series' number


def test_identifiers_from_website_arxiv_id_eprint_and_page() -> None:
    e = one(
        "@article{a, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2021, page = {7--9},"
        " website = {https://doi.org/10.1016/j.ruje.2015.11.005}}"
    ).entry
    assert (e["doi"], e["pages"]) == ("10.1016/j.ruje.2015.11.005", "7–9")
    assert "url" not in e  # the resolver link says what the DOI says
    dblp = one(
        "@article{d, author = {Doe, Jane}, title = {T}, journal = {CoRR}, year = 2021, arxiv-id = {2106.13200}}"
    )
    assert dblp.entry["arxiv"] == "2106.13200"
    eprint = one(
        "@misc{e, author = {Doe, Jane}, title = {T}, year = 2021, eprint = {2106.13200}, archivePrefix = {arXiv}}"
    )
    assert (eprint.entry["kind"], eprint.entry["arxiv"]) == ("preprint", "2106.13200")


def test_an_osf_working_paper_with_a_doi_link_has_its_repository() -> None:
    e = one(
        "@unpublished{s, title = {Still Watching}, author = {Shirikov, Anton and Syunyaev, Georgiy},"
        " note = {OSF Pre-Print}, doi = {https://doi.org/10.31219/osf.io/9rf6p_v2}, year = 2024,"
        " status = {wp}}"
    ).entry
    assert (e["kind"], e["repository"], e["doi"]) == (
        "working_paper",
        "OSF Preprints",
        "10.31219/osf.io/9rf6p_v2",
    )
    assert "status" not in e  # posted: published as a working paper


def test_status_codes_of_al_folio_and_unpublished_manuscripts() -> None:
    e = one(
        "@unpublished{f, title = {Federalism and Ideology}, author = {Doe, Jane}, note = {Under review}, year = 2023, status = {review}}"
    ).entry
    assert (e["kind"], e["status"], e["peer_reviewed"]) == ("manuscript", "under_review", False)
    e = one(
        "@article{a, title = {T}, author = {Doe, Jane}, journal = {American Journal of Political Science}, year = 2023, status = {rar}}"
    ).entry
    assert (e["kind"], e["status"], e["peer_reviewed"]) == (
        "journal_article",
        "under_review",
        False,
    )
    e = one(
        "@article{a, title = {T}, author = {Doe, Jane}, journal = {Perspectives on Politics}, year = 2026, status = {forthcoming}}"
    ).entry
    assert (e["status"], e["peer_reviewed"]) == ("in_press", True)


def test_a_malformed_name_list_is_a_warning_naming_the_field() -> None:
    doubled = one("@article{a, title = {T}, author = {Doe,, Jane}, journal = {J}, year = 2020}")
    assert any(w.startswith("field author:") and "doubled comma" in w for w in doubled.warnings)
    mixed = one(
        "@article{a, title = {T}, author = {Roe, Ann AND Poe AND Zoé AND Moe, Sam}, journal = {J}, year = 2020}"
    )
    assert any(w.startswith("field author:") and "'Poe', 'Zoé'" in w for w in mixed.warnings)
    fine = one(
        "@article{a, title = {T}, author = {Roe, Ann and Moe, Sam}, journal = {J}, year = 2020}"
    )
    assert not fine.warnings
