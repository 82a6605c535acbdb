"""The ``grantdocs`` command: one small function a subcommand, heavy imports inside them."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from grantdocs._version import __version__
from grantdocs.cli.build_cmd import build
from grantdocs.cli.check_cmd import check_template
from grantdocs.cli.context_cmd import context
from grantdocs.cli.enrich_cmd import enrich_command
from grantdocs.cli.explain_cmd import explain
from grantdocs.cli.formats_cmd import formats
from grantdocs.cli.import_cmd import import_command
from grantdocs.cli.init_cmd import init_command
from grantdocs.cli.schema_cmd import schema
from grantdocs.cli.serve_cmd import serve
from grantdocs.cli.validate_cmd import validate
from grantdocs.errors import GrantdocsError
from grantdocs.gcpause import end_with_command

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
        except BrokenPipeError:  # the reader went away (`grantdocs explain X | head`)
            _quiet_stdout()
            sys.exit(0)
        except KeyboardInterrupt:
            click.echo("interrupted; earlier output is untouched", err=True)
            sys.exit(130)
        except Exception:  # an internal error: say so, and show where
            # lazy: traceback loads only when this runs
            import traceback

            click.echo(
                "internal error: this is a bug in grantdocs, not in your files.\n"
                "Please report it with the lines below.",
                err=True,
            )
            click.echo(traceback.format_exc(), err=True)
            sys.exit(EXIT_BUG)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=__version__, prog_name="grantdocs")
def cli() -> None:
    """Build funder CVs, track records and spreadsheets from one CV dataset."""


def _register() -> None:
    for command in (
        validate,
        schema,
        formats,
        explain,
        build,
        context,
        check_template,
        import_command,
        init_command,
        enrich_command,
        serve,
    ):
        cli.add_command(command)


_register()


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's exit flush does not raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    """Entry point of the console script: the process ends with the command
    (``gcpause.end_with_command``)."""
    end_with_command()
    cli.main(prog_name="grantdocs")
