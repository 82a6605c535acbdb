"""``grantdocs context``: every name a template may use, with values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grantdocs.cli.options import AS_OF, FORMATS, PROFILE, TEAM, load, load_team_members

if TYPE_CHECKING:
    from grantdocs.formats.registry import FormatSearchPath


@click.command("context")
@click.argument("format_name", metavar="FORMAT", required=False)
@click.option("--lang", default=None, help="Language (default: the format's first).")
@AS_OF
@PROFILE
@FORMATS
@TEAM
@click.option(
    "--doc", is_flag=True, help="Print the reference of every name (docs/template-context.md)."
)
def context(
    format_name: str | None,
    lang: str | None,
    as_of: dt.date | None,
    profile_path: Path | None,
    search: FormatSearchPath,
    team_path: Path | None,
    doc: bool,
) -> None:
    """Print the template context of a format as YAML: every name a template may use.

    A team format's context comes from a team (--team; default: the bundled example team);
    with --team, a person format's context is printed for every member in turn.
    """
    if doc:
        # lazy: context.doc loads only when this runs
        from grantdocs.context.doc import template_context_doc

        click.echo(template_context_doc(), nl=False)
        return
    if format_name is None:
        raise click.UsageError("name a FORMAT (or use --doc)")
    # lazy: context.builder, l10n.language, prepare, ... load only when this runs
    from grantdocs.context.builder import context_yaml
    from grantdocs.l10n.language import Language
    from grantdocs.prepare import prepare
    from grantdocs.profile.records import today

    fmt = search.load(format_name)
    language = Language.parse(lang or fmt.spec.languages[0])
    if team_path is not None and profile_path is not None:
        raise click.UsageError("give --profile or --team, not both")
    if fmt.spec.scope == "team" or team_path is not None:
        # lazy: resources, team.prepare load only when this runs
        from grantdocs.resources import example_team
        from grantdocs.team.prepare import prepare_team

        team, members = load_team_members(team_path or example_team(), prefix="# ")
        day = as_of or team.team.as_of or today()
        if fmt.spec.scope == "team":
            prepared = prepare_team(fmt, language, team, members, day)
            click.echo(context_yaml(prepared.context), nl=False)
            return
        for m in members:
            click.echo(f"--- # {m.key}")
            one = prepare(fmt, language, m.loaded, day, m.choices)
            click.echo(context_yaml(one.context), nl=False)
        return
    loaded = load(profile_path, prefix="# ")
    prepared_one = prepare(fmt, language, loaded, as_of or today())
    click.echo(context_yaml(prepared_one.context), nl=False)
