"""BibTeX field values: ``@string`` expansion with bounds, the fields of one entry (first
value, line, repeats, crossref), and their text after LaTeX decoding.

Only the fields an entry uses are expanded; each macro is expanded once (cached), a field may
expand to at most ``MAX_VALUE`` characters and a whole file to ``EXPANSION_FACTOR`` times its
length, so a chain of macros that doubles at every step costs no more than the bound.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bibtexparser.model import Entry, String
from msgspec import Struct, field

from grantdocs.errors import ImportFileError
from grantdocs.importers.latex import decode
from grantdocs.importers.text import clean

VALUE_MARKS = re.compile(r'[{}"#]')

MAX_VALUE = 200_000
"""Characters one field may expand to (an author list of 3,000 names fits)."""
EXPANSION_FACTOR = 8
"""All fields of a file together may expand to this many times the file's length (or 8 M
characters, whichever is more); beyond that the file is refused."""


class TooLong(Exception):
    """A field expands beyond ``MAX_VALUE`` characters."""


class Expander:
    """Expands field values: macros once each (cached), bounded per field and per file."""

    def __init__(self, strings: list[String], budget: int, display: str) -> None:
        self.macros = {s.key.lower(): s.value for s in strings}
        self.cache: dict[str, tuple[str, str]] = {}
        self.budget = budget
        self.display = display

    def value(self, expression: str, depth: int = 0) -> tuple[str, str]:
        """The text of a value expression, and why it has none ("" if it has): "undefined
        macro 'jmlr'", "macro 'a', which is defined through itself" ..."""
        out: list[str] = []
        total = 0
        for piece, is_text in pieces(expression):
            if is_text or piece.isdigit():
                text = piece
            elif piece.lower() in self.macros:
                text, missing = self._macro(piece.lower(), depth)
                if missing:
                    return "", missing
            elif piece.lower() in MONTH_MACROS:
                text = MONTH_MACROS[piece.lower()]
            else:
                return "", f"undefined macro {piece or '(empty)'!r}"
            total += len(text)
            if total > MAX_VALUE:
                raise TooLong
            out.append(text)
        self.budget -= total
        if self.budget < 0:
            raise ImportFileError(
                f"{self.display}: its @string macros expand to more text than the file could "
                "hold; refused (a macro used inside another one many times over?)"
            )
        return "".join(out), ""

    def _macro(self, name: str, depth: int) -> tuple[str, str]:
        found = self.cache.get(name)
        if found is not None:
            return found
        if depth >= 50:
            return "", f"macro {name!r}, which is nested more than 50 deep"
        self.cache[name] = ("", f"macro {name!r}, which is defined through itself")
        try:
            found = self.value(self.macros[name], depth + 1)
        except TooLong:
            found = ("", f"macro {name!r}, which expands to more than {MAX_VALUE:,} characters")
        self.cache[name] = found
        return found


def pieces(expression: str) -> Iterator[tuple[str, bool]]:
    """The ``#``-separated pieces of a value: ``(text, True)`` for ``{...}`` and ``"..."``,
    ``(name, False)`` for a bare word (a macro or number). One pass over the text."""
    text = expression.strip()
    start, depth, quoted = 0, 0, False
    pieces: list[tuple[int, int]] = []
    for m in VALUE_MARKS.finditer(text):
        char, at = m.group(), m.start()
        if at and text[at - 1] == "\\" and char == '"':
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            pieces.append((start, at))
            start = at + 1
    pieces.append((start, len(text)))
    for begin, end in pieces:
        piece = text[begin:end].strip()
        if len(piece) >= 2 and (
            (piece[0] == "{" and piece[-1] == "}") or (piece[0] == '"' and piece[-1] == '"')
        ):
            yield piece[1:-1], True
        else:
            yield piece, False


class Fields(Struct):
    """One entry's fields by lower-case key: the first raw value and its line, repeats noted."""

    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    repeats: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def read_fields(entry: Entry) -> Fields:
    """The entry's fields: first value of each key, the line it is on, the repeats."""
    found = Fields()
    for fld in entry.fields:
        key = fld.key.lower()
        raw = fld.value if isinstance(fld.value, str) else str(fld.value)
        line = line_of(fld.start_line)
        if key in found.values:
            found.repeats.setdefault(key, []).append((raw, line))
        else:
            found.values[key] = raw
            found.lines[key] = line
    return found


def inherit_crossref(
    fields: Fields, targets: dict[str, Entry], notes: list[str], warnings: list[str]
) -> None:
    """Fields a ``crossref`` entry gives: every field the entry lacks, and the target's title
    as the booktitle (a chapter's book, a paper's proceedings)."""
    key = clean(fields.values.get("crossref", "")).strip('{}"').strip()
    if not key:
        return
    target = targets.get(key.lower())
    if target is None:
        warnings.append(f"crossref {key!r} is not in this file: its fields are missing")
        return
    given = read_fields(target)
    inherited = []
    for name, value in given.values.items():
        if name == "title":
            name = "booktitle"
        if name not in fields.values and name not in ("crossref", "ids"):
            fields.values[name] = value
            fields.lines[name] = given.lines.get(name, 0)
            inherited.append(name)
    if inherited:
        notes.append(
            f"from crossref {key!r} (line {line_of(target.start_line)}): "
            + ", ".join(sorted(inherited))
        )


class EntryReader:
    """Reads the used fields of one entry: expanded, decoded, cleaned; notes problems."""

    def __init__(self, fields: Fields, expander: Expander) -> None:
        self.fields = fields
        self.expander = expander
        self.unresolved: dict[str, str] = {}
        self.too_long: list[str] = []
        self._raw: dict[str, str | None] = {}

    def raw(self, key: str) -> str | None:
        """The expanded text of a field before LaTeX decoding; None if absent or undefined."""
        if key in self._raw:
            return self._raw[key]
        expression = self.fields.values.get(key)
        text: str | None = None
        if expression is not None:
            try:
                text, missing = self.expander.value(expression)
            except TooLong:
                self.too_long.append(key)
                text, missing = None, ""
            if missing:
                self.unresolved[key] = missing
                text = None
        self._raw[key] = text
        return text

    def text(self, *keys: str) -> str | None:
        """The first of ``keys`` with text, LaTeX decoded and cleaned."""
        for key in keys:
            raw = self.raw(key)
            if raw is not None:
                text = clean(decode(raw))
                if text:
                    return text
        return None

    def verbatim(self, key: str) -> str | None:
        """An identifier field: expanded and cleaned, not decoded."""
        raw = self.raw(key)
        return clean(raw) if raw is not None and clean(raw) else None


MONTH_MACROS = {
    m: name
    for m, name in zip(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        strict=True,
    )
}


def shown(text: str, limit: int = 60) -> str:
    text = clean(text)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def note_repeats(
    fields: Fields, reader: EntryReader, warnings: list[str], notes: list[str]
) -> None:
    """A field given twice: the same value is a note; another value a warning (first used)."""
    for key, repeats in sorted(fields.repeats.items()):
        first = fields.values[key]
        first_text = clean(expand_for_message(reader.expander, first))
        other: tuple[str, int] | None = None
        for raw, line in repeats:
            if raw.strip() != first.strip():
                text = clean(expand_for_message(reader.expander, raw))
                if text != first_text:
                    other = (text, line)
                    break
        if other is None:
            where = ", ".join(str(line) for _, line in repeats)
            notes.append(f"field {key} given again with the same value (line {where}): imported")
            continue
        warnings.append(
            f"field {key} given twice: {shown(first_text)} (line {fields.lines[key]}) and "
            f"{shown(other[0])} (line {other[1]}); the first is used"
        )


def expand_for_message(expander: Expander, expression: str) -> str:
    try:
        text, missing = expander.value(expression)
    except TooLong:
        return expression[:60]
    return expression if missing else text


def line_of(start_line: int | None) -> int:
    """bibtexparser counts lines from 0."""
    return start_line + 1 if start_line is not None else 0
