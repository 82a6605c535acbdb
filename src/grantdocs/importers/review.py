"""The ``peer_reviewed`` flag of imported publications, and the reason shown for it.

The profile's one rule: a work counts as peer-reviewed when its ``peer_reviewed`` flag is
true. An import sets the flag by one of three modes (``--peer-reviewed``):

- ``auto`` (default): true where the evidence is clear, i.e. a journal article, or a
  conference or workshop paper, with a venue that is not a preprint server, published or
  accepted; false for everything else (preprints, books, chapters, theses, reports, works
  without venue, submitted or in preparation).
- ``all``: true for every imported publication; ``none``: false for every one.

Entries already in the profile are never changed.
"""

from __future__ import annotations

from typing import Any, Literal

from grantdocs.importers.records import ImportResult
from grantdocs.importers.venues import classify

PeerReviewMode = Literal["auto", "all", "none"]
PEER_REVIEW_MODES: tuple[PeerReviewMode, ...] = ("auto", "all", "none")

_REVIEWED_KINDS = {
    "journal_article": "journal article",
    "conference_paper": "conference paper",
    "workshop_paper": "workshop paper",
}


def infer(entry: dict[str, Any]) -> tuple[bool, str]:
    """Whether the evidence in ``entry`` clearly shows peer review, and why (or why not)."""
    kind = str(entry.get("kind", "other"))
    status = str(entry.get("status", "published"))
    venue = entry.get("venue")
    if kind not in _REVIEWED_KINDS:
        return False, f"kind {kind}"
    if status not in ("published", "accepted"):
        return False, f"status {status}"
    if not isinstance(venue, str) or not venue.strip():
        return False, f"{_REVIEWED_KINDS[kind]} without a venue"
    if classify(venue) == "preprint":
        return False, f"venue {venue!r} is a preprint server"
    return True, f"{_REVIEWED_KINDS[kind]} in {venue!r}" + (
        ", accepted" if status == "accepted" else ""
    )


def apply_peer_review(result: ImportResult, mode: PeerReviewMode) -> None:
    """Set ``peer_reviewed`` on every publication record of ``result`` and note the reason."""
    for record in result.records:
        if record.section != "publications":
            continue
        if mode == "auto":
            flag, reason = infer(record.entry)
        else:
            flag, reason = mode == "all", f"--peer-reviewed {mode}"
        record.entry["peer_reviewed"] = flag
        record.notes.append(f"peer_reviewed {str(flag).lower()}: {reason}")
