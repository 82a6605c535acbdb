"""A format's declaration (``templates/<format>/format.yaml``): languages, limits, slots.

The models here validate a format file; what they give is turned into the records of
``grantdocs.formats.records`` (``profile.model.as_record``), which a build reads.
"""

from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from grantdocs.formats.citation_styles import csl_style_ids, is_csl, style_names
from grantdocs.formats.records import (
    FORMAT_ID_PATTERN,
    MEMBERS_SOURCE,
    PERSON_SOURCE,
    ColumnType,
    TeamDocument,
    sheet_in,
    source_slots,
)
from grantdocs.profile.model import LangCode, Text
from grantdocs.select.rules import SlotRule

FormatId = Annotated[str, StringConstraints(pattern=FORMAT_ID_PATTERN)]


class _Spec(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


class CitationStyle(_Spec):
    """How publications are cited in this format: a named style and its options."""

    style: str = Field(
        "author-year",
        description="Named citation style: 'author-year' (DFG/ERC: 'Authors (Year). Title. "
        "In: Venue'), 'numbered' ('[1] A. Author, B. Author, \"Title,\" ...'), 'apa'; or a "
        "CSL style: a bundled CSL id ('apa', 'din-1505-2', 'ieee': a CSL id wins over a "
        "YAML style of that name) or a .csl file (relative to the format's folder).",
    )
    max_authors: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Cut author lists longer than this after `et_al_after` names."
    )
    et_al_after: Annotated[int, Field(ge=1)] = Field(
        3, description="Names kept before 'et al.' in a cut list (the owner is kept too)."
    )
    show_open_access: bool = Field(False, description="Mark open-access items.")
    show_notes: bool = Field(
        False,
        description="Append each publication's notes to its citation. Templates may print "
        "`pub.notes` on a line of their own instead.",
    )
    numbered: bool | None = Field(
        None,
        description="Start each citation with its number ('[3] '); null: as the style says "
        "(the numbered style does). For templates that do not number entries themselves.",
    )

    @model_validator(mode="after")
    def _cut_fits(self) -> Self:
        if self.max_authors is not None and self.et_al_after > self.max_authors:
            raise ValueError(
                f"et_al_after ({self.et_al_after}) is more than max_authors "
                f"({self.max_authors}): a cut list would be longer than an uncut one"
            )
        return self

    @field_validator("style")
    @classmethod
    def _known_style(cls, name: str) -> str:
        known = style_names()
        if name not in known and not is_csl(name):
            raise ValueError(
                f"unknown citation style {name!r}; known styles: {', '.join(known)}; "
                f"CSL styles: {', '.join(csl_style_ids())}, or a .csl file"
            )
        return name


class Typography(_Spec):
    """What the template's styles must hold; checked by the tests, not applied by code."""

    font: str | None = None
    size_pt: float | None = None
    line_spacing: float | None = None


class ColumnSpec(_Spec):
    """One column of a spreadsheet table."""

    label: Text = Field(
        description="Header: a msgid, or an inline {en: ..., de: ...} label with a text for "
        "every language of the format; the template's header cell must match it."
    )
    value: str | None = Field(
        description="Field of one row, e.g. 'title' or 'start_date'; null leaves the column "
        "for the user to fill in."
    )
    type: ColumnType = "text"
    missing: str | None = Field(
        None,
        description="What to add to the profile when a value is empty; the build report "
        "names the sheet, the column and this text. Null: an empty value is fine.",
    )
    precision: str | None = Field(
        None,
        description="Dates only: row field holding the date's precision (day, month, year); "
        "picks the fallback number format when the template cell has none.",
    )
    currency: str | None = Field(
        None,
        description="Amounts only: row field holding the ISO currency code; null means euros.",
    )

    @model_validator(mode="after")
    def _options_fit_type(self) -> Self:
        if self.precision is not None and self.type != "date":
            raise ValueError("'precision' applies to date columns only")
        if self.currency is not None and self.type != "amount":
            raise ValueError("'currency' applies to amount columns only")
        return self


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class TableSpec(_Spec):
    """Where rows go in a workbook: a sheet, and the first data row's first cell."""

    sheet: Text = Field(
        description="Worksheet name, as in the template; {de: ..., en: ...} when the "
        "templates of the languages name it differently."
    )
    anchor: str = Field(
        description="Defined name of the first data row's first cell; the row above holds "
        "the headers, and the template's styles and formulas of this row are copied to "
        "every filled row."
    )
    source: Annotated[list[str], BeforeValidator(_as_list), Field(min_length=1)] = Field(
        description="Slots whose entries become the rows, in order; 'person' gives one row "
        "about the profile's owner."
    )
    columns: list[ColumnSpec] = Field(min_length=1)

    def sheet_in(self, lang: str) -> str:
        """The sheet's name in the template of ``lang``."""
        return sheet_in(self.sheet, lang)

    @property
    def slots(self) -> list[str]:
        """The slot names among the sources."""
        return source_slots(self.source)


class FitSpec(_Spec):
    """How ``--fit`` shrinks a document that is over its page limit."""

    shrink: list[str] = Field(
        min_length=1,
        description="Slots to shrink, first one first; each loses its least important "
        "entries (the end of its order) before the next one is touched.",
    )
    minimum: dict[str, Annotated[int, Field(ge=0)]] = Field(
        default_factory=dict, description="Entries a slot keeps at least (default 0)."
    )


class TeamSpec(_Spec):
    """A team format's declaration: which team document, and its own settings."""

    document: TeamDocument = Field(
        description="researchers: one row per member; cited_works: the works a proposal "
        "cites, the members' own highlighted; publications: the members' publications "
        "merged; cv_annex: every member's CV of member_format, in team order."
    )
    member_format: FormatId | None = Field(
        None, description="cv_annex: the format of each member's CV (e.g. dfg-cv)."
    )
    highlight_limit: Annotated[int, Field(ge=0)] | None = Field(
        None, description="cited_works: at most this many of the members' own works highlighted."
    )
    group_by: Literal["kind", "year"] = Field(
        "kind", description="publications: group the merged list by kind or by year."
    )

    @model_validator(mode="after")
    def _settings_fit_document(self) -> Self:
        if (self.member_format is None) == (self.document == "cv_annex"):
            raise ValueError("member_format is required by cv_annex, and only used there")
        return self


class FormatSpec(_Spec):
    """Everything a format declares."""

    id: FormatId
    scope: Literal["person", "team"] = Field(
        "person",
        description="person: one document per profile; team: one document for a whole team "
        "(grantdocs build --team), declared in 'team'.",
    )
    team: TeamSpec | None = None
    title: Text = Field(
        description="A msgid, or an inline {en: ..., de: ...} label with a text for every "
        "language of the format."
    )
    kind: Literal["docx", "xlsx"]
    template: str = Field(
        description="Template file, relative to the format's folder; {lang} stands for the "
        "output language (one template per language)."
    )
    languages: list[LangCode] = Field(min_length=1)
    bilingual: bool = Field(False, description="Can build one document carrying two languages.")
    locales: dict[LangCode, str] = Field(
        default_factory=lambda: {"en": "en_GB", "de": "de_DE"},
        description="Babel (CLDR) locale per language, e.g. en_GB, fr_FR; a language not "
        "named here uses its CLDR default territory (en: en_GB).",
    )
    page_limit: Annotated[int, Field(ge=1)] | None = None
    output: str = Field(
        description="File name without extension; may use {family_name} (person formats) or "
        "{acronym} (team formats), and {lang}."
    )
    typography: Typography = Field(default_factory=Typography)
    citation: CitationStyle = Field(default_factory=CitationStyle)
    notes: str = Field("", description="Where the layout comes from, what is unverified.")
    slots: dict[str, SlotRule] = Field(default_factory=dict)
    tables: list[TableSpec] = Field(default_factory=list)
    fit: FitSpec | None = Field(None, description="How --fit shrinks an over-long document.")

    @model_validator(mode="after")
    def _fit_names_slots(self) -> Self:
        if self.fit is None:
            return self
        if self.page_limit is None:
            raise ValueError("fit needs a page_limit")
        for name in [*self.fit.shrink, *self.fit.minimum]:
            if name not in self.slots:
                raise ValueError(f"fit names unknown slot {name!r}")
        return self

    @model_validator(mode="after")
    def _tables_fit_format(self) -> Self:
        if self.tables and self.kind != "xlsx":
            raise ValueError("only xlsx formats have tables")
        if self.kind == "xlsx" and not self.tables:
            raise ValueError("an xlsx format needs at least one table")
        if self.tables and {PERSON_SOURCE, MEMBERS_SOURCE} & set(self.slots):
            raise ValueError(
                f"the slot names {PERSON_SOURCE!r} and {MEMBERS_SOURCE!r} are reserved for tables"
            )
        if (self.scope == "team") != (self.team is not None):
            raise ValueError("a format with 'scope: team' declares 'team:', and only such a one")
        placeholder = "{acronym}" if self.scope == "person" else "{family_name}"
        if placeholder in self.output:
            raise ValueError(f"the output name of a {self.scope} format cannot use {placeholder}")
        for table in self.tables:
            for name in table.slots:
                if name == MEMBERS_SOURCE and self.scope == "team":
                    continue
                if name not in self.slots:
                    raise ValueError(
                        f"table on sheet {table.sheet_in('en')!r} names unknown slot {name!r}"
                    )
        if "{" in self.template.replace("{lang}", ""):
            raise ValueError("the template name may use {lang} and no other placeholder")
        return self

    @field_validator("output")
    @classmethod
    def _output_is_a_file_name(cls, name: str) -> str:
        _check_output_name(name)
        return name


def _check_output_name(name: str) -> None:
    """An output name is one file name using only {family_name} (or {acronym}) and {lang}."""
    rest = name.replace("{family_name}", "").replace("{lang}", "").replace("{acronym}", "")
    if "{" in rest or "}" in rest:
        raise ValueError(
            "the output name may use {family_name} (or {acronym}) and {lang} and no other "
            "placeholder"
        )
    if "/" in name or "\\" in name or name.strip() in ("", ".", ".."):
        raise ValueError("the output name is a file name, without folders")
    if any(not c.isprintable() for c in name):
        raise ValueError(
            "the output name is one line of printable characters, without NUL, line breaks "
            "or other control characters"
        )


class FormatOverride(_Spec):
    """A user's format file that changes a bundled one: ``extends`` plus the keys to replace.

    Slot entries are merged key by key (``limit: 8`` changes only the limit).
    """

    extends: FormatId
    id: FormatId | None = None
    title: Text | None = None
    template: str | None = None
    languages: list[LangCode] | None = None
    bilingual: bool | None = None
    locales: dict[LangCode, str] | None = Field(
        None, description="Added to (or replacing single entries of) the extended format's."
    )
    page_limit: Annotated[int, Field(ge=1)] | None = None
    output: str | None = None
    citation: dict[str, Any] | None = None
    team: dict[str, Any] | None = None
    notes: str | None = None
    slots: dict[str, dict[str, Any]] = Field(default_factory=dict)
