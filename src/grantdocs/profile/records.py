"""The validated profile as a build reads it: frozen records, one class per model.

``grantdocs.profile.model`` declares what a profile may hold and validates it with
pydantic; what validation gives is turned into these records (``model.as_record``), and
that is what the disk cache keeps and every later stage reads. A build from the cache so
never loads pydantic. Each record has its model's name, fields, field order and defaults,
with the constraints left out (``tests/profile/test_records.py`` holds the two together);
what an entry says about itself (``when``, ``link``) is here.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from msgspec import Struct, field

from grantdocs.profile.dates import PartialDate
from grantdocs.profile.when import When, period, point, published, stretch


class Record(Struct, frozen=True, kw_only=True):
    """Base of every validated record (the profile's, a format's, a rule's): immutable,
    built by keyword; each subclass is known by its name (``kind``)."""

    _kinds: ClassVar[dict[str, type["Record"]]] = {}

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        if Record._kinds.setdefault(cls.__name__, cls) is not cls:
            raise TypeError(f"two record classes are named {cls.__name__}")

    @staticmethod
    def named(name: str) -> type["Record"]:
        """The record class named ``name`` (its model's name)."""
        return Record._kinds[name]


Translations = Annotated[dict[str, str], "one text per language"]
"""``{en: ..., de: ...}``; marked, so that a plain mapping of strings is not taken for one."""

Text = str | Translations
"""A human-language text: one string, or ``{en: ..., de: ...}``."""


class Period(Record, frozen=True, kw_only=True):
    """Mixin for entries that span time. ``end`` None means open-ended ("since ...")."""

    start: PartialDate | None = None
    end: PartialDate | None = None

    def when(self) -> When:
        """``start`` .. ``end``, a period (an empty end: it runs on)."""
        return period(self.start, self.end)


# --- person -----------------------------------------------------------------------------


class Address(Record, frozen=True, kw_only=True):
    """A postal address."""

    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: Text | None = None


class Institution(Record, frozen=True, kw_only=True):
    """The owner's institution: name, department, address and web page."""

    name: Text
    short_name: str | None = None
    department: Text | None = None
    address: Address | None = None
    url: str | None = None


class Link(Record, frozen=True, kw_only=True):
    """A web page about the owner, with the label it is shown under."""

    label: str
    url: str


class Identifiers(Record, frozen=True, kw_only=True):
    """Researcher identifiers."""

    orcid: str | None = None
    google_scholar: str | None = None
    github: str | None = None
    linkedin: str | None = None
    researcher_id: str | None = None
    scopus_author_id: str | None = None
    other: dict[str, str] = field(default_factory=dict)


class Contact(Record, frozen=True, kw_only=True):
    """E-mail addresses and phone numbers."""

    email: list[str] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)


class Person(Record, frozen=True, kw_only=True):
    """The profile's owner."""

    title: Text | None = None
    given_names: str
    family_name: str
    former_names: list[str] = field(default_factory=list)
    name_variants: list[str] = field(default_factory=list)
    birth_date: PartialDate | None = None
    birth_place: str | None = None
    gender: str | None = None
    nationality: Text | None = None
    career_stage: Literal["A", "B", "C", "D"] | None = None
    contact: Contact = Contact()
    links: list[Link] = field(default_factory=list)
    identifiers: Identifiers = Identifiers()
    institution: Institution | None = None
    bio: Text | None = None


# --- career -----------------------------------------------------------------------------

EducationLevel = Literal[
    "school", "bachelor", "master", "diploma", "doctorate", "habilitation", "other"
]


class Education(Period, frozen=True, kw_only=True):
    """A degree or qualification."""

    id: str | None = None
    level: EducationLevel | None = None
    degree: Text
    subject: Text | None = None
    institution: Text
    place: str | None = None
    country: Text | None = None
    date: PartialDate | None = None
    thesis_title: str | None = None
    supervisors: list[str] = field(default_factory=list)
    grade: Text | None = None
    focus: Text | None = None
    notes: list[Text] = field(default_factory=list)

    def when(self) -> When:
        """The period of study (``start`` .. ``end``) when either is given, else the day the
        degree was awarded (``date``) as a point (``profile.when`` says why)."""
        if self.start is not None or self.end is not None:
            return period(self.start, self.end, completed=self.date)
        return stretch(self.date)


class Position(Period, frozen=True, kw_only=True):
    """A position held; an empty end means it is current."""

    id: str | None = None
    title: Text
    organisation: Text
    department: Text | None = None
    place: str | None = None
    country: Text | None = None
    description: Text | None = None
    details: list[Text] = field(default_factory=list)
    fixed_term_until: PartialDate | None = None
    current: bool | None = None

    def when(self) -> When:
        """``start`` .. ``end``, with the owner's ``current`` override."""
        return period(self.start, self.end, self.current)


class Teaching(Record, frozen=True, kw_only=True):
    """A course taught, by term or year."""

    id: str | None = None
    term: str | None = None
    year: int | None = None
    course: Text
    institution: Text
    role: Text | None = None
    notes: Text | None = None

    def when(self) -> When:
        """The calendar year as a point; undated without one."""
        return point(self.year)


class Talk(Record, frozen=True, kw_only=True):
    """A talk given, or an invited lecture."""

    id: str | None = None
    title: str
    date: PartialDate
    event: str
    place: str | None = None
    invited: bool = False
    keynote: bool = False
    kind: Text | None = None
    notes: Text | None = None
    url: str | None = None

    def when(self) -> When:
        """The day (or month, year) of the talk."""
        return stretch(self.date)


SupervisionLevel = Literal[
    "technical_staff", "postdoc", "phd", "master", "bachelor", "guest", "other"
]


class SupervisionCount(Record, frozen=True, kw_only=True):
    """How many people of one career level were supervised."""

    level: SupervisionLevel
    count: int
    at_least: bool = False


class SupervisedPerson(Period, frozen=True, kw_only=True):
    """One supervised person, by name."""

    id: str | None = None
    name: str
    level: SupervisionLevel
    role: Text | None = None
    thesis_title: str | None = None
    institution: Text | None = None


class Supervision(Record, frozen=True, kw_only=True):
    """Supervision of researchers in early career phases."""

    summary: Text | None = None
    since: PartialDate | None = None
    counts: list[SupervisionCount] = field(default_factory=list)
    cases: list[SupervisedPerson] = field(default_factory=list)


ProjectStatus = Literal["awarded", "submitted", "rejected"]


class Project(Period, frozen=True, kw_only=True):
    """A funded or proposed project."""

    id: str
    acronym: str
    title: Text
    funder: Text | None = None
    programme: Text | None = None
    grant_number: str | None = None
    role: Text | None = None
    leading_role: bool = False
    amount: Decimal | None = None
    currency: str = "EUR"
    status: ProjectStatus = "awarded"
    description: Text | None = None
    relation_to_proposal: Text | None = None
    tags: list[str] = field(default_factory=list)


AwardKind = Literal["award", "prize", "fellowship", "ranking", "appointment", "other"]


class Award(Record, frozen=True, kw_only=True):
    """A prize, award, fellowship, ranking or appointment."""

    id: str | None = None
    date: PartialDate | None = None
    end: PartialDate | None = None
    name: Text
    body: Text | None = None
    note: Text | None = None
    publication: str | None = None
    kind: AwardKind = "award"

    def when(self) -> When:
        """``date``, or ``date`` .. ``end`` for a recurring recognition (closed, never open)."""
        return stretch(self.date, self.end)


class PatentMember(Record, frozen=True, kw_only=True):
    """One filing of a patent family at one office."""

    office: str | None = None
    number: str | None = None
    title: str
    status: Literal["filed", "published", "granted"]
    date: PartialDate


class PatentFamily(Record, frozen=True, kw_only=True):
    """A patent family: one invention and its filings at several offices."""

    id: str
    title: str
    year: int
    members: list[PatentMember] = field(default_factory=list)

    def when(self) -> When:
        """The priority year .. the latest filing of a member."""
        latest = max((m.date for m in self.members), key=PartialDate.sort_key, default=None)
        return stretch(PartialDate(self.year), latest)


ServiceKind = Literal["committee", "editorship", "conference", "review", "self_governance", "other"]


class Service(Period, frozen=True, kw_only=True):
    """Service to the research community."""

    id: str | None = None
    role: Text
    organisation: Text
    kind: ServiceKind = "other"
    description: Text | None = None


class Membership(Period, frozen=True, kw_only=True):
    """Membership in a society or organisation."""

    organisation: Text
    role: Text | None = None


class Language(Record, frozen=True, kw_only=True):
    """A language spoken, with its level."""

    language: Text
    level: Text


class MetricValues(Record, frozen=True, kw_only=True):
    """Citation figures for one period."""

    publications: int | None = None
    citations: int | None = None
    h_index: int | None = None
    i10_index: int | None = None


class CitationMetrics(Record, frozen=True, kw_only=True):
    """Citation metrics from one source, as retrieved on a date."""

    source: str
    retrieved: PartialDate
    all: MetricValues
    since: int | None = None
    recent: MetricValues | None = None


# --- publications -----------------------------------------------------------------------

PublicationKind = Literal[
    "journal_article",
    "conference_paper",
    "workshop_paper",
    "preprint",
    "book",
    "edited_book",
    "book_chapter",
    "thesis",
    "patent",
    "software",
    "dataset",
    "report",
    "book_review",
    "working_paper",
    "manuscript",
    "special_issue",
    "proceedings",
    "presentation",
    "blog_post",
    "other",
]
"""What a work is; the CSL item type it maps to is in ``grantdocs.cite.csl_item``.
``book_review``: a review of a book (CSL review-book); ``working_paper``: a paper in a
working-paper series or repository (OSF, SSRN, NBER ...); ``manuscript``: an unpublished
manuscript; ``special_issue``: a journal issue the owner edited (CSL periodical);
``proceedings``: a proceedings volume the owner edited; ``presentation``: a talk or poster
given (CSL speech); ``blog_post``: a post on a blog (CSL post-weblog)."""

EDITED_KINDS: frozenset[str] = frozenset({"edited_book", "proceedings", "special_issue"})
"""Kinds whose people are editors: the work has no author, and its editors are listed
where authors are (``authors``, when it has no separate ``editors``)."""

PublicationStatus = Literal[
    "published", "in_press", "accepted", "under_review", "submitted", "in_preparation"
]
"""Where a work stands: out (``published``); accepted and being printed (``in_press``);
accepted (``accepted``); under review, a revise-and-resubmit included (``under_review``);
sent to a journal or publisher (``submitted``); being written (``in_preparation``)."""

OpenAccess = Literal["gold", "green", "hybrid", "bronze", "diamond", "yes"]

ThesisType = Literal["phd", "master", "bachelor", "diploma", "habilitation"]


class Publication(Record, frozen=True, kw_only=True):
    """A published or forthcoming work."""

    id: str
    kind: PublicationKind
    authors: list[str]
    editors: list[str] = field(default_factory=list)
    title: str
    venue: str | None = None
    publisher: str | None = None
    place: str | None = None
    institution: str | None = None
    thesis_type: ThesisType | None = None
    number: str | None = None
    office: str | None = None
    version: str | None = None
    series: str | None = None
    series_number: str | None = None
    repository: str | None = None
    genre: str | None = None
    assignee: str | None = None
    edition: str | None = None
    event: str | None = None
    year: int | None = None
    month: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    arxiv: str | None = None
    openreview: str | None = None
    isbn: list[str] = field(default_factory=list)
    code_urls: list[str] = field(default_factory=list)
    peer_reviewed: bool = False
    open_access: OpenAccess | None = None
    status: PublicationStatus = "published"
    notes: list[Text] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    rank: int | None = None
    selected: bool = False
    aliases: list[str] = field(default_factory=list)

    def when(self) -> When:
        """The year (and month) as a point; without a year it counts as current
        (``profile.when`` says why)."""
        return published(self.year, self.month)

    @property
    def link(self) -> str | None:
        """DOI link, else the URL, else the arXiv or OpenReview page; None if nothing."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.url:
            return self.url
        if self.arxiv:
            return f"https://arxiv.org/abs/{self.arxiv}"
        if self.openreview:
            return f"https://openreview.net/forum?id={self.openreview}"
        return None


# --- the profile ------------------------------------------------------------------------


class ReportSettings(Record, frozen=True, kw_only=True):
    """How ``grantdocs build`` reports on this profile's documents."""

    ignore: list[str] = field(default_factory=list)


class Profile(Record, frozen=True, kw_only=True):
    """A researcher's whole CV, validated."""

    schema_version: Literal[1] = 1
    languages: list[str] = field(default_factory=lambda: ["en"])
    person: Person
    positions: list[Position] = field(default_factory=list)
    education: list[Education] = field(default_factory=list)
    teaching: list[Teaching] = field(default_factory=list)
    talks: list[Talk] = field(default_factory=list)
    invited_lectures: list[Talk] = field(default_factory=list)
    supervision: Supervision = Supervision()
    projects: list[Project] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    patents: list[PatentFamily] = field(default_factory=list)
    service: list[Service] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    spoken_languages: list[Language] = field(default_factory=list)
    metrics: list[CitationMetrics] = field(default_factory=list)
    career_breaks: list[Text] = field(default_factory=list)
    other_information: list[Text] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    report: ReportSettings = ReportSettings()

    def entry_paths(self) -> dict[int, tuple[str | int, ...]]:
        """``id(entry)`` -> its data path, for every list entry and supervised person."""
        paths: dict[int, tuple[str | int, ...]] = {}
        for section in LIST_SECTIONS:
            for index, entry in enumerate(getattr(self, section)):
                paths[id(entry)] = (section, index)
        for index, case in enumerate(self.supervision.cases):
            paths[id(case)] = ("supervision", "cases", index)
        return paths


LIST_SECTIONS = (
    "positions",
    "education",
    "teaching",
    "talks",
    "invited_lectures",
    "projects",
    "awards",
    "patents",
    "service",
    "memberships",
    "publications",
)
"""The profile's list sections, in the order summaries show them."""

ID_SECTIONS = tuple(s for s in LIST_SECTIONS if s != "memberships")
"""List sections whose entries may carry an ``id`` (unique across all of them)."""


def dump(value: Any, *, exclude_none: bool = False) -> Any:
    """``value`` as JSON data, as its model's ``model_dump(mode="json", by_alias=True)``
    gives it: a record as a mapping of its fields in order (without the empty ones if
    ``exclude_none``), a partial date and an amount as text, a tuple as a list."""
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, Record):
        names = zip(value.__struct_fields__, value.__struct_encode_fields__, strict=True)
        fields = ((name, getattr(value, attr)) for attr, name in names)
        return {
            name: dump(item, exclude_none=exclude_none)
            for name, item in fields
            if not (exclude_none and item is None)
        }
    if isinstance(value, list | tuple):
        return [dump(item, exclude_none=exclude_none) for item in value]
    if isinstance(value, dict):
        return {key: dump(item, exclude_none=exclude_none) for key, item in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    return value


def today() -> dt.date:
    """The default as-of date; the only place that reads the clock."""
    return dt.date.today()
