"""Text that XML 1.0 can carry: control characters other than tab and newlines removed."""

from __future__ import annotations

import re
from typing import Any

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (NUL, vertical tab, escape, ...)."""
    return _ILLEGAL.sub("", text)


def has_illegal(text: str) -> bool:
    return _ILLEGAL.search(text) is not None


def clean_tree(value: Any, found: list[str]) -> Any:
    """A copy of a context tree with every string cleaned; appends each changed string to
    ``found``. Callables and other objects pass through unchanged."""
    if isinstance(value, str):
        if has_illegal(value):
            found.append(value)
            return clean(value)
        return value
    if isinstance(value, dict):
        return {k: clean_tree(v, found) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_tree(v, found) for v in value]
    return value
