"""Decide, for every imported record, whether it is new or already in the profile.

A publication is already present if it has the same DOI as an existing one (DOIs compare
case-insensitively), or else the same normalised title and year (unless both have DOIs and
they differ: a conference paper and its journal version may share a title). Positions match
on title and organisation, education on degree and institution, awards on name, projects on
grant number or title; their years must agree where both give one. Existing entries are never
changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from msgspec import Struct, field
from pydantic import BaseModel, ValidationError

from grantdocs.importers.records import ImportResult, Record, Section, Skip
from grantdocs.importers.text import first_significant_word, make_id, match_key, parse_year
from grantdocs.profile.identifiers import doi_key
from grantdocs.profile.model import (
    Award,
    Education,
    Position,
    Project,
    Publication,
)
from grantdocs.profile.records import ID_SECTIONS, Profile, dump

MODELS: dict[Section, type[BaseModel]] = {
    "publications": Publication,
    "positions": Position,
    "education": Education,
    "awards": Award,
    "projects": Project,
}
_NOT_COMPARED = frozenset({"id", "peer_reviewed", "status"})


class Existing(Struct, frozen=True):
    """An entry already in the profile (or in ``imported.yaml``), as plain data."""

    section: str
    data: dict[str, Any]
    where: str

    @property
    def name(self) -> str:
        """``publications: bach2015pixel`` or ``positions[3]``-style reference for reports."""
        entry_id = self.data.get("id")
        return f"{self.section}: {entry_id}" if entry_id else self.section


class Added(Struct, frozen=True):
    """A record that will be appended, with its new id."""

    record: Record
    entry: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.entry["id"])


class Matched(Struct, frozen=True):
    """A record that is already present; ``not_copied`` lists fields only the import has."""

    record: Record
    existing: Existing
    reason: str
    not_copied: tuple[str, ...]


class MergePlan(Struct):
    """What an import would do: add, leave alone (merged), or skip."""

    result: ImportResult
    added: list[Added] = field(default_factory=list)
    matched: list[Matched] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)

    def added_to(self, section: str) -> list[Added]:
        """The additions to one profile section, in input order."""
        return [a for a in self.added if a.record.section == section]


def existing_from_profile(
    profile: Profile, where: Callable[[str, int], object] | None = None
) -> tuple[list[Existing], set[str]]:
    """Entries of the sections an import can add to, and every id used in the profile.

    ``where(section, index)`` returns the entry's location text; None gives the section only.
    """
    entries: list[Existing] = []
    for section in MODELS:
        for index, model in enumerate(getattr(profile, section)):
            data = dump(model, exclude_none=True)
            place = str(where(section, index)) if where else section
            entries.append(Existing(section, data, place))
    ids = {
        str(entry.id)
        for section in ID_SECTIONS
        for entry in getattr(profile, section)
        if getattr(entry, "id", None)
    }
    return entries, ids


def existing_from_data(data: dict[str, Any], display: str) -> tuple[list[Existing], set[str]]:
    """Entries of a not (yet) included ``imported.yaml``, read as plain data."""
    entries: list[Existing] = []
    ids: set[str] = set()
    for section in MODELS:
        items = data.get(section)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                entries.append(Existing(section, item, f"{display} {section}[{index}]"))
                if isinstance(item.get("id"), str):
                    ids.add(item["id"])
    return entries, ids


def _variants(value: Any) -> list[str]:
    """Match keys of a text or a ``{en: ..., de: ...}`` mapping."""
    if isinstance(value, str):
        return [match_key(value)] if match_key(value) else []
    if isinstance(value, dict):
        return [match_key(v) for v in value.values() if isinstance(v, str) and match_key(v)]
    return []


def _year(data: dict[str, Any], *keys: str) -> int | None:
    for key in keys:
        value = data.get(key)
        if value is not None:
            year = parse_year(value if isinstance(value, int) else str(value))
            if year:
                return year
    return None


def _keys(section: str, data: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    """``(reason, key, year)`` in order of strength; a year None matches any year."""
    keys: list[tuple[str, str, int | None]] = []
    if section == "publications":
        if isinstance(data.get("doi"), str):
            keys.append(("same DOI", "doi:" + doi_key(data["doi"]), None))
        year = _year(data, "year")
        for title in _variants(data.get("title")):
            keys.append(("same title and year", f"title:{title}|{year}", None))
    elif section == "positions":
        year = _year(data, "start")
        for title in _variants(data.get("title")):
            for org in _variants(data.get("organisation")):
                keys.append(("same title and organisation", f"pos:{title}|{org}", year))
    elif section == "education":
        year = _year(data, "end", "date", "start")
        for degree in _variants(data.get("degree")):
            for inst in _variants(data.get("institution")):
                keys.append(("same degree and institution", f"edu:{degree}|{inst}", year))
    elif section == "awards":
        year = _year(data, "date")
        for name in _variants(data.get("name")):
            keys.append(("same name", f"award:{name}", year))
    elif section == "projects":
        grant = data.get("grant_number")
        if isinstance(grant, str) and match_key(grant):
            keys.append(("same grant number", "grant:" + match_key(grant), None))
        year = _year(data, "start")
        for title in _variants(data.get("title")):
            keys.append(("same title", f"project:{title}", year))
    return keys


_Found = tuple[int, Existing]


class _Index:
    """The first entry for each match key; a lookup costs the same however many entries share
    a key, so an import grows linearly with its size."""

    def __init__(self) -> None:
        self.count = 0
        self.any_year: dict[str, _Found] = {}
        self.no_year: dict[str, _Found] = {}
        self.by_year: dict[tuple[str, int], _Found] = {}
        self.without_doi: dict[str, _Found] = {}

    def add(self, existing: Existing) -> None:
        self.count += 1
        item = (self.count, existing)
        has_doi = _has_doi(existing.section, existing.data)
        for _, key, year in _keys(existing.section, existing.data):
            self.any_year.setdefault(key, item)
            if year is None:
                self.no_year.setdefault(key, item)
            else:
                self.by_year.setdefault((key, year), item)
            if existing.section == "publications" and not has_doi:
                self.without_doi.setdefault(key, item)

    def find(self, section: str, data: dict[str, Any]) -> tuple[Existing, str] | None:
        """The first entry that matches ``data`` by its strongest key. Years must agree where
        both have one; a publication with a DOI matches another by title only if that one
        has no DOI (the same DOI matched before; another DOI is another work)."""
        has_doi = _has_doi(section, data)
        for reason, key, year in _keys(section, data):
            found: _Found | None
            if has_doi and key.startswith("title:"):
                found = self.without_doi.get(key)
            elif year is None:
                found = self.any_year.get(key)
            else:
                options = [o for o in (self.no_year.get(key), self.by_year.get((key, year))) if o]
                found = min(options, key=lambda o: o[0]) if options else None
            if found is not None:
                return found[1], reason
        return None


def _has_doi(section: str, data: dict[str, Any]) -> bool:
    return section == "publications" and isinstance(data.get("doi"), str)


def plan_merge(result: ImportResult, existing: Iterable[Existing], taken: set[str]) -> MergePlan:
    """Sort the records of ``result`` into added (with new ids), matched and skipped.

    ``taken`` holds every id in use; new ids are added to a copy of it. A new publication
    whose source key (BibTeX key) differs from its id keeps that key in ``aliases``.
    """
    plan = MergePlan(result, skipped=list(result.skipped))
    index = _Index()
    keys_in_use: set[str] = set()
    for old_entry in existing:
        index.add(old_entry)
        aliases = old_entry.data.get("aliases")
        if isinstance(aliases, list):
            keys_in_use.update(a for a in aliases if isinstance(a, str))
    taken = set(taken)
    counters: dict[str, int] = {}
    for record in result.records:
        found = index.find(record.section, record.entry)
        if found is not None:
            old, reason = found
            not_copied = tuple(
                k
                for k, v in record.entry.items()
                if k not in _NOT_COMPARED and v not in (None, "", []) and not old.data.get(k)
            )
            plan.matched.append(Matched(record, old, reason, not_copied))
            continue
        first, year, word = record.id_parts
        candidate = make_id(first, year, first_significant_word(word), taken, counters)
        entry = {"id": candidate, **record.entry}
        alias = _alias(record, candidate, taken, keys_in_use)
        if alias:
            entry["aliases"] = [alias]
        problem = _model_problem(record.section, entry)
        if problem:
            taken.discard(candidate)
            plan.skipped.append(Skip(record.location, record.label, problem))
            continue
        if alias:
            keys_in_use.add(alias)
        plan.added.append(Added(record, entry))
        where = record.location
        index.add(Existing(record.section, entry, f"{where.file}:{where.line}, new in this import"))
    plan.skipped.sort(key=lambda s: (s.location.file, s.location.line))
    return plan


def _alias(record: Record, new_id: str, ids: set[str], aliases: set[str]) -> str | None:
    """The record's source key (BibTeX key), kept as an alias where it differs from the new
    id and names nothing else in the profile; a note says which."""
    key = record.source_key
    if not key or key == new_id or record.section != "publications":
        return None
    if key in ids or key in aliases:
        record.warnings.append(
            f"key {key!r} is already an id or alias (in the profile or this import): "
            "not kept as an alias"
        )
        return None
    return key


def _model_problem(section: Section, entry: dict[str, Any]) -> str | None:
    """Why ``entry`` would not validate as a profile entry; None if it would."""
    try:
        MODELS[section].model_validate(entry)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        return f"does not fit the profile: {where}: {message}" if where else message
    return None
