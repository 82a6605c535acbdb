"""``grantdocs formats``: the bundled formats."""

from __future__ import annotations

import click


@click.command("formats")
def formats() -> None:
    """List the bundled formats with their languages and limits."""
    from grantdocs.formats.registry import bundled_ids, load_format

    for name in bundled_ids():
        spec = load_format(name).spec
        limit = f", at most {spec.page_limit} page(s)" if spec.page_limit else ""
        both = " (+ bilingual)" if spec.bilingual else ""
        click.echo(f"{name:24} {spec.kind:5} {','.join(spec.languages)}{both}{limit}")
