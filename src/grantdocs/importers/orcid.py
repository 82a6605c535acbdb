"""ORCID public record import (API v3.0 ``/record`` JSON, or the ``/works`` list alone).

Works become publications; employments, educations, distinctions and fundings become
positions, education, awards and projects. ORCID work summaries carry no author list: each
work is imported with the profile owner as its only author and a warning to complete the
list, so that nothing claims a sole authorship unnoticed.
"""

from __future__ import annotations

from typing import Any

from grantdocs.importers.jsonpos import JsonDoc, JsonPath
from grantdocs.importers.records import (
    ImportResult,
    PersonHint,
    Record,
    compact,
    date_value,
    period_problem,
    year_of,
)
from grantdocs.importers.text import (
    acronym_of,
    clean,
    degree_level,
    first_significant_word,
    owner_author,
    parse_arxiv,
    parse_url,
)
from grantdocs.profile.identifiers import parse_doi

FORMAT = "ORCID record"
ACTIVITIES = "activities-summary"

_KINDS = {
    "journal-article": "journal_article",
    "conference-paper": "conference_paper",
    "book-chapter": "book_chapter",
    "book": "book",
    "edited-book": "edited_book",
    "preprint": "preprint",
    "working-paper": "report",
    "report": "report",
    "dissertation": "thesis",
    "dissertation-thesis": "thesis",
    "supervised-student-publication": "thesis",
    "patent": "patent",
    "software": "software",
    "data-set": "dataset",
    "other": "other",  # ORCID's own 'other': no warning that it has no kind
}
_NOT_IMPORTED = (
    "invited-positions",
    "memberships",
    "qualifications",
    "services",
    "peer-reviews",
    "research-resources",
)
AUTHOR_WARNING = (
    "ORCID gives no author list: authors set to the profile owner ({owner!r}) only; "
    "complete the list before building"
)


def _value(obj: Any, *keys: str) -> Any:
    """``obj[k1][k2]...``, unwrapping ORCID's ``{"value": ...}``; None where anything is missing."""
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    if isinstance(obj, dict) and "value" in obj:
        obj = obj["value"]
    return obj


def _text(obj: Any, *keys: str) -> str | None:
    value = _value(obj, *keys)
    if isinstance(value, str | int) and not isinstance(value, bool):
        return clean(str(value)) or None
    return None


def _date(obj: Any, key: str, warnings: list[str]) -> int | str | None:
    """An ORCID date ``{"year": {"value": "2015"}, "month": {"value": "07"}}``."""
    date = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(date, dict):
        return None
    parts = [_text(date, part) for part in ("year", "month", "day")]
    if not parts[0]:
        return None
    text = "-".join(p.zfill(2) if i else p for i, p in enumerate(parts) if p)
    value = date_value(text)
    if value is None:
        warnings.append(f"{key} {text!r} is not a date: left out")
    return value


def _preferred(summaries: list[Any]) -> tuple[int, dict[str, Any]] | None:
    """The summary ORCID shows for a group: the highest display index, else the first."""
    best: tuple[int, dict[str, Any]] | None = None
    best_rank = -1
    for index, summary in enumerate(summaries):
        if not isinstance(summary, dict):
            continue
        try:
            rank = int(summary.get("display-index") or 0)
        except (TypeError, ValueError):
            rank = 0
        if best is None or rank > best_rank:
            best, best_rank = (index, summary), rank
    return best


def _country(code: str | None) -> str | None:
    if not code:
        return None
    # lazy: babel loads only when this runs
    from babel import Locale

    name = Locale("en").territories.get(code.upper())
    return str(name) if name else code


def is_works_list(data: object) -> bool:
    """True for the answer of ``/v3.0/<id>/works`` (a list of work groups, its ``path``
    ending in ``/works``), which people save as well as the whole record."""
    if not isinstance(data, dict) or not isinstance(data.get("group"), list):
        return False
    path = data.get("path")
    return isinstance(path, str) and path.rstrip("/").endswith("/works")


def read_orcid(doc: JsonDoc, owner: str | None) -> ImportResult:
    """Read an ORCID record, or a saved works list; ``owner`` is the author form used for
    works (None: ORCID's name, which a works list does not carry)."""
    result = ImportResult(doc.display, FORMAT)
    data = doc.data if isinstance(doc.data, dict) else {}
    given = _text(data, "person", "name", "given-names") or ""
    family = _text(data, "person", "name", "family-name") or ""
    orcid = _text(data, "orcid-identifier", "path")
    if family:
        result.person = PersonHint(given, family, orcid)
    if owner is None and family:
        owner = owner_author(given, family)
    if is_works_list(data):  # a saved /works answer: works only, no name
        result.notes.append("an ORCID works list (/works): works only, no name or affiliations")
        for path, summary in _groups({"works": data}, (), "works", "work-summary"):
            _work(doc, path[1:], summary, owner, result)
        return result
    activities = data.get(ACTIVITIES)
    if not isinstance(activities, dict):
        result.notes.append("the record has no activities (works, employments ...)")
        return result
    root: JsonPath = (ACTIVITIES,)
    for path, summary in _groups(activities, root, "works", "work-summary"):
        _work(doc, path, summary, owner, result)
    for path, summary in _affiliations(activities, root, "employments", "employment-summary"):
        _employment(doc, path, summary, result)
    for path, summary in _affiliations(activities, root, "educations", "education-summary"):
        _education(doc, path, summary, result)
    for path, summary in _affiliations(activities, root, "distinctions", "distinction-summary"):
        _distinction(doc, path, summary, result)
    for path, summary in _groups(activities, root, "fundings", "funding-summary"):
        _funding(doc, path, summary, result)
    left = []
    for key in _NOT_IMPORTED:
        count = len(_affiliations(activities, root, key, key[:-1] + "-summary"))
        if count:
            left.append(f"{key} {count}")
    if left:
        result.notes.append("not imported (no place in a profile yet): " + ", ".join(left))
    return result


def _groups(
    activities: dict[str, Any], root: JsonPath, key: str, summary_key: str
) -> list[tuple[JsonPath, dict[str, Any]]]:
    """Works and fundings: ``{group: [{<summary_key>: [...]}]}``, one summary per group."""
    out = []
    groups = _value(activities, key, "group")
    for gi, group in enumerate(groups if isinstance(groups, list) else []):
        summaries = group.get(summary_key) if isinstance(group, dict) else None
        chosen = _preferred(summaries) if isinstance(summaries, list) else None
        if chosen is not None:
            out.append(((*root, key, "group", gi, summary_key, chosen[0]), chosen[1]))
    return out


def _affiliations(
    activities: dict[str, Any], root: JsonPath, key: str, summary_key: str
) -> list[tuple[JsonPath, dict[str, Any]]]:
    """Affiliations: v3.0 ``{affiliation-group: [{summaries: [{<summary_key>: {...}}]}]}``,
    or the older ``{<summary_key>: [...]}``."""
    out: list[tuple[JsonPath, dict[str, Any]]] = []
    section = activities.get(key)
    if not isinstance(section, dict):
        return out
    groups = section.get("affiliation-group")
    if isinstance(groups, dict):
        groups = [groups]
    if isinstance(groups, list):
        for gi, group in enumerate(groups):
            summaries = group.get("summaries") if isinstance(group, dict) else None
            for si, wrapper in enumerate(summaries if isinstance(summaries, list) else []):
                item = wrapper.get(summary_key) if isinstance(wrapper, dict) else None
                if isinstance(item, dict):
                    path = (*root, key, "affiliation-group", gi, "summaries", si, summary_key)
                    out.append((path, item))
                    break  # one summary per group: the others are the same affiliation
        return out
    old = section.get(summary_key)
    for index, item in enumerate(old if isinstance(old, list) else []):
        if isinstance(item, dict):
            out.append(((*root, key, summary_key, index), item))
    return out


def _label(kind: str, path: JsonPath, summary: dict[str, Any]) -> str:
    number = next((p for p in path if isinstance(p, int)), 0)  # the group's index
    put_code = summary.get("put-code")
    return f"{kind} {number + 1}" + (f" (put-code {put_code})" if put_code else "")


def _work(
    doc: JsonDoc, path: JsonPath, summary: dict[str, Any], owner: str | None, result: ImportResult
) -> None:
    where = doc.where(path)
    label = _label("work", path, summary)
    warnings: list[str] = []
    title = _text(summary, "title", "title")
    subtitle = _text(summary, "title", "subtitle")
    if title and subtitle:
        title = f"{title}: {subtitle}"
    date = _date(summary, "publication-date", warnings)
    year = int(str(date)[:4]) if date is not None else None
    missing = [n for n, v in (("title", title), ("publication year", year)) if not v]
    if owner is None:
        missing.append("author (ORCID gives none and the profile owner's name is unknown)")
    if missing:
        result.skip(where, label, "no " + ", no ".join(missing))
        return
    assert title is not None and owner is not None
    work_type = (_text(summary, "type") or "").lower().replace("_", "-")
    kind = _KINDS.get(work_type, "other")
    if work_type and work_type not in _KINDS:
        warnings.append(f"work type {work_type!r} has no profile kind: imported as 'other'")
    doi = arxiv = None
    isbn: list[str] = []
    ids = _value(summary, "external-ids", "external-id")
    for ext in ids if isinstance(ids, list) else []:
        relationship = ext.get("external-id-relationship") if isinstance(ext, dict) else None
        if not isinstance(ext, dict) or str(relationship or "self").lower() != "self":
            continue  # API 2.x writes 'SELF'; 'part-of', 'version-of' name other works
        id_type = (_text(ext, "external-id-type") or "").lower()
        id_value = _text(ext, "external-id-value") or ""
        if id_type == "doi" and doi is None:
            doi = parse_doi(id_value)
            if doi is None:
                warnings.append(f"DOI {id_value!r} is not a DOI: left out")
        elif id_type == "arxiv" and arxiv is None:
            arxiv = parse_arxiv(id_value)
        elif id_type == "isbn" and id_value:
            isbn.append(id_value)
    url = parse_url(_text(summary, "url") or "")
    if url and ((doi and parse_doi(url) == doi) or (arxiv and "arxiv.org" in url)):
        url = None
    warnings.append(AUTHOR_WARNING.format(owner=owner))
    month = int(str(date)[5:7]) if isinstance(date, str) else None
    entry = compact(
        {
            "kind": kind,
            "authors": [owner],
            "editors": [owner] if kind == "edited_book" else [],
            "title": title,
            "venue": _text(summary, "journal-title") or ("arXiv" if arxiv else None),
            "year": year,
            "month": month,
            "doi": doi,
            "url": url,
            "arxiv": arxiv,
            "isbn": isbn,
            "peer_reviewed": False,
        }
    )
    family = owner.split()[0] if owner else ""
    result.records.append(
        Record("publications", entry, where, label, (family, year, title), warnings)
    )


def _organisation(summary: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """Name, city and country (English name) of an affiliation's organisation."""
    org = summary.get("organization")
    if not isinstance(org, dict):
        return None, None, None
    return (
        _text(org, "name"),
        _text(org, "address", "city"),
        _country(_text(org, "address", "country")),
    )


def _span(
    summary: dict[str, Any], warnings: list[str]
) -> tuple[int | str | None, int | str | None]:
    start = _date(summary, "start-date", warnings)
    end = _date(summary, "end-date", warnings)
    if period_problem(start, end):
        warnings.append(f"end {end} is before start {start}: end left out")
        end = None
    return start, end


def _employment(
    doc: JsonDoc, path: JsonPath, summary: dict[str, Any], result: ImportResult
) -> None:
    where, label = doc.where(path), _label("employment", path, summary)
    warnings: list[str] = []
    title = _text(summary, "role-title")
    org, city, country = _organisation(summary)
    if result.lacks(where, label, {"role title": title, "organisation": org}):
        return
    start, end = _span(summary, warnings)
    entry = {
        "title": title,
        "organisation": org,
        "department": _text(summary, "department-name"),
        "place": city,
        "country": country,
        "start": start,
        "end": end,
    }
    result.add_position(entry, where, label, warnings)


def _education(doc: JsonDoc, path: JsonPath, summary: dict[str, Any], result: ImportResult) -> None:
    where, label = doc.where(path), _label("education", path, summary)
    warnings: list[str] = []
    degree = _text(summary, "role-title")
    org, city, country = _organisation(summary)
    if result.lacks(where, label, {"degree (role title)": degree, "institution": org}):
        return
    assert degree is not None
    start, end = _span(summary, warnings)
    entry = {
        "level": degree_level(degree),
        "degree": degree,
        "subject": _text(summary, "department-name"),
        "institution": org,
        "place": city,
        "country": country,
        "start": start,
        "end": end,
    }
    result.add_education(entry, where, label, warnings)


def _distinction(
    doc: JsonDoc, path: JsonPath, summary: dict[str, Any], result: ImportResult
) -> None:
    where, label = doc.where(path), _label("distinction", path, summary)
    warnings: list[str] = []
    name = _text(summary, "role-title")
    if not name:
        result.skip(where, label, "no name (role title)")
        return
    org, _, _ = _organisation(summary)
    start, end = _span(summary, warnings)
    entry = compact(
        {
            "date": start or end,
            "end": end if start and end and end != start else None,
            "name": name,
            "body": org,
            "note": _text(summary, "department-name"),
        }
    )
    parts = (first_significant_word(name), year_of(start or end), org or "")
    result.records.append(Record("awards", entry, where, label, parts, warnings))


def _funding(doc: JsonDoc, path: JsonPath, summary: dict[str, Any], result: ImportResult) -> None:
    where, label = doc.where(path), _label("funding", path, summary)
    warnings: list[str] = []
    title = _text(summary, "title", "title")
    if not title:
        result.skip(where, label, "no title")
        return
    acronym, made_up = acronym_of(title)
    if made_up:
        warnings.append(f"no acronym in the title: {acronym!r} made up from it; replace it")
    grant = None
    ids = _value(summary, "external-ids", "external-id")
    for ext in ids if isinstance(ids, list) else []:
        if isinstance(ext, dict) and (_text(ext, "external-id-type") or "") == "grant_number":
            grant = _text(ext, "external-id-value")
            break
    org, _, _ = _organisation(summary)
    start, end = _span(summary, warnings)
    entry = compact(
        {
            "acronym": acronym,
            "title": title,
            "funder": org,
            "grant_number": grant,
            "start": start,
            "end": end,
        }
    )
    parts = (acronym, year_of(start), "")
    result.records.append(Record("projects", entry, where, label, parts, warnings))
