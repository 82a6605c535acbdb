"""Run a build for the command line and print its report.

Default: the profile line, one line a document, one deduplicated list of what to fix, one
summary line. ``-v`` adds each slot's count, ``-q`` prints problems only, ``--json FILE``
writes the report as data. Lines are never wrapped (``grep`` sees whole lines).
"""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from grantdocs.atomic import write_bytes
from grantdocs.build import BuildOptions, BuildResult, DocumentReport, build_all
from grantdocs.build.pages import FIT
from grantdocs.gcpause import ends_with_command
from grantdocs.notices import FITTED, PAGE_LIMIT, PDF_FAILED
from grantdocs.paths import display_path
from grantdocs.profile.locate import profile_folders, profile_line
from grantdocs.render.pdf import require_soffice
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
    """Build, print the report; return True when a document is over its page limit, or
    a member or document of a multi-profile build failed."""
    if options.pdf or options.fit:
        require_soffice()  # say so before building anything
    result = _build_with_progress(options)
    reports = [r for r in result.reports if r.error is None]
    over = print_report(
        reports, options, level=level, ignore=ignore, json_path=json_path, failed=result.failed
    )
    return members_summary(result, level) or over


def _build_with_progress(options: BuildOptions) -> BuildResult:
    """``build_all``, with a progress bar on a terminal when several profiles are built."""
    several = (
        len(options.profiles) > 1
        or options.team is not None
        or any(profile_folders(p) for p in options.profiles)
    )
    if not several:
        return build_all(options, on_plan=_alone)
    # lazy: rich loads only when this runs
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("building", total=None)
        return build_all(
            options,
            on_document=lambda _r: progress.advance(task),
            on_plan=lambda total: progress.update(task, total=total),
        )


def _alone(documents: int) -> None:
    """A build of one document in a process that ends with the command leaves the collector
    paused after the document (``run_task`` resumes it only if it ran before): resuming
    walks every object the document made (~30 ms) to free memory the process's end frees."""
    if documents == 1 and ends_with_command():
        gc.disable()


def members_summary(result: BuildResult, level: int = NORMAL) -> bool:
    """The end of a multi-profile build's report: each member's documents, then every
    member or document that failed and why. True if anything failed."""
    for note in result.skipped:
        click.echo(f"skipped: {note}")
    if result.members and level > QUIET:
        # lazy: team.model loads only when this runs
        from grantdocs.team.model import ROLE_LABELS

        click.echo("members:")
        for m in result.members:
            if m.error:
                continue
            mine = [r for r in result.reports if r.member == m.name and r.error is None]
            role = f", {ROLE_LABELS[m.role].lower()}" if m.role in ROLE_LABELS else ""
            formats = ", ".join(dict.fromkeys(r.format_id for r in mine))
            built = (
                f"{len(mine)} document(s) in {m.name}/ ({formats})"
                if mine
                else "in the team documents only (no member format asked for)"
            )
            click.echo(f"  {m.person} ({display_path(m.profile)}{role}): {built}")
    failed = result.failed
    if failed:
        click.echo(f"failed: {len(failed)}", err=True)
        for who, why in failed:
            click.echo(f"  {who}:", err=True)
            for line in why.splitlines():
                click.echo(f"    {line}", err=True)
    return bool(failed)


def print_report(
    reports: list[DocumentReport],
    options: BuildOptions,
    *,
    level: int = NORMAL,
    ignore: Sequence[str] = (),
    json_path: Path | None = None,
    failed: Sequence[tuple[str, str]] = (),
) -> bool:
    """Print (and with ``json_path`` write) the report of a build; True when a document is
    over its page limit. ``failed``: (who, why) of failed members and documents, for the
    JSON report."""
    to_stdout = json_path is not None and str(json_path) == "-"
    if json_path is not None:
        data = json.dumps(
            as_json(reports, ignore, options.out, failed), indent=2, ensure_ascii=False
        ).encode()
        if to_stdout:
            sys.stdout.buffer.write(data + b"\n")
            sys.stdout.flush()
        else:
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
    if level > QUIET:
        for path, person, scope in dict.fromkeys(
            (r.profile_path, r.person, r.scope) for r in reports
        ):
            click.echo(profile_line(path, person) if scope == "person" else f"team: {person}")
    for r in reports:
        flagged = (
            over_limit(r)
            or has_placeholders(r)
            or any(n.code in (FITTED, PDF_FAILED) for n in kept(r, ignore))
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
