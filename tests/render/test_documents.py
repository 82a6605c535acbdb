"""Rendered Word documents: the owner in bold, odd text intact, identical bytes, footers."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from grantdocs.build import BuildOptions, build
from tests.conftest import AS_OF, docx_jobs, small_profile
from tests.docx_read import open_docx, paragraphs, runs, texts

JOBS = docx_jobs()
FORMATS = sorted({name for name, _ in JOBS})
OWNER = re.compile(r"\b(?:Lapuschkin|Bach), S\b")
"""The bundled owner's forms in author lists: current and former family name, as the bundled
formats' CSL styles (DIN 1505-2, APA) write them."""

ODD = 'Smith & Jones <2020> "quoted" Ünïcödé 🚀'


@pytest.mark.parametrize(("name", "lang"), JOBS)
def test_owner_is_bold_in_every_author_list(
    bundled_documents: dict[tuple[str, str], Path], name: str, lang: str
) -> None:
    doc = open_docx(bundled_documents[name, lang])
    owner_runs = [run for p in paragraphs(doc) for run in runs(p) if OWNER.search(run.text or "")]
    assert owner_runs, "the document cites the owner"
    for run in owner_runs:
        assert run.text in ("Lapuschkin, S.", "Bach, S."), f"owner's name shares a run: {run.text!r}"
        assert run.bold, f"{run.text!r} is not bold"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_former_name_is_bold_in_the_publication_list(
    bundled_documents: dict[tuple[str, str], Path], lang: str
) -> None:
    doc = open_docx(bundled_documents["publication-list", lang])
    former = [run for p in paragraphs(doc) for run in runs(p) if run.text == "Bach, S."]
    assert former and all(run.bold for run in former)


def test_building_twice_gives_identical_bytes(
    bundled_documents: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    again = build(BuildOptions(formats=FORMATS, as_of=AS_OF, out=tmp_path))
    assert len(again) == len(bundled_documents)
    for report in again:
        first = bundled_documents[report.format_id, report.lang]
        assert report.path.read_bytes() == first.read_bytes(), report.path


def test_markup_quotes_umlauts_and_emoji_survive_exactly(tmp_path: Path) -> None:
    text = json.dumps(ODD, ensure_ascii=False)
    path = small_profile(tmp_path, text)
    reports = build(BuildOptions(formats=FORMATS, as_of=AS_OF, profiles=[path], out=tmp_path))
    assert {(r.format_id, r.lang) for r in reports} == set(JOBS)
    for report in reports:
        doc_texts = texts(open_docx(report.path))
        assert any(ODD in t for t in doc_texts), report.path
        assert not any("&amp;" in t or "&lt;" in t for t in doc_texts), report.path


@pytest.mark.parametrize(("name", "lang"), JOBS)
def test_footer_numbers_pages_with_fields(
    bundled_documents: dict[tuple[str, str], Path], name: str, lang: str
) -> None:
    with zipfile.ZipFile(bundled_documents[name, lang]) as archive:
        footers = [archive.read(n).decode() for n in archive.namelist() if "footer" in n]
    footer = "".join(footers)
    if name == "horizon-europe-profile":  # one page: no page numbers
        return
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert ("Seite" if lang == "de" else "Page") in footer
    assert "Sebastian Lapuschkin" in footer


@pytest.mark.parametrize("name", ["dfg-cv", "fraunhofer-cv", "publication-list"])
def test_bilingual_labels_carry_both_languages(tmp_path: Path, name: str) -> None:
    (report,) = build(BuildOptions(formats=[name], langs=["de+en"], as_of=AS_OF, out=tmp_path))
    doc = open_docx(report.path)
    heads = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert " / " in heads[0], heads  # "Persönliche Angaben / Personal Details"
    with zipfile.ZipFile(report.path) as archive:
        footer = "".join(archive.read(n).decode() for n in archive.namelist() if "footer" in n)
    assert "Seite" in footer and "Page" not in footer, "the footer is in one language"
