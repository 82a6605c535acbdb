"""What an importer hands to the merge: profile-shaped records, skipped input, notes."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Literal

from msgspec import Struct, field

from grantdocs.errors import Location
from grantdocs.importers.text import first_significant_word
from grantdocs.profile.dates import PartialDate

Section = Literal["publications", "positions", "education", "awards", "projects"]
SECTIONS: tuple[Section, ...] = ("publications", "positions", "education", "awards", "projects")
"""The profile sections an import can add to, in the order ``imported.yaml`` lists them."""


class Record(Struct):
    """One entry read from an input file, shaped like a profile entry but without an id.

    ``id_parts`` is ``(first, year, word)``: the id becomes ``first + year + word`` as
    lowercase ASCII (for a publication: first author's family name, year, first significant
    title word). ``warnings`` (what to check) and ``notes`` (what the importer decided: the
    kind from a venue, the peer-review flag, the owner's mark) are shown in the report and
    written as comments beside the entry. ``source_key`` is the entry's key in the input
    (BibTeX key, CSL-JSON id); the merge keeps it as an alias where the new id differs.
    """

    section: Section
    entry: dict[str, Any]
    location: Location
    label: str
    id_parts: tuple[str, int | None, str]
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source_key: str | None = None


UNDATED_NOTE = "no year: kept without one (it counts as current; cited 'n.d.' / 'o. J.')"
"""The note on a work imported without a year (``profile.when`` says how it counts)."""


class Skip(Struct, frozen=True):
    """Input that was not imported, and why."""

    location: Location
    label: str
    reason: str


class PersonHint(Struct, frozen=True):
    """The person an input file describes (ORCID, JSON Resume); used by ``grantdocs init``."""

    given_names: str
    family_name: str
    orcid: str | None = None
    email: str | None = None
    languages: tuple[tuple[str, str], ...] = ()
    """Spoken languages as ``(language, level)``; level 'native' or CEFR ('B2', 'B2/C1')."""


class ImportResult(Struct):
    """Everything read from one input file."""

    display: str
    format: str
    records: list[Record] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ignored_fields: Counter[str] = field(default_factory=Counter)
    person: PersonHint | None = None

    @property
    def read(self) -> int:
        """Records found in the input: imported, merged or skipped."""
        return len(self.records) + len(self.skipped)

    def skip(self, location: Location, label: str, reason: str) -> None:
        """Record that the input at ``location`` is not imported."""
        self.skipped.append(Skip(location, label, reason))

    def lacks(self, location: Location, label: str, required: dict[str, str | None]) -> bool:
        """Skip the input at ``location`` naming every empty value of ``required`` (what the
        input calls it -> the value read); True when one was empty."""
        missing = [name for name, value in required.items() if not value]
        if missing:
            self.skip(location, label, "no " + ", no ".join(missing))
        return bool(missing)

    def add_position(
        self, entry: dict[str, Any], location: Location, label: str, warnings: list[str]
    ) -> None:
        """Add a position (``title`` and ``organisation`` set; empty values dropped); its id
        is made of the organisation, the start year and the title."""
        first, year = first_significant_word(entry["organisation"]), year_of(entry.get("start"))
        parts = (first, year, str(entry["title"]))
        self.records.append(Record("positions", compact(entry), location, label, parts, warnings))

    def add_education(
        self, entry: dict[str, Any], location: Location, label: str, warnings: list[str]
    ) -> None:
        """Add an education entry (``degree`` and ``institution`` set; empty values dropped);
        its id is made of the institution, the end (else start) year and the degree."""
        year = year_of(entry.get("end")) or year_of(entry.get("start"))
        parts = (first_significant_word(entry["institution"]), year, str(entry["degree"]))
        self.records.append(Record("education", compact(entry), location, label, parts, warnings))


def year_of(value: int | str | None) -> int | None:
    """The year of a date value (``2021``, ``"2021-03"``), or None."""
    return int(str(value)[:4]) if value is not None else None


_THESIS_LEVELS = (
    ("habilitation", re.compile(r"habil", re.I)),
    ("phd", re.compile(r"ph\.?\s?d|doctor|doktor|dissertation|promotion|dphil", re.I)),
    ("master", re.compile(r"master|m\.?\s?sc|magister|diplomarbeit\s+\(master", re.I)),
    ("bachelor", re.compile(r"bachelor|b\.?\s?sc", re.I)),
    ("diploma", re.compile(r"diplom", re.I)),
)
_REPOSITORIES = (
    ("github.com", "GitHub"),
    ("gitlab.com", "GitLab"),
    ("zenodo.org", "Zenodo"),
    ("huggingface.co", "Hugging Face"),
    ("figshare.com", "figshare"),
    ("osf.io", "OSF"),
    ("pypi.org", "PyPI"),
    ("bitbucket.org", "Bitbucket"),
    ("kaggle.com", "Kaggle"),
    ("dryad", "Dryad"),
)


def thesis_type(text: str | None) -> str | None:
    """The profile's thesis type for a text such as 'PhD thesis', 'Dissertation', 'MSc'."""
    if not text:
        return None
    return next((level for level, pattern in _THESIS_LEVELS if pattern.search(text)), None)


def repository_name(url: str) -> str | None:
    """'GitHub', 'Zenodo' ... for a link into a known repository; None otherwise."""
    host = url.split("/")[2].lower() if url.count("/") >= 2 else ""
    return next((name for domain, name in _REPOSITORIES if domain in host), None)


CITATION_FIELDS = ("institution", "thesis_type", "number", "office", "version", "genre")
"""Publication fields for theses, reports, patents, software and data sets."""


def store_citation_fields(entry: dict[str, Any], fields: dict[str, str | None]) -> None:
    """Add ``fields`` (``CITATION_FIELDS`` and the repository as ``venue``) to a publication
    entry; the institution is not repeated as venue, the repository not as publisher."""
    for key, value in fields.items():
        if not value:
            continue
        if key == "venue":
            entry.setdefault("venue", value)
            if entry.get("publisher") == entry["venue"]:
                del entry["publisher"]
        else:
            entry[key] = value
            if key == "institution" and entry.get("venue") == value:
                del entry["venue"]


def compact(entry: dict[str, Any]) -> dict[str, Any]:
    """``entry`` without None values, empty strings and empty lists."""
    return {k: v for k, v in entry.items() if v is not None and v != "" and v != []}


def date_value(value: object) -> int | str | None:
    """A partial date as a profile writes it (``2015``, ``"2015-07"``); None if not a date."""
    try:
        date = PartialDate.parse(value)
    except ValueError:
        return None
    return date.year if date.precision == "year" else str(date)


def period_problem(start: int | str | None, end: int | str | None) -> bool:
    """True if ``end`` lies before ``start`` (the profile refuses such periods)."""
    if start is None or end is None:
        return False
    return PartialDate.parse(end).sort_key() < PartialDate.parse(start).sort_key()
