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


def _register() -> None:
    from grantdocs.cli.import_cmd import import_command
    from grantdocs.cli.init_cmd import init_command

    cli.add_command(import_command)
    cli.add_command(init_command)


_register()


def main() -> None:
    """Entry point of the console script."""
    cli.main(prog_name="grantdocs")


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@cli.command()
def formats() -> None:
    """List the bundled formats with their languages and limits."""
    from grantdocs.formats.registry import bundled_ids, load_format

    for name in bundled_ids():
        spec = load_format(name).spec
        limit = f", at most {spec.page_limit} page(s)" if spec.page_limit else ""
        both = " (+ bilingual)" if spec.bilingual else ""
        click.echo(f"{name:24} {spec.kind:5} {','.join(spec.languages)}{both}{limit}")


@cli.command()
@click.argument("format_name", metavar="FORMAT")
@AS_OF
@PROFILE
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--all", "show_all", is_flag=True, help="Also list every entry left out.")
def explain(
    format_name: str,
    as_of: dt.date | None,
    profile_path: Path | None,
    as_json: bool,
    show_all: bool,
) -> None:
    """Show, slot by slot, what a format selects and why, and what it leaves out."""
    from grantdocs.build import selections_for
    from grantdocs.formats.registry import load_format
    from grantdocs.profile.load import load_profile
    from grantdocs.profile.model import today
    from grantdocs.resources import default_profile
    from grantdocs.select.explain import explain_json, explain_text

    fmt = load_format(format_name)
    loaded = load_profile(profile_path or default_profile())
    day = as_of or today()
    selections = selections_for(fmt, loaded, day)
    if as_json:
        click.echo(explain_json(fmt.id, day, selections))
    else:
        explain_text(fmt.id, day, selections, show_all=show_all)


@cli.command()
@click.argument("format_names", nargs=-1, metavar="[FORMAT]...")
@click.option(
    "--lang", "langs", multiple=True, help="de, en, de,en or de+en (one bilingual document)."
)
@AS_OF
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Profile YAML; repeat for several (a consortium). Default: the bundled profile.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Output folder.",
)
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice and count pages.")
@click.option("--pin", "pins", multiple=True, metavar="SLOT=ID", help="Always keep ID in SLOT.")
@click.option("--exclude", "excludes", multiple=True, metavar="ID", help="Never keep ID.")
@click.option("--quiet", "-q", is_flag=True, help="Print warnings only.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to render in (default: the number of cores, at most 4).",
)
def build(
    format_names: tuple[str, ...],
    langs: tuple[str, ...],
    as_of: dt.date | None,
    profiles: tuple[Path, ...],
    out: Path,
    pdf: bool,
    pins: tuple[str, ...],
    excludes: tuple[str, ...],
    quiet: bool,
    jobs: int | None,
) -> None:
    """Build documents (default: every bundled format in every language it supports)."""
    import os

    from grantdocs.build import BuildOptions
    from grantdocs.cli.report import run_build

    pin_pairs = []
    for item in pins:
        slot, sep, entry = item.partition("=")
        if not sep or not slot or not entry:
            raise click.BadParameter(f"{item!r}: use SLOT=ID", param_hint="--pin")
        pin_pairs.append((slot, entry))
    options = BuildOptions(
        formats=format_names,
        langs=_split(langs),
        as_of=as_of,
        profiles=profiles,
        out=out,
        pin=pin_pairs,
        exclude=_split(excludes),
        workers=jobs or min(4, os.cpu_count() or 1),
    )
    failed = run_build(options, pdf=pdf, quiet=quiet)
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("format_name", metavar="FORMAT")
@click.option("--lang", default=None, help="Language (default: the format's first).")
@AS_OF
@PROFILE
def context(
    format_name: str, lang: str | None, as_of: dt.date | None, profile_path: Path | None
) -> None:
    """Print the template context of a format as YAML: every name a template may use."""
    from grantdocs.build import Language, localiser, selections_for
    from grantdocs.formats.registry import load_format
    from grantdocs.profile.load import load_profile
    from grantdocs.profile.model import today
    from grantdocs.render.context import ContextBuilder, context_yaml
    from grantdocs.resources import default_profile

    fmt = load_format(format_name)
    loaded = load_profile(profile_path or default_profile())
    day = as_of or today()
    loc = localiser(fmt, Language.parse(lang or fmt.spec.languages[0]))
    ctx = ContextBuilder(loaded.profile, fmt.spec, loc, day).build(selections_for(fmt, loaded, day))
    click.echo(context_yaml(ctx), nl=False)


@cli.command("check-template")
@click.argument("format_name", metavar="FORMAT")
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A .docx or .xlsx to check instead of the format's own.",
)
def check_template(format_name: str, template: Path | None) -> None:
    """Check a template: every tag parses, every name exists in the format's context."""
    from grantdocs.formats.registry import load_format
    from grantdocs.render.check import check_template as check

    fmt = load_format(format_name)
    click.echo(check(fmt, template))
