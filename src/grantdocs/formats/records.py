"""A format's declaration as a build reads it: frozen records of the validated spec models.

``grantdocs.formats.spec`` declares and validates a ``format.yaml`` with pydantic; what
validation gives becomes these records (``profile.model.as_record``), which the format
cache keeps, so that a build of a cached format never loads pydantic. Names, field order
and defaults are the models' (``tests/formats/test_records.py`` holds the two together).
"""

from typing import Any, Literal

from msgspec import field

from grantdocs.profile.records import Record, Text
from grantdocs.select.records import SlotRule

FORMAT_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

PERSON_SOURCE = "person"
"""Table source meaning one row about the profile's owner (the context's ``person``)."""

MEMBERS_SOURCE = "members"
"""Table source of team formats: one row per member of the team (the context's ``members``)."""

TeamDocument = Literal["researchers", "cited_works", "publications", "cv_annex"]
"""What a team format builds from all members at once (``grantdocs.team.prepare``)."""

ColumnType = Literal["text", "date", "amount", "number", "bool"]


def sheet_in(sheet: Text, lang: str) -> str:
    """A table's sheet name in the template of ``lang`` (else English, else the first)."""
    if isinstance(sheet, str):
        return sheet
    return sheet.get(lang) or sheet.get("en") or next(iter(sheet.values()))


def source_slots(source: list[str]) -> list[str]:
    """The slot names among a table's sources."""
    return [name for name in source if name != PERSON_SOURCE]


class CitationStyle(Record, frozen=True, kw_only=True):
    """How publications are cited in this format: a named style and its options."""

    style: str = "author-year"
    max_authors: int | None = None
    et_al_after: int = 3
    show_open_access: bool = False
    show_notes: bool = False
    numbered: bool | None = None


class Typography(Record, frozen=True, kw_only=True):
    """What the template's styles must hold; checked by the tests, not applied by code."""

    font: str | None = None
    size_pt: float | None = None
    line_spacing: float | None = None


class ColumnSpec(Record, frozen=True, kw_only=True):
    """One column of a spreadsheet table."""

    label: Text
    value: str | None
    type: ColumnType = "text"
    missing: str | None = None
    precision: str | None = None
    currency: str | None = None


class TableSpec(Record, frozen=True, kw_only=True):
    """Where rows go in a workbook: a sheet, and the first data row's first cell."""

    sheet: Text
    anchor: str
    source: list[str]
    columns: list[ColumnSpec]

    def sheet_in(self, lang: str) -> str:
        """The sheet's name in the template of ``lang``."""
        return sheet_in(self.sheet, lang)

    @property
    def slots(self) -> list[str]:
        """The slot names among the sources."""
        return source_slots(self.source)


class FitSpec(Record, frozen=True, kw_only=True):
    """How ``--fit`` shrinks a document that is over its page limit."""

    shrink: list[str]
    minimum: dict[str, int] = field(default_factory=dict)


class TeamSpec(Record, frozen=True, kw_only=True):
    """A team format's declaration: which team document, and its own settings."""

    document: TeamDocument
    member_format: str | None = None
    highlight_limit: int | None = None
    group_by: Literal["kind", "year"] = "kind"


class FormatSpec(Record, frozen=True, kw_only=True):
    """Everything a format declares."""

    id: str
    scope: Literal["person", "team"] = "person"
    team: TeamSpec | None = None
    title: Text
    kind: Literal["docx", "xlsx"]
    template: str
    languages: list[str]
    bilingual: bool = False
    locales: dict[str, str] = field(default_factory=lambda: {"en": "en_GB", "de": "de_DE"})
    page_limit: int | None = None
    output: str
    typography: Typography = Typography()
    citation: CitationStyle = CitationStyle()
    notes: str = ""
    slots: dict[str, SlotRule] = field(default_factory=dict)
    tables: list[TableSpec] = field(default_factory=list)
    fit: FitSpec | None = None


class FormatOverride(Record, frozen=True, kw_only=True):
    """A user's format file that changes a bundled one: ``extends`` plus the keys to replace."""

    extends: str
    id: str | None = None
    title: Text | None = None
    template: str | None = None
    languages: list[str] | None = None
    bilingual: bool | None = None
    locales: dict[str, str] | None = None
    page_limit: int | None = None
    output: str | None = None
    citation: dict[str, Any] | None = None
    team: dict[str, Any] | None = None
    notes: str | None = None
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
