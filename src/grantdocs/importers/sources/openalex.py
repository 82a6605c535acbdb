"""OpenAlex's work search: the works whose titles match, each with its DOI, authors, year.

``GET /works?filter=title.search:<title>&select=...&per-page=<rows>``: a title search (the
filter's own separators ``,`` ``|`` ``!`` ``:`` are replaced by spaces), only the fields read
here, and ``mailto`` when a contact address is known (OpenAlex's polite pool). Works
without a DOI are left out: ``enrich`` looks for DOIs.
"""

from __future__ import annotations

import json
import re
from typing import Any

from msgspec import Struct

from grantdocs.errors import SourceError
from grantdocs.importers.sources.http import Client, endpoint
from grantdocs.importers.text import clean, short_name, split_plain_name
from grantdocs.profile.identifiers import parse_doi

SELECT = "id,doi,title,display_name,publication_year,type,authorships,primary_location"
"""The work fields asked for (OpenAlex's ``select``): a smaller answer."""
_FILTER_SYNTAX = re.compile(r"[,|!:]+")
PLACEHOLDER = "NULL AUTHOR_ID"
"""The name OpenAlex gives an author it has no record of (id ``A9999999999``): the
author's name as printed (``raw_author_name``) is read instead, if there is one."""


class Work(Struct, frozen=True):
    """What OpenAlex says about one work with a DOI."""

    doi: str
    title: str
    year: int | None
    authors: tuple[str, ...]
    venue: str | None


def search(client: Client, title: str, rows: int) -> list[Work]:
    """OpenAlex's works for a title search, in its order (best first)."""
    query = clean(_FILTER_SYNTAX.sub(" ", title))
    if not query:
        return []
    params = {"filter": f"title.search:{query}", "select": SELECT, "per-page": str(rows)}
    contact = client.contact_address()
    if contact:
        params["mailto"] = contact
    answer = client.get(f"{endpoint('openalex')}/works", params)
    if answer is None:
        return []
    try:
        data = json.loads(answer.text)
    except (ValueError, RecursionError):
        raise SourceError(f"{answer.url}: the answer is not valid JSON") from None
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise SourceError(f"{answer.url}: not an OpenAlex list of works")
    return [w for item in results if isinstance(item, dict) and (w := read(item)) is not None]


def read(item: dict[str, Any]) -> Work | None:
    """The ``Work`` of an OpenAlex work object; None without DOI or title."""
    doi = parse_doi(item["doi"]) if isinstance(item.get("doi"), str) else None
    title = _text(item.get("title")) or _text(item.get("display_name"))
    if doi is None or title is None:
        return None
    year = item.get("publication_year")
    authors = []
    for authorship in item.get("authorships") or []:
        author = authorship.get("author") if isinstance(authorship, dict) else None
        name = _text(author.get("display_name")) if isinstance(author, dict) else None
        if name == PLACEHOLDER:
            name = _text(authorship.get("raw_author_name"))
        if name:
            given, family = split_plain_name(name)
            authors.append(short_name(family, given) if family else name)
    location = item.get("primary_location")
    source = location.get("source") if isinstance(location, dict) else None
    venue = _text(source.get("display_name")) if isinstance(source, dict) else None
    return Work(
        doi=doi,
        title=title,
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        authors=tuple(authors),
        venue=venue,
    )


def _text(value: Any) -> str | None:
    return clean(value) or None if isinstance(value, str) else None
