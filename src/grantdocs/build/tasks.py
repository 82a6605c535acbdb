"""One document to build, person's or team's, as a task (``Task``): prepare, render, check
and write it atomically, report a failure, shrink it to its page limit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import msgspec
from msgspec import Struct

from grantdocs.atomic import write_bytes
from grantdocs.build.checks import (
    empty_section,
    no_doi,
    not_an_author,
    placeholder_notices,
    unshown_entries,
)
from grantdocs.build.options import BuildOptions
from grantdocs.build.pages import fit
from grantdocs.errors import GrantdocsError
from grantdocs.formats.registry import Format
from grantdocs.gcpause import gc_paused
from grantdocs.l10n.language import Language
from grantdocs.notices import Notice
from grantdocs.paths import display_path
from grantdocs.prepare import Choices, fallback_notices, prepare
from grantdocs.profile.load import LoadedProfile
from grantdocs.render.renderer import render
from grantdocs.report import Chosen, DocumentReport, SlotReport
from grantdocs.select.engine import Selection, section_entries
from grantdocs.select.explain import describe
from grantdocs.team.names import file_safe

if TYPE_CHECKING:  # annotations only: a person's build does not load the team pipeline
    from grantdocs.team.load import LoadedTeam
    from grantdocs.team.prepare import TeamMember


class Task(Protocol):
    """One document of a build, run in this process or in a worker (``pool.py``)."""

    @property
    def fmt(self) -> Format: ...
    @property
    def lang(self) -> Language: ...

    def run(self, as_of: dt.date, options: BuildOptions) -> DocumentReport:
        """Prepare, render and write the document atomically; its report."""
        ...

    def describe(self) -> str:
        """Which document this is, for a message: ``dfg-cv (de) of Ada Lovelace``."""
        ...

    def weight(self) -> int:
        """About how much work the document is (the entries it may list): a parallel build
        hands out the heavier ones first, so no long one is left for the end."""
        ...

    def failed(self, error: str) -> DocumentReport:
        """The report of this document when it could not be built (``error`` says why)."""
        ...

    def fit(self, report: DocumentReport, as_of: dt.date, options: BuildOptions) -> DocumentReport:
        """The built document shrunk to its page limit by ``--fit``, or ``report`` as it is."""
        ...


class PersonTask(Struct, frozen=True):
    """One person's document."""

    fmt: Format
    lang: Language
    loaded: LoadedProfile
    out: Path
    name: str | None
    choices: Choices

    def run(self, as_of: dt.date, options: BuildOptions) -> DocumentReport:
        return build_one(
            self.fmt,
            self.lang,
            self.loaded,
            as_of,
            self.out,
            options,
            name=self.name,
            choices=self.choices,
        )

    def _who(self) -> str:
        person = self.loaded.profile.person
        return f"{person.given_names} {person.family_name}"

    def describe(self) -> str:
        return f"{self.fmt.id} ({self.lang}) of {self._who()}"

    def weight(self) -> int:
        total = 0
        for rule in self.fmt.spec.slots.values():
            size = len(section_entries(self.loaded.profile, rule.section))
            total += size if rule.limit is None else min(size, rule.limit)
        return total

    def failed(self, error: str) -> DocumentReport:
        return DocumentReport(
            self.fmt.id,
            str(self.lang),
            self.out,
            display_path(self.loaded.path),
            self.loaded.path,
            self._who(),
            member=self.name or "",
            error=error,
        )

    def fit(self, report: DocumentReport, as_of: dt.date, options: BuildOptions) -> DocumentReport:
        mine = msgspec.structs.replace(options, pin=self.choices.pin, exclude=self.choices.exclude)
        probe = partial(_probe, self.fmt, self.lang, self.loaded, as_of, mine)
        return fit(report, self.fmt, probe)


def _probe(
    fmt: Format,
    lang: Language,
    loaded: LoadedProfile,
    as_of: dt.date,
    options: BuildOptions,
    limits: Sequence[tuple[str, int]],
    out: Path,
) -> DocumentReport:
    """A trial of ``--fit``: the document with lower slot limits, written to ``out``."""
    return build_one(fmt, lang, loaded, as_of, out, options, limits)


class TeamTask(Struct, frozen=True):
    """One team document."""

    fmt: Format
    lang: Language
    team: LoadedTeam
    members: tuple[TeamMember, ...]
    out: Path

    def run(self, as_of: dt.date, options: BuildOptions) -> DocumentReport:
        return build_team_one(self.fmt, self.lang, self.team, self.members, as_of, self.out)

    def describe(self) -> str:
        return f"{self.fmt.id} ({self.lang}) of the team {self.team.team.acronym}"

    def weight(self) -> int:
        return sum(len(m.loaded.profile.publications) for m in self.members) + len(self.members)

    def failed(self, error: str) -> DocumentReport:
        return DocumentReport(
            self.fmt.id,
            str(self.lang),
            self.out,
            self.team.display,
            self.team.path or self.out,
            self.team.team.acronym,
            error=error,
        )

    def fit(self, report: DocumentReport, as_of: dt.date, options: BuildOptions) -> DocumentReport:
        return report  # a team document has no fit rule


def run_task(
    task: Task, *, as_of: dt.date, options: BuildOptions, isolate: bool = False
) -> DocumentReport:
    """``task.run`` with the cyclic garbage collector paused (``gcpause``).

    A document's selections, context and rendering allocate objects by the hundred
    thousand, which the collector would walk again and again; what they leave in
    reference cycles is collected when the document is done and the collector resumes.
    With ``isolate``, a user error becomes the report's ``error`` instead of stopping
    the build. An internal error names the document in a note.
    """
    try:
        with gc_paused():
            return task.run(as_of, options)
    except GrantdocsError as exc:
        if not isolate:
            raise
        return task.failed(exc.render())
    except Exception as exc:
        exc.add_note(f"while building {task.describe()}")
        raise


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
    chosen = msgspec.structs.replace(base, limits=tuple(limits)) if limits else base
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
        report.warnings += no_doi(loaded, name, sel)
        report.warnings += not_an_author(loaded, name, sel)
        if not sel.kept:
            empty.append(empty_section(fmt.id, name, label, sel))
    report.warnings += empty + unshown_entries(fmt.id, loaded, prepared.selections)
    report.warnings += placeholder_notices(prepared.loaded, prepared.selections)
    rendered = render(prepared)
    report.warnings += fallback_notices(prepared.fallbacks, loaded.where)
    report.warnings += rendered.notices
    return report, rendered.data


def _chosen(sel: Selection, details: bool) -> list[Chosen]:
    """The kept entries in order; with ``details``, each with the reason it was kept."""
    if not details:
        return [Chosen(getattr(e, "id", None) or describe(e)) for e in sel.kept]
    kept = sorted((d for d in sel.decisions if d.kept), key=lambda d: d.rank or 0)
    return [Chosen(getattr(d.entry, "id", None) or describe(d.entry), d.reason) for d in kept]


def build_team_one(
    fmt: Format,
    lang: Language,
    team: LoadedTeam,
    members: tuple[TeamMember, ...],
    as_of: dt.date,
    out: Path,
) -> DocumentReport:
    """Prepare, render and write one team document atomically; return its report."""
    # lazy: a person's build does not load the team pipeline
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
