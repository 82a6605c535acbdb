"""``grantdocs check-template``: a template against its format."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("check-template")
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
