"""The report's grouping: every problem once, however many documents it reaches."""

from __future__ import annotations

from pathlib import Path

from grantdocs.build import DocumentReport
from grantdocs.notices import MISSING_VALUE, NO_DOI, PAGE_LIMIT, PLACEHOLDER, Notice
from grantdocs.report import as_json, document_line, fixes, summary_line


def doc(fmt: str, lang: str, *warnings: Notice, **kw: object) -> DocumentReport:
    return DocumentReport(
        fmt, lang, Path(f"out/{fmt}/{lang}/x.docx"), "p.yaml", Path("p.yaml"), "Ada L",
        warnings=list(warnings), **kw,  # type: ignore[arg-type]
    )


def no_doi(entry: str, line: int, file: str = "pubs.yaml") -> Notice:
    return Notice(NO_DOI, f"a: {entry} has no DOI", where=f"{file}:{line}:5", subject=entry)


def test_no_doi_is_one_line_counting_entries_and_documents() -> None:
    reports = [
        doc("dfg-cv", "de", no_doi("a", 83), no_doi("b", 9)),
        doc("dfg-cv", "en", no_doi("a", 83), no_doi("b", 9)),
        doc("erc-cv", "en", no_doi("c", 120)),
    ]
    (fix,) = fixes(reports)
    assert (fix.code, fix.entries, fix.documents) == (NO_DOI, 3, 3)
    assert fix.first == "pubs.yaml:9:5"  # line 9 comes before line 83 (not text order)
    assert fix.line() == (
        "3 publications have no DOI (first at pubs.yaml:9:5) — affects 3 documents [no-doi]"
    )


def test_other_codes_group_by_subject_and_keep_separate_fixes_apart() -> None:
    funder_de = Notice(MISSING_VALUE, "Projekte: 'Mittelgeber' is left empty in 9 of 9 rows", subject="funder")
    funder_en = Notice(MISSING_VALUE, "Projects: 'Funder' is left empty in 9 of 9 rows", subject="funder")
    grants = Notice(MISSING_VALUE, "Grants: 'Funding source' is left empty in 3 of 3 rows", subject="funder")
    gender = Notice(MISSING_VALUE, "Researchers: 'Gender' is left empty", subject="person.gender")
    reports = [
        doc("erc-grants", "en", grants),
        doc("lists", "de", funder_de),
        doc("lists", "en", funder_en),
        doc("tables", "en", gender),
    ]
    found = fixes(reports)
    assert [(f.subject, f.documents) for f in found] == [("funder", 3), ("person.gender", 1)]
    # the wording where the fix reaches furthest, in English
    assert found[0].message == funder_en.message


def test_ignore_by_command_and_by_profile() -> None:
    reports = [
        doc("dfg-cv", "de", no_doi("a", 1), Notice(PLACEHOLDER, "x", "p.yaml:3:1", "person.name")),
        doc("dfg-cv", "en", no_doi("a", 1), ignore=(NO_DOI,)),
    ]
    assert [f.code for f in fixes(reports)] == [NO_DOI, PLACEHOLDER]
    assert fixes(reports)[0].documents == 1  # the second document's profile silences it
    assert [f.code for f in fixes(reports, ignore=[NO_DOI])] == [PLACEHOLDER]
    data = as_json(reports, ignore=[PLACEHOLDER])
    assert [w["code"] for w in data["documents"][0]["warnings"]] == [NO_DOI]
    assert data["documents"][1]["warnings"] == []


def test_document_line_marks_pages_and_placeholders() -> None:
    over = doc("dfg-cv", "de", Notice(PAGE_LIMIT, "5 pages"), pages=5, page_limit=4)
    assert document_line(over, "x.docx") == "x.docx  de  5/4 pages  !! OVER THE PAGE LIMIT by 1"
    fine = doc("dfg-cv", "en", pages=4, page_limit=4)
    assert document_line(fine, "x.docx") == "x.docx  en  4/4 pages"
    left = doc("h", "en", Notice(PLACEHOLDER, "x", "p.yaml:3:1", "person.name"), page_limit=1)
    assert document_line(left, "y.docx") == "y.docx  en  limit 1 page  !! EXAMPLE TEXT LEFT"
    assert summary_line([over, fine], [], "out") == (
        "2 documents in out; 1 over the page limit; nothing to fix"
    )
    assert "PAGE" not in " ".join(f.code for f in fixes([over]))  # on the line, not in fixes


def test_a_document_not_converted_is_marked_and_not_a_fix() -> None:
    from grantdocs.notices import PDF_FAILED

    failed = doc("dfg-cv", "de", Notice(PDF_FAILED, "LibreOffice was stopped"), page_limit=4)
    assert document_line(failed, "x.docx") == "x.docx  de  limit 4 pages  !! NO PDF"
    assert fixes([failed]) == []


def test_a_fix_worded_for_each_member_names_each_members_entries() -> None:
    """Several people: a fix that names one person's own entries is one line per person,
    with the person; the same wording for everyone stays one line."""
    def member(person: str, ids: str, profile: str) -> DocumentReport:
        rows = Notice(MISSING_VALUE, f"Achievements: notes empty ({ids})", subject="notes")
        role = Notice(MISSING_VALUE, "Researchers: role empty", subject="role")
        return DocumentReport(
            "horizon-europe-tables", "en", Path(f"out/{profile}/x.xlsx"), profile,
            Path(profile, "profile.yaml"), person, warnings=[rows, role],
        )  # fmt: skip

    found = fixes([member("Ada L", "a1, a2", "ada"), member("Bo M", "b1", "bo")])
    lines = sorted(f.message for f in found)
    assert lines == [
        "Ada L: Achievements: notes empty (a1, a2)",
        "Bo M: Achievements: notes empty (b1)",
        "Researchers: role empty",
    ]
    [role] = [f for f in found if f.subject == "role"]
    assert role.documents == 2
    alone = fixes([member("Ada L", "a1, a2", "ada")])
    assert sorted(f.message for f in alone) == [
        "Achievements: notes empty (a1, a2)",
        "Researchers: role empty",
    ]
