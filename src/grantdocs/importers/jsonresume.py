"""JSON Resume import (jsonresume.org schema 1.0, and the older ``company``/``website`` keys).

``basics`` gives the person (``result.person``): ``grantdocs init`` takes the name and e-mail
from it, ``grantdocs import`` only reports it (an import never changes the person section).
``work``, ``education``, ``awards``, ``publications`` and ``projects`` become positions,
education, awards, publications and projects. Publications carry no author list (the
profile owner becomes the only author, with a warning) and no kind (``other``, with a warning).
"""

from __future__ import annotations

from typing import Any

from grantdocs.errors import Location
from grantdocs.importers.jsonpos import JsonDoc, JsonPath
from grantdocs.importers.records import (
    UNDATED_NOTE,
    ImportResult,
    PersonHint,
    Record,
    compact,
    date_value,
    period_problem,
    year_of,
)
from grantdocs.importers.text import (
    SELECTED_KEYS,
    acronym_of,
    clean,
    clean_block,
    degree_level,
    first_significant_word,
    owner_author,
    parse_url,
    selected_value,
    split_plain_name,
)
from grantdocs.importers.venues import classify
from grantdocs.profile.identifiers import parse_doi

FORMAT = "JSON Resume"
SECTIONS = ("basics", "work", "education", "awards", "publications", "projects")
AUTHOR_WARNING = (
    "JSON Resume gives no author list: authors set to the profile owner ({owner!r}) only; "
    "complete the list before building"
)


def _text(item: dict[str, Any], *keys: str) -> str | None:
    """The first non-empty string among ``keys``, cleaned to one line."""
    for key in keys:
        value = item.get(key)
        if isinstance(value, str) and clean(value):
            return clean(value)
    return None


def _texts(item: dict[str, Any], key: str) -> list[str]:
    value = item.get(key)
    if not isinstance(value, list):
        return []
    return [clean(v) for v in value if isinstance(v, str) and clean(v)]


def _date(item: dict[str, Any], key: str, warnings: list[str]) -> int | str | None:
    value = item.get(key)
    if value in (None, ""):
        return None
    date = date_value(value.strip() if isinstance(value, str) else value)
    if date is None:
        warnings.append(f"{key} {value!r} is not a date (2014, 2014-06 or 2014-06-29): left out")
    return date


def _span(item: dict[str, Any], warnings: list[str]) -> tuple[int | str | None, int | str | None]:
    start = _date(item, "startDate", warnings)
    end = _date(item, "endDate", warnings)
    if period_problem(start, end):
        warnings.append(f"endDate {end} is before startDate {start}: end left out")
        end = None
    return start, end


def read_jsonresume(doc: JsonDoc, owner: str | None) -> ImportResult:
    """Read a JSON Resume; ``owner`` is the author form for publications (None: basics.name)."""
    result = ImportResult(doc.display, FORMAT)
    data = doc.data if isinstance(doc.data, dict) else {}
    basics = data.get("basics")
    if isinstance(basics, dict) and _text(basics, "name"):
        name = _text(basics, "name") or ""
        given, family = split_plain_name(name)
        result.person = PersonHint(given, family, email=_text(basics, "email"))
        if owner is None and family:
            owner = owner_author(given, family)
    handlers = {
        "work": _work,
        "education": _education,
        "awards": _award,
        "projects": _project,
    }
    for key in ("work", "education", "awards", "publications", "projects"):
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            result.skip(doc.where((key,)), key, "not a list")
            continue
        for index, item in enumerate(items):
            path: JsonPath = (key, index)
            where = doc.where(path)
            label = f"{key}[{index}]"
            if not isinstance(item, dict):
                result.skip(where, label, "not a JSON object")
                continue
            duplicates = doc.duplicates_under(path)
            if duplicates:
                keys = ", ".join(sorted({str(d[-1]) for d in duplicates}))
                result.skip(where, label, f"key {keys} given twice: fix the entry")
                continue
            if key == "publications":
                _publication(item, where, label, owner, result)
            else:
                handlers[key](item, where, label, result)
    others = [
        f"{k} ({len(v) if isinstance(v, list) else 1})"
        for k, v in data.items()
        if k not in SECTIONS and k not in ("$schema", "meta") and v
    ]
    if others:
        result.notes.append("not imported (no place in a profile yet): " + ", ".join(others))
    return result


def _work(item: dict[str, Any], where: Location, label: str, result: ImportResult) -> None:
    warnings: list[str] = []
    title = _text(item, "position")
    org = _text(item, "name", "company")
    if result.lacks(where, label, {"position": title, "name (organisation)": org}):
        return
    start, end = _span(item, warnings)
    summary = item.get("summary")
    entry = {
        "title": title,
        "organisation": org,
        "place": _text(item, "location"),
        "description": clean_block(summary) if isinstance(summary, str) else None,
        "details": _texts(item, "highlights"),
        "start": start,
        "end": end,
    }
    result.add_position(entry, where, label, warnings)


def _education(item: dict[str, Any], where: Location, label: str, result: ImportResult) -> None:
    warnings: list[str] = []
    degree = _text(item, "studyType")
    institution = _text(item, "institution")
    if result.lacks(where, label, {"studyType (degree)": degree, "institution": institution}):
        return
    assert degree is not None
    start, end = _span(item, warnings)
    if item.get("courses"):
        warnings.append("courses left out: a profile's education entry has no course list")
    entry = {
        "level": degree_level(degree),
        "degree": degree,
        "subject": _text(item, "area"),
        "institution": institution,
        "grade": _text(item, "score", "gpa"),
        "start": start,
        "end": end,
    }
    result.add_education(entry, where, label, warnings)


def _award(item: dict[str, Any], where: Location, label: str, result: ImportResult) -> None:
    warnings: list[str] = []
    name = _text(item, "title")
    if not name:
        result.skip(where, label, "no title")
        return
    date = _date(item, "date", warnings)
    entry = compact(
        {
            "date": date,
            "name": name,
            "body": _text(item, "awarder"),
            "note": _text(item, "summary"),
        }
    )
    parts = (first_significant_word(name), year_of(date), _text(item, "awarder") or "")
    result.records.append(Record("awards", entry, where, label, parts, warnings))


def _publication(
    item: dict[str, Any], where: Location, label: str, owner: str | None, result: ImportResult
) -> None:
    warnings: list[str] = []
    title = _text(item, "name")
    date = _date(item, "releaseDate", warnings)
    year = year_of(date)
    missing = [n for n, v in (("name (title)", title),) if not v]
    if owner is None:
        missing.append("author (JSON Resume gives none and the profile owner's name is unknown)")
    if missing:
        result.skip(where, label, "no " + ", no ".join(missing))
        return
    assert title is not None and owner is not None
    raw_url = _text(item, "url", "website")
    url = parse_url(raw_url) if raw_url else None
    if raw_url and url is None:
        warnings.append(f"url {raw_url!r} is not an http(s) URL: left out")
    doi = parse_doi(url) if url else None
    if doi:
        url = None
    warnings.append(AUTHOR_WARNING.format(owner=owner))
    notes: list[str] = [UNDATED_NOTE] if year is None else []
    publisher = _text(item, "publisher")
    found = classify(publisher) if publisher else None
    kind: str = found or "other"
    if found is None:
        warnings.append("JSON Resume does not say what kind of publication this is: kind 'other'")
    else:
        notes.append(f"kind {kind}: venue {publisher!r} in field publisher")
    selected = False
    for key in SELECTED_KEYS:
        value = selected_value(item.get(key))
        if value:
            selected = True
            notes.append(f"selected: the owner's mark ({key}: true)")
            break
    entry = compact(
        {
            "kind": kind,
            "authors": [owner],
            "title": title,
            "venue": _text(item, "publisher"),
            "year": year,
            "month": int(str(date)[5:7]) if isinstance(date, str) else None,
            "doi": doi,
            "url": url,
            "peer_reviewed": False,
            "selected": True if selected else None,
        }
    )
    family = owner.split()[0]
    result.records.append(
        Record("publications", entry, where, label, (family, year, title), warnings, notes)
    )


def _project(item: dict[str, Any], where: Location, label: str, result: ImportResult) -> None:
    warnings: list[str] = []
    name = _text(item, "name")
    if not name:
        result.skip(where, label, "no name")
        return
    if len(name.split()) == 1 and len(name) <= 20:
        acronym = name
    else:
        acronym, made_up = acronym_of(name)
        if made_up:
            warnings.append(f"no acronym in the name: {acronym!r} made up from it; replace it")
    warnings.append("a JSON Resume project becomes a (funded) project: check funder and role")
    start, end = _span(item, warnings)
    description = item.get("description")
    roles = _texts(item, "roles")
    entry = compact(
        {
            "acronym": acronym,
            "title": name,
            "funder": _text(item, "entity"),
            "role": ", ".join(roles) if roles else None,
            "description": clean_block(description) if isinstance(description, str) else None,
            "start": start,
            "end": end,
            "tags": _texts(item, "keywords"),
        }
    )
    parts = (acronym, year_of(start), "")
    result.records.append(Record("projects", entry, where, label, parts, warnings))
