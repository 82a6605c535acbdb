"""The pipeline: load -> select -> localise -> render -> write, and a report of it all."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from grantdocs.errors import OutputError, Problem, ProfileError
from grantdocs.formats.registry import Format, FormatSearchPath, default_search_path
from grantdocs.gcpause import gc_paused
from grantdocs.notices import FALLBACK, NO_DOI, PLACEHOLDER, Notice
from grantdocs.prepare import Choices, Language, prepare, select_slots
from grantdocs.profile.load import LoadedProfile, display_path, load_profile
from grantdocs.profile.placeholders import Placeholder, placeholders
from grantdocs.profile.yamlpos import format_path
from grantdocs.render.atomic import remove_stale, write_bytes
from grantdocs.render.rendered import render
from grantdocs.resources import project_root
from grantdocs.select.choices import check_choices
from grantdocs.select.engine import Selection

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


def output_path(out: Path, fmt: Format, lang: Language, loaded: LoadedProfile) -> Path:
    person = loaded.profile.person
    name = fmt.spec.output.format(family_name=_file_safe(person.family_name), lang=lang.folder)
    return out / fmt.id / lang.folder / f"{name}.{fmt.spec.kind}"


def _file_safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text) or "CV"


def check_output_folder(out: Path) -> None:
    """Refuse to write into the bundled templates or profiles."""
    root = project_root().resolve()
    target = out.resolve()
    for protected in (root / "templates", root / "profiles"):
        if target == protected or protected in target.parents:
            raise OutputError(
                f"refusing to write into {display_path(protected)}; choose another --out"
            )


def plan(options: BuildOptions) -> list[tuple[Format, Language]]:
    """Which formats and languages to build; explicit requests are checked strictly."""
    explicit = bool(options.formats)
    search = options.search or default_search_path()
    formats = [search.load(name) for name in (options.formats or search.ids())]
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
    return jobs


def build_one(
    fmt: Format,
    lang: Language,
    loaded: LoadedProfile,
    as_of: dt.date,
    out: Path,
    options: BuildOptions,
    limits: Sequence[tuple[str, int]] = (),
) -> DocumentReport:
    """Prepare, render and write one document atomically; return its report.

    ``limits`` lower slot limits (what ``--fit`` tries)."""
    elsewhere = frozenset(slot for slot, _ in options.pin)  # build() checked them
    choices = Choices(options.pin, options.exclude, elsewhere, limits=limits)
    prepared = prepare(fmt, lang, loaded, as_of, choices)
    path = output_path(out, fmt, lang, loaded)
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
    )
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
    write_bytes(path, rendered.data)
    return report


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


def build(
    options: BuildOptions,
    on_document: Callable[[DocumentReport], None] | None = None,
) -> list[DocumentReport]:
    """Build every requested document for every profile. Each file is written atomically.

    With ``options.workers`` above 1 and enough documents, documents are rendered in
    forked worker processes; reports come back in the same order either way.
    """
    from grantdocs.profile.locate import locate_profile
    from grantdocs.profile.model import today

    as_of = options.as_of or today()
    check_output_folder(options.out)
    remove_stale(options.out)
    paths = [locate_profile(p) for p in options.profiles] or [locate_profile(None)]
    loaded_profiles = [load_profile(p) for p in paths]
    jobs = plan(options)
    formats = {fmt.source: fmt for fmt, _ in jobs}.values()
    check_choices(  # a typo in a pin or exclude stops the build before it writes
        [(fmt.spec, fmt.positions, display_path(fmt.source)) for fmt in formats],
        [loaded.profile for loaded in loaded_profiles],
        options.pin,
        options.exclude,
    )
    if not options.allow_examples:
        elsewhere = frozenset(slot for slot, _ in options.pin)  # checked just above
        for loaded in loaded_profiles:
            refuse_placeholders(
                loaded, jobs, as_of, Choices(options.pin, options.exclude, elsewhere)
            )
    several = len(loaded_profiles) > 1
    tasks = []
    for loaded in loaded_profiles:
        family = _file_safe(loaded.profile.person.family_name)
        out = options.out / family if several else options.out
        tasks += [(fmt, lang, loaded, out) for fmt, lang in jobs]
    run = partial(_build_task, as_of=as_of, options=options)
    reports = []
    for report in _map(run, tasks, options.workers):
        reports.append(report)
        if on_document:
            on_document(report)
    if options.pdf or options.fit:
        from grantdocs.pages import count_pages, fit

        count_pages(reports)
        if options.fit:
            for index, (fmt, lang, loaded, out) in enumerate(tasks):
                reports[index] = fit(reports[index], fmt, lang, loaded, as_of, out, options)
    return reports


Task = tuple[Format, Language, LoadedProfile, Path]


def _build_task(task: Task, *, as_of: dt.date, options: BuildOptions) -> DocumentReport:
    """``build_one`` with the cyclic garbage collector paused (``gcpause``).

    A document's selections, context and rendering allocate objects by the hundred
    thousand, which the collector would walk again and again; what they leave in
    reference cycles is collected when the document is done and the collector resumes.
    """
    fmt, lang, loaded, out = task
    with gc_paused():
        return build_one(fmt, lang, loaded, as_of, out, options)


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
