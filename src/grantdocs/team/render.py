"""Render a team document: Word and Excel through the shared renderers; the CV
annex as a cover page followed by every member's CV, composed with docxcompose."""

from __future__ import annotations

import io
from pathlib import Path

from msgspec import Struct, field

from grantdocs.formats.registry import load_format
from grantdocs.gcpause import collect_young
from grantdocs.notices import Notice
from grantdocs.prepare import fallback_notices, prepare
from grantdocs.render.rendered import Rendered
from grantdocs.render.renderer import render
from grantdocs.team.prepare import TeamPrepared


class Part(Struct, frozen=True):
    """One piece of a composed document: its bookmark title and its own .docx bytes."""

    title: str
    data: bytes


class TeamRendered(Struct, frozen=True):
    """A rendered team document; a composed one also keeps its parts (for the PDF)."""

    rendered: Rendered
    parts: list[Part] = field(default_factory=list)


def render_team(prepared: TeamPrepared, template: Path | None = None) -> TeamRendered:
    """Render ``prepared`` with its format's template (or ``template``), by the format's
    kind and document."""
    spec = prepared.fmt.spec
    rendered = render(prepared, template)
    if spec.kind == "xlsx":
        return TeamRendered(rendered)
    data, notices = rendered.data, rendered.notices
    assert spec.team is not None
    if spec.team.document != "cv_annex":
        return TeamRendered(Rendered(data, notices))
    cover = Part(prepared.context["format"]["title"], data)
    parts = [cover, *_member_cvs(prepared, notices)]
    return TeamRendered(Rendered(compose([p.data for p in parts]), notices), parts)


def _member_cvs(prepared: TeamPrepared, notices: list[Notice]) -> list[Part]:
    """Every member's CV in the annex's member format, in team order."""
    spec = prepared.fmt.spec.team
    assert spec is not None and spec.member_format is not None
    member_format = load_format(spec.member_format)
    parts = []
    for member, row in zip(prepared.members, prepared.context["members"], strict=True):
        one = prepare(member_format, prepared.lang, member.loaded, prepared.as_of, member.choices)
        rendered = render(one)
        notices += [
            Notice(n.code, f"{member.key}: {n.message}", n.where, n.subject)
            for n in rendered.notices
        ]
        # what the member's own CV reports (as its person document would), once
        notices += [
            n
            for n in fallback_notices(one.fallbacks, member.loaded.where, member.key)
            if n not in notices and n not in prepared.notices
        ]
        parts.append(Part(f"{row['full_name']} ({row['role']})", rendered.data))
        collect_young()  # this member's document trees, before the next member's
    return parts


def compose(documents: list[bytes]) -> bytes:
    """One .docx: the first document, then each further one starting on a new page."""
    # lazy: docx, docxcompose, render.package load only when this runs
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docxcompose.composer import Composer

    from grantdocs.render.package import normalise_zip

    master = Document(io.BytesIO(documents[0]))
    composer = Composer(master)
    for data in documents[1:]:
        master.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        composer.append(Document(io.BytesIO(data)))
        collect_young()  # the appended document's trees (the build pauses the collector)
    buffer = io.BytesIO()
    composer.save(buffer)
    return normalise_zip(buffer.getvalue())
