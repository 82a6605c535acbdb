"""The public Python API: load a profile, list formats, build documents, render one document
to bytes, explain a selection. ``grantdocs.__init__`` re-exports these names.

Every function takes paths as ``str`` or ``os.PathLike``, prints nothing, and raises a
``GrantdocsError`` (with the same ``Problem`` list the command line prints) for a mistake in
the user's input; ``OutputError`` for an output that cannot be written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from grantdocs.errors import FormatError, GrantdocsError
from grantdocs.notices import Notice

if TYPE_CHECKING:
    from grantdocs.build import DocumentReport
    from grantdocs.formats.registry import FormatSearchPath
    from grantdocs.profile.load import LoadedProfile
    from grantdocs.profile.records import Profile

StrPath = str | os.PathLike[str]
"""A path given as text or as a path object."""


@dataclass(frozen=True)
class FormatInfo:
    """One format on the search path (what ``grantdocs formats`` lists)."""

    id: str
    title: str
    """The English title (``{en: ...}`` of ``format.yaml``), else the first one given."""
    kind: Literal["docx", "xlsx"]
    scope: Literal["person", "team"]
    languages: tuple[str, ...]
    bilingual: bool
    """True when the format also builds one two-language document (``"de+en"``)."""
    page_limit: int | None
    """None: no page limit."""
    origin: str
    """``"bundled"``, or the folder of your own formats it was found in."""


@dataclass(frozen=True)
class BuiltDocument:
    """One document ``build_documents`` wrote."""

    format: str
    lang: str
    """``"de"``, ``"en"`` or two joined by ``+`` for a bilingual document."""
    path: Path
    person: str
    """The owner's full name; ``""`` for a team document."""
    scope: Literal["person", "team"]
    warnings: tuple[Notice, ...]
    pages: int | None
    """The page count (with ``pdf=True``); None otherwise."""
    page_limit: int | None

    @property
    def over_limit(self) -> bool:
        """True when the PDF has more pages than the format allows."""
        return bool(self.pages and self.page_limit and self.pages > self.page_limit)


@dataclass(frozen=True)
class Failure:
    """A member or team document of a multi-profile build that could not be built."""

    who: str
    why: str


@dataclass(frozen=True)
class BuildReport:
    """What ``build_documents`` wrote, and what failed or was skipped (a multi-profile
    build goes on past a failing member)."""

    documents: tuple[BuiltDocument, ...]
    failed: tuple[Failure, ...] = ()
    skipped: tuple[str, ...] = ()
    """Documents not built, and why (a team format without a team)."""

    @property
    def ok(self) -> bool:
        """True when nothing failed and no document is over its page limit."""
        return not self.failed and not any(d.over_limit for d in self.documents)


@dataclass(frozen=True)
class RenderedDocument:
    """One document in memory."""

    data: bytes
    """The file's bytes: a Word document or Excel workbook (see ``kind``)."""
    kind: Literal["docx", "xlsx"]
    filename: str
    """The name ``build_documents`` would give it (without its folders)."""
    warnings: tuple[Notice, ...]


@dataclass(frozen=True)
class Decision:
    """One entry a slot kept or left out, and why."""

    id: str | None
    entry: str
    """A short description of the entry (its title, name or role)."""
    when: str
    reason: str


@dataclass(frozen=True)
class SlotExplanation:
    """What one slot of a format chose: kept entries in order, then the others."""

    name: str
    section: str
    limit: int | None
    eligible: int
    kept: tuple[Decision, ...]
    dropped: tuple[Decision, ...]


@dataclass(frozen=True)
class Explanation:
    """A format's selection for a profile, slot by slot (``grantdocs explain``)."""

    format: str
    as_of: dt.date
    slots: tuple[SlotExplanation, ...]


def bundled_profile() -> Path:
    """The bundled profile's ``profile.yaml`` (inside the installation: read it or copy it;
    builds never write there)."""
    # lazy: resources loads only when this runs
    from grantdocs.resources import default_profile

    return default_profile()


def example_team() -> Path:
    """The bundled example team's ``team.yaml`` (the bundled profile and three invented
    colleagues), for ``build_documents(team=...)`` or ``grantdocs build --team``."""
    # lazy: resources loads only when this runs
    from grantdocs.resources import example_team as bundled_team

    return bundled_team()


def load_profile(path: StrPath | None = None) -> Profile:
    """Read and validate a profile: a ``profile.yaml`` (with its includes) or a folder holding
    one. None: ``./profile.yaml`` if there is one, else the bundled profile.

    Raises ``ProfileError`` listing every problem with its file, line and column."""
    return _load(path).profile


def list_formats(formats_dirs: Iterable[StrPath] = ()) -> list[FormatInfo]:
    """Every format: those in ``formats_dirs`` (then ``GRANTDOCS_FORMATS``) first, then the
    bundled ones, sorted by id. A format file that does not load raises ``FormatError``."""
    search = _search(formats_dirs)
    found = []
    for item in search.all():
        spec = search.load(item.id).spec
        title = spec.title if isinstance(spec.title, str) else _first_title(spec.title)
        found.append(
            FormatInfo(
                id=item.id,
                title=title,
                kind=spec.kind,
                scope=spec.scope,
                languages=tuple(spec.languages),
                bilingual=spec.bilingual,
                page_limit=spec.page_limit,
                origin=item.origin,
            )
        )
    return found


def build_documents(
    formats: Sequence[str] = (),
    *,
    profile: StrPath | Sequence[StrPath] | None = None,
    team: StrPath | None = None,
    out: StrPath = "output",
    langs: Sequence[str] = (),
    as_of: dt.date | None = None,
    pin: Iterable[tuple[str, str]] = (),
    exclude: Iterable[str] = (),
    allow_examples: bool = False,
    pdf: bool = False,
    fit: bool = False,
    formats_dirs: Iterable[StrPath] = (),
    jobs: int = 1,
) -> BuildReport:
    """Build documents into ``out`` as ``grantdocs build`` does, each file written atomically.

    ``formats``: format ids or format files (default: every person format; with ``team``,
    the team formats too). ``profile``: one or several profiles (default as in
    ``load_profile``); ``team``: a team file instead. ``langs``: ``"de"``, ``"en"``,
    ``"de+en"`` (default: every language of each format). ``pin``: ``(slot, id)`` pairs.
    ``pdf``/``fit`` need LibreOffice. ``jobs`` above 1 renders in forked processes.

    A single profile's mistake raises ``GrantdocsError``; in a multi-profile or team build a
    member that fails is listed in ``BuildReport.failed`` and the others are built."""
    # lazy: build loads only when this runs
    from grantdocs.build import BuildOptions, build_all

    if team is not None and profile is not None:
        raise GrantdocsError("give a profile or a team, not both")
    if jobs < 1:
        raise GrantdocsError(f"jobs must be at least 1, not {jobs}")
    for lang in langs:
        _check_language(lang)
    if pdf or fit:
        # lazy: render.pdf loads only when this runs
        from grantdocs.render.pdf import require_soffice

        require_soffice()
    profiles = [] if profile is None else _paths(profile)
    options = BuildOptions(
        formats=list(formats),
        langs=list(langs),
        as_of=as_of,
        profiles=profiles,
        team=None if team is None else Path(team),
        out=Path(out),
        pin=_pins(pin),
        exclude=list(exclude),
        workers=jobs,
        allow_examples=allow_examples,
        search=_search(formats_dirs),
        pdf=pdf or fit,
        fit=fit,
    )
    result = build_all(options)
    return BuildReport(
        documents=tuple(_built(r) for r in result.reports if r.error is None),
        failed=tuple(Failure(who, why) for who, why in result.failed),
        skipped=tuple(result.skipped),
    )


def render_document(
    format: str,
    lang: str | None = None,
    *,
    profile: StrPath | None = None,
    as_of: dt.date | None = None,
    pin: Iterable[tuple[str, str]] = (),
    exclude: Iterable[str] = (),
    allow_examples: bool = False,
    formats_dirs: Iterable[StrPath] = (),
) -> RenderedDocument:
    """One person format's document in memory; nothing is written. ``lang`` defaults to the
    format's first language (``"de+en"``: bilingual). The bytes are those
    ``build_documents`` writes."""
    # lazy: build, l10n.language, prepare, ... load only when this runs
    from grantdocs.build import BuildOptions, document, refuse_placeholders
    from grantdocs.l10n.language import Language
    from grantdocs.prepare import Choices, localiser
    from grantdocs.profile.records import today

    fmt = _search(formats_dirs).load(format)
    if fmt.spec.scope != "person":
        raise FormatError(
            f"{fmt.id} is a team format: build it with build_documents(team=...) into a folder"
        )
    language = Language.parse(lang) if lang is not None else Language(fmt.spec.languages[0])
    localiser(fmt, language)  # a language the format lacks is a FormatError
    loaded = _load(profile)
    day = as_of or today()
    choices = Choices(_pins(pin), list(exclude))
    if not allow_examples:
        refuse_placeholders(loaded, [(fmt, language)], day, choices)
    options = BuildOptions(allow_examples=allow_examples)
    report, data = document(fmt, language, loaded, day, Path(), options, choices=choices)
    return RenderedDocument(data, fmt.spec.kind, report.path.name, tuple(report.warnings))


def explain(
    format: str,
    *,
    profile: StrPath | None = None,
    as_of: dt.date | None = None,
    pin: Iterable[tuple[str, str]] = (),
    exclude: Iterable[str] = (),
    formats_dirs: Iterable[StrPath] = (),
) -> Explanation:
    """What each slot of a person format keeps for the profile and why, and what it leaves
    out and why (``grantdocs explain FORMAT --all``)."""
    # lazy: prepare, profile.model, select.explain load only when this runs
    from grantdocs.prepare import Choices, select_slots
    from grantdocs.profile.records import today
    from grantdocs.select.explain import explain_json

    fmt = _search(formats_dirs).load(format)
    if fmt.spec.scope != "person":
        raise FormatError(f"{fmt.id} is a team format: 'grantdocs explain' shows its choices")
    loaded = _load(profile)
    day = as_of or today()
    choices = Choices(_pins(pin), list(exclude))
    data = json.loads(explain_json(fmt.id, day, select_slots(fmt, loaded, day, choices)))
    return Explanation(
        format=data["format"],
        as_of=day,
        slots=tuple(
            SlotExplanation(
                name=name,
                section=slot["section"],
                limit=slot["limit"],
                eligible=slot["eligible"],
                kept=tuple(Decision(**d) for d in slot["kept"]),
                dropped=tuple(Decision(**d) for d in slot["dropped"]),
            )
            for name, slot in data["slots"].items()
        ),
    )


# --- helpers ---------------------------------------------------------------------------


def _load(path: StrPath | None) -> LoadedProfile:
    # lazy: profile.load, profile.locate load only when this runs
    from grantdocs.profile.load import load_profile as load
    from grantdocs.profile.locate import locate_profile

    return load(locate_profile(None if path is None else Path(path)))


def _paths(given: StrPath | Sequence[StrPath]) -> list[Path]:
    if isinstance(given, str | os.PathLike):
        return [Path(given)]
    return [Path(p) for p in given]


def _search(folders: Iterable[StrPath]) -> FormatSearchPath:
    # lazy: formats.registry loads only when this runs
    from grantdocs.formats.registry import FormatSearchPath

    return FormatSearchPath.from_options([Path(f) for f in folders])


def _pins(pins: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    pairs = []
    for item in pins:
        slot, entry = item
        if not slot.strip() or not entry.strip():
            raise GrantdocsError(f"pin {item!r}: give (slot, id), neither empty")
        pairs.append((slot.strip(), entry.strip()))
    return pairs


def _check_language(lang: str) -> None:
    # lazy: l10n.language loads only when this runs
    from grantdocs.l10n.language import Language

    Language.parse(lang)


def _first_title(titles: dict[str, str]) -> str:
    return titles.get("en") or next(iter(titles.values()), "")


def _built(report: DocumentReport) -> BuiltDocument:
    return BuiltDocument(
        format=report.format_id,
        lang=report.lang,
        path=report.path,
        person=report.person if report.scope == "person" else "",
        scope="team" if report.scope == "team" else "person",
        warnings=tuple(report.warnings),
        pages=report.pages,
        page_limit=report.page_limit,
    )
