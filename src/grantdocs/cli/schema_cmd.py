"""``grantdocs schema``: the profile's JSON Schema."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("schema")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write here.")
@click.option("--team", "team", is_flag=True, help="The team file's schema instead.")
def schema(output: Path | None, team: bool) -> None:
    """Print the profile's (or, with --team, the team file's) JSON Schema."""
    # lazy: atomic, profile.schema, team.model load only when this runs
    from grantdocs.atomic import write_text
    from grantdocs.profile.schema import schema_text
    from grantdocs.team.model import team_schema_text

    text = team_schema_text() if team else schema_text()
    if output:
        write_text(output, text)
    else:
        click.echo(text, nl=False)
