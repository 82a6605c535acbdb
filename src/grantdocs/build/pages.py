"""The build's page stage: PDF conversion, page counts against the limit, and ``--fit``.

``--fit`` shrinks a document over its format's ``page_limit`` by the format's ``fit`` rule:
the slots in ``shrink`` lose their least important entries (the end of their order), the
first slot down to its ``minimum`` before the next one is touched. A binary search over how
many entries to drop finds the first selection that fits; every probe is rendered and
converted in a temporary folder, so the output folder only ever holds a finished document.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from grantdocs.atomic import write_bytes
from grantdocs.notices import FITTED, PAGE_LIMIT, PDF_FAILED, Notice
from grantdocs.render import pdf
from grantdocs.team.pdf import join_pdfs

if TYPE_CHECKING:
    from grantdocs.formats.registry import Format
    from grantdocs.report import DocumentReport
    from grantdocs.select.engine import Selection

Limits = tuple[tuple[str, int], ...]
Probe = Callable[[Limits, Path], "DocumentReport"]
"""Builds the document with lower slot limits into a folder (a trial of ``--fit``)."""
FIT = "fit"
"""The subject of a ``page-limit`` notice that says why ``--fit`` could not help."""


def count_pages(reports: Sequence[DocumentReport]) -> None:
    """Convert every document in one LibreOffice run, write each PDF beside its document,
    and record its pages (and a ``page-limit`` notice when it is over)."""
    failures: dict[Path, str] = {}
    pdfs = pdf.convert([r.path for r in reports], failures=failures)
    for r in reports:
        data = pdfs.get(r.path)
        if data is None:
            message = failures.get(r.path, "LibreOffice could not convert this document")
            r.warnings.append(Notice(PDF_FAILED, message))
            continue
        write_bytes(r.path.with_suffix(".pdf"), data)
        r.pages = pdf.count_pages(data)
        if r.page_limit and r.pages > r.page_limit:
            r.warnings.append(
                Notice(PAGE_LIMIT, f"{r.pages} pages: over the format's limit of {r.page_limit}")
            )


def count_composed_pages(reports: Sequence[DocumentReport]) -> None:
    """For each composed document (``report.parts``): every part converted in one
    LibreOffice run, the PDFs joined with a bookmark per part and written beside the
    document, its pages recorded (as ``count_pages`` does for the others)."""
    if not reports:
        return
    failures: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="grantdocs-parts-") as tmp:
        staged = [
            [Path(tmp, f"{index}-{n}.docx") for n in range(len(r.parts))]
            for index, r in enumerate(reports)
        ]
        for r, paths in zip(reports, staged, strict=True):
            for path, part in zip(paths, r.parts, strict=True):
                path.write_bytes(part.data)
        pdfs = pdf.convert([p for paths in staged for p in paths], failures=failures)
    for r, paths in zip(reports, staged, strict=True):
        missing = [p for p in paths if p not in pdfs]
        if missing:
            message = failures.get(missing[0], "LibreOffice could not convert this document")
            r.warnings.append(Notice(PDF_FAILED, message))
            continue
        data = join_pdfs([(part.title, pdfs[p]) for part, p in zip(r.parts, paths, strict=True)])
        write_bytes(r.path.with_suffix(".pdf"), data)
        r.pages = pdf.count_pages(data)
        if r.page_limit and r.pages > r.page_limit:
            r.warnings.append(
                Notice(PAGE_LIMIT, f"{r.pages} pages: over the format's limit of {r.page_limit}")
            )


def drop_plan(report: DocumentReport, fmt: Format) -> list[tuple[str, int, int]]:
    """``(slot, kept now, fewest allowed)`` for each slot of the shrink order, in order."""
    rule = fmt.spec.fit
    if rule is None:
        return []
    counts = {s.slot: s.count for s in report.slots}
    return [
        (slot, counts.get(slot, 0), min(rule.minimum.get(slot, 0), counts.get(slot, 0)))
        for slot in rule.shrink
    ]


def limits_for(plan: list[tuple[str, int, int]], drop: int) -> Limits:
    """The slot limits that leave out ``drop`` entries, first slots of the plan first."""
    limits = []
    for slot, count, minimum in plan:
        here = min(drop, count - minimum)
        limits.append((slot, count - here))
        drop -= here
    return tuple(limits)


def fit(report: DocumentReport, fmt: Format, build: Probe) -> DocumentReport:
    """``report``'s document (of format ``fmt``; ``build`` makes each trial) shrunk to its page
    limit (a new report), or ``report`` itself when it fits already, when its format has no
    ``fit`` rule, or when even the minimum is too long (then with a ``page-limit`` notice
    saying by how much)."""
    limit = report.page_limit
    if not limit or report.pages is None or report.pages <= limit:
        return report
    plan = drop_plan(report, fmt)
    most = sum(count - minimum for _slot, count, minimum in plan)
    if not plan or most == 0:
        why = "its format declares no fit rule" if not plan else "every slot is at its minimum"
        report.warnings.append(
            Notice(PAGE_LIMIT, f"--fit cannot shrink this document: {why}", subject=FIT)
        )
        return report
    with tempfile.TemporaryDirectory(prefix="grantdocs-fit-") as tmp:
        probes: dict[int, tuple[DocumentReport, bytes | None]] = {}

        def probe(drop: int) -> tuple[DocumentReport, bytes | None]:
            if drop not in probes:
                probes[drop] = _probe(build, Path(tmp, str(drop)), limits_for(plan, drop))
            return probes[drop]

        def fits(drop: int) -> bool:
            tried, _pdf = probe(drop)
            return tried.pages is not None and tried.pages <= limit

        if not fits(most):
            shortest = probe(most)[0].pages
            minimum = ", ".join(f"{slot} {n}" for slot, n in limits_for(plan, most))
            over = f"{shortest} pages, {shortest - limit} over" if shortest else "not converted"
            report.warnings.append(
                Notice(
                    PAGE_LIMIT,
                    f"cannot fit {limit} pages even at the format's minimum ({minimum}): "
                    f"{over}; shorten the texts or lower the minimum",
                    subject=FIT,
                )
            )
            return report
        low, high = 1, most
        while low < high:
            middle = (low + high) // 2
            if fits(middle):
                high = middle
            else:
                low = middle + 1
        fitted, pdf_data = probe(high)
        write_bytes(report.path, fitted.path.read_bytes())
        if pdf_data is not None:
            write_bytes(report.path.with_suffix(".pdf"), pdf_data)
    dropped = _dropped(report, fitted, [slot for slot, _count, _min in plan])
    names = "; ".join(
        f"{slot}: " + ", ".join(entry for s, entry in dropped if s == slot)
        for slot in dict.fromkeys(s for s, _e in dropped)
    )
    warnings = [n for n in fitted.warnings if n.code != PAGE_LIMIT]
    warnings.append(
        Notice(
            FITTED,
            f"dropped {len(dropped)} to fit {limit} pages ({report.pages} before): {names}",
            subject=report.format_id,
        )
    )
    return msgspec.structs.replace(
        fitted, path=report.path, warnings=warnings, dropped_to_fit=dropped
    )


def _probe(build: Probe, out: Path, limits: Limits) -> tuple[DocumentReport, bytes | None]:
    """Build and convert one trial selection in ``out``; its report carries its pages."""
    tried = build(limits, out)
    data = pdf.convert([tried.path]).get(tried.path)
    tried.pages = pdf.count_pages(data) if data is not None else None
    return tried, data


def _dropped(
    before: DocumentReport, after: DocumentReport, order: list[str]
) -> list[tuple[str, str]]:
    """``(slot, id)`` of entries ``before`` listed and ``after`` does not, in drop order."""
    was = {s.slot: s.chosen for s in before.slots}
    kept = {s.slot: {c.id for c in s.chosen} for s in after.slots}
    return [
        (slot, c.id)
        for slot in order
        for c in reversed(was.get(slot, []))
        if c.id not in kept.get(slot, set())
    ]


def fitted_selections(
    selections: dict[str, Selection], dropped: Sequence[tuple[str, str]], limit: int
) -> dict[str, Selection]:
    """``selections`` as ``--fit`` left them: each dropped entry no longer kept, with the
    reason "dropped to fit N pages" (for ``grantdocs explain --fit``)."""
    reason = f"dropped to fit {limit} pages"
    result = {}
    for name, sel in selections.items():
        ids = {entry for slot, entry in dropped if slot == name}
        if not ids:
            result[name] = sel
            continue
        was_kept = [d for d in sel.decisions if d.kept]
        cut = [
            msgspec.structs.replace(d, kept=False, reason=reason, rank=None)
            for d in was_kept
            if getattr(d.entry, "id", None) in ids
        ]
        decisions = (  # what was cut first among the entries left out
            *(d for d in was_kept if getattr(d.entry, "id", None) not in ids),
            *cut,
            *(d for d in sel.decisions if not d.kept),
        )
        kept = tuple(e for e in sel.kept if getattr(e, "id", None) not in ids)
        result[name] = sel.with_decisions(kept, decisions)
    return result
