"""The ``peer_reviewed`` flag of imported publications, and the reason shown for it.

The profile's one rule: a work counts as peer-reviewed when its ``peer_reviewed`` flag is
true. An import sets the flag by one of three modes (``--peer-reviewed``):

- ``auto`` (default): true where the evidence is clear, i.e. a journal article, or a
  conference or workshop paper, with a venue that is not a preprint server, published,
  in press or accepted; false for everything else (preprints, book reviews, books,
  chapters, theses, reports, works without venue, under review, submitted or in
  preparation). Where the file itself marks works peer-reviewed (``annote = {Peer
  reviewed}``, the keyword ``peerreview``), those are true and every other one false.
- ``all``: true for every imported publication; ``none``: false for every one.

Entries already in the profile are never changed.
"""

from __future__ import annotations

from typing import Any, Literal

from grantdocs.importers.records import ImportResult
from grantdocs.importers.venues import classify

PeerReviewMode = Literal["auto", "all", "none"]
PEER_REVIEW_MODES: tuple[PeerReviewMode, ...] = ("auto", "all", "none")

OWNER_MARK = "marked peer-reviewed in the file"
"""Start of the note an importer adds where the file itself marks a work peer-reviewed; the
importer also sets the entry's flag, and ``auto`` keeps it."""

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
    if status not in ("published", "in_press", "accepted"):
        return False, f"status {status}"
    if not isinstance(venue, str) or not venue.strip():
        return False, f"{_REVIEWED_KINDS[kind]} without a venue"
    if classify(venue) == "preprint":
        return False, f"venue {venue!r} is a preprint server"
    return True, f"{_REVIEWED_KINDS[kind]} in {venue!r}" + (
        f", {status.replace('_', ' ')}" if status != "published" else ""
    )


def apply_peer_review(result: ImportResult, mode: PeerReviewMode) -> None:
    """Set ``peer_reviewed`` on every publication record of ``result`` and note the reason.

    Where the file marks some works peer-reviewed itself, ``auto`` takes its word for all of
    them: a work it does not mark is not peer-reviewed."""
    publications = [r for r in result.records if r.section == "publications"]
    marked = sum(1 for r in publications if r.entry.get("peer_reviewed") is True)
    for record in publications:
        if mode == "auto" and record.entry.get("peer_reviewed") is True:
            flag, reason = True, OWNER_MARK
        elif mode == "auto" and marked:
            flag = False
            reason = f"the file marks {marked} works peer-reviewed, and not this one"
        elif mode == "auto":
            flag, reason = infer(record.entry)
        else:
            flag, reason = mode == "all", f"--peer-reviewed {mode}"
        record.entry["peer_reviewed"] = flag
        record.notes.append(f"peer_reviewed {str(flag).lower()}: {reason}")
