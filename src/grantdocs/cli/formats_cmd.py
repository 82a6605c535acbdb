"""``grantdocs formats``: every format on the search path, and where it comes from."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from grantdocs.cli.options import FORMATS

if TYPE_CHECKING:
    from grantdocs.formats.registry import FormatSearchPath


@click.command("formats")
@FORMATS
def formats(search: FormatSearchPath) -> None:
    """List the formats (bundled, and your own folders'), their languages, limits, origin."""
    from grantdocs.errors import FormatError

    failed: list[FormatError] = []
    for found in search.all():
        try:
            spec = search.load(found.id).spec
        except FormatError as exc:
            failed.append(exc)
            continue
        limit = f", at most {spec.page_limit} page(s)" if spec.page_limit else ""
        both = " (+ bilingual)" if spec.bilingual else ""
        langs = f"{','.join(spec.languages)}{both}{limit}"
        shadows = f" (shadows {', '.join(found.shadows)})" if found.shadows else ""
        click.echo(f"{found.id:24} {spec.kind:5} {langs:40} {found.origin}{shadows}")
    for error in failed:
        click.echo(error.render(), err=True)
    if failed:
        sys.exit(1)
