"""``grantdocs build --watch``: build, then rebuild what a saved change affects, until Ctrl-C."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click
import msgspec

from grantdocs.build import BuildOptions, build
from grantdocs.cli.report import print_report
from grantdocs.errors import GrantdocsError
from grantdocs.formats.registry import default_search_path
from grantdocs.paths import display_path
from grantdocs.render.office import session
from grantdocs.render.pdf import require_soffice
from grantdocs.watch import Watched, watched

if TYPE_CHECKING:
    from watchfiles import Change


def watch_build(
    options: BuildOptions,
    *,
    level: int,
    ignore: Sequence[str],
    json_path: Path | None = None,
) -> None:
    """Build everything once, then after each change the documents it affects, printing the
    report each time (and writing the JSON report to ``json_path``). An invalid edit prints
    its error and watching goes on; Ctrl-C ends with exit code 130 (every file is written
    atomically, so none is left half-written)."""

    if options.pdf:
        require_soffice()
    search = options.search or default_search_path()
    names = list(options.formats) or search.ids()
    files = watched(options.profiles, names, None, search)
    current = options
    with session():  # with --pdf, one LibreOffice for every round (started at the first)
        try:
            while True:
                before = _stats(files)  # taken before the build reads the files
                _round(current, level, ignore, json_path)
                files = watched(options.profiles, names, files, search)
                changed = _next_change(files, before)
                every, formats = files.affected(changed)
                shown = ", ".join(sorted({display_path(p) for p in changed}))
                click.echo(f"[{time.strftime('%H:%M:%S')}] changed: {shown}")
                current = options
                if not every and (options.formats or not options.langs):
                    current = msgspec.structs.replace(options, formats=formats)
        except KeyboardInterrupt:
            click.echo("stopped watching")
            raise SystemExit(130) from None  # as shells expect after Ctrl-C


READY_MS = 300
"""How long the watcher waits for a first event before it says it is watching."""


def _next_change(files: Watched, before: dict[Path, tuple[int, int] | None]) -> list[Path]:
    """Wait for a change that affects a document; the files it touched.

    A file saved while the last build ran (before this watcher started) counts too: its
    size or time differs from ``before``.
    """
    # lazy: watchfiles loads only when this runs
    import watchfiles

    folders = sorted(str(f) for f in files.folders() if f.is_dir())
    ready = False
    for changes in watchfiles.watch(
        *folders,
        watch_filter=_relevant(files),
        recursive=False,
        yield_on_timeout=True,
        rust_timeout=READY_MS,
    ):
        changed = {Path(path) for _kind, path in changes}
        if not ready:  # the watcher runs: anything saved from now on is seen
            ready = True
            click.echo(
                f"watching {len(files.profile_files) + len(files.format_files)} files; Ctrl-C ends"
            )
            changed |= {path for path, stat in before.items() if _stat(path) != stat}
        every, formats = files.affected(changed)
        if every or formats:
            return sorted(changed)
    raise KeyboardInterrupt  # pragma: no cover - watch() ends only on a signal


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _stats(files: Watched) -> dict[Path, tuple[int, int] | None]:
    """Time and size of every file the build depends on."""
    return {path: _stat(path) for path in [*files.profile_files, *files.format_files]}


def _relevant(files: Watched) -> Callable[[Change, str], bool]:
    """A watchfiles filter passing only the files a build depends on."""

    def relevant(_change: Change, path: str) -> bool:
        every, formats = files.affected([Path(path)])
        return every or bool(formats)

    return relevant


def _round(
    options: BuildOptions, level: int, ignore: Sequence[str], json_path: Path | None
) -> None:
    """One build and its report; a user's error is printed, not raised."""
    try:
        reports = build(options)
    except GrantdocsError as exc:
        click.echo(exc.render(), err=True)
        click.echo("not rebuilt; fix the file and save it again")
        return
    print_report(reports, options, level=level, ignore=ignore, json_path=json_path)
