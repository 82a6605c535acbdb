"""Renderer-neutral rich text: runs of text that may be bold, italic or a link."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    """One run. ``url`` None means plain text."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Rich:
    """A paragraph's worth of runs; ``str()`` gives the plain text (for spreadsheets)."""

    segments: tuple[Segment, ...]

    def __str__(self) -> str:
        return "".join(s.text for s in self.segments)

    @property
    def bold_texts(self) -> list[str]:
        return [s.text for s in self.segments if s.bold]
