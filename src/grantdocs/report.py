"""The build report: what each document got (``DocumentReport``, ``BuildResult``), and the
report as people read it: what to fix, once each, however many documents it hits.

The functions are pure over ``DocumentReport`` lists: the command line prints them, ``--json``
dumps them, watch mode reprints them after each rebuild.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from grantdocs.notices import (
    EMPTY_SECTION,
    FALLBACK,
    FITTED,
    NO_DOI,
    NOT_AN_AUTHOR,
    NOT_SHOWN,
    PAGE_LIMIT,
    PDF_FAILED,
    PLACEHOLDER,
    Notice,
)
from grantdocs.paths import display_path

if TYPE_CHECKING:
    from grantdocs.team.render import Part


class Chosen(Struct, frozen=True):
    """An entry a slot kept: its id (or short description) and, with ``details``, why."""

    id: str
    reason: str = ""


class SlotReport(Struct):
    slot: str
    label: str
    count: int
    eligible: int
    limit: int | None
    chosen: list[Chosen] = field(default_factory=list)


class DocumentReport(Struct):
    """What one document got, and every warning about it."""

    format_id: str
    lang: str
    path: Path
    profile: str
    profile_path: Path
    person: str
    slots: list[SlotReport] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    pages: int | None = None
    page_limit: int | None = None
    ignore: tuple[str, ...] = ()
    """Warning codes the profile silences (``report: {ignore: [...]}``)."""
    dropped_to_fit: list[tuple[str, str]] = field(default_factory=list)
    """``(slot, id)`` of every entry ``--fit`` left out, in the order dropped."""
    scope: str = "person"
    """``person``, or ``team`` for a team document."""
    member: str = ""
    """The member's output name in a multi-profile build ("" otherwise, and for team
    documents)."""
    error: str | None = None
    """Why the document could not be built (a multi-profile build goes on without it)."""
    parts: list[Part] = field(default_factory=list)
    """A composed document's parts (the CV annex), for a PDF with a bookmark per part."""


class MemberSummary(Struct):
    """One person of a multi-profile build: their output name, and why they failed, if so."""

    name: str
    profile: Path
    person: str
    role: str = ""
    error: str | None = None


class BuildResult(Struct):
    """Every document built, every member, and what was left out and why."""

    reports: list[DocumentReport] = field(default_factory=list)
    members: list[MemberSummary] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[tuple[str, str]]:
        """(who or what, why) for every member or document that could not be built."""
        failures = [
            (
                f"{m.person} ({display_path(m.profile)})" if m.person else display_path(m.profile),
                m.error or "",
            )
            for m in self.members
            if m.error
        ]
        failures += [
            (f"{r.member or 'team'}: {r.format_id} ({r.lang})", r.error or "")
            for r in self.reports
            if r.error
        ]
        return failures


DOCUMENT_CODES = frozenset({PAGE_LIMIT, PDF_FAILED, FITTED, EMPTY_SECTION})
"""Codes about a document itself, shown on its line rather than in the list of fixes."""

COUNTED: dict[str, tuple[str, str]] = {
    NO_DOI: ("1 publication has no DOI", "{n} publications have no DOI"),
    NOT_AN_AUTHOR: (
        "1 listed publication names no author matching you: add the name form it prints to "
        "person.name_variants, or exclude it",
        "{n} listed publications name no author matching you: add the name forms they print "
        "to person.name_variants, or exclude them",
    ),
    PLACEHOLDER: (
        "example text of 'grantdocs init' left in 1 value",
        "example text of 'grantdocs init' left in {n} values",
    ),
    NOT_SHOWN: (
        "1 entry of the profile is in no section of a document: a format's rule leaves it out",
        "{n} entries of the profile are in no section of a document: a format's rule leaves "
        "them out",
    ),
    FALLBACK: (
        "fell back to another language for 1 text (no translation)",
        "fell back to another language for {n} texts (no translation)",
    ),
}
"""Codes whose notices name one entry each: one line a code, counting the entries
(``not-shown`` names a single entry in full)."""


class Fix(Struct, frozen=True):
    """One thing to fix, with how far it reaches."""

    code: str
    subject: str | None
    """What the fix is about (an entry id, a field); None for a line that counts entries."""
    message: str
    entries: int
    """Distinct entries (subjects) concerned."""
    documents: int
    """Documents the fix would change."""
    first: str | None
    """``file:line:col`` of the first place to fix, in file order, when known."""
    subjects: tuple[str, ...] = ()

    def line(self) -> str:
        """The fix as one line of the report."""
        where = f" (first at {self.first})" if self.first else ""
        if not where and self.code in COUNTED and self.subjects:
            where = f" (first: {self.subjects[0]})"
        docs = "1 document" if self.documents == 1 else f"{self.documents} documents"
        return f"{self.message}{where} — affects {docs} [{self.code}]"


def kept(report: DocumentReport, ignore: Iterable[str] = ()) -> list[Notice]:
    """The report's notices less the ignored codes (the command's and its profile's)."""
    silenced = set(ignore) | set(report.ignore)
    return [n for n in report.warnings if n.code not in silenced]


def fixes(reports: Sequence[DocumentReport], ignore: Iterable[str] = ()) -> list[Fix]:
    """Every profile-level notice of every document once, grouped by fix (code and subject),
    in the order first seen."""
    ignore = tuple(ignore)
    # several people: a fix whose wording differs between them (their own entries) is one
    # fix each, named with the person; the same wording for all stays one fix
    several = len({r.profile_path for r in reports if r.scope == "person"}) > 1
    groups: dict[tuple[str, str | None, str | None], list[tuple[int, Notice]]] = {}
    for index, report in enumerate(reports):
        for notice in kept(report, ignore):
            if notice.code in DOCUMENT_CODES:
                continue
            if notice.code in COUNTED:
                key: tuple[str, str | None, str | None] = (notice.code, None, None)
            else:
                own = notice.message if several else None
                key = (notice.code, notice.subject or notice.message, own)
            groups.setdefault(key, []).append((index, notice))
    result = []
    for (code, subject, own), items in groups.items():
        subjects = tuple(dict.fromkeys(n.subject or n.message for _i, n in items))
        documents = len({i for i, _n in items})
        wheres = [n.where for _i, n in items if n.where]
        first = min(wheres, key=_file_order) if wheres else None
        if code in COUNTED and not (code == NOT_SHOWN and len(subjects) == 1):
            one, many = COUNTED[code]
            message = one if len(subjects) == 1 else many.format(n=len(subjects))
        else:
            message = max(items, key=lambda item: _wording(item, reports))[1].message
            people = {reports[i].person for i, _n in items if reports[i].scope == "person"}
            wordings = [o for (c, s, o) in groups if c == code and s == subject]
            if own is not None and len(people) == 1 and len(wordings) > 1:
                message = f"{people.pop()}: {message}"
        result.append(Fix(code, subject, message, len(subjects), documents, first, subjects))
    return result


_ROWS = re.compile(r" in (\d+) of \d+ rows")


def _wording(item: tuple[int, Notice], reports: Sequence[DocumentReport]) -> tuple[int, bool]:
    """Which notice of a group speaks for it: the one where the fix reaches furthest (most
    rows of a "left empty in N of M rows"), in English where there is a choice."""
    index, notice = item
    match = _ROWS.search(notice.message)
    return (int(match[1]) if match else 0, reports[index].lang == "en")


_WHERE = re.compile(r"^(.*?):(\d+)(?::(\d+))?$")


def _file_order(where: str) -> tuple[str, int, int]:
    """``file:line:col`` as a key that sorts line 9 before line 10."""
    match = _WHERE.match(where)
    if not match:
        return (where, 0, 0)
    return (match[1], int(match[2]), int(match[3] or 0))


def over_limit(report: DocumentReport) -> bool:
    """The document has more pages than its format allows."""
    return bool(report.page_limit and report.pages and report.pages > report.page_limit)


def has_placeholders(report: DocumentReport) -> bool:
    return any(n.code == PLACEHOLDER for n in report.warnings)


def document_line(report: DocumentReport, display: str) -> str:
    """One line a document: where, which language, pages against the limit, marks (after
    ``!!``) when it is over the limit, keeps example text, or was not converted (why is
    printed below the line), then its empty sections."""
    parts = [display, report.lang]
    if report.pages is not None and report.page_limit:
        parts.append(f"{report.pages}/{report.page_limit} pages")
    elif report.pages is not None:
        parts.append(_pages(report.pages))
    elif report.page_limit:
        parts.append(f"limit {_pages(report.page_limit)}")
    empty = [
        (n.subject or "").partition(":")[2]
        for n in report.warnings
        if n.code == EMPTY_SECTION and n.code not in report.ignore
    ]
    marks = []
    if report.pages is not None and report.page_limit and report.pages > report.page_limit:
        marks.append(f"OVER THE PAGE LIMIT by {report.pages - report.page_limit}")
    if has_placeholders(report):
        marks.append("EXAMPLE TEXT LEFT")
    if any(n.code == PDF_FAILED for n in report.warnings):
        marks.append("NO PDF")
    line = "  ".join(parts) + ("  !! " + "; ".join(marks) if marks else "")
    if empty:
        more = f" and {len(empty) - 3} more" if len(empty) > 3 else ""
        line += "  empty (left out or 'None'): " + ", ".join(empty[:3]) + more
    return line


def _pages(n: int) -> str:
    return "1 page" if n == 1 else f"{n} pages"


def summary_line(reports: Sequence[DocumentReport], found: Sequence[Fix], out: str) -> str:
    """The last line: how many documents, how many over the limit, how much to fix."""
    over = sum(over_limit(r) for r in reports)
    counted = [r for r in reports if r.pages is not None]
    docs = "1 document" if len(reports) == 1 else f"{len(reports)} documents"
    text = f"{docs} in {out}"
    if counted:
        text += f"; {over} over the page limit"
    if not found:
        text += "; nothing to fix"
    else:
        text += "; 1 thing to fix" if len(found) == 1 else f"; {len(found)} things to fix"
    return text


def as_json(
    reports: Sequence[DocumentReport],
    ignore: Iterable[str] = (),
    out: Path | None = None,
    failed: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """The report as data (``schema/report.schema.json`` describes it). ``failed`` holds
    (who or what, why) for every member or document of a multi-profile build that failed."""
    ignore = tuple(ignore)
    found = fixes(reports, ignore)
    return {
        "version": 1,
        "out": str(out) if out is not None else None,
        "failed": [{"what": what, "why": why} for what, why in failed],
        "documents": [
            {
                "path": str(r.path),
                "format": r.format_id,
                "lang": r.lang,
                "profile": r.profile,
                "person": r.person,
                "pages": r.pages,
                "page_limit": r.page_limit,
                "over_limit": over_limit(r),
                "placeholders": has_placeholders(r),
                "dropped_to_fit": [{"slot": slot, "id": entry} for slot, entry in r.dropped_to_fit],
                "slots": [
                    {
                        "slot": s.slot,
                        "label": s.label,
                        "count": s.count,
                        "eligible": s.eligible,
                        "limit": s.limit,
                        "chosen": [{"id": c.id, "reason": c.reason} for c in s.chosen],
                    }
                    for s in r.slots
                ],
                "warnings": [
                    {"code": n.code, "message": n.message, "where": n.where, "subject": n.subject}
                    for n in kept(r, ignore)
                ],
            }
            for r in reports
        ],
        "fixes": [
            {
                "code": f.code,
                "subject": f.subject,
                "message": f.message,
                "entries": f.entries,
                "documents": f.documents,
                "first": f.first,
            }
            for f in found
        ],
    }
