"""Whether a work is public: the one rule every format's publication slots share.

A work is public when it is out or accepted (status ``published``, ``in_press`` or
``accepted``: funders count accepted work as listable), or when anyone can read it (it has a
DOI, a URL, an arXiv id or a repository), as a preprint or a posted working paper is. A
manuscript under review or submitted with none of these is not public, and neither is a work
of kind ``manuscript`` (unpublished by definition) whatever its status says.
"""

from __future__ import annotations

from grantdocs.profile.records import Publication

PUBLIC_STATUSES = ("published", "in_press", "accepted")
"""Statuses that make a work public whatever else it has."""

PUBLIC_WORDS = (
    "published, in press or accepted (a manuscript never is), or readable by anyone: it has "
    "a DOI, a URL, an arXiv id or a repository"
)
"""The rule in words, as ``grantdocs formats`` and ``explain`` show it."""


def is_public(pub: Publication) -> bool:
    """True if ``pub`` is out or accepted, or anyone can read it."""
    readable = bool(pub.doi or pub.url or pub.arxiv or pub.repository)
    if pub.kind == "manuscript":
        return readable
    return pub.status in PUBLIC_STATUSES or readable
