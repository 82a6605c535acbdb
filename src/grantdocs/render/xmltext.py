"""Text that XML 1.0 can carry: control characters other than tab and newlines removed."""

from __future__ import annotations

import re

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (NUL, vertical tab, escape, ...)."""
    return _ILLEGAL.sub("", text)


def has_illegal(text: str) -> bool:
    return _ILLEGAL.search(text) is not None
