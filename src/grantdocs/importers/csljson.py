"""CSL-JSON import: the item list reference managers (Zotero, Mendeley, pandoc) export."""

from __future__ import annotations

import json
import re
from typing import Any

from grantdocs.importers.jsonpos import JsonDoc, JsonPath
from grantdocs.importers.records import (
    UNDATED_NOTE,
    ImportResult,
    Record,
    compact,
    repository_name,
    store_citation_fields,
    thesis_type,
)
from grantdocs.importers.status import read_status
from grantdocs.importers.text import (
    SELECTED_KEYS,
    clean,
    first_significant_word,
    normalise_pages,
    parse_arxiv,
    parse_month,
    parse_url,
    parse_year,
    selected_value,
    short_name,
    strip_name_markers,
)
from grantdocs.importers.venues import classify
from grantdocs.importers.worksources import WORKING_PAPER_REPOSITORIES, repository
from grantdocs.profile.identifiers import parse_doi

FORMAT = "CSL-JSON"
_WORKING_PAPER_GENRE = re.compile(r"\b(?:working|discussion)\s+paper\b|arbeitspapier", re.I)
_SERIES_KINDS = ("book", "edited_book", "proceedings", "book_chapter")

CSL_KINDS = {
    "article-journal": "journal_article",
    "paper-conference": "conference_paper",
    "chapter": "book_chapter",
    "book": "book",
    "thesis": "thesis",
    "report": "report",
    "patent": "patent",
    "software": "software",
    "dataset": "dataset",
    "article": "preprint",  # CSL's 'article' is a preprint or working paper (Zotero: Preprint)
    "manuscript": "manuscript",
    "speech": "presentation",
    "webpage": "other",
    "post": "other",
    "post-weblog": "blog_post",
    "periodical": "special_issue",
    "article-magazine": "other",
    "article-newspaper": "other",
    "entry-encyclopedia": "other",
    "entry-dictionary": "other",
    "review": "book_review",
    "review-book": "book_review",
    "standard": "other",
    "document": "other",
}
"""A CSL item type -> the profile's publication kind (CSL-JSON import and registry answers)."""
USED_FIELDS = frozenset(
    [
        "id",
        "type",
        "title",
        "author",
        "editor",
        "issued",
        "container-title",
        "collection-title",
        "publisher",
        "publisher-place",
        "volume",
        "issue",
        "number",
        "page",
        "DOI",
        "URL",
        "ISBN",
        "status",
        "event-title",
        "event",
        "selected",
        "featured",
        "genre",
        "version",
        "jurisdiction",
        "authority",
        "archive",
        "collection-number",
        "edition",
        "note",
    ]
)
"""Item fields read; every other field is counted and ignored."""

_MARKUP = re.compile(r"</?(?:i|b|sup|sub|sc|span)(?:\s[^>]*)?>", re.IGNORECASE)


def read_csljson(doc: JsonDoc) -> ImportResult:
    """Read a CSL-JSON document: a list of items, or a single item."""
    result = ImportResult(doc.display, FORMAT)
    items = doc.data if isinstance(doc.data, list) else [doc.data]
    seen_ids: dict[str, int] = {}
    for index, item in enumerate(items):
        path: JsonPath = (index,) if isinstance(doc.data, list) else ()
        where = doc.where(path)
        if not isinstance(item, dict):
            result.skip(where, f"item {index + 1}", "not a JSON object")
            continue
        item_id = _string(item.get("id"))
        label = f"item {index + 1}" + (f" ({item_id})" if item_id else "")
        duplicates = doc.duplicates_under(path)
        if duplicates:
            keys = ", ".join(sorted({str(d[-1]) for d in duplicates}))
            result.skip(where, label, f"key {keys} given twice: fix the item")
            continue
        for key in sorted(item):
            if key not in USED_FIELDS:
                result.ignored_fields[key] += 1
        record = _convert(item, label, where, result)
        if record is None:
            continue
        if item_id:
            if item_id in seen_ids:
                record.warnings.append(
                    f"item id {item_id!r} is also used at line {seen_ids[item_id]}; "
                    "read as its own item"
                )
            else:
                seen_ids[item_id] = where.line
        result.records.append(record)
    if result.ignored_fields:
        shown = ", ".join(f"{k} ×{n}" for k, n in sorted(result.ignored_fields.items()))
        result.notes.append(f"fields ignored (not part of a profile entry): {shown}")
    return result


def _string(value: Any) -> str | None:
    """A cleaned text from a string or number (CSL allows both); None if empty."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list) and value:  # some exporters give container-title as a list
        return _string(value[0])
    if isinstance(value, str):
        return clean(_MARKUP.sub("", value)) or None
    return None


def _names(value: Any, warnings: list[str], role: str) -> tuple[list[str], str]:
    if not isinstance(value, list):
        return [], ""
    names: list[str] = []
    first_family = ""
    for person in value:
        if not isinstance(person, dict):
            continue
        literal = _string(person.get("literal"))
        family = _string(person.get("family"))
        given = _string(person.get("given")) or ""
        if literal and not family:
            literal = strip_name_markers(literal)
            names.append(literal)
            family_for_id = first_significant_word(literal) or literal
        elif family:
            particle = " ".join(
                p
                for p in (
                    _string(person.get("dropping-particle")),
                    _string(person.get("non-dropping-particle")),
                )
                if p
            )
            family, given = strip_name_markers(family), strip_name_markers(given)
            names.append(short_name(family, given, particle, _string(person.get("suffix")) or ""))
            family_for_id = family
        elif given:
            names.append(given)
            family_for_id = given
        else:
            warnings.append(f"an {role} without a name left out")
            continue
        if not first_family:
            first_family = family_for_id
    return names, first_family


def _date(value: Any) -> tuple[int | None, int | None]:
    """Year and month from ``{"date-parts": [[2015, 7]]}``, ``raw`` or ``literal``."""
    if not isinstance(value, dict):
        return parse_year(value), None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = parts[0]
        year = parse_year(first[0] if isinstance(first[0], int) else str(first[0]))
        month = None
        if len(first) > 1:
            month = parse_month(first[1] if isinstance(first[1], int) else str(first[1]))
        return year, month
    for key in ("raw", "literal"):
        text = value.get(key)
        if isinstance(text, str):
            m = re.match(r"\s*(\d{4})(?:-(\d{1,2}))?", text)
            if m:
                return parse_year(m.group(1)), parse_month(m.group(2)) if m.group(2) else None
            return parse_year(text), None
    return None, None


def _convert(item: dict[str, Any], label: str, where: Any, result: ImportResult) -> Record | None:
    warnings: list[str] = []
    csl_type = _string(item.get("type")) or ""
    authors, family = _names(item.get("author"), warnings, "author")
    editors, editor_family = _names(item.get("editor"), warnings, "editor")
    title = _string(item.get("title"))
    year, month = _date(item.get("issued"))
    kind = CSL_KINDS.get(csl_type)
    container = _string(item.get("container-title"))
    if kind == "conference_paper" and container and "workshop" in container.lower():
        kind = "workshop_paper"
    if kind == "book" and not authors and editors:
        kind = "edited_book"
        authors, family = editors, editor_family
    missing = [n for n, v in (("title", title), ("author", authors)) if not v]
    if missing:
        result.skip(where, label, "no " + ", no ".join(missing))
        return None
    assert title is not None
    if kind is None:
        warnings.append(f"item type {csl_type!r} is not known: imported as kind 'other'")
        kind = "other"

    doi = None
    raw_doi = _string(item.get("DOI"))
    if raw_doi:
        doi = parse_doi(raw_doi)
        if doi is None:
            warnings.append(f"DOI {raw_doi!r} is not a DOI: left out")
    url = None
    raw_url = _string(item.get("URL"))
    if raw_url:
        url = parse_url(raw_url)
        if url is None:
            warnings.append(f"URL {raw_url!r} is not an http(s) URL: left out")
    arxiv = None
    if doi and doi.lower().startswith("10.48550/arxiv."):
        arxiv = doi[len("10.48550/arxiv.") :]
    for text in (raw_url, _string(item.get("number")), container):
        if arxiv is None and text and "arxiv" in text.lower():
            arxiv = parse_arxiv(text)
    if kind == "journal_article" and container and re.search(r"\barxiv\b", container, re.I):
        kind = "preprint"
    if url and ((doi and parse_doi(url) == doi) or (arxiv and "arxiv.org" in url)):
        url = None
    venue = container or _string(item.get("collection-title"))
    notes: list[str] = [UNDATED_NOTE] if year is None else []
    if kind in ("preprint", "other"):
        kind, venue = _kind_from_venue(item, kind, venue, notes)
    if kind == "preprint" and not venue and arxiv:
        venue = "arXiv"
    issue = _string(item.get("issue"))
    citation = _citation_fields(item, kind, url)
    if kind in ("report", "patent", "thesis", "software", "dataset"):
        venue = venue if venue != citation.get("institution") else None
    finding = read_status(
        {"status": _string(item.get("status")) or "", "note": _string(item.get("note")) or ""}
    )
    if finding.status:
        notes.append(f"status {finding.status}: {finding.field} {finding.text!r}")
    genre = _string(item.get("genre"))
    repo = _string(item.get("archive")) or repository(doi, [url or ""], [venue or ""])
    if (kind == "report" and genre and _WORKING_PAPER_GENRE.search(genre)) or (
        kind in ("preprint", "other", "manuscript") and repo in WORKING_PAPER_REPOSITORIES
    ):
        notes.append(f"kind working_paper: {'genre ' + repr(genre) if genre else repo}")
        kind = "working_paper"
    if finding.kind and kind in ("other", "manuscript"):
        kind = finding.kind
    series = _string(item.get("collection-title")) if kind in _SERIES_KINDS else None
    if series and venue == series:
        venue = None
    page = _string(item.get("page"))
    isbn = _string(item.get("ISBN"))
    entry = compact(
        {
            "kind": kind,
            "authors": authors,
            "editors": editors,
            "title": title,
            "venue": venue,
            "publisher": _string(item.get("publisher")),
            "place": _string(item.get("publisher-place")),
            "year": year,
            "month": month,
            "volume": _string(item.get("volume")),
            "issue": issue,
            "pages": normalise_pages(page) if page else None,
            "doi": doi,
            "url": url,
            "arxiv": arxiv,
            "isbn": [clean(i) for i in re.split(r"[,;]", isbn) if clean(i)] if isbn else [],
            "peer_reviewed": False,
            "status": finding.status if finding.status != "published" else None,
            "series": series,
            "series_number": _string(item.get("collection-number")) if series else None,
            "repository": repo if kind in ("working_paper", "preprint", "manuscript") else None,
            "genre": genre if kind in ("working_paper", "report") else None,
            "edition": _string(item.get("edition")),
            "event": _string(item.get("event-title")) or _string(item.get("event")),
            "selected": True if _selected(item, notes, warnings) else None,
        }
    )
    store_citation_fields(entry, citation)
    return Record(
        "publications",
        entry,
        where,
        label,
        (family, year, title),
        warnings,
        notes,
        source_key=_string(item.get("id")),
    )


def _citation_fields(item: dict[str, Any], kind: str, url: str | None) -> dict[str, str | None]:
    """Institution, thesis type, number, version and repository of the kinds that cite them."""
    if kind == "thesis":
        return {
            "institution": _string(item.get("publisher")),
            "thesis_type": thesis_type(_string(item.get("genre"))),
        }
    if kind in ("report", "patent", "working_paper"):
        return {
            "institution": _string(item.get("publisher")) if kind != "patent" else None,
            "number": _string(item.get("number")),
            "office": (_string(item.get("jurisdiction")) or _string(item.get("authority")))
            if kind == "patent"
            else None,
        }
    if kind in ("software", "dataset"):
        repository = _string(item.get("publisher")) or (repository_name(url) if url else None)
        return {"version": _string(item.get("version")), "venue": repository}
    return {}


def _kind_from_venue(
    item: dict[str, Any], kind: str, venue: str | None, notes: list[str]
) -> tuple[str, str | None]:
    """A preprint or 'other' item whose container or event names a conference or journal
    takes that kind (``venues.VENUE_PATTERNS``)."""
    for key in ("container-title", "event-title", "event", "collection-title"):
        text = _string(item.get(key))
        if not text or parse_url(text):
            continue
        found = classify(text)
        if found is not None and found != "preprint":
            notes.append(f"kind {found}: venue {text!r} in field {key}")
            return found, text
    return kind, venue


def _selected(item: dict[str, Any], notes: list[str], warnings: list[str]) -> bool:
    for key in SELECTED_KEYS:
        if key in item:
            value = selected_value(item[key])
            if value is None:
                shown = repr(item[key])[:60]
                warnings.append(f"{key} {shown} is neither true nor false: left out")
            elif value:
                notes.append(f"selected: the owner's mark ({key}: {json.dumps(item[key])})")
                return True
    return False
