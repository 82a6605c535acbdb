"""Options several commands share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


AS_OF = click.option(
    "--as-of",
    callback=_as_of,
    metavar="YYYY-MM-DD",
    help="Date that 'last N years' and 'ongoing' count from (default: today).",
)
PROFILE = click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Profile YAML (default: the bundled profile).",
)



def split_list(values: tuple[str, ...]) -> list[str]:
    """``("de,en", "fr")`` -> ``["de", "en", "fr"]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
