"""``grantdocs build --watch``: build, then rebuild what a saved change affects, until Ctrl-C."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grantdocs.build import BuildOptions, build
from grantdocs.cli.report import print_report
from grantdocs.errors import GrantdocsError
from grantdocs.profile.load import display_path
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
    its error and watching goes on; Ctrl-C ends (every file is written atomically, so none
    is left half-written)."""
    import watchfiles

    from grantdocs.formats.registry import default_search_path

    if options.pdf:
        from grantdocs.render.pdf import require_soffice

        require_soffice()
    search = options.search or default_search_path()
    names = list(options.formats) or search.ids()
    files: Watched | None = None
    try:
        _round(options, level, ignore, json_path)
        while True:
            files = watched(options.profiles, names, files, search)
            click.echo(
                f"watching {len(files.profile_files) + len(files.format_files)} files; "
                "Ctrl-C ends"
            )
            folders = sorted(str(f) for f in files.folders() if f.is_dir())
            for changes in watchfiles.watch(
                *folders, watch_filter=_relevant(files), recursive=False
            ):
                changed = [Path(path) for _kind, path in changes]
                every, formats = files.affected(changed)
                shown = ", ".join(sorted({display_path(p) for p in changed}))
                click.echo(f"[{time.strftime('%H:%M:%S')}] changed: {shown}")
                narrowed = options
                if not every and (options.formats or not options.langs):
                    narrowed = dataclasses.replace(options, formats=formats)
                _round(narrowed, level, ignore, json_path)
                break  # the files to watch may have changed (a new include)
    except KeyboardInterrupt:
        click.echo("stopped watching")


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
