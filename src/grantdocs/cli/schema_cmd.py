"""``grantdocs schema``: the profile's JSON Schema."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("schema")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Write here.")
def schema(output: Path | None) -> None:
    """Print the profile's JSON Schema (for editors and CI)."""
    from grantdocs.profile.schema import schema_text
    from grantdocs.render.atomic import write_text

    text = schema_text()
    if output:
        write_text(output, text)
    else:
        click.echo(text, nl=False)
