"""Citation styles as data: ``styles/<name>.yaml``, read once and checked against this model.

A style says how author lists are written (``names``), how a number is shown (``number``),
and, per publication kind, the ordered parts of a citation with their punctuation
(``kinds``; a kind without its own form uses ``default``). A part is one of

- a field name (``title``) or ``{field: title, ...}``: a value of the publication
  (``cite.values.FIELDS`` lists them); ``authors`` and ``editors`` are name lists;
- ``{text: " ("}``: literal text;
- ``{label: "PhD thesis"}``: a word in the document's language (a gettext msgid);
- ``{group: [...], delimiter: ", "}``: its parts; left out when it holds fields and all
  of them are empty;
- ``{first: [...]}``: the first of its parts that gives any text;
- ``{switch: status, cases: {accepted: ..., submitted: ...}, default: ...}``: the part for
  the field's value;
- ``{macro: name}``: a part defined once under ``macros``.

Every part may have ``prefix``, ``suffix``, ``italic``, ``bold``, ``if`` (fields that must all
be non-empty), ``if_any`` (at least one non-empty), ``unless`` (fields that must be empty) and
``if_many`` (a name list of more than one name). A ``switch`` counts as a field that is
filled when it writes anything. A suffix starting with "." is not doubled after a text that
already ends in ".", "?" or "!". ``text`` may be one text per language (``{en: "“", de: "„"}``;
others fall back to ``en``).

The files are validated by the models of ``grantdocs.cite.style_model``; a build reads the
records below, which the disk cache keeps with their compiled forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import msgspec
from msgspec import Struct

from grantdocs.cite.values import FIELDS
from grantdocs.errors import FormatError, Location, Problem
from grantdocs.formats.citation_styles import STYLES_DIR, style_names
from grantdocs.paths import display_path
from grantdocs.profile.names import NameForm
from grantdocs.profile.records import Record


class Part(Record, frozen=True, kw_only=True):
    """One part of a citation form (see the module docstring)."""

    field: str | None = None
    text: str | dict[str, str] | None = None
    label: str | None = None
    group: list[PartLike] | None = None
    first: list[PartLike] | None = None
    switch: str | None = None
    cases: dict[str, PartLike] = msgspec.field(default_factory=dict)
    default: PartLike | None = None
    macro: str | None = None
    delimiter: str = ""
    prefix: str = ""
    suffix: str = ""
    italic: bool = False
    bold: bool = False
    if_: list[str] = msgspec.field(default_factory=list, name="if")
    unless: list[str] = msgspec.field(default_factory=list)
    if_any: list[str] = msgspec.field(default_factory=list)
    if_many: str | None = None


PartLike = Part | str
"""A part, or a field name for short."""


class Names(Record, frozen=True, kw_only=True):
    """How an author list is written."""

    form: NameForm = "as_printed"
    delimiter: str = ", "
    and_: Part | None = msgspec.field(default=None, name="and")
    et_al: Part
    gap: str = "…"


class Style(Record, frozen=True, kw_only=True):
    """One citation style, and what was made from it once (``memo``)."""

    name: str
    description: str
    numbered: bool = False
    number: Part = Part(field="number_in_list", prefix="[", suffix="] ")
    names: Names
    macros: dict[str, PartLike | list[PartLike]] = msgspec.field(default_factory=dict)
    kinds: dict[str, list[PartLike]]
    memo: dict[str, Any] = msgspec.field(default_factory=dict)
    """Its nodes and a writer's compiled forms: not in the style file, not in its model."""

    def form(self, kind: str) -> list[PartLike]:
        """The parts of a citation of ``kind``, list macros spliced in."""
        parts: list[PartLike] = []
        for part in self.kinds.get(kind) or self.kinds["default"]:
            plain = (
                isinstance(part, Part) and part.macro is not None and part == Part(macro=part.macro)
            )
            body = self.macros.get(part.macro or "") if isinstance(part, Part) else None
            parts += body if plain and isinstance(body, list) else [part]
        return parts

    def macro(self, name: str) -> PartLike:
        """Macro ``name`` as one part (a list becomes a group)."""
        body = self.macros[name]
        return Part(group=body) if isinstance(body, list) else body

    def nodes(self, kind: str) -> tuple[Node, ...]:
        """The form of ``kind`` ready to write (compiled once per kind)."""
        found: tuple[Node, ...] | None = self.memo.get(f"nodes:{kind}")
        if found is None:
            found = self.memo[f"nodes:{kind}"] = tuple(self.compile(p) for p in self.form(kind))
        return found

    def special(self) -> tuple[Node, Node, Node | None]:
        """The number, the et-al. and the 'and' parts, compiled once."""
        found: tuple[Node, ...] | None = self.memo.get("special")
        if found is None:
            and_ = (self.compile(self.names.and_),) if self.names.and_ is not None else ()
            found = self.memo["special"] = (
                self.compile(self.number),
                self.compile(self.names.et_al),
                *and_,
            )
        return found[0], found[1], found[2] if len(found) > 2 else None

    def compile(self, part: PartLike, depth: int = 0) -> Node:
        """``part`` as a node: macros inlined, a field name made a field part."""
        if depth > 50:
            raise ValueError("macros use each other in a circle")
        if isinstance(part, str):
            return Node("field", part)
        if part.macro is not None:
            inner = self.compile(self.macro(part.macro), depth + 1)
            return _node(part, "group", "", children=(inner,))
        if part.field is not None:
            return _node(part, "field", part.field)
        if part.text is not None:
            return _node(part, "text", part.text)
        if part.label is not None:
            return _node(part, "label", part.label)
        if part.switch is not None:
            cases = {k: self.compile(v, depth + 1) for k, v in part.cases.items()}
            default = self.compile(part.default, depth + 1) if part.default is not None else None
            return _node(part, "switch", part.switch, cases=cases, default=default)
        kind = "first" if part.first is not None else "group"
        children = tuple(self.compile(c, depth + 1) for c in (part.first or part.group or ()))
        return _node(part, kind, "", children=children)


class Node(Struct, frozen=True, eq=False):
    """A part ready to write: ``kind`` is field, text, label, group, first or switch; a
    macro is a group of one."""

    kind: str
    value: str | Mapping[str, str]
    children: tuple[Node, ...] = ()
    cases: Mapping[str, Node] = msgspec.field(default_factory=dict)
    default: Node | None = None
    delimiter: str = ""
    prefix: str = ""
    suffix: str = ""
    italic: bool = False
    bold: bool = False
    if_: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    if_any: tuple[str, ...] = ()
    if_many: str | None = None


def _node(part: Part, kind: str, value: str | Mapping[str, str], **more: Any) -> Node:
    return Node(
        kind,
        value,
        delimiter=part.delimiter,
        prefix=part.prefix,
        suffix=part.suffix,
        italic=part.italic,
        bold=part.bold,
        if_=tuple(part.if_),
        unless=tuple(part.unless),
        if_any=tuple(part.if_any),
        if_many=part.if_many,
        **more,
    )


_STYLE_ENTRY = "grantdocs-style-2"
"""Changes when what a kept style holds changes (its cache entries then no longer match)."""
_CODE = (
    "grantdocs.cite.styles",
    "grantdocs.cite.style_model",
    "grantdocs.profile.model",
    "grantdocs.profile.records",
    "grantdocs.cite.values",
    "grantdocs.profile.names",
    "grantdocs.profile.yamlpos",
    "grantdocs.profile.yamlread",
    "grantdocs.profile.positions",
)
"""The modules whose code decides what reading and checking a style file gives."""


@cache
def load_style(name: str) -> Style:
    """The bundled style ``name``; a FormatError with file:line:col if its file is not valid.

    A valid style is kept in the disk cache (``usercache``) with its compiled forms, by a
    hash of its file's text and of the code that reads it, so a later build neither parses
    its YAML nor loads pydantic: it gets the style's records."""
    # lazy: usercache, profile.yamlpos load only when this runs
    from grantdocs import usercache
    from grantdocs.profile.yamlpos import YamlProblems, read_text

    if name not in style_names():
        raise FormatError(
            f"unknown citation style {name!r}; known styles: {', '.join(style_names())}"
        )
    path = STYLES_DIR / f"{name}.yaml"
    display = display_path(path)
    try:
        text = read_text(path, display)
    except YamlProblems as exc:
        raise FormatError(f"{display}: cannot read the citation style", exc.problems) from None
    name = usercache.entry_name("style", _STYLE_ENTRY, usercache.code_digest(_CODE), display, text)
    return usercache.remembered(
        name,
        lambda: _checked_style(text, display),
        usercache.instance_of(Style),
    )


def _checked_style(text: str, display: str) -> Style:
    """The style in ``text``, validated, its names checked and every form compiled."""
    # lazy: pydantic, the style models, profile.problems, profile.yamlpos load only to
    # check a style file anew
    from pydantic import ValidationError

    from grantdocs.cite import style_model
    from grantdocs.profile.model import as_record
    from grantdocs.profile.problems import problems_from
    from grantdocs.profile.yamlpos import YamlProblems, load_yaml

    try:
        data, positions = load_yaml(text, display)
    except YamlProblems as exc:
        raise FormatError(f"{display}: cannot read the citation style", exc.problems) from None
    try:
        style: Style = as_record(style_model.Style.model_validate(data))
    except ValidationError as exc:
        problems = problems_from(exc, positions, display, style_model.Style)
        raise FormatError(f"{display}: the citation style is not valid", problems) from None
    problems = _unknown_names(style, display)
    if problems:
        raise FormatError(f"{display}: the citation style names unknown fields", problems)
    try:
        for kind in style.kinds:
            style.nodes(kind)
    except ValueError as exc:
        raise FormatError(f"{display}: {exc}") from None
    return style


def _unknown_names(style: Style, display: str) -> list[Problem]:
    found: list[str] = []

    def walk(part: PartLike) -> None:
        if isinstance(part, str):
            if part not in FIELDS:
                found.append(part)
            return
        for name in (part.field, part.switch, part.if_many, *part.if_, *part.unless, *part.if_any):
            if name is not None and name not in FIELDS:
                found.append(name)
        if part.macro is not None and part.macro not in style.macros:
            found.append(f"macro {part.macro}")
        for child in (*(part.group or ()), *(part.first or ()), *part.cases.values()):
            walk(child)
        if part.default is not None:
            walk(part.default)

    macros = [m if isinstance(m, list) else [m] for m in style.macros.values()]
    for parts in (*style.kinds.values(), *macros):
        for part in parts:
            walk(part)
    walk(style.number)
    return [
        Problem(Location(display), f"unknown field {name!r}", hint="fields: " + ", ".join(FIELDS))
        for name in dict.fromkeys(found)
    ]
