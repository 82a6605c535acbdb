"""Safe YAML reading that keeps every value's file, line and column.

PyYAML composes a node tree whose nodes carry marks; this module builds plain Python
values from that tree itself, so that it can refuse what a CV never needs (Python tags,
duplicate keys, alias bombs, merge keys) and remember where each value stood.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from grantdocs.errors import Location, Problem
from grantdocs.gcpause import gc_paused
from grantdocs.textfile import UnreadableText, read_user_text

YamlPath = tuple[str | int, ...]

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_VALUES = 1_000_000
"""Values one document may expand to; an alias bomb stops here instead of eating memory."""

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"


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


def read_text(path: Path, display: str) -> str:
    """Read a user's YAML file as UTF-8 text, refusing huge, binary, special and missing files."""
    try:
        return read_user_text(path, MAX_FILE_BYTES, "YAML")
    except UnreadableText as exc:
        raise YamlProblems(
            [Problem(Location(display, exc.line, 1 if exc.line else 0), exc.message, hint=exc.hint)]
        ) from None


def load_yaml(text: str, display: str) -> tuple[Any, Positions]:
    """Parse one YAML document into plain values and their positions.

    Raises ``YamlProblems`` for syntax errors, unsupported tags, duplicate keys, merge keys
    and documents that expand beyond ``MAX_VALUES`` values. An empty document gives None.
    """
    positions = Positions([display])
    with gc_paused():  # the node tree is acyclic and freed before the collector resumes
        value, problems = _load(text, display, positions)
    if problems:
        raise YamlProblems(problems)
    return value, positions


def _load(text: str, display: str, positions: Positions) -> tuple[Any, list[Problem]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, display)]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly everything
        return None, [Problem(Location(display), str(exc))]
    finally:
        loader.dispose()
    if node is None:
        return None, []
    builder = _Builder(display, positions)
    return builder.build(node, ()), builder.problems


def _where(display: str, mark: yaml.Mark | None) -> Location:
    if mark is None:
        return Location(display)
    return Location(display, mark.line + 1, mark.column + 1)


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or "invalid YAML"
    if exc.context:
        message = f"{exc.context}: {message}"
        started = exc.context_mark
        if started is not None and mark is not None and started.line != mark.line:
            message += f" (it started at line {started.line + 1})"
    hint = None
    if "'\\t'" in message or "\\t" in message:
        hint = "YAML indents with spaces, not tabs"
    elif "mapping values are not allowed" in message:
        hint = "a value with ': ' in it needs quotes, or the indentation is off"
    elif "expected <block end>" in message:
        hint = "check the indentation of this line against the lines above"
    elif "found unexpected end of stream" in message or "end of stream" in message:
        hint = "a quote or bracket is not closed"
    return Problem(_where(display, mark), f"YAML syntax: {message}", hint=hint)


_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML has it (much faster); the same nodes and marks."""


class _Budget(Exception):
    pass


class _Builder:
    def __init__(self, display: str, positions: Positions) -> None:
        self.display = display
        self.positions = positions
        self.problems: list[Problem] = []
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def build(self, node: Node, path: YamlPath) -> Any:
        try:
            return self._build(node, path)
        except _Budget:
            self.problems.append(
                Problem(
                    _where(self.display, node.start_mark),
                    f"the document expands to more than {MAX_VALUES:,} values "
                    "(anchors and aliases nested too deep: an alias bomb?)",
                )
            )
            return None

    def _build(self, node: Node, path: YamlPath) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _Budget
        values = self.positions.values
        if path not in values:
            mark = node.start_mark
            values[path] = mark.line * _LINE + mark.column
        if type(node) is ScalarNode:
            if node.tag == _STR:
                return node.value
            return self._scalar(node, path)
        if type(node) is MappingNode:
            return self._mapping(node, path)
        if type(node) is SequenceNode:
            if node.tag != _SEQ:
                return self._bad_tag(node, path)
            build = self._build
            return [build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)  # pragma: no cover - PyYAML has three node kinds
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: YamlPath) -> Any:
        if node.tag != _MAP:
            return self._bad_tag(node, path)
        result: dict[str, Any] = {}
        keys = self.positions.keys
        build = self._build
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or key_node.tag == _MERGE:
                self._bad_key(key_node, path)
                continue
            key = str(key_node.value)
            key_path = (*path, key)
            if key in result:
                self._duplicate(key_node, key, path)
                continue
            mark = key_node.start_mark
            keys[key_path] = mark.line * _LINE + mark.column
            result[key] = build(value_node, key_path)
        return result

    def _bad_key(self, key_node: Node, path: YamlPath) -> None:
        where = _where(self.display, key_node.start_mark)
        if key_node.tag == _MERGE:
            message = "merge keys ('<<') are not supported"
        else:
            message = "a key must be plain text"
        self.problems.append(Problem(where, message, path=format_path(path)))

    def _duplicate(self, key_node: Node, key: str, path: YamlPath) -> None:
        first = self.positions.key((*path, key))
        assert first is not None
        self.problems.append(
            Problem(
                _where(self.display, key_node.start_mark),
                f"duplicate key {key!r} (first at line {first.line})",
                path=format_path(path),
                hint="YAML would silently keep only the last one; remove or rename one",
            )
        )

    def _scalar(self, node: ScalarNode, path: YamlPath) -> Any:
        if node.tag not in _STANDARD_TAGS:
            return self._bad_tag(node, path)
        if node.tag == _STR:
            return node.value
        try:
            build = self.constructor.yaml_constructors[node.tag]
            return build(self.constructor, node)
        except (ValueError, OverflowError) as exc:
            self.problems.append(
                Problem(
                    _where(self.display, node.start_mark),
                    f"impossible value: {exc}",
                    path=format_path(path),
                    value=repr(node.value),
                )
            )
            return None
        except yaml.YAMLError as exc:
            self.problems.append(
                Problem(_where(self.display, node.start_mark), str(exc), format_path(path))
            )
            return None

    def _bad_tag(self, node: Node, path: YamlPath) -> None:
        self.problems.append(
            Problem(
                _where(self.display, node.start_mark),
                f"tag {node.tag!r} is not allowed",
                path=format_path(path),
                hint="a profile holds plain text, numbers, dates, lists and mappings only",
            )
        )
        return None
