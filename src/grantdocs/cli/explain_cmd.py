"""``grantdocs explain``: what each slot chose and why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grantdocs.cli.options import (
    AS_OF,
    EXCLUDES,
    FORMATS,
    PINS,
    PROFILE,
    TEAM,
    choices,
    load,
    load_team_members,
)

if TYPE_CHECKING:
    from grantdocs.formats.registry import Format, FormatSearchPath
    from grantdocs.prepare import Choices

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
@TEAM
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
    team_path: Path | None,
    pins: tuple[str, ...],
    excludes: tuple[str, ...],
    as_json: bool,
    show_all: bool,
    fit: bool,
    lang: str | None,
) -> None:
    """Show, slot by slot, what a format selects and why, and what it leaves out.

    --pin and --exclude preview a build's per-build choices. With --team, every member in
    turn (with their pins and excludes from the team file); a team format (default team:
    the bundled example) shows what its lists got and why.
    """
    # lazy: prepare, profile.model, select.explain load only when this runs
    from grantdocs.prepare import select_slots
    from grantdocs.profile.records import today
    from grantdocs.select.explain import explain_json, explain_text

    fmt = search.load(format_name)
    chosen = choices(pins, excludes)
    if team_path is not None and profile_path is not None:
        raise click.UsageError("give --profile or --team, not both")
    if fmt.spec.scope == "team" or team_path is not None:
        _explain_team(fmt, team_path, as_of, chosen, as_json=as_json, show_all=show_all)
        return
    loaded = load(profile_path, announce=not as_json)
    # lazy: select.choices_file loads only when this runs
    from grantdocs.select.choices_file import saved_as_of

    day = as_of or saved_as_of(loaded.path) or today()
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
    # lazy: tempfile, build, build.pages, ... load only when this runs
    import tempfile

    from grantdocs.build import BuildOptions, build
    from grantdocs.build.pages import fitted_selections
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


def _explain_team(
    fmt: Format,
    team_path: Path | None,
    as_of: dt.date | None,
    chosen: Choices,
    *,
    as_json: bool,
    show_all: bool,
) -> None:
    # lazy: json, l10n.language, prepare, ... load only when this runs
    import json

    from grantdocs.l10n.language import Language
    from grantdocs.prepare import select_slots
    from grantdocs.profile.records import today
    from grantdocs.resources import example_team
    from grantdocs.select.explain import explain_json, explain_text
    from grantdocs.team.prepare import prepare_team

    team, members = load_team_members(team_path or example_team(), chosen, announce=not as_json)
    day = as_of or team.team.as_of or today()
    if fmt.spec.scope == "team":
        prepared = prepare_team(fmt, Language(fmt.spec.languages[0]), team, members, day)
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "format": fmt.id,
                        "as_of": day.isoformat(),
                        "counts": [c.__dict__ for c in prepared.counts],
                        "merged": prepared.merges,
                        "notices": [n.message for n in prepared.notices],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        click.echo(f"{fmt.id} as of {day.isoformat()}")
        for c in prepared.counts:
            limit = f" (limit {c.limit})" if c.limit is not None else ""
            click.echo(f"  {c.label}: {c.count} of {c.eligible}{limit}")
        cited = prepared.context["slots"].get("cited")
        if cited:
            for row in cited["entries"]:
                mark = "highlighted" if row["highlighted"] else ("own" if row["own"] else "")
                click.echo(f"    {row['key']:<32} {row['year']}  {mark}")
        if prepared.merges:
            click.echo(f"  merged into one work ({len(prepared.merges)}):")
            for line in prepared.merges:
                click.echo(f"    {line}")
        for n in prepared.notices:
            click.echo(f"  note: {n.message}")
        return
    found = []
    for m in members:
        selections = select_slots(fmt, m.loaded, day, m.choices)
        if as_json:
            found.append({"member": m.key, **json.loads(explain_json(fmt.id, day, selections))})
        else:
            click.echo(f"member {m.key}:")
            explain_text(fmt.id, day, selections, show_all=show_all)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
