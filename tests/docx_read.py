"""Reading built Word documents back with python-docx: paragraphs, runs, headings, numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

NUMBERED = re.compile(r"^\[(\d+)\]\t")
"""A numbered citation paragraph: ``[3]<tab>Authors ...``."""


def open_docx(path: Path) -> DocumentObject:
    return Document(str(path))


def paragraphs(doc: DocumentObject) -> Iterator[Paragraph]:
    """Body paragraphs and table-cell paragraphs, in document order."""
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        else:
            yield from _table_paragraphs(block)


def _table_paragraphs(table: Table) -> Iterator[Paragraph]:
    for row in table.rows:
        for cell in row.cells:
            yield from _cell_paragraphs(cell)


def _cell_paragraphs(cell: _Cell) -> Iterator[Paragraph]:
    for block in cell.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        else:
            yield from _table_paragraphs(block)


def runs(paragraph: Paragraph) -> Iterator[Run]:
    """Every run of a paragraph, including the runs inside hyperlinks."""
    for item in paragraph.iter_inner_content():
        if isinstance(item, Run):
            yield item
        else:
            yield from item.runs


def texts(doc: DocumentObject) -> list[str]:
    """The text of every paragraph (body and tables), stripped."""
    return [p.text.strip() for p in paragraphs(doc)]


def headings(doc: DocumentObject, max_level: int = 2) -> list[str]:
    """Texts of the body's ``Heading 1`` .. ``Heading {max_level}`` paragraphs, in order."""
    wanted = {f"Heading {level}" for level in range(1, max_level + 1)}
    return [
        p.text.strip() for p in doc.paragraphs if p.style is not None and p.style.name in wanted
    ]


def numbered_by_heading(doc: DocumentObject) -> dict[str, list[int]]:
    """The numbers of the numbered citation paragraphs under each heading (any level)."""
    found: dict[str, list[int]] = {}
    current = ""
    for p in doc.paragraphs:
        name = p.style.name if p.style is not None else ""
        if name.startswith("Heading"):
            current = p.text.strip()
            continue
        match = NUMBERED.match(p.text)
        if match:
            found.setdefault(current, []).append(int(match.group(1)))
    return found
