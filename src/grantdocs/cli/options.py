"""Options several commands share."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grantdocs.notices import check_code

if TYPE_CHECKING:
    from grantdocs.formats.registry import FormatSearchPath
    from grantdocs.prepare import Choices
    from grantdocs.profile.load import LoadedProfile
    from grantdocs.team.load import LoadedTeam
    from grantdocs.team.prepare import TeamMember


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None
    if not 1000 <= day.year <= 9999:  # the years a profile's dates may have
        raise click.BadParameter(f"{value!r}: the year must have four digits (1000 to 9999)")
    return day


AS_OF = click.option(
    "--as-of",
    callback=_as_of,
    metavar="YYYY-MM-DD",
    help="Date that 'last N years' and 'ongoing' count from (default: today).",
)
PROFILE = click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path),
    help="Profile YAML, or a folder holding profile.yaml (default: ./profile.yaml if there "
    "is one, else the bundled profile).",
)
PINS = click.option(
    "--pin",
    "pins",
    multiple=True,
    metavar="SLOT=ID",
    help="Always keep ID (or a publication's alias) in SLOT.",
)
EXCLUDES = click.option(
    "--exclude",
    "excludes",
    multiple=True,
    metavar="ID",
    help="Never keep ID (or a publication's alias).",
)


def choices(pins: tuple[str, ...], excludes: tuple[str, ...]) -> Choices:
    """``--pin SLOT=ID`` and ``--exclude ID[,ID]`` as the owner's per-build choices."""
    # lazy: prepare loads only when this runs
    from grantdocs.prepare import Choices

    pairs = []
    for item in pins:
        slot, sep, entry = item.partition("=")
        if not sep or not slot.strip() or not entry.strip():
            raise click.BadParameter(f"{item!r}: use SLOT=ID", param_hint="--pin")
        pairs.append((slot.strip(), entry.strip()))
    return Choices(tuple(pairs), tuple(split_list(excludes)))


def load(profile_path: Path | None, *, announce: bool = True, prefix: str = "") -> LoadedProfile:
    """Load the profile a command works on and, with ``announce``, print which one first
    (after ``prefix``, e.g. ``# `` in YAML output)."""
    # lazy: profile.load, profile.locate load only when this runs
    from grantdocs.profile.load import load_profile
    from grantdocs.profile.locate import locate_profile, profile_line

    path = locate_profile(profile_path)
    loaded = load_profile(path)
    person = loaded.profile.person
    if announce:
        click.echo(prefix + profile_line(path, f"{person.given_names} {person.family_name}"))
    return loaded


def _formats(
    _ctx: click.Context, _param: click.Parameter, value: tuple[Path, ...]
) -> FormatSearchPath:
    # lazy: formats.registry loads only when this runs
    from grantdocs.formats.registry import FormatSearchPath

    return FormatSearchPath.from_options(
        value, notify=lambda message: click.echo(f"note: {message}", err=True)
    )


FORMATS = click.option(
    "--formats",
    "search",
    multiple=True,
    callback=_formats,
    metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False),
    help="A folder of your own formats (<id>/format.yaml), searched before the bundled "
    "ones; repeatable. Also: GRANTDOCS_FORMATS (folders separated by "
    f"{os.pathsep!r}).",
)


def split_list(values: tuple[str, ...]) -> list[str]:
    """``("de,en", "fr")`` -> ``["de", "en", "fr"]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def ignore_codes(_ctx: click.Context, _param: click.Parameter, values: Sequence[str]) -> list[str]:
    """``--ignore`` values checked against the notice codes (comma lists allowed)."""
    codes = split_list(tuple(values))
    for code in codes:
        try:
            check_code(code)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--ignore") from None
    return codes


TEAM = click.option(
    "--team",
    "team_path",
    type=click.Path(path_type=Path),
    help="A team file (team.yaml), a folder holding one, or a folder of profile folders: "
    "every member instead of one profile.",
)


def load_team_members(
    team_path: Path, chosen: Choices | None = None, *, announce: bool = True, prefix: str = ""
) -> tuple[LoadedTeam, list[TeamMember]]:
    """Load a team and every member's profile; with ``announce``, print the team and each
    member first (after ``prefix``)."""
    # lazy: profile.locate, team.load, team.prepare load only when this runs
    from grantdocs.profile.locate import profile_line
    from grantdocs.team.load import load_team
    from grantdocs.team.prepare import load_members

    team = load_team(team_path)
    members = load_members(team, chosen)
    if announce:
        click.echo(f"{prefix}team: {team.display} ({team.team.acronym}, {len(members)} members)")
        for m in members:
            person = m.loaded.profile.person
            line = profile_line(m.loaded.path, f"{person.given_names} {person.family_name}")
            click.echo(f"{prefix}  {line}, {m.role}")
    return team, members
