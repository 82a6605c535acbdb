"""The pipeline: load -> select -> localise -> render -> write, and a report of it all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import cast

from grantdocs.errors import FormatError, OutputError
from grantdocs.formats.registry import Format, bundled_ids, load_format
from grantdocs.gcpause import gc_paused
from grantdocs.l10n.catalog import SUPPORTED_LANGUAGES, Lang, is_supported
from grantdocs.l10n.formatting import BilingualLocalizer, Localizer
from grantdocs.profile.load import LoadedProfile, display_path, load_profile
from grantdocs.render.atomic import remove_stale, write_bytes
from grantdocs.render.context import ContextBuilder
from grantdocs.resources import project_root
from grantdocs.select.engine import Selection, entry_key, section_entries, select

MIN_PARALLEL = 4
"""Fewer documents than this are rendered in this process: a worker costs more than it saves."""


@dataclass(frozen=True)
class Language:
    """One output language, or two side by side (``de+en``)."""

    code: str
    second: str | None = None

    @classmethod
    def parse(cls, text: str) -> Language:
        first, _, second = text.partition("+")
        return cls(first.strip(), second.strip() or None)

    @property
    def folder(self) -> str:
        return f"{self.code}-{self.second}" if self.second else self.code

    def __str__(self) -> str:
        return f"{self.code}+{self.second}" if self.second else self.code


@dataclass
class SlotReport:
    slot: str
    label: str
    count: int
    eligible: int
    limit: int | None


@dataclass
class DocumentReport:
    """What one document got, and every warning about it."""

    format_id: str
    lang: str
    path: Path
    profile: str
    slots: list[SlotReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: int | None = None
    page_limit: int | None = None


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


def selections_for(
    fmt: Format,
    loaded: LoadedProfile,
    as_of: dt.date,
    pin: Sequence[tuple[str, str]] = (),
    exclude: Sequence[str] = (),
) -> dict[str, Selection]:
    """Every slot of ``fmt`` applied to the profile, with the owner's per-build choices."""
    result = {}
    keys: dict[str, list[str]] = {}
    for name, rule in fmt.spec.slots.items():
        pins = [entry for slot, entry in pin if slot == name]
        if pins or exclude:
            rule = rule.merged({"pin": [*rule.pin, *pins], "exclude": [*rule.exclude, *exclude]})
        if rule.section not in keys:
            keys[rule.section] = [
                entry_key(e) for e in section_entries(loaded.profile, rule.section)
            ]
        result[name] = select(loaded.profile, name, rule, as_of, None, keys[rule.section])
    return result


def localiser(fmt: Format, lang: Language) -> Localizer | BilingualLocalizer:
    """The localiser for a format and language, checking the format supports it."""
    spec = fmt.spec
    for code in filter(None, (lang.code, lang.second)):
        if code not in spec.languages:
            raise FormatError(
                f"format {spec.id!r} is not available in {code!r}; it supports: "
                + ", ".join(spec.languages)
            )
        if not is_supported(code):
            raise FormatError(
                f"grantdocs has no translations for {code!r}; it has: "
                + ", ".join(SUPPORTED_LANGUAGES)
            )
    if lang.second and not spec.bilingual:
        raise FormatError(f"format {spec.id!r} has no bilingual version")
    primary = Localizer(cast(Lang, lang.code), spec.locales.get(lang.code, lang.code))
    if lang.second:
        second = cast(Lang, lang.second)
        return BilingualLocalizer(primary, Localizer(second, spec.locales.get(second, second)))
    return primary


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
    formats = [load_format(name) for name in (options.formats or bundled_ids())]
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
) -> DocumentReport:
    """Render one document and write it atomically; return its report."""
    loc = localiser(fmt, lang)
    selections = selections_for(fmt, loaded, as_of, options.pin, options.exclude)
    context = ContextBuilder(loaded.profile, fmt.spec, loc, as_of).build(selections)
    path = output_path(out, fmt, lang, loaded)
    report = DocumentReport(
        fmt.id, str(lang), path, display_path(loaded.path), page_limit=fmt.spec.page_limit
    )
    for name, sel in selections.items():
        label = context["slots"][name]["label"] or name
        report.slots.append(SlotReport(name, label, len(sel.kept), sel.eligible, sel.rule.limit))
        if sel.rule.section == "publications":
            no_doi = [pub for pub in sel.kept if not pub.doi]
            if no_doi:
                first = loaded.where(*_path_of(loaded, no_doi[0]))
                ids = ", ".join(pub.id for pub in no_doi[:3]) + (", ..." if len(no_doi) > 3 else "")
                report.warnings.append(
                    f"{name}: {len(no_doi)} of {len(sel.kept)} listed items have no DOI "
                    f"({ids}; first at {first}); a URL is shown where the profile has one"
                )
    cleaned: list[str] = []
    title = f"{context['format']['title']} – {context['person']['full_name']}"
    if fmt.spec.kind == "docx":
        from grantdocs.render.docx import render_docx

        data = render_docx(
            fmt.template_path(),
            context,
            as_of=as_of,
            title=title,
            lang=str(lang),
            locale=fmt.spec.locales.get(lang.code, lang.code),
            cleaned=cleaned,
        )
    else:
        from grantdocs.render.xlsx import render_xlsx

        data = render_xlsx(fmt, context, as_of=as_of, title=title, report=report.warnings)
    for path_text in loc.fallbacks:
        report.warnings.append(f"fell back to another language for {path_text}")
    for text in cleaned[:5]:
        report.warnings.append(f"removed characters that Word cannot store from {text[:40]!r}")
    write_bytes(path, data)
    return report


def _path_of(loaded: LoadedProfile, entry: object) -> tuple[str | int, ...]:
    for index, pub in enumerate(loaded.profile.publications):
        if pub is entry:
            return ("publications", index)
    return ()


def build(
    options: BuildOptions,
    on_document: Callable[[DocumentReport], None] | None = None,
) -> list[DocumentReport]:
    """Build every requested document for every profile. Each file is written atomically.

    With ``options.workers`` above 1 and enough documents, documents are rendered in
    forked worker processes; reports come back in the same order either way.
    """
    from grantdocs.profile.model import today
    from grantdocs.resources import default_profile

    as_of = options.as_of or today()
    check_output_folder(options.out)
    remove_stale(options.out)
    loaded_profiles = [load_profile(p) for p in (options.profiles or [default_profile()])]
    jobs = plan(options)
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
