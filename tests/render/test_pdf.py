"""With LibreOffice installed: every bundled document converts to PDF within its page limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from grantdocs.formats.registry import load_format
from grantdocs.render.pdf import convert, count_pages, find_soffice
from tests.conftest import docx_jobs

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        find_soffice() is None, reason="LibreOffice (soffice) is not installed on this machine"
    ),
]

JOBS = docx_jobs()


@pytest.fixture(scope="module")
def pdfs(
    bundled_documents: dict[tuple[str, str], Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str], bytes]:
    """Every bundled document as PDF, all converted in one LibreOffice run, plus two
    documents named alike (``("same", "1")`` has one page, ``("same", "3")`` three)."""
    jobs = dict(bundled_documents)
    root = tmp_path_factory.mktemp("same-name")
    for pages in (1, 3):
        doc = Document()
        for page in range(pages):
            doc.add_paragraph(f"page {page + 1}")
            if page + 1 < pages:
                doc.add_page_break()  # type: ignore[no-untyped-call]
        path = root / str(pages) / "same.docx"
        path.parent.mkdir()
        doc.save(str(path))
        jobs["same", str(pages)] = path
    converted = convert(list(jobs.values()))
    return {job: converted[path] for job, path in jobs.items() if path in converted}


@pytest.fixture(scope="module")
def pages(pdfs: dict[tuple[str, str], bytes]) -> dict[tuple[str, str], int]:
    return {job: count_pages(data) for job, data in pdfs.items()}


@pytest.mark.parametrize(("name", "lang"), JOBS)
def test_document_converts_within_its_page_limit(
    pages: dict[tuple[str, str], int], name: str, lang: str
) -> None:
    assert (name, lang) in pages, "LibreOffice converted the document"
    limit = load_format(name).spec.page_limit
    assert pages[name, lang] >= 1
    if limit is not None:
        assert pages[name, lang] <= limit


@pytest.mark.parametrize("lang", ["de", "en"])
def test_dfg_cv_fits_four_pages(pages: dict[tuple[str, str], int], lang: str) -> None:
    assert 1 <= pages["dfg-cv", lang] <= 4


def test_documents_with_the_same_file_name_keep_their_own_pdf(
    pages: dict[tuple[str, str], int],
) -> None:
    assert (pages["same", "1"], pages["same", "3"]) == (1, 3)
