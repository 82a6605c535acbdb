"""Citations: a named style (data in ``styles/``) applied to one publication, as rich text with
the owner's names in bold, venues in italics and links.

``cite`` is the one entry point; ``styles.py`` describes the style files, ``values.py`` the
fields they may use, ``names.py`` how names are read, written and recognised as the owner's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from grantdocs.formats.spec import CitationStyle
from grantdocs.profile.model import Publication, Text
from grantdocs.render.cite.names import Owners, is_et_al, is_owner, owner_names, parse_name
from grantdocs.render.cite.styles import Part, PartLike, Style, load_style
from grantdocs.render.cite.values import FIELDS, NAME_FIELDS, Item
from grantdocs.render.rich import Rich, Segment

__all__ = ["Owners", "cite", "is_owner", "owner_names"]

_ENDS_SENTENCE = (".", "?", "!")


def cite(
    pub: Publication,
    style: CitationStyle,
    owners: Owners,
    gettext: Callable[[str], str],
    *,
    notes: Sequence[str] | None = None,
    number: int | None = None,
    lang: str = "en",
) -> Rich:
    """``pub`` cited in the format's named style with its options.

    ``gettext`` translates the style's words into the document's language. ``notes`` are the
    entry's notes in that language (None: taken from ``pub.notes`` in ``lang``, else English);
    they are shown only if the format's ``show_notes`` is on. ``number`` is the entry's
    position in its list, shown where the style or the format's ``numbered`` asks for it.
    """
    data = load_style(style.style)
    numbered = data.numbered if style.numbered is None else style.numbered
    shown_notes = [_note(n, lang) for n in pub.notes] if notes is None else list(notes)
    item = Item(pub, style, shown_notes, number, numbered)
    writer = _Writer(data, item, owners, gettext, lang)
    segments: list[Segment] = list(writer.part(data.number).segments)
    for part in data.form(pub.kind):
        segments += writer.top(part)
    return Rich(tuple(segments))


def _note(value: Text, lang: str) -> str:
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


@dataclass(frozen=True, slots=True)
class _Out:
    """What a part wrote, and whether it named fields and any of them had a value."""

    segments: tuple[Segment, ...] = ()
    fields: int = 0
    filled: int = 0

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


class _Writer:
    """Writes the parts of one style for one publication."""

    def __init__(
        self,
        style: Style,
        item: Item,
        owners: Owners,
        gettext: Callable[[str], str],
        lang: str,
    ) -> None:
        self.lang = lang
        self.style = style
        self.item = item
        self.owners = owners
        self.gettext = gettext

    def top(self, part: PartLike) -> list[Segment]:
        """A part of the form: its runs, adjacent runs of equal formatting merged (name lists
        keep one run per name and separator)."""
        out = self.part(part)
        if (isinstance(part, str) and part in NAME_FIELDS) or (
            isinstance(part, Part) and part.field in NAME_FIELDS
        ):
            return list(out.segments)
        merged: list[Segment] = []
        for seg in out.segments:
            last = merged[-1] if merged else None
            if last and (last.bold, last.italic, last.url) == (seg.bold, seg.italic, seg.url):
                merged[-1] = Segment(last.text + seg.text, seg.bold, seg.italic, seg.url)
            else:
                merged.append(seg)
        return merged

    def text(self, text: str | dict[str, str]) -> str:
        if isinstance(text, str):
            return text
        return text.get(self.lang) or text.get("en") or next(iter(text.values()), "")

    def value(self, name: str) -> tuple[Segment, ...]:
        if name in NAME_FIELDS:
            return tuple(Segment(n) for n in getattr(self.item.pub, name))
        return FIELDS[name](self.item)

    def applies(self, part: Part) -> bool:
        if any(not self.value(name) for name in part.if_):
            return False
        if any(self.value(name) for name in part.unless):
            return False
        if part.if_any and not any(self.value(name) for name in part.if_any):
            return False
        return part.if_many is None or len(getattr(self.item.pub, part.if_many, ())) > 1

    def part(self, part: PartLike) -> _Out:
        if isinstance(part, str):
            part = Part(field=part)
        if not self.applies(part):
            return _Out()
        if part.field is not None:
            if part.field in NAME_FIELDS:
                body = self.names(getattr(self.item.pub, part.field))
            else:
                body = self.value(part.field)
            return _Out(self.dress(part, body), 1, 1 if body else 0)
        if part.text is not None:
            return _Out(self.dress(part, (Segment(self.text(part.text)),)))
        if part.label is not None:
            return _Out(self.dress(part, (Segment(self.gettext(part.label)),)))
        if part.macro is not None:
            inner = self.part(self.style.macro(part.macro))
            return _Out(self.dress(part, inner.segments), inner.fields, inner.filled)
        if part.switch is not None:
            code = "".join(s.text for s in self.value(part.switch))
            chosen = part.cases.get(code, part.default)
            inner = self.part(chosen) if chosen is not None else _Out()
            return _Out(self.dress(part, inner.segments), 1, 1 if inner.segments else 0)
        if part.first is not None:
            for child in part.first:
                inner = self.part(child)
                if inner.segments:
                    return _Out(self.dress(part, inner.segments), inner.fields, inner.filled)
            return _Out()
        return self.group(part)

    def group(self, part: Part) -> _Out:
        outs = [self.part(child) for child in part.group or ()]
        fields = sum(o.fields for o in outs)
        filled = sum(o.filled for o in outs)
        if fields and not filled:
            return _Out(fields=fields)
        body: list[Segment] = []
        for out in (o for o in outs if o.segments):
            if body and part.delimiter:
                body.append(Segment(part.delimiter))
            body += out.segments
        return _Out(self.dress(part, tuple(body)), fields, filled)

    def dress(self, part: Part, body: tuple[Segment, ...]) -> tuple[Segment, ...]:
        """``body`` with the part's formatting, prefix and suffix; nothing if it is empty."""
        if not body:
            return ()
        if part.italic or part.bold:
            body = tuple(
                Segment(s.text, s.bold or part.bold, s.italic or part.italic, s.url) for s in body
            )
        suffix = part.suffix
        if suffix.startswith(".") and body[-1].text.endswith(_ENDS_SENTENCE):
            suffix = suffix[1:]
        if len(body) == 1 and body[0] == Segment(body[0].text):
            return (Segment(part.prefix + body[0].text + suffix),)
        return (
            *((Segment(part.prefix),) if part.prefix else ()),
            *body,
            *((Segment(suffix),) if suffix else ()),
        )

    def names(self, names: Sequence[str]) -> tuple[Segment, ...]:
        """The name list: cut after ``et_al_after`` names when longer than ``max_authors``,
        the owner kept visible after a gap; owners in bold."""
        spec, options = self.style.names, self.item.options
        authors = [n for n in names if not is_et_al(n)]
        open_end = len(authors) < len(names)
        shown: list[str] = list(authors)
        cut = options.max_authors is not None and len(authors) > options.max_authors
        if cut:
            shown = authors[: options.et_al_after]
            owner_at = next((i for i, a in enumerate(authors) if a in self.owners), None)
            if owner_at is not None and owner_at >= options.et_al_after:
                shown += [spec.gap, authors[owner_at]]
        last_and = not (cut or open_end) and spec.and_ is not None
        segs: list[Segment] = []
        for index, name in enumerate(shown):
            if index:
                if last_and and index == len(shown) - 1:
                    if spec.delimiter_before_and:
                        segs.append(Segment(spec.delimiter.rstrip()))
                    assert spec.and_ is not None
                    segs += self.part(spec.and_).segments
                else:
                    segs.append(Segment(spec.delimiter))
            written = name if name == spec.gap else parse_name(name).written(spec.form)
            segs.append(Segment(written, bold=name != spec.gap and name in self.owners))
        if cut or open_end:
            segs += self.part(spec.et_al).segments
        return tuple(segs)
