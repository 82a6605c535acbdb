"""A composed document as one PDF: the PDFs of its parts joined with one bookmark (outline
entry) per part, so a reader jumps to each person's CV (``build/pages.py`` converts them)."""

from __future__ import annotations

import io
from collections.abc import Sequence


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
