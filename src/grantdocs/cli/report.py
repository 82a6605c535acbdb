"""Run a build for the command line: progress, the report, PDF conversion."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from grantdocs.build import BuildOptions, DocumentReport, build
from grantdocs.profile.load import display_path


def run_build(options: BuildOptions, *, pdf: bool, quiet: bool) -> bool:
    """Build, print the report; return True when a document broke a hard limit."""
    console = Console(stderr=False, highlight=False)
    from rich.progress import Progress

    if pdf:
        from grantdocs.render.pdf import require_soffice

        require_soffice()  # say so before building anything

    several = len(options.profiles) > 1
    with Progress(console=console, transient=True, disable=quiet or not several) as progress:
        task = progress.add_task("building", total=None)
        reports = build(options, on_document=lambda _r: progress.advance(task))
    if pdf:
        _pdf(reports)
    over = False
    for r in reports:
        over |= _print(console, r, quiet)
    if not quiet:
        console.print(f"{len(reports)} document(s) in {display_path(options.out.resolve())}")
    return over


def _pdf(reports: list[DocumentReport]) -> None:
    from grantdocs.render.atomic import write_bytes
    from grantdocs.render.pdf import convert, count_pages

    pdfs = convert([r.path for r in reports])
    for r in reports:
        data = pdfs.get(r.path)
        if data is None:
            r.warnings.append("LibreOffice could not convert this document to PDF")
            continue
        write_bytes(r.path.with_suffix(".pdf"), data)
        r.pages = count_pages(data)
        if r.page_limit and r.pages > r.page_limit:
            r.warnings.append(f"{r.pages} pages: over the format's limit of {r.page_limit}")


def _print(console: Console, r: DocumentReport, quiet: bool) -> bool:
    over = bool(r.page_limit and r.pages and r.pages > r.page_limit)
    name = display_path(Path(r.path))
    if not quiet:
        pages = f", {r.pages} page(s)" if r.pages else ""
        console.print(f"[bold]{name}[/bold] ({r.format_id}, {r.lang}{pages})")
        for s in r.slots:
            limit = ""
            if s.limit:
                applied = " applied" if s.eligible > s.limit else ""
                limit = f" (limit {s.limit}{applied})"
            console.print(f"  {s.slot}: {s.count} of {s.eligible} eligible{limit}")
    for w in r.warnings:
        where = "" if not quiet else f"{name}: "
        console.print(f"  [yellow]warning[/yellow]: {where}{w}", soft_wrap=True)
    return over
