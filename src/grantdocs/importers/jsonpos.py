"""JSON reading that remembers the line of every value and notices duplicate keys."""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from msgspec import Struct, field

from grantdocs.errors import ImportFileError, Location, Problem

JsonPath = tuple[str | int, ...]
_WS = re.compile(r"[ \t\n\r]*")
_LONG_INTEGER = re.compile(r"(?<![\d.eE])-?\d{4301,}")


class JsonDoc(Struct):
    """Parsed JSON with ``lines[path]`` (1-based) and the paths of repeated object keys."""

    data: Any
    display: str
    lines: dict[JsonPath, int] = field(default_factory=dict)
    duplicates: list[JsonPath] = field(default_factory=list)

    def where(self, path: JsonPath) -> Location:
        """The location of ``path``, else of its longest known prefix."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line:
                return Location(self.display, line, 1)
        return Location(self.display)

    def duplicates_under(self, path: JsonPath) -> list[JsonPath]:
        """Repeated keys inside the value at ``path``."""
        return [d for d in self.duplicates if d[: len(path)] == path]


def parse_json(text: str, display: str) -> JsonDoc:
    """Parse ``text``; raise ``ImportFileError`` with line and column on a syntax error."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{display}: not valid JSON",
            [Problem(Location(display, exc.lineno, exc.colno), exc.msg)],
        ) from None
    except RecursionError:
        raise ImportFileError(f"{display}: JSON nested too deeply") from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise _long_number(text, display) from None
    doc = JsonDoc(data, display)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    try:
        _Walker(text, starts, doc).value(0, ())
    except RecursionError:
        raise ImportFileError(f"{display}: JSON nested too deeply") from None
    return doc


def _long_number(text: str, display: str) -> ImportFileError:
    """The error for an integer too long to read, at its line and column."""
    found = _LONG_INTEGER.search(text)
    index = found.start() if found else 0
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    what = f"an integer of {len(found.group()):,} digits" if found else "a number"
    return ImportFileError(
        f"{display}: a number too long to read (integers may have at most 4,300 digits)",
        [Problem(Location(display, line, column), what)],
    )


class _Walker:
    """Walks valid JSON text once, noting where each value starts."""

    def __init__(self, text: str, starts: list[int], doc: JsonDoc) -> None:
        self.text = text
        self.starts = starts
        self.doc = doc
        self.decoder = json.JSONDecoder()

    def _ws(self, index: int) -> int:
        match = _WS.match(self.text, index)
        assert match is not None
        return match.end()

    def value(self, index: int, path: JsonPath) -> int:
        index = self._ws(index)
        self.doc.lines[path] = bisect.bisect_right(self.starts, index)
        char = self.text[index]
        if char == "{":
            return self._object(index + 1, path)
        if char == "[":
            return self._array(index + 1, path)
        _, end = self.decoder.raw_decode(self.text, index)
        return int(end)

    def _object(self, index: int, path: JsonPath) -> int:
        seen: set[str] = set()
        index = self._ws(index)
        if self.text[index] == "}":
            return index + 1
        while True:
            index = self._ws(index)
            key, index = self.decoder.raw_decode(self.text, index)
            if key in seen:
                self.doc.duplicates.append((*path, key))
            seen.add(key)
            index = self._ws(index) + 1  # the colon
            index = self._ws(self.value(index, (*path, key)))
            if self.text[index] == "}":
                return index + 1
            index += 1  # the comma

    def _array(self, index: int, path: JsonPath) -> int:
        index = self._ws(index)
        if self.text[index] == "]":
            return index + 1
        position = 0
        while True:
            index = self._ws(self.value(index, (*path, position)))
            position += 1
            if self.text[index] == "]":
                return index + 1
            index += 1
