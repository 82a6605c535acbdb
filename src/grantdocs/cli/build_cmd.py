"""``grantdocs build``: build documents and print the report."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grantdocs.cli.options import (
    AS_OF,
    EXCLUDES,
    FORMATS,
    PINS,
    TEAM,
    choices,
    ignore_codes,
    split_list,
)

if TYPE_CHECKING:
    from grantdocs.formats.registry import FormatSearchPath


@click.command("build")
@click.argument("format_names", nargs=-1, metavar="[FORMAT]...")
@click.option(
    "--lang", "langs", multiple=True, help="de, en, de,en or de+en (one bilingual document)."
)
@AS_OF
@FORMATS
@click.option(
    "--profile",
    "profiles",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Profile YAML, a folder holding profile.yaml, or a folder of such folders; repeat "
    "for several. Default: ./profile.yaml if there is one, else the bundled profile.",
)
@TEAM
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Output folder.",
)
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice and count pages.")
@click.option(
    "--fit",
    is_flag=True,
    help="Shrink documents over their page limit by their format's fit rule (needs LibreOffice; "
    "implies --pdf).",
)
@PINS
@EXCLUDES
@click.option("--quiet", "-q", is_flag=True, help="Print problems only.")
@click.option("--verbose", "-v", is_flag=True, help="Also print what each slot selected.")
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Also write the report as JSON to FILE ('-': to stdout instead of the text report).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    callback=ignore_codes,
    help="Do not report warnings with this code (e.g. no-doi); repeatable.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Stay running: rebuild when the profile, an included file, a format or a template "
    "changes (Ctrl-C ends).",
)
@click.option(
    "--allow-examples",
    is_flag=True,
    help="Build even when example texts of 'grantdocs init' would reach a document.",
)
@click.option(
    "--trust-members",
    is_flag=True,
    help="Team builds: let members' profiles include files outside their own folders "
    "(each such file is named).",
)
@click.option(
    "--style",
    metavar="STYLE",
    default=None,
    help="Cite in this style in every document: a CSL style id (apa, din-1505-2, ieee), a "
    ".csl file, or author-year / numbered.",
)
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
    search: FormatSearchPath,
    profiles: tuple[Path, ...],
    team_path: Path | None,
    out: Path,
    pdf: bool,
    fit: bool,
    pins: tuple[str, ...],
    excludes: tuple[str, ...],
    quiet: bool,
    verbose: bool,
    json_path: Path | None,
    ignore: list[str],
    watch: bool,
    allow_examples: bool,
    trust_members: bool,
    style: str | None,
    jobs: int | None,
) -> None:
    """Build documents (default: every format, bundled or your own, in every language it
    supports).

    With --team (or several profiles): each member's documents in OUT/<Name>/, the team
    documents (one for the whole team) in OUT/<format>/; a failing member does not stop
    the others, and the exit code is 1.
    """
    # lazy: build, cli.report load only when this runs
    from grantdocs.build import BuildOptions
    from grantdocs.cli.report import NORMAL, QUIET, VERBOSE, run_build

    if team_path is not None and profiles:
        raise click.UsageError("give --team or --profile, not both")
    if team_path is not None and watch:
        raise click.UsageError("--watch follows profiles; it does not follow a team file yet")
    chosen = choices(pins, excludes)
    if style is not None:
        search.style = style
    options = BuildOptions(
        formats=format_names,
        langs=_languages(langs),
        as_of=as_of,
        profiles=profiles,
        team=team_path,
        out=out,
        pin=chosen.pin,
        exclude=chosen.exclude,
        workers=jobs or min(4, os.cpu_count() or 1),
        allow_examples=allow_examples,
        trust_members=trust_members,
        search=search,
        pdf=pdf or fit,
        fit=fit,
        details=json_path is not None,
    )
    level = QUIET if quiet else VERBOSE if verbose else NORMAL
    if watch:
        # lazy: cli.watch loads only when this runs
        from grantdocs.cli.watch import watch_build

        watch_build(options, level=level, ignore=ignore, json_path=json_path)
        return
    failed = run_build(options, level=level, ignore=ignore, json_path=json_path)
    if failed:
        sys.exit(1)


def _languages(given: tuple[str, ...]) -> list[str]:
    """``--lang`` values as a list; a ``--lang`` that names no language is a usage error
    (an empty one would otherwise mean "every language")."""
    langs = split_list(given)
    if given and not langs:
        raise click.BadParameter(
            "name a language, e.g. de, en, de,en or de+en", param_hint="--lang"
        )
    return langs
