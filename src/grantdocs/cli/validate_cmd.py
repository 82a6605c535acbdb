"""``grantdocs validate``: check a profile (or a whole team) and summarise it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from grantdocs.cli.options import TEAM, load
from grantdocs.errors import GrantdocsError


@click.command("validate")
@click.argument("profile", required=False, type=click.Path(path_type=Path))
@TEAM
def validate(profile: Path | None, team_path: Path | None) -> None:
    """Check a profile (a file, or a folder holding profile.yaml) and summarise it.

    Default: ./profile.yaml if there is one, else the bundled profile. With --team: the
    team file and every member's profile (all of them, also after one fails).
    """
    # lazy: importers.writer, profile.duplicates, profile.summary load only when this runs
    from grantdocs.importers.writer import orphan_note, orphaned_import
    from grantdocs.profile.duplicates import duplicate_lines
    from grantdocs.profile.summary import summarise

    if team_path is None:
        loaded = load(profile)
        click.echo(summarise(loaded))
        for line in duplicate_lines(loaded):
            click.echo(line)
        orphan = orphaned_import(loaded.path, loaded.files)
        if orphan is not None:
            click.echo(orphan_note(loaded.path, orphan))
        return
    if profile is not None:
        raise click.UsageError("give a profile or --team, not both")
    # lazy: profile.load, team.load, team.names load only when this runs
    from grantdocs.profile.load import load_profile
    from grantdocs.team.load import load_team
    from grantdocs.team.names import same_person_check

    team = load_team(team_path)
    click.echo(f"team: {team.display} ({team.team.acronym}, {len(team.members)} members)")
    failed = 0
    people = []
    for ref in team.members:
        try:
            one = load_profile(ref.profile, confined=True)  # as a team build reads it
        except GrantdocsError as exc:
            failed += 1
            click.echo(exc.render(), err=True)
            continue
        people.append((one.path, one.profile.person))
        click.echo(f"{summarise(one)}\n  role in this proposal: {ref.member.role}")
        for line in duplicate_lines(one):
            click.echo(line)
    same_person_check(people)
    if failed:
        click.echo(
            f"error: {failed} of {len(team.members)} member profile(s) are not valid", err=True
        )
        sys.exit(1)
