"""``grantdocs validate``: check a profile and summarise it."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("validate")
@click.argument("profile", required=False, type=click.Path(path_type=Path, dir_okay=False))
def validate(profile: Path | None) -> None:
    """Check a profile and summarise it (default: the bundled profile)."""
    from grantdocs.profile.load import load_profile
    from grantdocs.profile.summary import summarise
    from grantdocs.resources import default_profile

    loaded = load_profile(profile or default_profile())
    click.echo(summarise(loaded))
