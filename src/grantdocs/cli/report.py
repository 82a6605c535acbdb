"""Run a build for the command line and print its report.

Default: the profile line, one line a document, one deduplicated list of what to fix, one
summary line. ``-v`` adds each slot's count, ``-q`` prints problems only, ``--json FILE``
writes the report as data. Lines are never wrapped (``grep`` sees whole lines).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from grantdocs.build import BuildOptions, DocumentReport, build
from grantdocs.notices import FITTED, PAGE_LIMIT, PDF_FAILED
from grantdocs.pages import FIT
from grantdocs.profile.load import display_path
from grantdocs.report import (
    as_json,
    document_line,
    fixes,
    has_placeholders,
    kept,
    over_limit,
    summary_line,
)

QUIET, NORMAL, VERBOSE = 0, 1, 2


def run_build(
    options: BuildOptions,
    *,
    level: int = NORMAL,
    ignore: Sequence[str] = (),
    json_path: Path | None = None,
) -> bool:
    """Build, print the report; return True when a document is over its page limit."""
    if options.pdf or options.fit:
        from grantdocs.render.pdf import require_soffice

        require_soffice()  # say so before building anything
    reports = build(options)
    return print_report(reports, options, level=level, ignore=ignore, json_path=json_path)


def print_report(
    reports: list[DocumentReport],
    options: BuildOptions,
    *,
    level: int = NORMAL,
    ignore: Sequence[str] = (),
    json_path: Path | None = None,
) -> bool:
    """Print (and with ``json_path`` write) the report of a build; True when a document is
    over its page limit."""
    to_stdout = json_path is not None and str(json_path) == "-"
    if json_path is not None:
        data = json.dumps(
            as_json(reports, ignore, options.out), indent=2, ensure_ascii=False
        ).encode()
        if to_stdout:
            sys.stdout.buffer.write(data + b"\n")
            sys.stdout.flush()
        else:
            from grantdocs.render.atomic import write_bytes

            write_bytes(json_path, data + b"\n")
    if not to_stdout:
        _print_text(reports, options, level, ignore)
    over = [r for r in reports if over_limit(r)]
    for r in over:
        pages, limit = r.pages or 0, r.page_limit or 0
        why = [n.message for n in r.warnings if n.code == PAGE_LIMIT and n.subject == FIT]
        click.echo(
            f"error: {display_path(r.path)}: {pages} pages, {pages - limit} over the limit of "
            f"{limit}" + "".join(f"; {text}" for text in why),
            err=True,
        )
    return bool(over)


def _print_text(
    reports: list[DocumentReport], options: BuildOptions, level: int, ignore: Sequence[str]
) -> None:
    from grantdocs.profile.locate import profile_line

    if level > QUIET:
        for path, person in dict.fromkeys((r.profile_path, r.person) for r in reports):
            click.echo(profile_line(path, person))
    for r in reports:
        flagged = over_limit(r) or has_placeholders(r) or any(
            n.code in (FITTED, PDF_FAILED) for n in kept(r, ignore)
        )
        if level == QUIET and not flagged:
            continue
        line = document_line(r, display_path(r.path))
        click.echo(click.style(line, fg="red") if "!!" in line else line)
        for notice in kept(r, ignore):
            if notice.code == FITTED:
                click.echo(f"  {notice.message}")
            elif notice.code == PDF_FAILED:
                click.echo(f"  warning: {notice.message}")
        if level == VERBOSE:
            for s in r.slots:
                limit = ""
                if s.limit is not None:
                    applied = " applied" if s.eligible > s.limit else ""
                    limit = f" (limit {s.limit}{applied})"
                click.echo(f"  {s.slot}: {s.count} of {s.eligible} eligible{limit}")
    found = fixes(reports, ignore)
    if found:
        click.echo("To fix (each once, however many documents it affects):")
        for fix in found:
            click.echo(f"  {fix.line()}")
    if level > QUIET:
        out = display_path(options.out.resolve())
        summary = summary_line(reports, found, out)
        if not any(r.pages is not None for r in reports) and any(r.page_limit for r in reports):
            summary += "; pages not counted (--pdf counts them)"
        click.echo(summary)
