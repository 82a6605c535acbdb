"""What each page shows, as plain values for its template (escaped there)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import quote

from msgspec import Struct, field

from grantdocs.build import DocumentReport
from grantdocs.errors import GrantdocsError
from grantdocs.paths import display_path
from grantdocs.prepare import Choices, select_slots
from grantdocs.profile.load import load_profile
from grantdocs.report import fixes, has_placeholders, over_limit
from grantdocs.select.choices_file import read_choices
from grantdocs.select.explain import describe, when
from grantdocs.serve.workspace import Snapshot, Workspace

LANG_NAMES = {"de": "Deutsch", "en": "English", "fr": "Français"}


class DocumentRow(Struct):
    """One document of the overview."""

    member: str
    format_id: str
    title: str
    lang: str
    pages: int | None
    limit: int | None
    marks: list[str]
    link: str
    error: str | None = None


class Overview(Struct):
    """The first page: who, which documents, what to fix."""

    heading: str
    source: str
    as_of: dt.date | None
    team: bool
    documents: list[DocumentRow] = field(default_factory=list)
    members: list[dict[str, str]] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    editable: bool = False
    """The profile's decisions may be saved (not a bundled example, not a team)."""


def _title(workspace: Workspace, format_id: str, lang: str) -> str:
    try:
        spec = workspace.search.load(format_id).spec
    except GrantdocsError:
        return format_id
    code = lang.partition("+")[0]
    title = spec.title
    if isinstance(title, dict):
        return str(title.get(code) or title.get("en") or next(iter(title.values()), format_id))
    return str(title or format_id)


def doc_link(format_id: str, member: str = "") -> str:
    """The address of a document's page."""
    return f"/doc/{quote(format_id)}" + (f"?member={quote(member)}" if member else "")


def marks(report: DocumentReport) -> list[str]:
    """What is wrong with a document at a glance."""
    found = []
    if over_limit(report):
        assert report.pages is not None and report.page_limit is not None
        found.append(f"over the page limit by {report.pages - report.page_limit}")
    if has_placeholders(report):
        found.append("example text left")
    if report.error:
        found.append("not built")
    return found


def overview(workspace: Workspace, snap: Snapshot | None) -> Overview:
    """The overview of the last good build (``snap``; None: none yet)."""
    t = workspace.target
    source = display_path(t.team if t.team is not None else t.profile or Path("?"))
    view = Overview("grantdocs", source, snap.as_of if snap else None, t.team is not None)
    if t.team is None and t.profile is not None:
        # lazy: serve.decide loads only when this runs
        from grantdocs.serve.decide import read_only

        view.editable = not read_only(t.profile)
    if snap is None:
        return view
    result = snap.result
    people = {r.person for r in result.reports if r.scope == "person"}
    if t.team is None and people:
        view.heading = sorted(people)[0]
    elif t.team is not None:
        team_docs = [r for r in result.reports if r.scope == "team"]
        view.heading = team_docs[0].person if team_docs else source
    for r in result.reports:
        view.documents.append(
            DocumentRow(
                r.member,
                r.format_id,
                _title(workspace, r.format_id, r.lang),
                r.lang,
                r.pages,
                r.page_limit,
                marks(r),
                doc_link(r.format_id, r.member),
                r.error,
            )
        )
    view.members = [
        {
            "name": m.name,
            "person": m.person or display_path(m.profile),
            "role": m.role,
            "status": "failed" if m.error else "built",
            "error": m.error or "",
        }
        for m in result.members
    ]
    view.fixes = [f.line() for f in fixes([r for r in result.reports if r.error is None])]
    view.skipped = list(result.skipped)
    return view


class Row(Struct):
    """One entry of a slot, as ``explain`` shows it, with what the owner may do with it."""

    id: str
    text: str
    when: str
    reason: str
    kept: bool
    pinned: bool
    excluded: bool


class SlotView(Struct):
    name: str
    label: str
    summary: str
    rows: list[Row]


class Pane(Struct):
    """One language of a document: its page images and downloads."""

    lang: str
    name: str
    images: list[str]
    pages: int | None
    limit: int | None
    downloads: list[tuple[str, str]]
    marks: list[str]
    notices: list[str]


class DocumentView(Struct):
    format_id: str
    member: str
    title: str
    panes: list[Pane]
    langs: list[str]
    shown: str
    """The language shown: a code, or "" for every one side by side."""
    slots: list[SlotView]
    explain_error: str | None
    editable: bool
    team_document: bool


def _file_link(workspace: Workspace, path: Path) -> str | None:
    try:
        relative = path.resolve().relative_to(workspace.out)
    except ValueError:
        return None
    return "/out/" + quote(relative.as_posix())


def document(
    workspace: Workspace, snap: Snapshot, format_id: str, member: str, lang: str | None
) -> DocumentView | None:
    """The page of one document (every language it was built in); None if there is none."""
    reports = [r for r in snap.result.reports if r.format_id == format_id and r.member == member]
    if not reports:
        return None
    langs = [r.lang for r in reports]
    profile = reports[0].profile_path
    team_document = reports[0].scope == "team"
    saved = None
    explain_error = None
    if not team_document:
        try:
            saved = read_choices(profile)
        except GrantdocsError as exc:
            explain_error = exc.render()
    if lang is None:
        chosen = saved.data.formats.get(format_id) if saved is not None else None
        lang = chosen.lang if chosen is not None and chosen.lang in langs else ""
    shown = lang if lang in langs else ""
    panes = []
    for r in reports:
        if shown and r.lang != shown:
            continue
        images = [
            f"{link}?g={workspace.generation}"
            for p in snap.images.get(r.path, [])
            if (link := _file_link(workspace, p)) is not None
        ]
        downloads = []
        for path in (r.path, r.path.with_suffix(".pdf")):
            link = _file_link(workspace, path)
            if link is not None and path.is_file():
                downloads.append((path.suffix.lstrip(".").upper() or "file", link))
        panes.append(
            Pane(
                r.lang,
                " + ".join(LANG_NAMES.get(c, c) for c in r.lang.split("+")),
                images,
                r.pages,
                r.page_limit,
                downloads,
                marks(r),
                [n.message for n in r.warnings][:30],
            )
        )
    slots: list[SlotView] = []
    if not team_document and explain_error is None:
        try:
            slots = _explain(workspace, format_id, profile, snap.as_of)
        except GrantdocsError as exc:
            explain_error = exc.render()
    # lazy: serve.decide loads only when this runs
    from grantdocs.serve.decide import read_only

    return DocumentView(
        format_id,
        member,
        _title(workspace, format_id, reports[0].lang),
        panes,
        langs,
        shown,
        slots,
        explain_error,
        not team_document and not read_only(profile),
        team_document,
    )


def _explain(workspace: Workspace, format_id: str, profile: Path, as_of: dt.date) -> list[SlotView]:
    """Each slot's decisions, as ``grantdocs explain --all`` lists them."""
    fmt = workspace.search.load(format_id)
    loaded = load_profile(profile)
    member = _member_choices(workspace, profile)
    saved = read_choices(profile)
    chosen = saved.data.formats.get(format_id) if saved is not None else None
    saved_excludes = set(chosen.exclude) if chosen is not None else set()
    saved_pins = {i for ids in chosen.pin.values() for i in ids} if chosen is not None else set()
    views = []
    for name, sel in select_slots(fmt, loaded, as_of, member).items():
        label = fmt.spec.slots[name].label
        text = label if isinstance(label, str) else str(label or name)
        limit = f", at most {sel.rule.limit}" if sel.rule.limit else ""
        summary = f"{len(sel.kept)} of {sel.eligible} eligible{limit}"
        kept = sorted((d for d in sel.decisions if d.kept), key=lambda d: d.rank or 0)
        rows = [
            _row(d.entry, d.reason, d.kept, saved_pins, saved_excludes)
            for d in [*kept, *(d for d in sel.decisions if not d.kept)]
        ]
        views.append(SlotView(name, text, summary, rows))
    return views


def _member_choices(workspace: Workspace, profile: Path) -> Choices:
    """A team member's pins and excludes from the team file (a build applies them too)."""
    if workspace.target.team is None:
        return Choices()
    # lazy: team.load loads only when this runs
    from grantdocs.team.load import load_team

    for ref in load_team(workspace.target.team).members:
        if ref.profile.resolve() == profile.resolve():
            pins = ref.pins
            return Choices(pins, tuple(ref.member.exclude), frozenset(s for s, _ in pins))
    return Choices()


def _row(entry: Any, reason: str, kept: bool, pins: set[str], excludes: set[str]) -> Row:
    entry_id = str(getattr(entry, "id", None) or "")
    return Row(
        entry_id,
        describe(entry),
        when(entry),
        reason,
        kept,
        entry_id in pins,
        entry_id in excludes,
    )
