"""docxtpl's ``resolve_listing``, handed only the paragraphs it would change.

After rendering, docxtpl turns tab, newline, bell and form-feed characters in ``w:t`` text
into Word's tab, break and paragraph elements, running nested regular expressions with
Python callbacks over every paragraph, run and text of the document (1 s for a
10,000-entry publication list). A paragraph holding none of those characters comes out
unchanged, so it is skipped; every other paragraph goes to docxtpl as before.

``_PARAGRAPH`` copies the paragraph pattern of docxtpl 0.20's ``resolve_listing`` (the
upper bound pinned in pyproject.toml); ``tests/render/test_docxlisting.py`` checks the
result against docxtpl's for any sequence of pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
"""docxtpl's own paragraph pattern, so the paragraphs are cut exactly where it cuts them."""
_LISTING = re.compile("[\t\a\n\f]")


def resolve_listing(xml: str, resolve: Callable[[str], str]) -> str:
    """``resolve(xml)`` (docxtpl's ``resolve_listing``) applied paragraph by paragraph, to
    the paragraphs that hold a tab, newline, bell or form feed."""
    if _LISTING.search(xml) is None:
        return xml

    def paragraph(match: re.Match[str]) -> str:
        text = match.group(0)
        return resolve(text) if _LISTING.search(text) else text

    return _PARAGRAPH.sub(paragraph, xml)
