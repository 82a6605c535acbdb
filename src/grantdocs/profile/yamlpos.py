"""Safe YAML reading that keeps every value's file, line and column.

PyYAML composes a node tree whose nodes carry marks; this module builds plain Python
values from that tree itself, so that it can refuse what a CV never needs (Python tags,
duplicate keys, alias bombs, merge keys) and remember where each value stood.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from grantdocs.errors import Location, Problem

YamlPath = tuple[str | int, ...]

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_VALUES = 1_000_000
"""Values one document may expand to; an alias bomb stops here instead of eating memory."""

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


class YamlProblems(Exception):
    """Raised with the problems found; the caller wraps them in a user error."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document stood."""

    values: dict[YamlPath, Location] = field(default_factory=dict)
    keys: dict[YamlPath, Location] = field(default_factory=dict)

    def nearest(self, path: YamlPath, *, key: bool = False) -> Location | None:
        """The location of ``path``, else of its longest known prefix; None if nothing is known."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            loc = self.values.get(path[:end])
            if loc is not None:
                return loc
        return None

    def shifted(self, section: str, offset: int) -> Positions:
        """A copy where items of list ``section`` are renumbered from ``offset``."""

        def move(p: YamlPath) -> YamlPath:
            if len(p) >= 2 and p[0] == section and isinstance(p[1], int):
                return (section, p[1] + offset, *p[2:])
            return p

        return Positions(
            {move(p): loc for p, loc in self.values.items()},
            {move(p): loc for p, loc in self.keys.items()},
        )

    def update(self, other: Positions) -> None:
        for p, loc in other.values.items():
            self.values.setdefault(p, loc)
        for p, loc in other.keys.items():
            self.keys.setdefault(p, loc)


def format_path(path: YamlPath) -> str:
    """``("publications", 12, "year")`` -> ``publications[12].year``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_text(path: Path, display: str) -> str:
    """Read a user's YAML file as UTF-8 text, refusing huge, binary and missing files."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise YamlProblems([Problem(Location(display), "file not found")]) from None
    except OSError as exc:
        raise YamlProblems([Problem(Location(display), f"cannot read: {exc.strerror}")]) from None
    if path.is_dir():
        raise YamlProblems([Problem(Location(display), "is a folder, not a file")])
    if size > MAX_FILE_BYTES:
        raise YamlProblems(
            [Problem(Location(display), f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")]
        )
    data = path.read_bytes()
    if b"\x00" in data:
        raise YamlProblems([Problem(Location(display), "is a binary file, not YAML text")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlProblems(
            [Problem(Location(display, line, 1), "is not UTF-8 text", hint="save it as UTF-8")]
        ) from None


def load_yaml(text: str, display: str) -> tuple[Any, Positions]:
    """Parse one YAML document into plain values and their positions.

    Raises ``YamlProblems`` for syntax errors, unsupported tags, duplicate keys, merge keys
    and documents that expand beyond ``MAX_VALUES`` values. An empty document gives None.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlProblems([_syntax_problem(exc, display)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly everything
        raise YamlProblems([Problem(Location(display), str(exc))]) from None
    finally:
        loader.dispose()
    positions = Positions()
    if node is None:
        return None, positions
    builder = _Builder(display, positions)
    value = builder.build(node, ())
    if builder.problems:
        raise YamlProblems(builder.problems)
    return value, positions


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
        self.positions.values.setdefault(path, _where(self.display, node.start_mark))
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                return self._bad_tag(node, path)
            return [self._build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: YamlPath) -> Any:
        if node.tag != "tag:yaml.org,2002:map":
            return self._bad_tag(node, path)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            where = _where(self.display, key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    Problem(where, "merge keys ('<<') are not supported", path=format_path(path))
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.problems.append(Problem(where, "a key must be plain text", format_path(path)))
                continue
            key = str(key_node.value)
            if key in result:
                first = self.positions.keys[(*path, key)]
                self.problems.append(
                    Problem(
                        where,
                        f"duplicate key {key!r} (first at line {first.line})",
                        path=format_path(path),
                        hint="YAML would silently keep only the last one; remove or rename one",
                    )
                )
                continue
            self.positions.keys[(*path, key)] = where
            result[key] = self._build(value_node, (*path, key))
        return result

    def _scalar(self, node: ScalarNode, path: YamlPath) -> Any:
        if node.tag not in _STANDARD_TAGS:
            return self._bad_tag(node, path)
        if node.tag == "tag:yaml.org,2002:str":
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
