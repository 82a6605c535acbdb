"""Find a publication's DOI: Crossref's bibliographic search, then OpenAlex's title search,
each candidate with a score.

Crossref is asked first: it registers most DOIs, and its search weighs title, authors and
venue together. OpenAlex is asked when Crossref has no confident candidate: it also knows
DOIs Crossref does not register (arXiv's and Zenodo's, at DataCite), and works Crossref's
search ranks low. Candidates with the same DOI are merged (the better score stays).

The score (0 to 1) weighs how alike the titles are (0.7), whether the first author's family
name is among the candidate's authors (0.15) and whether the years agree within one (0.15).
A candidate is *confident* when its score is at least ``CONFIDENT`` and the titles are
nearly the same; only confident candidates are written without the user's confirmation.
"""

from __future__ import annotations

import json
from difflib import SequenceMatcher
from typing import Any

from msgspec import Struct

from grantdocs.errors import SourceError
from grantdocs.importers.sources import openalex
from grantdocs.importers.sources.http import Client, endpoint
from grantdocs.importers.sources.registry import read
from grantdocs.importers.text import match_key

ROWS = 5
"""Candidates asked for per publication and source."""
CONFIDENT = 0.9
TITLE_CONFIDENT = 0.93
SOURCES = ("Crossref", "OpenAlex")
"""The sources asked, in order."""


class Candidate(Struct, frozen=True):
    """One search result: its DOI, what it is, how well it matches, and who gave it."""

    doi: str
    title: str
    year: int | None
    authors: tuple[str, ...]
    venue: str | None
    score: float
    title_score: float
    source: str = "Crossref"

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
    """The candidates of Crossref, and of OpenAlex unless Crossref's best is confident;
    best first."""
    found = crossref_candidates(client, title, authors, year)
    if found and found[0].confident:
        return found
    best: dict[str, Candidate] = {c.doi.lower(): c for c in found}
    for candidate in openalex_candidates(client, title, authors, year):
        known = best.get(candidate.doi.lower())
        if known is None or candidate.score > known.score:
            best[candidate.doi.lower()] = candidate
    return sorted(best.values(), key=lambda c: -c.score)


def crossref_candidates(
    client: Client, title: str, authors: list[str], year: int | None
) -> list[Candidate]:
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
    found = [_crossref(item, title, authors, year) for item in items if isinstance(item, dict)]
    return sorted((c for c in found if c is not None), key=lambda c: -c.score)


def openalex_candidates(
    client: Client, title: str, authors: list[str], year: int | None
) -> list[Candidate]:
    """OpenAlex's candidates for a publication, best first."""
    found = [
        scored(w.doi, w.title, w.year, w.authors, w.venue, "OpenAlex", title, authors, year)
        for w in openalex.search(client, title, ROWS)
    ]
    return sorted(found, key=lambda c: -c.score)


def _crossref(
    item: dict[str, Any], title: str, authors: list[str], year: int | None
) -> Candidate | None:
    doi = item.get("DOI")
    if not isinstance(doi, str):
        return None
    record = read(item, doi, "Crossref")
    if not record.title:
        return None
    theirs = tuple(record.fields.get("authors", []))
    venue = record.fields.get("venue")
    return scored(
        record.doi, record.title, record.year, theirs, venue, "Crossref", title, authors, year
    )


def scored(
    doi: str,
    their_title: str,
    their_year: int | None,
    their_authors: tuple[str, ...],
    venue: str | None,
    source: str,
    title: str,
    authors: list[str],
    year: int | None,
) -> Candidate:
    """A work a source found, scored against the publication (``title``, ``authors``,
    ``year``) it was looked up for."""
    title_score = SequenceMatcher(None, match_key(title), match_key(their_title)).ratio()
    theirs = [match_key(family_of(a)) for a in their_authors]
    author_ok = bool(authors) and match_key(family_of(authors[0])) in theirs
    year_ok = year is not None and their_year is not None and abs(year - their_year) <= 1
    score = 0.7 * title_score + 0.15 * author_ok + 0.15 * year_ok
    return Candidate(
        doi=doi,
        title=their_title,
        year=their_year,
        authors=their_authors,
        venue=venue,
        score=round(score, 3),
        title_score=round(title_score, 3),
        source=source,
    )
