"""Find a publication's DOI: Crossref's bibliographic search, each candidate with a score.

The score (0 to 1) weighs how alike the titles are (0.7), whether the first author's family
name is among the candidate's authors (0.15) and whether the years agree within one (0.15).
A candidate is *confident* when its score is at least ``CONFIDENT`` and the titles are
nearly the same; only confident candidates are written without the user's confirmation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from grantdocs.errors import SourceError
from grantdocs.importers.sources.http import Client, endpoint
from grantdocs.importers.sources.registry import read
from grantdocs.importers.text import match_key

ROWS = 5
"""Candidates asked for per publication."""
CONFIDENT = 0.9
TITLE_CONFIDENT = 0.93


@dataclass(frozen=True)
class Candidate:
    """One search result: its DOI, what it is, and how well it matches."""

    doi: str
    title: str
    year: int | None
    authors: tuple[str, ...]
    venue: str | None
    score: float
    title_score: float

    @property
    def confident(self) -> bool:
        """True if the match may be written without asking."""
        return self.score >= CONFIDENT and self.title_score >= TITLE_CONFIDENT


def family_of(author: str) -> str:
    """The family name of a profile author form ('Müller K-R' -> 'Müller', 'Perkins T A'
    -> 'Perkins')."""
    words = author.split()
    while len(words) > 1 and len(words[-1]) <= 4 and words[-1].replace("-", "").isupper():
        words.pop()  # initials: 'T A', 'TA', 'K-R'
    return " ".join(words)


def candidates(client: Client, title: str, authors: list[str], year: int | None) -> list[Candidate]:
    """Crossref's candidates for a publication, best first."""
    params = {"query.bibliographic": title, "rows": str(ROWS)}
    if authors:
        params["query.author"] = family_of(authors[0])
    answer = client.get(f"{endpoint('crossref')}/works", params)
    if answer is None:
        return []
    try:
        data = json.loads(answer.text)
    except (ValueError, RecursionError):
        raise SourceError(f"{answer.url}: the answer is not valid JSON") from None
    message = data.get("message") if isinstance(data, dict) else None
    items = message.get("items") if isinstance(message, dict) else None
    if not isinstance(items, list):
        raise SourceError(f"{answer.url}: not a Crossref list of works")
    found = [_candidate(item, title, authors, year) for item in items if isinstance(item, dict)]
    return sorted((c for c in found if c is not None), key=lambda c: -c.score)


def _candidate(
    item: dict[str, Any], title: str, authors: list[str], year: int | None
) -> Candidate | None:
    doi = item.get("DOI")
    if not isinstance(doi, str):
        return None
    record = read(item, doi, "Crossref")
    if not record.title:
        return None
    title_score = SequenceMatcher(None, match_key(title), match_key(record.title)).ratio()
    theirs = [match_key(family_of(a)) for a in record.fields.get("authors", [])]
    author_ok = bool(authors) and match_key(family_of(authors[0])) in theirs
    year_ok = year is not None and record.year is not None and abs(year - record.year) <= 1
    score = 0.7 * title_score + 0.15 * author_ok + 0.15 * year_ok
    return Candidate(
        doi=record.doi,
        title=record.title,
        year=record.year,
        authors=tuple(record.fields.get("authors", [])),
        venue=record.fields.get("venue"),
        score=round(score, 3),
        title_score=round(title_score, 3),
    )
