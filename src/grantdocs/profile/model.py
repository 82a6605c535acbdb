"""The CV profile: a typed model of everything a researcher's CV holds, and its validation.

What validation gives is turned into the frozen records of ``grantdocs.profile.records``
(``as_record``), which every later stage reads. Unknown keys are errors everywhere.
Human-language fields take a plain string or a mapping of language code to text
(``{en: ..., de: ...}``); names, publication titles and venues are plain strings because
they are never translated.
"""

from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from grantdocs.notices import CODES, check_code
from grantdocs.profile.dates import PartialDate
from grantdocs.profile.identifiers import DOI_PATTERN, doi_before_validator
from grantdocs.profile.records import (
    ID_SECTIONS,
    AwardKind,
    EducationLevel,
    OpenAccess,
    ProjectStatus,
    PublicationKind,
    PublicationStatus,
    Record,
    ServiceKind,
    SupervisionLevel,
    ThesisType,
)

LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
Text = str | Annotated[dict[LangCode, str], Field(min_length=1)]
"""A human-language text: one string, or ``{en: ..., de: ...}``."""

EntryId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$", max_length=80)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
Amount = Annotated[
    Decimal,
    Field(ge=0),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": r"^\d+(\.\d+)?$"},
            ]
        }
    ),
]
"""A money amount; its schema is spelled out so it does not change with the pydantic version."""


class Model(BaseModel):
    """Base of every profile model: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(
        defer_build=True, extra="forbid", frozen=True, str_strip_whitespace=False
    )


class Period(Model):
    """Mixin for entries that span time. ``end`` None means open-ended ("since ...")."""

    start: PartialDate | None = Field(None, description="First month or year.")
    end: PartialDate | None = Field(None, description="Last month or year; empty means ongoing.")

    @model_validator(mode="after")
    def _end_after_start(self) -> Self:
        if self.start and self.end and self.end.sort_key() < self.start.sort_key():
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


# --- person -----------------------------------------------------------------------------


class Address(Model):
    """A postal address."""

    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: Text | None = None


class Institution(Model):
    """The owner's institution: name, department, address and web page."""

    name: Text = Field(description="Organisation, e.g. 'Fraunhofer Heinrich-Hertz-Institut'.")
    short_name: str | None = Field(None, description="Acronym such as 'HHI'.")
    department: Text | None = None
    address: Address | None = None
    url: Url | None = None


class Link(Model):
    """A web page about the owner, with the label it is shown under."""

    label: str
    url: Url


class Identifiers(Model):
    """Researcher identifiers. Leave out what you do not have; nothing is guessed."""

    orcid: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")] | None = (
        None
    )
    google_scholar: str | None = Field(None, description="The 'user=' value of the profile URL.")
    github: str | None = None
    linkedin: str | None = None
    researcher_id: str | None = None
    scopus_author_id: str | None = None
    other: dict[str, str] = Field(default_factory=dict)


class Contact(Model):
    """E-mail addresses and phone numbers."""

    email: list[str] = Field(default_factory=list)
    phone: list[str] = Field(default_factory=list)


class Person(Model):
    """The profile's owner: names (and their forms in author lists), contact, identifiers,
    institution, biography."""

    title: Text | None = Field(None, description="Academic title, e.g. 'Dr. rer. nat.'.")
    given_names: str
    family_name: str
    former_names: list[str] = Field(
        default_factory=list, description="Earlier family names (published under them)."
    )
    name_variants: list[str] = Field(
        default_factory=list,
        description="Forms in author lists, e.g. 'Bach S'; highlighted in every citation.",
    )
    birth_date: PartialDate | None = None
    birth_place: str | None = None
    gender: str | None = None
    nationality: Text | None = None
    career_stage: Literal["A", "B", "C", "D"] | None = Field(
        None, description="Frascati career stage: A top grade ... D first-stage researcher."
    )
    contact: Contact = Field(default_factory=Contact)
    links: list[Link] = Field(default_factory=list)
    identifiers: Identifiers = Field(default_factory=Identifiers)
    institution: Institution | None = None
    bio: Text | None = None


# --- career -----------------------------------------------------------------------------


class Education(Period):
    """A degree or qualification: school, studies, doctorate, habilitation."""

    id: EntryId | None = None
    level: EducationLevel | None = Field(
        None, description="Stage of the degree; funders' forms sort by it."
    )
    degree: Text = Field(description="'PhD', 'Master of Science', 'Abitur'.")
    subject: Text | None = None
    institution: Text
    place: str | None = None
    country: Text | None = None
    date: PartialDate | None = Field(None, description="Date the degree was awarded.")
    thesis_title: str | None = None
    supervisors: list[str] = Field(default_factory=list)
    grade: Text | None = None
    focus: Text | None = None
    notes: list[Text] = Field(default_factory=list)


class Position(Period):
    """A position held: title, organisation and period; an empty end means it is current."""

    id: EntryId | None = None
    title: Text
    organisation: Text
    department: Text | None = None
    place: str | None = None
    country: Text | None = None
    description: Text | None = None
    details: list[Text] = Field(default_factory=list)
    fixed_term_until: PartialDate | None = Field(None, description="End of a fixed-term contract.")
    current: bool | None = Field(None, description="Override: current even if an end is given.")


class Teaching(Model):
    """A course taught, by term or year."""

    id: EntryId | None = None
    term: str | None = Field(None, description="'WS 24/25', 'SS 17'.")
    year: int | None = Field(None, description="Calendar year the term starts in.")
    course: Text
    institution: Text
    role: Text | None = None
    notes: Text | None = None


class Talk(Model):
    """A talk given (section talks) or an invited lecture (section invited_lectures)."""

    id: EntryId | None = None
    title: str
    date: PartialDate
    event: str
    place: str | None = None
    invited: bool = False
    keynote: bool = False
    kind: Text | None = Field(None, description="'paper presentation', 'flash talk & poster'.")
    notes: Text | None = None
    url: Url | None = None


class SupervisionCount(Model):
    """How many people of one career level were supervised (e.g. 12 PhD students)."""

    level: SupervisionLevel
    count: int = Field(ge=0)
    at_least: bool = Field(False, description="True for '40+'.")


class SupervisedPerson(Period):
    """One supervised person, by name: level, role, thesis and period."""

    id: EntryId | None = None
    name: str
    level: SupervisionLevel
    role: Text | None = None
    thesis_title: str | None = None
    institution: Text | None = None


class Supervision(Model):
    """Supervision of researchers in early career phases: a summary, counts per level, named
    cases."""

    summary: Text | None = None
    since: PartialDate | None = None
    counts: list[SupervisionCount] = Field(default_factory=list)
    cases: list[SupervisedPerson] = Field(default_factory=list)


class Project(Period):
    """A funded or proposed project: funder, role, amount and status (awarded, submitted,
    rejected)."""

    id: EntryId
    acronym: str
    title: Text
    funder: Text | None = None
    programme: Text | None = None
    grant_number: str | None = None
    role: Text | None = None
    leading_role: bool = False
    amount: Amount | None = None
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "EUR"
    status: ProjectStatus = "awarded"
    description: Text | None = None
    relation_to_proposal: Text | None = None
    tags: list[str] = Field(default_factory=list)


class Award(Model):
    """A prize, award, fellowship, ranking or appointment."""

    id: EntryId | None = None
    date: PartialDate | None = Field(None, description="Year (or date) awarded; empty if unknown.")
    end: PartialDate | None = Field(None, description="Last year, for recurring recognitions.")
    name: Text
    body: Text | None = None
    note: Text | None = None
    publication: EntryId | None = Field(None, description="Id of the publication it honours.")
    kind: AwardKind = "award"


class PatentMember(Model):
    """One filing of a patent family at one office."""

    office: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="Two-letter office code (EP, US, WO ...); empty if not yet known."
    )
    number: str | None = Field(None, description="Publication or patent number; empty if TBA.")
    title: str
    status: Literal["filed", "published", "granted"]
    date: PartialDate


class PatentFamily(Model):
    """A patent family: one invention and its filings at several offices."""

    id: EntryId
    title: str
    year: int = Field(description="Priority (or filing) year of the family.")
    members: list[PatentMember] = Field(default_factory=list)


class Service(Period):
    """Service to the research community: committees, editorships, conferences, reviewing,
    self-governance."""

    id: EntryId | None = None
    role: Text
    organisation: Text
    kind: ServiceKind = "other"
    description: Text | None = None


class Membership(Period):
    """Membership in a society or organisation."""

    organisation: Text
    role: Text | None = None


class Language(Model):
    """A language spoken, with its level."""

    language: Text
    level: Text


class MetricValues(Model):
    """Citation figures for one period."""

    publications: int | None = None
    citations: int | None = None
    h_index: int | None = None
    i10_index: int | None = None


class CitationMetrics(Model):
    """Citation metrics from one source (e.g. Google Scholar), as retrieved on a date."""

    source: str
    retrieved: PartialDate
    all: MetricValues
    since: int | None = Field(None, description="Year the 'recent' column starts.")
    recent: MetricValues | None = None


# --- publications -----------------------------------------------------------------------


class Publication(Model):
    """A published or forthcoming work: article, paper, book, chapter, thesis, patent,
    software, data set, report, ..."""

    id: EntryId
    kind: PublicationKind
    authors: list[str] = Field(min_length=1, description="In order, as printed: 'Lapuschkin S'.")
    editors: list[str] = Field(default_factory=list)
    title: str
    venue: str | None = Field(
        None,
        description="Journal, proceedings or series; for software and data sets the "
        "repository ('Zenodo', 'GitHub').",
    )
    publisher: str | None = None
    place: str | None = None
    institution: str | None = Field(
        None,
        description="University that accepted a thesis, or institution that issued a report "
        "(BibTeX 'school' / 'institution'): 'RWTH Aachen University'.",
    )
    thesis_type: ThesisType | None = Field(
        None,
        description="Theses: the degree it was written for (BibTeX @phdthesis: 'phd', "
        "@mastersthesis: 'master').",
    )
    number: str | None = Field(
        None,
        description="Report number, or patent number (BibTeX 'number'): 'TR-2020-03', "
        "'EP 3 123 456 A1'.",
    )
    office: str | None = Field(
        None,
        description="Patents: the office or country that issued it ('EP', 'US', "
        "'Deutsches Patent- und Markenamt').",
    )
    version: str | None = Field(
        None, description="Software and data sets: the version cited ('0.5.1')."
    )
    series: str | None = Field(
        None,
        description="Book or report series (CSL collection-title): 'Göttingen Studies in "
        "Cultural Property'.",
    )
    series_number: str | None = Field(
        None, description="The work's number in its series (CSL collection-number): '9'."
    )
    repository: str | None = Field(
        None,
        description="Where a preprint or working paper is posted (CSL archive): 'OSF "
        "Preprints', 'SocArXiv', 'SSRN', 'Zenodo'.",
    )
    genre: str | None = Field(
        None, description="What kind of report or paper it says it is (CSL genre): 'Working Paper'."
    )
    assignee: str | None = Field(
        None, description="Patents: who holds the patent (BibTeX 'assignee' / 'holder')."
    )
    edition: str | None = Field(None, description="Edition of a book: '2'.")
    event: str | None = Field(
        None,
        description="Conference papers and presentations: the event (CSL event-title).",
    )
    year: int | None = Field(
        None,
        ge=1000,
        le=9999,
        description="Year of publication; empty for a work without one (a working paper, a "
        "forthcoming chapter): it counts as current and is cited with 'n.d.' / 'o. J.'.",
    )
    month: int | None = Field(None, ge=1, le=12)
    volume: str | None = None
    issue: str | None = None
    pages: str | None = Field(None, description="'247–278', or an article number.")
    doi: (
        Annotated[
            str,
            BeforeValidator(doi_before_validator),
            StringConstraints(pattern=DOI_PATTERN),
        ]
        | None
    ) = Field(
        None,
        description="'10.1371/journal.pone.0130140'; a resolver link (https://doi.org/...), "
        "'doi:' and LaTeX escapes are removed on reading.",
    )
    url: Url | None = None
    arxiv: str | None = Field(None, description="arXiv identifier, e.g. '2508.21380'.")
    openreview: str | None = Field(None, description="OpenReview forum id.")
    isbn: list[str] = Field(default_factory=list)
    code_urls: list[Url] = Field(default_factory=list)
    peer_reviewed: bool = False
    open_access: OpenAccess | None = None
    status: PublicationStatus = "published"
    notes: list[Text] = Field(default_factory=list, description="Awards, 'Spotlight', role.")
    tags: list[str] = Field(default_factory=list)
    rank: int | None = Field(
        None, ge=1, description="Owner's mark of importance: 1 is the most important work."
    )
    selected: bool = Field(
        False,
        description="Owner's mark 'one of my most important works' (BibTeX 'selected = true'); "
        "'order: [rank]' puts these after the ranked works and before the rest.",
    )
    aliases: list[str] = Field(
        default_factory=list,
        description="Other keys this work is known by (e.g. the BibTeX key it was imported "
        "from); pins, excludes and lists of cited works accept them.",
    )


# --- the profile ------------------------------------------------------------------------


NoticeCode = Annotated[
    str, AfterValidator(check_code), WithJsonSchema({"type": "string", "enum": list(CODES)})
]


class ReportSettings(Model):
    """How ``grantdocs build`` reports on this profile's documents."""

    ignore: list[NoticeCode] = Field(
        default_factory=list,
        description="Warning codes not to report, e.g. no-doi (as --ignore does).",
    )


class Profile(Model):
    """A researcher's whole CV."""

    schema_version: Literal[1] = 1
    languages: list[LangCode] = Field(
        default_factory=lambda: ["en"], description="Languages the texts are written in."
    )
    person: Person
    positions: list[Position] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    teaching: list[Teaching] = Field(default_factory=list)
    talks: list[Talk] = Field(default_factory=list)
    invited_lectures: list[Talk] = Field(default_factory=list)
    supervision: Supervision = Field(default_factory=Supervision)
    projects: list[Project] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    patents: list[PatentFamily] = Field(default_factory=list)
    service: list[Service] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    spoken_languages: list[Language] = Field(default_factory=list)
    metrics: list[CitationMetrics] = Field(default_factory=list)
    career_breaks: list[Text] = Field(default_factory=list)
    other_information: list[Text] = Field(default_factory=list)
    publications: list[Publication] = Field(default_factory=list)
    report: ReportSettings = Field(
        default_factory=ReportSettings, description="How the build report treats this profile."
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> Self:
        seen: dict[str, str] = {}
        for section in ID_SECTIONS:
            for index, entry in enumerate(getattr(self, section)):
                entry_id = getattr(entry, "id", None)
                if entry_id is None:
                    continue
                where = f"{section}[{index}]"
                if entry_id in seen:
                    raise ValueError(
                        f"{DUPLICATE_ID} {entry_id!r} in {where}: already used by {seen[entry_id]}"
                    )
                seen[entry_id] = where
        return self


DUPLICATE_ID = "duplicate id"
"""Start of the model's message for a repeated id; the loader reports these itself, with both
positions, and leaves the model's own message out."""


def json_schema() -> dict[str, Any]:
    """The profile's JSON Schema (draft 2020-12), as committed in ``schema/profile.schema.json``."""
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "grantdocs profile"
    return schema


_PLAIN = frozenset({str, int, bool, float, PartialDate, Decimal})
"""Types of values ``as_record`` passes through as they are."""


def as_record(value: Any) -> Any:
    """``value`` with every model in it turned into the record of its name
    (``grantdocs.profile.records``); lists, tuples and mappings are walked."""
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, BaseModel):
        # a model keeps its field values in __dict__, in field order
        fields = {name: as_record(item) for name, item in value.__dict__.items()}
        return Record.named(type(value).__name__)(**fields)
    if isinstance(value, list):
        return [as_record(item) for item in value]
    if isinstance(value, dict):
        return {key: as_record(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(as_record(item) for item in value)
    return value


def validated(model: type[BaseModel], data: Any) -> Any:
    """``data`` validated by ``model``, as the record of its name (``as_record``)."""
    return as_record(model.model_validate(data))
