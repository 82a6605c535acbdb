"""Text that XML 1.0 can carry: control characters other than tab and newlines removed, and
the private-use characters grantdocs reserves as its citation renderer's marks."""

from __future__ import annotations

import re

from grantdocs.cite.rich import RESERVED_MARKS

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_REMOVED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff{RESERVED_MARKS}]")


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (NUL, vertical tab, escape, ...) and
    the reserved marks."""
    return _REMOVED.sub("", text)


def has_illegal(text: str) -> bool:
    return _ILLEGAL.search(text) is not None
