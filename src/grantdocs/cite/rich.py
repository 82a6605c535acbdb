"""Renderer-neutral rich text: runs of text that may be bold, italic, small caps or a link."""

from __future__ import annotations

from msgspec import Struct

RESERVED_MARKS = "\ue000-\ue01f"
"""Private-use characters the citation renderer marks the owner, italics, bold and small
capitals with (``cite.csl_render``): profile text that holds one loses it
(``render.xmltext.clean``, ``csl_item.clean``) in every document and style alike; other
private-use characters (a symbol font's) are kept."""


class Segment(Struct, frozen=True):
    """One run. ``url`` None means plain text; ``small_caps``: lower-case letters as small
    capitals (CSL ``font-variant="small-caps"``, e.g. DIN 1505-2's author names)."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None
    small_caps: bool = False


class Rich(Struct, frozen=True):
    """A paragraph's worth of runs; ``str()`` gives the plain text (for spreadsheets)."""

    segments: tuple[Segment, ...]

    def __str__(self) -> str:
        return "".join(s.text for s in self.segments)

    @property
    def bold_texts(self) -> list[str]:
        return [s.text for s in self.segments if s.bold]
