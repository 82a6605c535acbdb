"""A format's declaration (``templates/<format>/format.yaml``): languages, limits, slots."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from grantdocs.profile.model import LangCode, Text
from grantdocs.select.rules import SlotRule

FormatId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CitationStyle(_Spec):
    """How publications are cited in this format."""

    max_authors: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Cut author lists longer than this after `et_al_after` names."
    )
    et_al_after: Annotated[int, Field(ge=1)] = 3
    show_open_access: bool = Field(False, description="Mark open-access items.")
    show_notes: bool = True
    numbered: bool = False


class Typography(_Spec):
    """What the template's styles must hold; checked by the tests, not applied by code."""

    font: str | None = None
    size_pt: float | None = None
    line_spacing: float | None = None


class ColumnSpec(_Spec):
    """One column of a spreadsheet table."""

    header: str = Field(description="Header msgid; the template's header cell must match.")
    value: str = Field(description="Context field of one row, e.g. 'title' or 'period'.")
    type: Literal["text", "date", "amount", "number", "bool"] = "text"


class TableSpec(_Spec):
    """Where a slot's rows go in a workbook: a sheet and the first data row's cell."""

    slot: str
    sheet: str
    anchor: str = Field(description="Defined name of the first data row's first cell.")
    columns: list[ColumnSpec]


class FormatSpec(_Spec):
    """Everything a format declares."""

    id: FormatId
    title: Text
    kind: Literal["docx", "xlsx"]
    template: str = Field(description="Template file, relative to the format's folder.")
    languages: list[LangCode] = Field(min_length=1)
    bilingual: bool = Field(False, description="Can build one document carrying two languages.")
    locales: dict[LangCode, str] = Field(
        default_factory=lambda: {"en": "en_GB", "de": "de_DE"},
        description="Babel locale per language (en_GB for European funders).",
    )
    page_limit: Annotated[int, Field(ge=1)] | None = None
    output: str = Field(description="File name without extension; may use {family_name}, {lang}.")
    typography: Typography = Field(default_factory=Typography)
    citation: CitationStyle = Field(default_factory=CitationStyle)
    notes: str = Field("", description="Where the layout comes from, what is unverified.")
    slots: dict[str, SlotRule] = Field(default_factory=dict)
    tables: list[TableSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _tables_name_slots(self) -> FormatSpec:
        for table in self.tables:
            if table.slot not in self.slots:
                raise ValueError(
                    f"table on sheet {table.sheet!r} names unknown slot {table.slot!r}"
                )
        return self


class FormatOverride(_Spec):
    """A user's format file that changes a bundled one: ``extends`` plus the keys to replace.

    Slot entries are merged key by key (``limit: 8`` changes only the limit).
    """

    extends: FormatId
    id: FormatId | None = None
    title: Text | None = None
    template: str | None = None
    languages: list[LangCode] | None = None
    page_limit: Annotated[int, Field(ge=1)] | None = None
    output: str | None = None
    citation: dict[str, Any] | None = None
    notes: str | None = None
    slots: dict[str, dict[str, Any]] = Field(default_factory=dict)
