"""The ``grantdocs`` command: one small function a subcommand, heavy imports inside them."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from grantdocs.errors import GrantdocsError

EXIT_BUG = 70


class _Group(click.Group):
    """Turns user errors into a message and an exit code, and bugs into a bug report."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GrantdocsError as exc:
            click.echo(exc.render(), err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted; earlier output is untouched", err=True)
            sys.exit(130)
        except Exception:  # an internal error: say so, and show where
            click.echo(
                "internal error: this is a bug in grantdocs, not in your files.\n"
                "Please report it with the lines below.",
                err=True,
            )
            click.echo(traceback.format_exc(), err=True)
            sys.exit(EXIT_BUG)


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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="grantdocs")
def cli() -> None:
    """Build funder CVs, track records and spreadsheets from one CV dataset."""


@cli.command()
@click.argument("profile", required=False, type=click.Path(path_type=Path, dir_okay=False))
def validate(profile: Path | None) -> None:
    """Check a profile and summarise it (default: the bundled profile)."""
    from grantdocs.profile.load import load_profile
    from grantdocs.profile.summary import summarise
    from grantdocs.resources import default_profile

    loaded = load_profile(profile or default_profile())
    click.echo(summarise(loaded))


@cli.command()
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


def main() -> None:
    """Entry point of the console script."""
    cli.main(prog_name="grantdocs")
