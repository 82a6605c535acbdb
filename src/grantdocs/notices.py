"""Warnings about a document: a stable code, a message, and where to fix it.

Codes are stable so that a report can group, count and silence them (``--ignore no-doi``).
"""

from __future__ import annotations

from dataclasses import dataclass

NO_DOI = "no-doi"
"""A listed publication has no DOI."""
FALLBACK = "language-fallback"
"""A text was missing in the document's language; another language was shown."""
CLEANED = "cleaned-text"
"""Characters the file format cannot store were removed from a text."""
MISSING_VALUE = "missing-value"
"""A spreadsheet column the funder asks for is empty for lack of profile data."""
TEMPLATE_LOSS = "template-loss"
"""openpyxl could not keep part of a workbook template."""
PAGE_LIMIT = "page-limit"
"""The document has more pages than its format allows."""
PDF_FAILED = "pdf-failed"
"""LibreOffice could not convert the document."""
PLACEHOLDER = "placeholder"
"""An example entry of ``grantdocs init`` was selected into the document."""
LONG_TEXT = "long-text"
"""A text is longer than a spreadsheet cell can hold."""


@dataclass(frozen=True, slots=True)
class Notice:
    """One warning about one document.

    ``subject`` groups notices of the same cause across documents (e.g. the field path or
    entry id); ``where`` is the ``file:line`` of the profile value to fix, or None.
    """

    code: str
    message: str
    where: str | None = None
    subject: str | None = None

    def __str__(self) -> str:
        return self.message
