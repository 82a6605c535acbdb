"""What a DOI's registration agency says about a work: Crossref first, then doi.org.

Crossref's REST API answers ``/works?filter=doi:...`` for the DOIs it registered (a list
with no item for the others). Any other DOI (DataCite: Zenodo, figshare ...; mEDRA; JaLC) is
asked at the DOI resolver with content negotiation for CSL-JSON, which the resolver hands to
the DOI's own agency. Both answers are CSL-shaped; ``fields`` reads either into profile
fields, and the answer's DOI must be the one asked for.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import httpx
from msgspec import Struct, field

from grantdocs.errors import SourceError
from grantdocs.importers.csljson import CSL_KINDS
from grantdocs.importers.sources.http import Client, endpoint
from grantdocs.importers.text import clean, normalise_pages, short_name

CSL_JSON = "application/vnd.citationstyles.csl+json"

CROSSREF_KINDS: dict[str, str] = {
    # Crossref types (api.crossref.org/types)
    "journal-article": "journal_article",
    "proceedings-article": "conference_paper",
    "book-chapter": "book_chapter",
    "book-section": "book_chapter",
    "book-part": "book_chapter",
    "reference-entry": "book_chapter",
    "book": "book",
    "monograph": "book",
    "reference-book": "book",
    "edited-book": "edited_book",
    "posted-content": "preprint",
    "dissertation": "thesis",
    "report": "report",
    "report-component": "report",
    "dataset": "dataset",
    "component": "other",
    "peer-review": "other",
    "standard": "other",
    "proceedings": "proceedings",
}
KINDS: dict[str, str] = {
    **{csl: kind for csl, kind in CSL_KINDS.items() if csl != "article"},
    **CROSSREF_KINDS,
}
"""A registry's work type -> the profile's publication kind; unknown types keep the kind
the caller had. Crossref's names are here, CSL's (DataCite answers in CSL) are the CSL-JSON
importer's table, so a registry and a CSL-JSON file type a work alike. CSL's
'article' is left out: DataCite gives it to any text (a thesis on Zenodo), so it says
nothing about the kind."""

FIELDS = ("kind", "authors", "editors", "venue", "volume", "issue", "pages", "publisher")
"""The fields a registry answer may give a publication, in the order notes name them."""


class Registered(Struct):
    """One DOI's registry record: the agency that answered and the profile fields it gives."""

    doi: str
    source: str
    fields: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    year: int | None = None
    month: int | None = None
    type: str | None = None


def lookup(client: Client, doi: str) -> Registered | None:
    """The registry record of ``doi``: Crossref's, else the resolver's; None if neither
    knows it. A malformed answer, or one about another DOI, is a ``SourceError``."""
    doi = doi.strip().lower()  # DOIs are case-insensitive; registries answer in lower case
    item = _crossref(client, doi)
    if item is not None:
        return read(item, doi, "Crossref")
    answer = client.get(f"{endpoint('doi')}/{doi}", accept=CSL_JSON)
    if answer is None:
        return None
    data = _json(answer.text, answer.url)
    if not isinstance(data, dict):
        raise SourceError(f"{answer.url}: the answer is not a CSL-JSON item")
    return read(data, doi, _agency(answer.url, data))


def _crossref(client: Client, doi: str) -> dict[str, Any] | None:
    answer = client.get(f"{endpoint('crossref')}/works", {"filter": f"doi:{doi}"})
    if answer is None:
        return None
    data = _json(answer.text, answer.url)
    message = data.get("message") if isinstance(data, dict) else None
    items = message.get("items") if isinstance(message, dict) else None
    if not isinstance(items, list):
        raise SourceError(f"{answer.url}: not a Crossref list of works")
    return next((i for i in items if isinstance(i, dict) and _same(i.get("DOI"), doi)), None)


_AGENCIES = (
    ("crossref", "Crossref"),
    ("datacite", "DataCite"),
    ("medra", "mEDRA"),
    ("jalc", "JaLC"),
)


def _agency(url: str, data: dict[str, Any]) -> str:
    """The agency that answered: from the host the resolver sent us to, else the record."""
    host = httpx.URL(url).host
    for part, name in _AGENCIES:
        if part in host:
            return name
    source = data.get("source")
    return str(source) if isinstance(source, str) and source else "doi.org"


def read(item: dict[str, Any], doi: str, source: str) -> Registered:
    """The profile fields of a Crossref or CSL-JSON ``item`` about ``doi``."""
    if not _same(item.get("DOI"), doi):
        raise SourceError(
            f"{source} answered about DOI {item.get('DOI')!r} when asked about {doi!r}; "
            "the answer is not used"
        )
    found = Registered(doi, source)
    kind_name = _text(item.get("type"))
    found.type = kind_name
    if kind_name in KINDS:
        found.fields["kind"] = KINDS[kind_name]
    for role, key in (("author", "authors"), ("editor", "editors")):
        people = _people(item.get(role))
        if people:
            found.fields[key] = people
    venue = _text(item.get("container-title"))
    values = {
        "venue": venue,
        "volume": _text(item.get("volume")),
        "issue": _text(item.get("issue")),
        "pages": normalise_pages(p) if (p := _text(item.get("page"))) else None,
        "publisher": _text(item.get("publisher")),
    }
    found.fields.update({k: v for k, v in values.items() if v})
    if found.fields.get("kind") == "conference_paper" and venue and "workshop" in venue.lower():
        found.fields["kind"] = "workshop_paper"
    found.title = _text(item.get("title"))
    for key in ("published-print", "published-online", "issued", "published"):
        parts = item.get(key, {}).get("date-parts") if isinstance(item.get(key), dict) else None
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            first = parts[0]
            if isinstance(first[0], int) and 1000 <= first[0] <= 9999:
                found.year = first[0]
                if len(first) > 1 and isinstance(first[1], int) and 1 <= first[1] <= 12:
                    found.month = first[1]
                break
    return found


def _people(value: Any) -> list[str]:
    out = []
    for person in value if isinstance(value, list) else []:
        if not isinstance(person, dict):
            continue
        family = _text(person.get("family"))
        if family:
            out.append(short_name(family, _text(person.get("given")) or ""))
            continue
        literal = _text(person.get("literal")) or _text(person.get("name"))
        if literal:
            out.append(literal)
    return out


_MARKUP = re.compile(
    r"</?(?:scp|i|b|em|strong|sub|sup|u|mml:[a-z]+|jats:[a-z]+)\b[^>]{0,200}>", re.I
)
"""The JATS and HTML face markup Crossref keeps in titles (``<scp>T</scp>reebase``)."""


def _text(value: Any) -> str | None:
    """A string, or the first of a list of strings (Crossref's titles), cleaned, without
    face markup."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return clean(html.unescape(_MARKUP.sub("", value))) or None


def _same(found: Any, doi: str) -> bool:
    return isinstance(found, str) and found.strip().lower() == doi.strip().lower()


def _json(text: str, url: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise SourceError(f"{url}: the answer is not valid JSON") from None
