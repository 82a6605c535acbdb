"""``grantdocs check-template``: a template against its format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from grantdocs.cli.options import FORMATS

if TYPE_CHECKING:
    from grantdocs.formats.registry import FormatSearchPath


@click.command("check-template")
@click.argument("format_name", metavar="FORMAT")
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A .docx or .xlsx to check instead of the format's own.",
)
@FORMATS
def check_template(format_name: str, template: Path | None, search: FormatSearchPath) -> None:
    """Check a template: every tag parses, every name exists in the format's context."""
    # lazy: template_check loads only when this runs
    from grantdocs.template_check import check_template as check

    fmt = search.load(format_name)
    click.echo(check(fmt, template))
