"""``grantdocs validate``: check a profile and summarise it."""

from __future__ import annotations

from pathlib import Path

import click

from grantdocs.cli.options import load


@click.command("validate")
@click.argument("profile", required=False, type=click.Path(path_type=Path))
def validate(profile: Path | None) -> None:
    """Check a profile (a file, or a folder holding profile.yaml) and summarise it.

    Default: ./profile.yaml if there is one, else the bundled profile.
    """
    from grantdocs.importers.writer import orphan_note, orphaned_import
    from grantdocs.profile.summary import summarise

    loaded = load(profile)
    click.echo(summarise(loaded))
    orphan = orphaned_import(loaded.path, loaded.files)
    if orphan is not None:
        click.echo(orphan_note(loaded.path, orphan))
