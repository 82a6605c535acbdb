"""``grantdocs formats``: every format on the search path, and where it comes from;
``grantdocs formats FORMAT``: which profile section each of its slots reads, and how."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from grantdocs.cli.options import FORMATS
from grantdocs.errors import FormatError

if TYPE_CHECKING:
    from grantdocs.formats.registry import FormatSearchPath


@click.command("formats")
@click.argument("format_name", metavar="[FORMAT]", required=False)
@FORMATS
def formats(format_name: str | None, search: FormatSearchPath) -> None:
    """List the formats (bundled, and your own folders'), their languages, limits, origin.
    With FORMAT: each slot, the profile section it reads, and its rule in words."""
    if format_name:
        _slots(search, format_name)
        return
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


def _slots(search: FormatSearchPath, format_name: str) -> None:
    """Each slot of one format: the section it reads and its rule in words."""
    # lazy: select.explain loads only when this runs
    from grantdocs.select.explain import rule_in_words

    fmt = search.load(format_name)
    click.echo(f"{fmt.id}: the profile sections each slot reads")
    for name, rule in fmt.spec.slots.items():
        click.echo(f"  {name} ({rule.section}): {rule_in_words(rule)}")
