"""The pipeline: load -> select -> localise -> render -> write, and a report of it all."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grantdocs.atomic import protect, remove_stale, write_bytes
from grantdocs.errors import FormatError, GrantdocsError, OutputError, Problem, ProfileError
from grantdocs.formats.registry import (
    Format,
    FormatSearchPath,
    default_search_path,
    load_format,
)
from grantdocs.gcpause import gc_paused
from grantdocs.notices import (
    EMPTY_SECTION,
    FALLBACK,
    MEMBER_FAILED,
    NO_DOI,
    NOT_AN_AUTHOR,
    NOT_SHOWN,
    PLACEHOLDER,
    Notice,
)
from grantdocs.paths import display_path
from grantdocs.prepare import Choices, Language, localiser, prepare, select_slots
from grantdocs.profile.load import LoadedProfile, load_profile
from grantdocs.profile.placeholders import Placeholder, placeholders
from grantdocs.profile.yamlpos import format_path
from grantdocs.render.renderer import render
from grantdocs.resources import project_root
from grantdocs.select.choices import check_choices
from grantdocs.select.engine import Selection
from grantdocs.team.names import file_safe

if TYPE_CHECKING:  # a person's build imports no team module but the names
    from grantdocs.team.load import LoadedTeam
    from grantdocs.team.model import Role
    from grantdocs.team.prepare import TeamMember
    from grantdocs.team.render import Part

"""A team document was built without a member whose profile failed."""
MIN_PARALLEL = 4
"""Fewer documents than this are rendered in this process: a worker costs more than it saves."""


@dataclass(frozen=True)
class Chosen:
    """An entry a slot kept: its id (or short description) and, with ``details``, why."""

    id: str
    reason: str = ""


@dataclass
class SlotReport:
    slot: str
    label: str
    count: int
    eligible: int
    limit: int | None
    chosen: list[Chosen] = field(default_factory=list)


@dataclass
class DocumentReport:
    """What one document got, and every warning about it."""

    format_id: str
    lang: str
    path: Path
    profile: str
    profile_path: Path
    person: str
    slots: list[SlotReport] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    pages: int | None = None
    page_limit: int | None = None
    ignore: tuple[str, ...] = ()
    """Warning codes the profile silences (``report: {ignore: [...]}``)."""
    dropped_to_fit: list[tuple[str, str]] = field(default_factory=list)
    """``(slot, id)`` of every entry ``--fit`` left out, in the order dropped."""
    scope: str = "person"
    """``person``, or ``team`` for a team document."""
    member: str = ""
    """The member's output name in a multi-profile build ("" otherwise, and for team
    documents)."""
    error: str | None = None
    """Why the document could not be built (a multi-profile build goes on without it)."""
    parts: list[Part] = field(default_factory=list)
    """A composed document's parts (the CV annex), for a PDF with a bookmark per part."""


@dataclass
class MemberSummary:
    """One person of a multi-profile build: their output name, and why they failed, if so."""

    name: str
    profile: Path
    person: str
    role: str = ""
    error: str | None = None


@dataclass
class BuildResult:
    """Every document built, every member, and what was left out and why."""

    reports: list[DocumentReport] = field(default_factory=list)
    members: list[MemberSummary] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[tuple[str, str]]:
        """(who or what, why) for every member or document that could not be built."""
        failures = [
            (
                f"{m.person} ({display_path(m.profile)})" if m.person else display_path(m.profile),
                m.error or "",
            )
            for m in self.members
            if m.error
        ]
        failures += [
            (f"{r.member or 'team'}: {r.format_id} ({r.lang})", r.error or "")
            for r in self.reports
            if r.error
        ]
        return failures


@dataclass
class BuildOptions:
    formats: Sequence[str] = ()
    langs: Sequence[str] = ()
    as_of: dt.date | None = None
    profiles: Sequence[Path] = ()
    out: Path = Path("output")
    pin: Sequence[tuple[str, str]] = ()
    exclude: Sequence[str] = ()
    workers: int = 1
    """Processes to render in; 1 renders in this process."""
    allow_examples: bool = False
    """Build even when placeholders of ``grantdocs init`` would reach a document."""
    search: FormatSearchPath | None = None
    """Where format ids are looked up (default: ``GRANTDOCS_FORMATS``, then the bundled)."""
    pdf: bool = False
    """Also convert to PDF with LibreOffice and count pages (``pages.py``)."""
    fit: bool = False
    """Shrink documents over their page limit by their format's ``fit`` rule (implies pdf)."""
    details: bool = False
    """Record why each slot kept each entry (for ``--json``)."""
    team: Path | None = None
    """A team file (or folder): its members instead of ``profiles``, and team documents."""
    trust_members: bool = False
    """A team member's profile may include files outside its folder (each one is named)."""


def output_path(
    out: Path, fmt: Format, lang: Language, loaded: LoadedProfile, name: str | None = None
) -> Path:
    """Where a person's document goes; ``name`` (a multi-profile build's distinct name for
    the person) replaces the family name in the file name."""
    family = name or file_safe(loaded.profile.person.family_name)
    stem = fmt.spec.output.format(family_name=family, lang=lang.folder)
    return out / fmt.id / lang.folder / f"{stem}.{fmt.spec.kind}"


def team_output_path(out: Path, fmt: Format, lang: Language, team: LoadedTeam) -> Path:
    """Where a team document goes: ``out/<format>/<lang>/``, named with the acronym."""
    stem = fmt.spec.output.format(acronym=file_safe(team.team.acronym), lang=lang.folder)
    return out / fmt.id / lang.folder / f"{stem}.{fmt.spec.kind}"


def _name_outside_files(loaded: list[LoadedProfile]) -> None:
    """Name on stderr every file a member's profile read from outside its folder."""
    import sys

    from grantdocs.profile.load import outside_files

    for one in loaded:
        for path in outside_files(one):
            print(
                f"note: {display_path(one.path)} read {path}, outside its folder "
                "(--trust-members)",
                file=sys.stderr,
            )


def check_output_folder(out: Path) -> None:
    """Refuse to write into the bundled templates or profiles."""
    root = project_root().resolve()
    target = out.resolve()
    for protected in (root / "templates", root / "profiles"):
        if target == protected or protected in target.parents:
            raise OutputError(
                f"refusing to write into {display_path(protected)}; choose another --out"
            )


def plan(options: BuildOptions) -> tuple[list[tuple[Format, Language]], list[str]]:
    """Which formats and languages to build, and what was asked for that a format does not
    offer (a language it lacks): those are left out with a note, unless nothing else is
    left, which is an error before anything is written.

    Team formats are built by default only in a team build (``options.team``); named, they
    are built for the team, or for the bundled example team (see ``build_all``)."""
    explicit = bool(options.formats)
    search = options.search or default_search_path()
    formats = [search.load(name) for name in (options.formats or search.ids())]
    if not explicit and options.team is None:
        formats = [fmt for fmt in formats if fmt.spec.scope == "person"]
    jobs = []
    for fmt in formats:
        if options.langs:
            langs = [Language.parse(text) for text in options.langs]
            if not explicit:
                langs = [
                    lang
                    for lang in langs
                    if all(c in fmt.spec.languages for c in filter(None, (lang.code, lang.second)))
                    and (lang.second is None or fmt.spec.bilingual)
                ]
        else:
            langs = [Language(code) for code in fmt.spec.languages]
        jobs += [(fmt, lang) for lang in langs]
    if not explicit:
        return jobs, []
    offered: list[tuple[Format, Language]] = []
    lacking: list[tuple[FormatError, str]] = []
    for fmt, lang in jobs:  # a language a format lacks: said before anything is written
        try:
            localiser(fmt, lang)
        except FormatError as exc:
            languages = ", ".join(fmt.spec.languages)
            lacking.append((exc, f"{fmt.id}: not offered in {lang} (it offers {languages})"))
            continue
        offered.append((fmt, lang))
    if lacking and not offered:
        raise lacking[0][0]
    return offered, [note for _, note in lacking]


def build_one(
    fmt: Format,
    lang: Language,
    loaded: LoadedProfile,
    as_of: dt.date,
    out: Path,
    options: BuildOptions,
    limits: Sequence[tuple[str, int]] = (),
    name: str | None = None,
    choices: Choices | None = None,
) -> DocumentReport:
    """Prepare, render and write one document atomically; return its report.

    ``limits`` lower slot limits (what ``--fit`` tries); ``name`` is the person's output name
    in a multi-profile build, ``choices`` a team member's own pins and excludes."""
    report, data = document(fmt, lang, loaded, as_of, out, options, limits, name, choices)
    write_bytes(report.path, data)
    return report


def document(
    fmt: Format,
    lang: Language,
    loaded: LoadedProfile,
    as_of: dt.date,
    out: Path,
    options: BuildOptions,
    limits: Sequence[tuple[str, int]] = (),
    name: str | None = None,
    choices: Choices | None = None,
) -> tuple[DocumentReport, bytes]:
    """``build_one`` without the write: the report (with the path it would be written to)
    and the document's bytes."""
    elsewhere = frozenset(slot for slot, _ in options.pin)  # build_all() checked them
    base = choices or Choices(options.pin, options.exclude, elsewhere)
    chosen = dataclasses.replace(base, limits=tuple(limits)) if limits else base
    prepared = prepare(fmt, lang, loaded, as_of, chosen)
    path = output_path(out, fmt, lang, loaded, name)
    person = loaded.profile.person
    report = DocumentReport(
        fmt.id,
        str(lang),
        path,
        display_path(loaded.path),
        loaded.path,
        f"{person.given_names} {person.family_name}",
        page_limit=fmt.spec.page_limit,
        ignore=tuple(loaded.profile.report.ignore),
        member=name or "",
    )
    empty: list[Notice] = []
    for name, sel in prepared.selections.items():
        label = prepared.context["slots"][name]["label"] or name
        report.slots.append(
            SlotReport(
                name,
                label,
                len(sel.kept),
                sel.eligible,
                sel.rule.limit,
                _chosen(sel, options.details),
            )
        )
        report.warnings += _no_doi(loaded, name, sel)
        report.warnings += _not_an_author(loaded, name, sel)
        if not sel.kept:
            empty.append(_empty(fmt.id, name, label, sel))
    report.warnings += empty + _unshown(fmt.id, loaded, prepared.selections)
    report.warnings += [
        Notice(PLACEHOLDER, f"example text of 'grantdocs init' left: {p}", str(p.where), str(p))
        for p in placeholders_in(prepared.loaded, prepared.selections)
    ]
    rendered = render(prepared)
    report.warnings += [
        Notice(
            FALLBACK,
            f"fell back to another language for {path_text}",
            where=str(loaded.where(*_parse_path(path_text))),
            subject=path_text,
        )
        for path_text in prepared.fallbacks
    ]
    report.warnings += rendered.notices
    return report, rendered.data


def _chosen(sel: Selection, details: bool) -> list[Chosen]:
    """The kept entries in order; with ``details``, each with the reason it was kept."""
    from grantdocs.select.explain import describe

    if not details:
        return [Chosen(getattr(e, "id", None) or describe(e)) for e in sel.kept]
    kept = sorted((d for d in sel.decisions if d.kept), key=lambda d: d.rank or 0)
    return [Chosen(getattr(d.entry, "id", None) or describe(d.entry), d.reason) for d in kept]


def _parse_path(text: str) -> tuple[str | int, ...]:
    """``projects[3].title`` -> ``("projects", 3, "title")`` (``format_path`` reversed)."""
    return tuple(
        int(index) if index else name for index, name in re.findall(r"\[(\d+)\]|([^.\[\]]+)", text)
    )


def placeholders_in(loaded: LoadedProfile, selections: dict[str, Selection]) -> list[Placeholder]:
    """Placeholders that reach a document: in the person and other single values, and in
    the entries its slots selected."""
    found = placeholders(loaded)
    if not found:
        return []
    chosen = {loaded.path_of(entry) for sel in selections.values() for entry in sel.kept}
    return [p for p in found if not p.entry or p.entry in chosen]


def refuse_placeholders(
    loaded: LoadedProfile, jobs: list[tuple[Format, Language]], as_of: dt.date, choices: Choices
) -> None:
    """Raise ``ProfileError`` when example texts of ``grantdocs init`` would reach a document."""
    if not placeholders(loaded):
        return
    reaching: dict[Placeholder, list[str]] = {}
    for fmt in {fmt.id: fmt for fmt, _lang in jobs}.values():
        for p in placeholders_in(loaded, select_slots(fmt, loaded, as_of, choices)):
            reaching.setdefault(p, []).append(fmt.id)
    if not reaching:
        return
    problems = [
        Problem(
            p.where,
            f"example text {p.value[:60]!r} would appear in " + ", ".join(formats),
            format_path(p.path),
        )
        for p, formats in reaching.items()
    ]
    raise ProfileError(
        f"{display_path(loaded.path)}: {len(problems)} example value(s) of 'grantdocs init' "
        "would reach the documents; replace or delete them ('grantdocs validate' lists every "
        "one), or build anyway with --allow-examples",
        problems,
    )


def _not_an_author(loaded: LoadedProfile, slot: str, sel: Selection) -> list[Notice]:
    """One notice per listed publication whose authors (editors, for an edited book) none
    match the owner's names: another person's work, or a name form the profile lacks."""
    if sel.rule.section != "publications":
        return []
    from grantdocs.profile.names import is_et_al, is_owner, owner_names

    person = loaded.profile.person
    owners = owner_names(person)
    notices = []
    for pub in sel.kept:
        names = [*pub.authors, *pub.editors]
        if any(is_owner(a, owners) for a in names) or any(is_et_al(a) for a in names):
            continue  # "et al." may hide the owner
        notices.append(
            Notice(
                NOT_AN_AUTHOR,
                f"{slot}: {pub.id} names no author matching {person.given_names} "
                f"{person.family_name} ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''}"
                "); add the form it prints you under to person.name_variants, or exclude it",
                where=str(loaded.where_is(pub)),
                subject=pub.id,
            )
        )
    return notices


def _empty(format_id: str, slot: str, label: str, sel: Selection) -> Notice:
    """The notice for a slot that keeps no entry: left out, or printed as 'None'."""
    done = (
        "printed with 'None' under its heading (the form requires it)"
        if sel.rule.empty == "none"
        else "left out"
    )
    return Notice(
        EMPTY_SECTION,
        f"{format_id}: {label} has no entries ({sel.total} in {sel.rule.section}): {done}",
        subject=f"{format_id}:{slot}",
    )


def _unshown(
    format_id: str, loaded: LoadedProfile, selections: dict[str, Selection]
) -> list[Notice]:
    """One notice per profile entry that no slot of the document shows by the format's rules
    (``grantdocs.select.unshown``)."""
    from grantdocs.select.explain import describe
    from grantdocs.select.unshown import unshown

    notices = []
    for item in unshown(selections):
        slot, why = item.reasons[0]
        where = loaded.where_is(item.entry)
        notices.append(
            Notice(
                NOT_SHOWN,
                f"{item.section} {describe(item.entry)[:60]!r} is in no section of "
                f"{format_id} ({slot}: {why})",
                where=str(where),
                subject=str(where),
            )
        )
    return notices


def _no_doi(loaded: LoadedProfile, slot: str, sel: Selection) -> list[Notice]:
    """One notice per listed publication without a DOI."""
    if sel.rule.section != "publications":
        return []
    notices = []
    for pub in sel.kept:
        if not pub.doi:
            where = loaded.where_is(pub)
            notices.append(
                Notice(
                    NO_DOI,
                    f"{slot}: {pub.id} has no DOI; a URL is shown where the profile has one",
                    where=str(where),
                    subject=pub.id,
                )
            )
    return notices


def build_team_one(
    fmt: Format,
    lang: Language,
    team: LoadedTeam,
    members: tuple[TeamMember, ...],
    as_of: dt.date,
    out: Path,
) -> DocumentReport:
    """Prepare, render and write one team document atomically; return its report."""
    from grantdocs.team.prepare import prepare_team
    from grantdocs.team.render import render_team

    prepared = prepare_team(fmt, lang, team, members, as_of)
    path = team_output_path(out, fmt, lang, team)
    report = DocumentReport(
        fmt.id,
        str(lang),
        path,
        team.display,
        team.path or team.base,
        f"{team.display} ({team.team.acronym}, {len(members)} members)",
        page_limit=fmt.spec.page_limit,
        scope="team",
    )
    report.slots += [
        SlotReport(c.name, c.label, c.count, c.eligible, c.limit) for c in prepared.counts
    ]
    rendered = render_team(prepared)
    report.warnings += prepared.notices + rendered.rendered.notices
    report.parts = rendered.parts
    write_bytes(path, rendered.rendered.data)
    return report


def build(
    options: BuildOptions,
    on_document: Callable[[DocumentReport], None] | None = None,
) -> list[DocumentReport]:
    """Build every requested document for every profile. Each file is written atomically.

    With ``options.workers`` above 1 and enough documents, documents are rendered in
    forked worker processes; reports come back in the same order either way.
    """
    return build_all(options, on_document).reports


@dataclass(frozen=True)
class PersonTask:
    """One person's document."""

    fmt: Format
    lang: Language
    loaded: LoadedProfile
    out: Path
    name: str | None
    choices: Choices


@dataclass(frozen=True)
class TeamTask:
    """One team document."""

    fmt: Format
    lang: Language
    team: LoadedTeam
    members: tuple[TeamMember, ...]
    out: Path


Task = PersonTask | TeamTask


def build_all(
    options: BuildOptions,
    on_document: Callable[[DocumentReport], None] | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> BuildResult:
    """``build``, with every member and what was skipped. ``on_plan`` gets the number of
    documents before the first is built.

    In a multi-profile (or team) build a member whose profile does not load, or a document
    that fails, is reported in the result and the others are built; a single profile's
    errors are raised as before. Output names are decided before anything is written.
    """
    from grantdocs.profile.model import today

    check_output_folder(options.out)
    protect(*(options.search or default_search_path()).folders)
    remove_stale(options.out)
    team, refs = _members(options)
    several = team is not None or len(refs) > 1
    as_of = options.as_of or (team.team.as_of if team else None) or _saved_as_of(refs) or today()
    result = BuildResult()
    jobs, result.skipped = plan(options)
    person_jobs = [(f, lang) for f, lang in jobs if f.spec.scope == "person"]
    team_jobs = [(f, lang) for f, lang in jobs if f.spec.scope == "team"]
    loaded: list[tuple[_Ref, LoadedProfile]] = []
    confined = options.team is not None and not options.trust_members
    for ref in refs:
        if not several:
            loaded.append((ref, load_profile(ref.path)))
            continue
        try:
            loaded.append((ref, load_profile(ref.path, confined=confined)))
        except GrantdocsError as exc:
            result.members.append(MemberSummary("", ref.path, "", ref.role or "", exc.render()))
    if options.team is not None:
        _name_outside_files([one for _, one in loaded])
    formats = {fmt.source: fmt for fmt, _ in person_jobs}.values()
    specs = [(fmt.spec, fmt.positions, display_path(fmt.source)) for fmt in formats]
    check_choices(  # a typo in a pin or exclude stops the build before it writes
        specs, [one.profile for _, one in loaded], options.pin, options.exclude
    )
    names = _names(loaded, {f.id for f, _ in jobs}) if several else [None] * len(loaded)
    annexed = [  # the member CVs a CV annex holds carry no example texts either
        (load_format(f.spec.team.member_format), lang)
        for f, lang in team_jobs
        if f.spec.team is not None and f.spec.team.member_format is not None
    ]
    tasks: list[Task] = []
    members = []
    for (ref, one), name in zip(loaded, names, strict=True):
        person = one.profile.person
        pins = (*options.pin, *ref.pins)
        choices = Choices(pins, (*options.exclude, *ref.exclude), frozenset(s for s, _ in pins))
        try:
            if ref.pins or ref.exclude:
                _check_member_choices(ref, specs, one)
            if not options.allow_examples:
                refuse_placeholders(one, person_jobs + annexed, as_of, choices)
        except GrantdocsError as exc:
            if not several:
                raise
            result.members.append(
                MemberSummary(name or "", ref.path, "", ref.role or "", exc.render())
            )
            continue
        if several:
            assert name is not None
            result.members.append(
                MemberSummary(
                    name, ref.path, f"{person.given_names} {person.family_name}", ref.role or ""
                )
            )
        out = options.out / name if name else options.out
        tasks += [PersonTask(f, lang, one, out, name, choices) for f, lang in person_jobs]
        if not team_jobs:
            continue
        from grantdocs.team.prepare import TeamMember

        members.append(
            TeamMember(
                name or file_safe(person.family_name),
                one,
                ref.role or "key_person",
                ref.participant,
                choices,
            )
        )
    if team_jobs and team is None:
        team, members = _example_team(options, as_of)
        if team is None:
            result.skipped += [
                f"{f.id}: a team document; give --team team.yaml" for f, _ in team_jobs
            ]
    if team is not None and members:
        # team documents first: the CV annex is the longest task, and a long task started
        # last keeps one worker busy after the others are done
        tasks[:0] = [TeamTask(f, lang, team, tuple(members), options.out) for f, lang in team_jobs]
    result.members.sort(key=lambda m: [r.path for r in refs].index(m.profile))
    failed = [m for m in result.members if m.error]
    if on_plan:
        on_plan(len(tasks))
    run = partial(_build_task, as_of=as_of, options=options, isolate=several)
    for report in _map(run, tasks, options.workers):
        if failed and report.scope == "team":
            report.warnings += [
                Notice(MEMBER_FAILED, f"built without {display_path(m.profile)}: it failed")
                for m in failed
            ]
        result.reports.append(report)
        if on_document:
            on_document(report)
    if options.pdf or options.fit:
        from grantdocs.render.office import session

        # one LibreOffice profile for the build; with --fit, one running LibreOffice
        with session(keep_warm=options.fit):
            _pages(result, tasks, as_of, options)
    result.reports.sort(key=lambda r: r.scope == "team")  # person documents first, as planned
    return result


def _saved_as_of(refs: list[_Ref]) -> dt.date | None:
    """The as-of date in ``choices.yaml`` beside a single profile (``choices_file``)."""
    from grantdocs.select.choices_file import saved_as_of

    return saved_as_of(refs[0].path) if len(refs) == 1 else None


def _pages(result: BuildResult, tasks: list[Task], as_of: dt.date, options: BuildOptions) -> None:
    """PDFs and page counts (``pages.py``; a composed document with a bookmark per part),
    and ``--fit`` for each person's document with that person's choices."""
    from grantdocs.build.pages import count_pages, fit
    from grantdocs.team.pdf import count_composed_pages

    done = [r for r in result.reports if r.error is None]
    count_pages([r for r in done if not r.parts])
    count_composed_pages([r for r in done if r.parts])
    if not options.fit:
        return
    for index, task in enumerate(tasks):
        report = result.reports[index]
        if isinstance(task, PersonTask) and report.error is None:
            mine = dataclasses.replace(options, pin=task.choices.pin, exclude=task.choices.exclude)
            result.reports[index] = fit(
                report, task.fmt, task.lang, task.loaded, as_of, task.out, mine
            )


def _check_member_choices(ref: _Ref, specs: list[Any], loaded: LoadedProfile) -> None:
    """A member's pins and excludes of the team file name entries of their profile."""
    try:
        check_choices(specs, [loaded.profile], ref.pins, ref.exclude)
    except GrantdocsError as exc:
        raise type(exc)(
            f"{ref.where}: the member's pin/exclude: {exc.message}", exc.problems
        ) from None


@dataclass(frozen=True)
class _Ref:
    """A profile to build: where it is, and (in a team) the member's role and choices."""

    path: Path
    role: Role | None = None
    participant: str | None = None
    pins: tuple[tuple[str, str], ...] = ()
    exclude: tuple[str, ...] = ()
    where: str = ""
    """The member's place in the team file."""


def _members(options: BuildOptions) -> tuple[LoadedTeam | None, list[_Ref]]:
    """The team (if any) and the profiles to build, in order."""
    from grantdocs.profile.locate import locate_profile, profile_folders

    if options.team is not None:
        from grantdocs.team.load import load_team

        team = load_team(options.team)
        return team, [
            _Ref(
                m.profile,
                m.member.role,
                m.member.participant,
                m.pins,
                tuple(m.member.exclude),
                str(m.where),
            )
            for m in team.members
        ]
    paths = []
    for given in options.profiles:
        paths += profile_folders(given) or [locate_profile(given)]
    return None, [_Ref(p) for p in paths or [locate_profile(None)]]


def _names(loaded: list[tuple[_Ref, LoadedProfile]], reserved: set[str]) -> list[str | None]:
    """Distinct output names, once the same person given twice has been refused."""
    from grantdocs.team.names import same_person_check, unique_names

    people = [(ref.path, one.profile.person) for ref, one in loaded]
    same_person_check(people)
    return list(unique_names(people, reserved))


def _example_team(
    options: BuildOptions, as_of: dt.date
) -> tuple[LoadedTeam | None, list[TeamMember]]:
    """The bundled example team, when team formats are named in a build of the bundled
    profile (no profile named, none in the working folder)."""
    from grantdocs.profile.locate import is_bundled, locate_profile
    from grantdocs.resources import example_team
    from grantdocs.team.load import load_team
    from grantdocs.team.prepare import load_members

    if options.profiles or not is_bundled(locate_profile(None)) or not example_team().is_file():
        return None, []
    team = load_team(example_team())
    return team, load_members(team, Choices(options.pin, options.exclude))


def _build_task(
    task: Task, *, as_of: dt.date, options: BuildOptions, isolate: bool = False
) -> DocumentReport:
    """``build_one`` with the cyclic garbage collector paused (``gcpause``).

    A document's selections, context and rendering allocate objects by the hundred
    thousand, which the collector would walk again and again; what they leave in
    reference cycles is collected when the document is done and the collector resumes.
    With ``isolate``, a user error becomes the report's ``error`` instead of stopping
    the build.
    """
    try:
        with gc_paused():
            if isinstance(task, TeamTask):
                return build_team_one(task.fmt, task.lang, task.team, task.members, as_of, task.out)
            return build_one(
                task.fmt,
                task.lang,
                task.loaded,
                as_of,
                task.out,
                options,
                name=task.name,
                choices=task.choices,
            )
    except GrantdocsError as exc:
        if not isolate:
            raise
        if isinstance(task, TeamTask):
            where, path, who, member = task.team.display, task.team.path, task.team.team.acronym, ""
        else:
            person = task.loaded.profile.person
            where, path = display_path(task.loaded.path), task.loaded.path
            who, member = f"{person.given_names} {person.family_name}", task.name or ""
        return DocumentReport(
            task.fmt.id,
            str(task.lang),
            task.out,
            where,
            path or task.out,
            who,
            member=member,
            error=exc.render(),
        )


_TASKS: list[Task] = []
_RUN: Callable[[Task], DocumentReport] | None = None


def _run_inherited(index: int) -> DocumentReport:
    """In a forked worker: the parent's task ``index`` (tasks are inherited, not pickled)."""
    assert _RUN is not None
    return _RUN(_TASKS[index])


def _end_with_parent(parent: int) -> None:
    """Worker initializer: end this worker once the build that forked it is gone (killed).

    Workers hold each other's ends of the task queue, so they would wait forever.
    """
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="grantdocs-parent-watch", daemon=True).start()


def _map(
    run: Callable[[Task], DocumentReport], tasks: list[Task], workers: int
) -> Iterator[DocumentReport]:
    """``map(run, tasks)``, in forked processes when that is worth it and possible."""
    import multiprocessing
    import os

    workers = min(workers, os.cpu_count() or 1, len(tasks))
    if (
        workers < 2
        or len(tasks) < MIN_PARALLEL
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield from map(run, tasks)
        return
    from concurrent.futures import ProcessPoolExecutor

    from grantdocs.render.compiled import trusted_folder

    trusted_folder()  # checked (and warned about) once, before the workers are forked
    global _RUN
    _TASKS[:] = tasks
    _RUN = run
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_end_with_parent, initargs=(os.getpid(),)
        ) as pool:
            yield from pool.map(_run_inherited, range(len(tasks)))
    finally:
        _TASKS.clear()
        _RUN = None
