"""The YAML parser behind ``yamlpos.load_yaml``: PyYAML composes a node tree whose nodes
carry marks, and ``_Builder`` makes plain Python values of it, refusing what a CV never
needs (Python tags, duplicate keys, alias bombs, merge keys) and keeping where each value
stood. Imported only when a file is parsed: it loads PyYAML.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from grantdocs.errors import Location, Problem
from grantdocs.gcpause import gc_paused
from grantdocs.profile.positions import (
    _LINE,
    MAX_VALUES,
    Positions,
    YamlPath,
    YamlProblems,
    format_path,
)

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"


def parse(text: str, display: str) -> tuple[Any, Positions]:
    """``yamlpos.load_yaml``: one YAML document as plain values and their positions."""
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
            self._report(
                node,
                f"the document expands to more than {MAX_VALUES:,} values "
                "(anchors and aliases nested too deep: an alias bomb?)",
                None,
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
        if key_node.tag == _MERGE:
            message = "merge keys ('<<') are not supported"
        else:
            message = "a key must be plain text"
        self._report(key_node, message, path)

    def _duplicate(self, key_node: Node, key: str, path: YamlPath) -> None:
        first = self.positions.key((*path, key))
        assert first is not None
        self._report(
            key_node,
            f"duplicate key {key!r} (first at line {first.line})",
            path,
            hint="YAML would silently keep only the last one; remove or rename one",
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
            self._report(node, f"impossible value: {exc}", path, value=repr(node.value))
            return None
        except yaml.YAMLError as exc:
            self._report(node, str(exc), path)
            return None

    def _bad_tag(self, node: Node, path: YamlPath) -> None:
        self._report(
            node,
            f"tag {node.tag!r} is not allowed",
            path,
            hint="a profile holds plain text, numbers, dates, lists and mappings only",
        )
        return None

    def _report(
        self,
        node: Node,
        message: str,
        path: YamlPath | None,
        value: str | None = None,
        hint: str | None = None,
    ) -> None:
        """A problem at ``node``'s start, at data path ``path`` (None: the whole document)."""
        where = _where(self.display, node.start_mark)
        shown = "" if path is None else format_path(path)
        self.problems.append(Problem(where, message, shown, value, hint))
