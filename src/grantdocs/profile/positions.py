"""Where each value of a YAML document stood (``Positions``), and the paths that name a
value (``publications[12].year``): what a loaded profile or format keeps of its files,
without PyYAML (``yamlpos`` reads the files, ``yamlread`` parses them).
"""

from __future__ import annotations

import re

from grantdocs.errors import Location, Problem

YamlPath = tuple[str | int, ...]

MAX_VALUES = 1_000_000
"""Values one document may expand to; an alias bomb stops here instead of eating memory."""


class YamlProblems(Exception):
    """Raised with the problems found; the caller wraps them in a user error."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


_LINE = 1 << 24
_FILE = 1 << 48
"""A position is packed in one int: file index * _FILE + line * _LINE + column (0-based)."""


class Positions:
    """Where each value (and each mapping key) of a document stood.

    Positions are kept packed in ints, one per value, and become ``Location``s only when
    asked for: a profile has hundreds of thousands of values and few are ever looked up.
    """

    __slots__ = ("files", "keys", "values")

    def __init__(self, files: list[str] | None = None) -> None:
        self.files: list[str] = files if files is not None else []
        self.values: dict[YamlPath, int] = {}
        self.keys: dict[YamlPath, int] = {}

    def _location(self, packed: int) -> Location:
        file, rest = divmod(packed, _FILE)
        line, column = divmod(rest, _LINE)
        return Location(self.files[file], line + 1, column + 1)

    def has(self, path: YamlPath) -> bool:
        """True if a value or a key stood at ``path``."""
        return path in self.values or path in self.keys

    def value(self, path: YamlPath) -> Location | None:
        """The location of the value at ``path``; None if there was none."""
        packed = self.values.get(path)
        return None if packed is None else self._location(packed)

    def key(self, path: YamlPath) -> Location | None:
        """The location of the mapping key that ends ``path``; None if there was none."""
        packed = self.keys.get(path)
        return None if packed is None else self._location(packed)

    def nearest(self, path: YamlPath, *, key: bool = False) -> Location | None:
        """The location of ``path``, else of its longest known prefix; None if nothing is known."""
        if key and path in self.keys:
            return self._location(self.keys[path])
        for end in range(len(path), -1, -1):
            packed = self.values.get(path[:end])
            if packed is not None:
                return self._location(packed)
        return None

    def shifted(self, section: str, offset: int) -> Positions:
        """A copy where items of list ``section`` are renumbered from ``offset``."""

        def move(p: YamlPath) -> YamlPath:
            if len(p) >= 2 and p[0] == section and isinstance(p[1], int):
                return (section, p[1] + offset, *p[2:])
            return p

        copy = Positions(list(self.files))
        copy.values = {move(p): packed for p, packed in self.values.items()}
        copy.keys = {move(p): packed for p, packed in self.keys.items()}
        return copy

    def only(self, section: str) -> Positions:
        """A copy with the positions of ``section`` alone."""
        copy = Positions(list(self.files))
        copy.values = {p: packed for p, packed in self.values.items() if p[:1] == (section,)}
        copy.keys = {p: packed for p, packed in self.keys.items() if p[:1] == (section,)}
        return copy

    def update(self, other: Positions) -> None:
        """Add ``other``'s positions where this has none (its files are added too)."""
        index = {}
        for number, name in enumerate(other.files):
            if name not in self.files:
                self.files.append(name)
            index[number] = self.files.index(name)

        def moved(packed: int) -> int:
            file, rest = divmod(packed, _FILE)
            return index[file] * _FILE + rest

        for p, packed in other.values.items():
            if p not in self.values:
                self.values[p] = moved(packed)
        for p, packed in other.keys.items():
            if p not in self.keys:
                self.keys[p] = moved(packed)


def format_path(path: YamlPath) -> str:
    """``("publications", 12, "year")`` -> ``publications[12].year``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_path(text: str) -> tuple[str | int, ...]:
    """``publications[12].year`` -> ``("publications", 12, "year")`` (``format_path``
    reversed)."""
    return tuple(
        int(index) if index else name for index, name in re.findall(r"\[(\d+)\]|([^.\[\]]+)", text)
    )
