"""Warnings about a document: a stable code, a message, and where to fix it.

Codes are stable so that a report can group, count and silence them (``--ignore no-doi``).
"""

from __future__ import annotations

from msgspec import Struct

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
FOREIGN_CURRENCY = "foreign-currency"
"""A spreadsheet amount is not in the currency the funder asks for."""
FITTED = "fitted"
"""``--fit`` dropped entries so that the document fits its page limit."""
NOT_AN_AUTHOR = "owner-not-author"
"""A listed publication names no author the owner's names match."""
HIGHLIGHT_LIMIT = "highlight-limit"
"""More own works are cited than a list may highlight."""
UNKNOWN_CITATION = "unknown-citation"
"""A key the proposal cites names no work of the members or of the bibliography."""
MEMBER_FAILED = "member-failed"
"""A team document was built without a member whose profile failed."""
EMPTY_SECTION = "empty-section"
"""A slot of a document keeps no entry: its heading is left out, or printed with 'None'."""
NOT_SHOWN = "not-shown"
"""An entry of the profile is in no section of a document: the format's rules leave it out."""
POSSIBLE_DUPLICATE = "possible-duplicate"
"""Two records may be one work; the team file (or the profile) should settle it."""

CODES: dict[str, str] = {
    NO_DOI: "a listed publication has no DOI",
    FALLBACK: "a text is missing in the document's language",
    CLEANED: "characters the file format cannot store were removed",
    MISSING_VALUE: "a spreadsheet column is empty for lack of profile data",
    TEMPLATE_LOSS: "openpyxl could not keep part of a workbook template",
    PAGE_LIMIT: "a document is over its format's page limit",
    PDF_FAILED: "LibreOffice could not convert a document",
    PLACEHOLDER: "an example value of 'grantdocs init' reached a document",
    LONG_TEXT: "a text is longer than a spreadsheet cell can hold",
    FOREIGN_CURRENCY: "an amount is not in euros",
    FITTED: "entries were dropped to fit the page limit",
    NOT_AN_AUTHOR: "a listed publication names no author the owner's names match",
    HIGHLIGHT_LIMIT: "more own works are cited than the list may highlight",
    UNKNOWN_CITATION: "a cited key names no work of the members or the bibliography",
    MEMBER_FAILED: "a team document was built without a member whose profile failed",
    EMPTY_SECTION: "a section of a document has no entries (left out, or printed as 'None')",
    NOT_SHOWN: "an entry of the profile is in no section of a document (a format rule)",
    POSSIBLE_DUPLICATE: "two records may be one work; settle the pair in the team file",
}
"""Every notice code and what it means: the codes ``--ignore`` accepts."""


def check_code(code: str) -> str:
    """``code`` if it is a notice code; else ValueError naming the closest one."""
    if code in CODES:
        return code
    # lazy: difflib loads only when this runs
    from difflib import get_close_matches

    close = get_close_matches(code, CODES, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise ValueError(f"unknown warning code {code!r}; {hint}codes: " + ", ".join(CODES))


class Notice(Struct, frozen=True):
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
