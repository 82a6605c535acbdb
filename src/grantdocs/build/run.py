"""The build: plan the documents, resolve the profiles or team members, run one task per
document (here or in workers, ``pool.py``), then PDFs, page counts and ``--fit`` (``pages.py``).

One document is a task (``tasks.py``); its checks are in ``checks.py``; the report types in
``grantdocs.report``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from grantdocs.atomic import protecting, remove_stale
from grantdocs.build.checks import refuse_placeholders
from grantdocs.build.options import BuildOptions
from grantdocs.build.pages import count_composed_pages, count_pages
from grantdocs.build.pool import run_in_order
from grantdocs.build.tasks import PersonTask, Task, TeamTask, run_task
from grantdocs.errors import FormatError, GrantdocsError, OutputError
from grantdocs.formats.registry import Format, default_search_path, load_format
from grantdocs.l10n.language import Language
from grantdocs.notices import MEMBER_FAILED, Notice
from grantdocs.paths import display_path
from grantdocs.prepare import Choices, localiser
from grantdocs.profile.load import LoadedProfile, load_profile, outside_files
from grantdocs.profile.locate import is_bundled, locate_profile, profile_folders
from grantdocs.profile.records import today
from grantdocs.report import BuildResult, DocumentReport, MemberSummary
from grantdocs.resources import example_team, project_root
from grantdocs.select.choices import check_choices
from grantdocs.select.choices_file import saved_as_of
from grantdocs.team.names import file_safe, same_person_check, unique_names
from grantdocs.usercache import trusted_folder

if TYPE_CHECKING:  # annotations only: a person's build does not load the team pipeline
    from grantdocs.team.load import LoadedTeam
    from grantdocs.team.model import Role
    from grantdocs.team.prepare import TeamMember


def _name_outside_files(loaded: list[LoadedProfile]) -> None:
    """Name on stderr every file a member's profile read from outside its folder."""
    for one in loaded:
        for path in outside_files(one):
            print(
                f"note: {display_path(one.path)} read {path}, outside its folder (--trust-members)",
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


def build(
    options: BuildOptions,
    on_document: Callable[[DocumentReport], None] | None = None,
) -> list[DocumentReport]:
    """Build every requested document for every profile. Each file is written atomically.

    With ``options.workers`` above 1 and enough documents, documents are rendered in
    forked worker processes; reports come back in the same order either way.
    """
    return build_all(options, on_document).reports


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
    The format folders are protected from writes for this build (``atomic.protecting``).
    """
    check_output_folder(options.out)
    with protecting(*(options.search or default_search_path()).folders):
        return _build_all(options, on_document, on_plan)


def _build_all(
    options: BuildOptions,
    on_document: Callable[[DocumentReport], None] | None,
    on_plan: Callable[[int], None] | None,
) -> BuildResult:
    """``build_all`` once its format folders are protected."""
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
        # lazy: a person's build does not load the team pipeline
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
    run = partial(run_task, as_of=as_of, options=options, isolate=several)
    for report in run_in_order(
        run,
        tasks,
        options.workers,
        before_fork=trusted_folder,
        weight=lambda t: t.weight(),
        group=lambda t: t.fmt.spec.kind,  # an Excel library loaded in one worker, if it can
    ):
        if failed and report.scope == "team":
            report.warnings += [
                Notice(MEMBER_FAILED, f"built without {display_path(m.profile)}: it failed")
                for m in failed
            ]
        result.reports.append(report)
        if on_document:
            on_document(report)
    if options.pdf or options.fit:
        from grantdocs.render.office import session  # lazy: only a build with --pdf needs it

        # one LibreOffice profile for the build; with --fit, one running LibreOffice
        with session(keep_warm=options.fit):
            _pages(result, tasks, as_of, options)
    result.reports.sort(key=lambda r: r.scope == "team")  # person documents first, as planned
    return result


def _saved_as_of(refs: list[_Ref]) -> dt.date | None:
    """The as-of date in ``choices.yaml`` beside a single profile (``choices_file``)."""
    return saved_as_of(refs[0].path) if len(refs) == 1 else None


def _pages(result: BuildResult, tasks: list[Task], as_of: dt.date, options: BuildOptions) -> None:
    """PDFs and page counts (``pages.py``; a composed document with a bookmark per part),
    and ``--fit`` for each document with its own choices."""
    done = [r for r in result.reports if r.error is None]
    count_pages([r for r in done if not r.parts])
    count_composed_pages([r for r in done if r.parts])
    if not options.fit:
        return
    for index, task in enumerate(tasks):
        report = result.reports[index]
        if report.error is None:
            result.reports[index] = task.fit(report, as_of, options)


def _check_member_choices(ref: _Ref, specs: list[Any], loaded: LoadedProfile) -> None:
    """A member's pins and excludes of the team file name entries of their profile."""
    try:
        check_choices(specs, [loaded.profile], ref.pins, ref.exclude)
    except GrantdocsError as exc:
        raise type(exc)(
            f"{ref.where}: the member's pin/exclude: {exc.message}", exc.problems
        ) from None


class _Ref(Struct, frozen=True):
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
    if options.team is not None:
        # lazy: a person's build does not load the team pipeline
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
    people = [(ref.path, one.profile.person) for ref, one in loaded]
    same_person_check(people)
    return list(unique_names(people, reserved))


def _example_team(
    options: BuildOptions, as_of: dt.date
) -> tuple[LoadedTeam | None, list[TeamMember]]:
    """The bundled example team, when team formats are named in a build of the bundled
    profile (no profile named, none in the working folder)."""
    # lazy: a person's build does not load the team pipeline
    from grantdocs.team.load import load_team
    from grantdocs.team.prepare import load_members

    if options.profiles or not is_bundled(locate_profile(None)) or not example_team().is_file():
        return None, []
    team = load_team(example_team())
    return team, load_members(team, Choices(options.pin, options.exclude))
