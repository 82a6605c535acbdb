"""The bundled formats' rules by kind and status, on a small profile built in the test: what
the DFG CV puts in Category A and B, its Habilitation row, 'None' under a required heading,
and the report's word on empty sections and on entries no section shows."""

from __future__ import annotations

from pathlib import Path

from tests.docx_read import open_docx, paragraphs
from tests.importers.conftest import run

PROFILE = """\
schema_version: 1
languages: [en, de]
person: {given_names: Ada, family_name: Roe}
education:
  - {level: doctorate, degree: PhD, subject: History, institution: Universität Göttingen, date: 2012}
  - {level: habilitation, degree: Habilitation, subject: "Venia legendi: Kulturanthropologie",
     institution: Universität Zürich, date: 2021}
publications:
  - {id: article, kind: journal_article, authors: [Roe A], title: A Reviewed Article,
     venue: Fabula, year: 2020, peer_reviewed: true}
  - {id: review, kind: book_review, authors: [Roe A], title: Rezension von Ein Buch,
     venue: H-Soz-Kult, year: 2021}
  - {id: reviewed-review, kind: book_review, authors: [Roe A], title: Rezension von Zwei,
     venue: Fabula, year: 2022, peer_reviewed: true}
  - {id: wp, kind: working_paper, authors: [Roe A], title: A Posted Working Paper,
     year: 2023, status: under_review, repository: SocArXiv, doi: 10.31235/osf.io/abcde}
  - {id: hidden, kind: manuscript, authors: [Roe A], title: A Manuscript Under Review,
     year: 2024, status: under_review}
  - {id: chapter, kind: book_chapter, authors: [Roe A], title: A Chapter In Press,
     venue: Wohnen jenseits der Normen, year: 2021, status: in_press}
"""


def _build(tmp_path: Path, fmt: str = "dfg-cv") -> tuple[list[str], str]:
    folder = tmp_path / "cv"
    folder.mkdir()
    (folder / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    result = run("build", fmt, "--lang", "en", "--as-of", "2026-06-30", "--profile", folder,
                 "--out", tmp_path / "out", "-j", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    [docx] = (tmp_path / "out" / fmt / "en").glob("*.docx")
    return [p.text for p in paragraphs(open_docx(docx))], result.output


def _under(texts: list[str], heading: str, stop: str) -> list[str]:
    start = next(i for i, t in enumerate(texts) if t.startswith(heading))
    end = next(i for i, t in enumerate(texts) if i > start and t.startswith(stop))
    return [t for t in texts[start + 1 : end] if t.strip()]


def test_dfg_categories_by_kind_and_status(tmp_path: Path) -> None:
    texts, report = _build(tmp_path)
    a = " ".join(_under(texts, "Category A", "Category B"))
    b = " ".join(_under(texts, "Category B", "Academic Distinctions"))
    assert "A Reviewed Article" in a and "A Chapter In Press" in a
    assert "Rezension" not in a  # a review is never Category A, even marked peer-reviewed
    assert "Rezension von Ein Buch" in b and "Rezension von Zwei" in b
    assert "A Posted Working Paper" in b  # under review, but public on SocArXiv
    assert "A Manuscript Under Review" not in a + b  # nobody can read it yet
    assert "not-shown" in report and "A Manuscript Under Review" in report


def test_habilitation_row_and_none_under_a_required_heading(tmp_path: Path) -> None:
    texts, report = _build(tmp_path)
    assert "Habilitation" in texts
    row = texts[texts.index("Habilitation") + 1 :][:3]
    assert any("Venia legendi: Kulturanthropologie" in t and "Universität Zürich" in t for t in row)
    start = texts.index("Academic Distinctions")
    assert next(t for t in texts[start + 1 :] if t.strip()) == "None"
    line = next(t for t in report.splitlines() if "CV_PubList_Roe.docx" in t)
    assert "empty (left out or 'None'): studies, career, activities and 4 more" in line


def test_erc_outputs_leave_out_reviews_and_unpublished_manuscripts(tmp_path: Path) -> None:
    texts, _ = _build(tmp_path, "erc-cv")
    body = " ".join(texts)
    assert "A Reviewed Article" in body and "A Posted Working Paper" in body
    assert "Rezension von Ein Buch" not in body and "A Manuscript Under Review" not in body
    assert "Venia legendi: Kulturanthropologie" in body  # education includes the Habilitation
