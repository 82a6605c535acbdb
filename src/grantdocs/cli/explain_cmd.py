"""``grantdocs explain``: what each slot chose and why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grantdocs.cli.options import AS_OF, EXCLUDES, FORMATS, PINS, PROFILE, choices, load

if TYPE_CHECKING:
    from grantdocs.formats.registry import FormatSearchPath


@click.command("explain")
@click.argument("format_name", metavar="FORMAT")
@AS_OF
@PROFILE
@FORMATS
@PINS
@EXCLUDES
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--all", "show_all", is_flag=True, help="Also list every entry left out.")
def explain(
    format_name: str,
    as_of: dt.date | None,
    profile_path: Path | None,
    search: FormatSearchPath,
    pins: tuple[str, ...],
    excludes: tuple[str, ...],
    as_json: bool,
    show_all: bool,
) -> None:
    """Show, slot by slot, what a format selects and why, and what it leaves out.

    --pin and --exclude preview a build's per-build choices.
    """
    from grantdocs.prepare import select_slots
    from grantdocs.profile.model import today
    from grantdocs.select.explain import explain_json, explain_text

    fmt = search.load(format_name)
    loaded = load(profile_path, announce=not as_json)
    day = as_of or today()
    selections = select_slots(fmt, loaded, day, choices(pins, excludes))
    if as_json:
        click.echo(explain_json(fmt.id, day, selections))
    else:
        explain_text(fmt.id, day, selections, show_all=show_all)
