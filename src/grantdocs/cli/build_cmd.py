"""``grantdocs build``: build documents and print the report."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from grantdocs.cli.options import AS_OF, split_list


@click.command("build")
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
        langs=split_list(langs),
        as_of=as_of,
        profiles=profiles,
        out=out,
        pin=pin_pairs,
        exclude=split_list(excludes),
        workers=jobs or min(4, os.cpu_count() or 1),
    )
    failed = run_build(options, pdf=pdf, quiet=quiet)
    if failed:
        sys.exit(1)
