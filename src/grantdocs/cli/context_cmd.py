"""``grantdocs context``: every name a template may use, with values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from grantdocs.cli.options import AS_OF, PROFILE, load


@click.command("context")
@click.argument("format_name", metavar="FORMAT")
@click.option("--lang", default=None, help="Language (default: the format's first).")
@AS_OF
@PROFILE
def context(
    format_name: str, lang: str | None, as_of: dt.date | None, profile_path: Path | None
) -> None:
    """Print the template context of a format as YAML: every name a template may use."""
    from grantdocs.formats.registry import load_format
    from grantdocs.prepare import Language, prepare
    from grantdocs.profile.model import today
    from grantdocs.render.context import context_yaml

    fmt = load_format(format_name)
    language = Language.parse(lang or fmt.spec.languages[0])
    loaded = load(profile_path, prefix="# ")
    prepared = prepare(fmt, language, loaded, as_of or today())
    click.echo(context_yaml(prepared.context), nl=False)
