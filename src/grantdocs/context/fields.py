"""The generic mapping from profile record fields to template values.

Every field of every profile record (``grantdocs.profile.records``) reaches templates under
its own name, presented by its type, so a new model field needs no context code:

- a text (``str`` or ``{en: ..., de: ...}``): the text in the document's language;
- a partial date: the date formatted for the language ("Dez. 2018"), plus ``<field>_date``
  (the first day it covers, for spreadsheets; the last for a period's ``end``) and
  ``<field>_precision`` (day, month or year);
- a list: the list of its presented items; a nested model: a mapping of its fields;
- numbers, booleans, other strings: as they are; an empty value: ``""`` (so a template
  prints nothing), a missing list: ``[]``.
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from msgspec import Struct, structs

from grantdocs.l10n.formatting import LocalizerLike
from grantdocs.profile.dates import PartialDate
from grantdocs.profile.records import Record, Text
from grantdocs.profile.when import CLOSING_FIELDS

Kind = Literal["text", "date", "model", "value"]

_TEXT_MAPPING = typing.get_args(Text)[1]
"""The ``{en: ..., de: ...}`` branch of ``Text``."""


class FieldShape(Struct, frozen=True):
    """How one record field is presented: its kind, whether it is a list, its record."""

    name: str
    kind: Kind
    many: bool
    model: type[Record] | None


@cache
def shapes(record: type[Record]) -> tuple[FieldShape, ...]:
    """The presentation of every field of ``record``, in declaration order."""
    result = []
    for info in structs.fields(record):
        kind, many, nested = _classify(info.type)
        result.append(FieldShape(info.name, kind, many, nested))
    return tuple(result)


def _classify(annotation: Any) -> tuple[Kind, bool, type[Record] | None]:
    """``(kind, is_list, nested model)`` of a field annotation."""
    args = [a for a in _union_args(annotation) if a is not type(None)]
    many = False
    if len(args) == 1 and typing.get_origin(args[0]) is list:
        many = True
        args = [a for a in _union_args(typing.get_args(args[0])[0]) if a is not type(None)]
    if _TEXT_MAPPING in args:
        return "text", many, None
    for arg in args:
        if arg is PartialDate:
            return "date", many, None
        if isinstance(arg, type) and issubclass(arg, Record):
            return "model", many, arg
    return "value", many, None


def _union_args(annotation: Any) -> tuple[Any, ...]:
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return tuple(a for arg in typing.get_args(annotation) for a in _union_args(arg))
    return (annotation,)


class Presenter:
    """Presents model instances for one localiser; texts report fallbacks by data path."""

    def __init__(self, loc: LocalizerLike) -> None:
        self.loc = loc

    def model(self, entry: Record, path: str) -> dict[str, Any]:
        """Every field of ``entry`` presented by its shape (see the module docstring)."""
        row: dict[str, Any] = {}
        for shape in shapes(type(entry)):
            value = getattr(entry, shape.name)
            where = f"{path}.{shape.name}" if path else shape.name
            if shape.many:
                row[shape.name] = [
                    self.value(shape, item, f"{where}[{i}]") for i, item in enumerate(value or ())
                ]
            else:
                row[shape.name] = self.value(shape, value, where)
            if shape.kind == "date" and not shape.many:
                day = (
                    (value.last_day() if shape.name in CLOSING_FIELDS else value.first_day())
                    if value
                    else None
                )
                row[f"{shape.name}_date"] = day
                row[f"{shape.name}_precision"] = value.precision if value else None
        return row

    def value(self, shape: FieldShape, value: Any, path: str) -> Any:
        """One value presented by ``shape``."""
        if value is None:
            return ""
        if shape.kind == "text":
            return self.loc.text(value, path)
        if shape.kind == "date":
            return self.loc.date(value, "medium")
        if shape.kind == "model":
            return self.model(value, path)
        if isinstance(value, Decimal | int | float | bool | str | dict):
            return value
        return str(value)


def describe(shape: FieldShape) -> str:
    """What a field of this shape holds in a template, for the generated documentation."""
    what = {
        "text": "text in the document's language",
        "date": "formatted date; `{name}_date` and `{name}_precision` beside it",
        "model": "a mapping of its fields",
        "value": "as in the profile",
    }[shape.kind].format(name=shape.name)
    return f"list: {what}" if shape.many else what
