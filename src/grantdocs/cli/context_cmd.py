"""``grantdocs context``: every name a template may use, with values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grantdocs.cli.options import AS_OF, FORMATS, PROFILE, load

if TYPE_CHECKING:
    from grantdocs.formats.registry import FormatSearchPath


@click.command("context")
@click.argument("format_name", metavar="FORMAT", required=False)
@click.option("--lang", default=None, help="Language (default: the format's first).")
@AS_OF
@PROFILE
@FORMATS
@click.option(
    "--doc", is_flag=True, help="Print the reference of every name (docs/template-context.md)."
)
def context(
    format_name: str | None,
    lang: str | None,
    as_of: dt.date | None,
    profile_path: Path | None,
    search: FormatSearchPath,
    doc: bool,
) -> None:
    """Print the template context of a format as YAML: every name a template may use."""
    if doc:
        from grantdocs.render.context_doc import template_context_doc

        click.echo(template_context_doc(), nl=False)
        return
    if format_name is None:
        raise click.UsageError("name a FORMAT (or use --doc)")
    from grantdocs.prepare import Language, prepare
    from grantdocs.profile.model import today
    from grantdocs.render.context import context_yaml

    fmt = search.load(format_name)
    language = Language.parse(lang or fmt.spec.languages[0])
    loaded = load(profile_path, prefix="# ")
    prepared = prepare(fmt, language, loaded, as_of or today())
    click.echo(context_yaml(prepared.context), nl=False)
