"""A work's status, read from the fields personal bibliographies keep it in.

Sources, first one that says something wins: al-folio's ``status`` field (a short code:
``review``, ``rar``, ``wp``, ...), biblatex's ``pubstate`` (``inpress``, ``forthcoming``,
``submitted``, or free text), then ``note``, ``annote`` and ``keywords`` ("In print",
"Submitted for publication", "Revise and resubmit", "im Druck"). A code that names a kind
instead of a status (``wp``, ``jmp``: a working paper) is returned as a kind. The owner's own
mark that a work is peer-reviewed ("Peer reviewed" in ``annote``, the keyword
``peerreview``) is read here too.
"""

from __future__ import annotations

import re

from msgspec import Struct

from grantdocs.profile.records import PublicationStatus

STATUS_FIELDS = ("status", "pubstate", "note", "annote", "annotation", "keywords")
"""Fields read for a status, in the order they are tried."""

_CODES: dict[str, PublicationStatus | None] = {
    "published": "published",
    "publ": "published",
    "accepted": "accepted",
    "inpress": "in_press",
    "in press": "in_press",
    "in print": "in_press",
    "inprint": "in_press",
    "forthcoming": "in_press",
    "toappear": "in_press",
    "to appear": "in_press",
    "review": "under_review",
    "inreview": "under_review",
    "in review": "under_review",
    "underreview": "under_review",
    "under review": "under_review",
    "rar": "under_review",
    "r&r": "under_review",
    "rr": "under_review",
    "revise and resubmit": "under_review",
    "revision": "under_review",
    "submitted": "submitted",
    "inpreparation": "in_preparation",
    "in preparation": "in_preparation",
    "preparation": "in_preparation",
    "wip": "in_preparation",
    "design": "in_preparation",
    "analysis": "in_preparation",
    "implementation": "in_preparation",
    "prepublished": None,
}
"""Short codes of al-folio's ``status`` and biblatex's ``pubstate``; None: no status."""

_KIND_CODES = {"wp": "working_paper", "workingpaper": "working_paper",
               "working paper": "working_paper", "jmp": "working_paper",
               "prepublished": "preprint"}  # fmt: skip
"""Codes that say what a work is rather than where it stands (``jmp``: job-market paper)."""

_PHRASES: tuple[tuple[PublicationStatus, re.Pattern[str]], ...] = (
    (
        "under_review",
        re.compile(
            r"\b(?:under\s+review|in\s+review|under\s+revision|revise\s*(?:and|&)\s*resubmit|"
            r"R\s*&\s*R|major\s+revisions?|minor\s+revisions?|conditionally\s+accepted|"
            r"in\s+begutachtung|begutachtung)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "in_press",
        re.compile(
            r"\b(?:in\s+press|in\s+print|im\s+druck|im\s+erscheinen|forthcoming|to\s+appear|"
            r"inpress|inprint)\b",
            re.IGNORECASE,
        ),
    ),
    ("accepted", re.compile(r"\b(?:accepted|angenommen)\b", re.IGNORECASE)),
    ("submitted", re.compile(r"\b(?:submitted|eingereicht)\b", re.IGNORECASE)),
    (
        "in_preparation",
        re.compile(r"\b(?:in\s+preparation|in\s+vorbereitung|inpreparation)\b", re.IGNORECASE),
    ),
)
"""Phrases of a note, first match wins ("conditionally accepted" is still under review)."""

_PEER_REVIEWED = re.compile(
    r"\b(?:peer[\s-]*review(?:ed)?|refereed|begutachtet)\b|\bpeerreview\b", re.IGNORECASE
)
_WORKING_PAPER = re.compile(r"\b(?:working\s+paper|discussion\s+paper|arbeitspapier)\b", re.I)


class StatusFinding(Struct, frozen=True):
    """What the fields say: a status, a kind, the owner's peer-review mark, and where."""

    status: PublicationStatus | None = None
    kind: str | None = None
    field: str | None = None
    text: str | None = None
    peer_reviewed_mark: str | None = None
    """The field and text that mark the work peer-reviewed; None if none does."""


def read_status(values: dict[str, str]) -> StatusFinding:
    """The status (and a kind a code names) from ``values`` (field name -> decoded text)."""
    status: PublicationStatus | None = None
    kind: str | None = None
    where: tuple[str, str] | None = None
    mark: str | None = None
    for name in STATUS_FIELDS:
        text = values.get(name)
        if not text:
            continue
        marks = name in ("note", "annote", "annotation", "keywords")
        if mark is None and marks and _PEER_REVIEWED.search(text):
            mark = f"{name} {text!r}"
        if status is not None:
            continue
        if name in ("status", "pubstate"):
            code = " ".join(text.lower().replace("-", " ").replace("_", " ").split())
            if kind is None and code in _KIND_CODES:
                kind = _KIND_CODES[code]
            if code in _CODES:
                status = _CODES[code]
                where = (name, text) if status else where
                continue
        found = _phrase(text, name == "keywords")
        if found is not None:
            status, where = found, (name, text)
        elif kind is None and name == "note" and _WORKING_PAPER.search(text):
            kind = "working_paper"
    return StatusFinding(
        status, kind, where[0] if where else None, where[1] if where else None, mark
    )


_KEYWORDS: dict[str, PublicationStatus] = {
    "inprint": "in_press",
    "inpress": "in_press",
    "forthcoming": "in_press",
    "accepted": "accepted",
    "underreview": "under_review",
    "submitted": "submitted",
    "inpreparation": "in_preparation",
}
"""Keywords that say a status ('review' does not: it may mark a book review)."""


def _phrase(text: str, keywords: bool) -> PublicationStatus | None:
    if keywords:
        words = [w.strip().lower() for w in re.split(r"[,;]", text)]
        return next((_KEYWORDS[w] for w in words if w in _KEYWORDS), None)
    return next((status for status, pattern in _PHRASES if pattern.search(text)), None)
