"""``grantdocs context``: every name a template may use, with values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from grantdocs.cli.options import AS_OF, PROFILE


@click.command("context")
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
