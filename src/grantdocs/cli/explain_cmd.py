"""``grantdocs explain``: what each slot chose and why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grantdocs.cli.options import AS_OF, EXCLUDES, FORMATS, PINS, PROFILE, choices, load

if TYPE_CHECKING:
    from grantdocs.formats.registry import FormatSearchPath

if TYPE_CHECKING:
    from grantdocs.formats.registry import Format
    from grantdocs.prepare import Choices
    from grantdocs.profile.load import LoadedProfile
    from grantdocs.select.engine import Selection


@click.command("explain")
@click.argument("format_name", metavar="FORMAT")
@AS_OF
@PROFILE
@FORMATS
@PINS
@EXCLUDES
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--all", "show_all", is_flag=True, help="Also list every entry left out.")
@click.option(
    "--fit",
    is_flag=True,
    help="Show the selection as 'build --fit' leaves it: what is dropped to fit the page "
    "limit (needs LibreOffice).",
)
@click.option("--lang", help="The language --fit builds in (default: the format's first).")
def explain(
    format_name: str,
    as_of: dt.date | None,
    profile_path: Path | None,
    search: FormatSearchPath,
    pins: tuple[str, ...],
    excludes: tuple[str, ...],
    as_json: bool,
    show_all: bool,
    fit: bool,
    lang: str | None,
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
    chosen = choices(pins, excludes)
    selections = select_slots(fmt, loaded, day, chosen)
    if fit:
        selections = _fitted(format_name, search, fmt, loaded, day, chosen, lang, selections)
    elif lang:
        raise click.BadParameter("--lang is only used with --fit", param_hint="--lang")
    if as_json:
        click.echo(explain_json(fmt.id, day, selections))
    else:
        explain_text(fmt.id, day, selections, show_all=show_all)


def _fitted(
    name: str,
    search: FormatSearchPath,
    fmt: Format,
    loaded: LoadedProfile,
    day: dt.date,
    chosen: Choices,
    lang: str | None,
    selections: dict[str, Selection],
) -> dict[str, Selection]:
    """Build the document with ``--fit`` in a temporary folder; ``selections`` less what
    it dropped."""
    import tempfile

    from grantdocs.build import BuildOptions, build
    from grantdocs.pages import fitted_selections
    from grantdocs.render.pdf import require_soffice

    require_soffice()
    with tempfile.TemporaryDirectory(prefix="grantdocs-explain-") as tmp:
        options = BuildOptions(
            formats=[name],
            search=search,
            langs=[lang or fmt.spec.languages[0]],
            as_of=day,
            profiles=[loaded.path],
            out=Path(tmp),
            pin=chosen.pin,
            exclude=chosen.exclude,
            allow_examples=True,
            pdf=True,
            fit=True,
        )
        (report,) = build(options)
    if report.page_limit and report.pages and report.pages > report.page_limit:
        click.echo(
            f"{fmt.id} does not fit {report.page_limit} pages even at its format's minimum "
            f"({report.pages} pages)",
            err=True,
        )
    return fitted_selections(selections, report.dropped_to_fit, report.page_limit or 0)
