"""Run a build for the command line: progress, the report, PDF conversion."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape

from grantdocs.build import BuildOptions, DocumentReport, build
from grantdocs.notices import PAGE_LIMIT, PDF_FAILED, Notice
from grantdocs.profile.load import display_path


def run_build(options: BuildOptions, *, pdf: bool, quiet: bool) -> bool:
    """Build, print the report; return True when a document broke a hard limit."""
    console = Console(stderr=False, highlight=False)
    from rich.progress import Progress

    if pdf:
        from grantdocs.render.pdf import require_soffice

        require_soffice()  # say so before building anything

    from grantdocs.profile.locate import profile_line

    several = len(options.profiles) > 1
    with Progress(console=console, transient=True, disable=quiet or not several) as progress:
        task = progress.add_task("building", total=None)
        reports = build(options, on_document=lambda _r: progress.advance(task))
    if not quiet:
        seen = dict.fromkeys((r.profile_path, r.person) for r in reports)
        for path, person in seen:
            console.print(profile_line(path, person), markup=False, soft_wrap=True)
    if pdf:
        _pdf(reports)
    over = False
    for r in reports:
        over |= _print(console, r, quiet)
    if not quiet:
        out = escape(display_path(options.out.resolve()))
        console.print(f"{len(reports)} document(s) in {out}")
    return over


def _pdf(reports: list[DocumentReport]) -> None:
    from grantdocs.render.atomic import write_bytes
    from grantdocs.render.pdf import convert, count_pages

    failures: dict[Path, str] = {}
    pdfs = convert([r.path for r in reports], failures=failures)
    for r in reports:
        data = pdfs.get(r.path)
        if data is None:
            message = failures.get(r.path, "LibreOffice could not convert this document")
            r.warnings.append(Notice(PDF_FAILED, message))
            continue
        write_bytes(r.path.with_suffix(".pdf"), data)
        r.pages = count_pages(data)
        if r.page_limit and r.pages > r.page_limit:
            r.warnings.append(
                Notice(PAGE_LIMIT, f"{r.pages} pages: over the format's limit of {r.page_limit}")
            )


def _print(console: Console, r: DocumentReport, quiet: bool) -> bool:
    over = bool(r.page_limit and r.pages and r.pages > r.page_limit)
    name = display_path(Path(r.path))
    if not quiet:
        pages = f", {r.pages} page(s)" if r.pages else ""
        console.print(f"[bold]{escape(name)}[/bold] ({escape(r.format_id)}, {r.lang}{pages})")
        for s in r.slots:
            limit = ""
            if s.limit:
                applied = " applied" if s.eligible > s.limit else ""
                limit = f" (limit {s.limit}{applied})"
            console.print(f"  {escape(s.slot)}: {s.count} of {s.eligible} eligible{limit}")
    where = "" if not quiet else f"{name}: "
    by_code: dict[str, list[Notice]] = {}
    for w in r.warnings:
        by_code.setdefault(w.code, []).append(w)
    for notices in by_code.values():
        first = notices[0]
        more = f" (and {len(notices) - 1} more of this kind)" if len(notices) > 1 else ""
        console.print(
            f"  [yellow]warning[/yellow]: {escape(where + first.message + more)}", soft_wrap=True
        )
    return over
