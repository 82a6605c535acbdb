"""A composed document as one PDF: each part converted on its own, then joined with one
bookmark (outline entry) per part, so a reader jumps to each person's CV."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from grantdocs.atomic import write_bytes
from grantdocs.notices import PAGE_LIMIT, PDF_FAILED, Notice
from grantdocs.render import pdf

if TYPE_CHECKING:
    from grantdocs.report import DocumentReport


def join_pdfs(parts: Sequence[tuple[str, bytes]]) -> bytes:
    """The PDFs of ``parts`` (title, PDF bytes) one after another, a bookmark per title."""
    from pypdf import PdfReader, PdfWriter  # lazy: only a composed document's PDF needs it

    writer = PdfWriter()
    for title, data in parts:
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(data)), import_outline=False)
        writer.add_outline_item(title=title, page_number=start)
    writer.add_metadata({"/Producer": "grantdocs"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def count_composed_pages(reports: Sequence[DocumentReport]) -> None:
    """For each composed document (``report.parts``): every part converted in one
    LibreOffice run, the PDFs joined with a bookmark per part and written beside the
    document, its pages recorded (as ``pages.count_pages`` does for the others)."""
    if not reports:
        return
    failures: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="grantdocs-parts-") as tmp:
        staged = [
            [Path(tmp, f"{index}-{n}.docx") for n in range(len(r.parts))]
            for index, r in enumerate(reports)
        ]
        for r, paths in zip(reports, staged, strict=True):
            for path, part in zip(paths, r.parts, strict=True):
                path.write_bytes(part.data)
        pdfs = pdf.convert([p for paths in staged for p in paths], failures=failures)
    for r, paths in zip(reports, staged, strict=True):
        missing = [p for p in paths if p not in pdfs]
        if missing:
            message = failures.get(missing[0], "LibreOffice could not convert this document")
            r.warnings.append(Notice(PDF_FAILED, message))
            continue
        data = join_pdfs([(part.title, pdfs[p]) for part, p in zip(r.parts, paths, strict=True)])
        write_bytes(r.path.with_suffix(".pdf"), data)
        r.pages = pdf.count_pages(data)
        if r.page_limit and r.pages > r.page_limit:
            r.warnings.append(
                Notice(PAGE_LIMIT, f"{r.pages} pages: over the format's limit of {r.page_limit}")
            )
