"""The rule vocabulary a format file uses to fill a slot from the profile.

A rule names a section, filters it (``where``, whose tests may be combined with ``any_of``
and ``not``), keeps a time window counted back from the as-of date (``window``), orders what
is left (``order``), folds repeated entries together (``collapse``) and cuts it (``limit``).
The owner may ``pin`` and ``exclude`` entries by id.
"""

import types
import typing
from decimal import Decimal
from typing import Annotated, Any, Literal, Self, Union

from msgspec import Struct
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from typing_extensions import TypeAliasType

from grantdocs.profile import model as pm
from grantdocs.profile.dates import PartialDate
from grantdocs.select import records
from grantdocs.select.records import (
    ANY_OF,
    COMBINERS,
    COMPUTED_FIELDS,
    NOT,
    OPERATORS,
    OrderKey,
    Scalar,
    SectionName,
)

SECTION_MODELS: dict[str, type[BaseModel]] = {
    "publications": pm.Publication,
    "projects": pm.Project,
    "awards": pm.Award,
    "talks": pm.Talk,
    "invited_lectures": pm.Talk,
    "positions": pm.Position,
    "education": pm.Education,
    "teaching": pm.Teaching,
    "service": pm.Service,
    "patents": pm.PatentFamily,
    "memberships": pm.Membership,
    "supervision": pm.SupervisedPerson,
}
"""Which model each section holds; ``supervision`` means the named cases, ``talks`` every talk
(``invited_lectures`` included, read as invited), ``invited_lectures`` only those."""


class _Rule(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, populate_by_name=True)


class Condition(_Rule):
    """A comparison on one field. Several keys in one condition must all hold."""

    eq: Scalar | None = None
    ne: Scalar | None = None
    in_: list[Scalar] | None = Field(None, alias="in")
    not_in: list[Scalar] | None = None
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    contains: Scalar | None = Field(None, description="A list field holds this value.")
    contains_any: list[Scalar] | None = None
    exists: bool | None = Field(None, description="The field is set (true) or empty (false).")


FieldTest = Scalar | list[Scalar] | Condition
"""A scalar means equality, a list means 'one of', a mapping is a ``Condition``."""


def where_shape(value: Any) -> str:
    """Which kind of ``where`` value this is (``records.where_shape``), a ``Condition``
    model included: pydantic asks again when it serialises a validated rule."""
    return "condition" if isinstance(value, Condition) else records.where_shape(value)


Where = TypeAliasType("Where", "dict[str, WhereValue]")
"""Field tests that must all hold; ``any_of: [where, ...]`` holds when one of its mappings
does, ``not: where`` when its mapping does not. Both nest."""

WhereValue = TypeAliasType(
    "WhereValue",
    Annotated[
        Union[  # noqa: UP007 (the tags need the explicit form)
            Annotated[Scalar, Tag("scalar")],
            Annotated[list[Scalar], Tag("values")],
            Annotated[Condition, Tag("condition")],
            Annotated[list[Where], Tag("wheres")],
            Annotated[Where, Tag("where")],
        ],
        Discriminator(where_shape),
    ],
)


class Window(_Rule):
    """A time window; exactly one of its keys. Entries overlapping the window are kept."""

    last_years: Annotated[int, Field(ge=1, le=100)] | None = Field(
        None, description="From the as-of date N years back to the as-of date, both included."
    )
    since: PartialDate | None = Field(None, description="From this date to the as-of date.")
    between: tuple[PartialDate, PartialDate] | None = Field(
        None, description="From the first day of the first to the last day of the second."
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [k for k in ("last_years", "since", "between") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a window takes exactly one of last_years, since, between")
        return self


class SlotRule(_Rule):
    """How one slot of a format is filled."""

    section: SectionName
    label: pm.Text | None = Field(
        None, description="Heading: a msgid, or an inline {en: ..., de: ...} label."
    )
    where: Where = Field(default_factory=dict)
    window: Window | None = None
    order: list[OrderKey] = Field(default_factory=lambda: list[OrderKey](["newest"]))
    custom_order: list[str] = Field(
        default_factory=list, description="Ids in the wanted order, for order key 'custom'."
    )
    collapse: Literal["title"] | None = Field(
        None,
        description="Keep one entry per normalised title (the newest); the others' dates "
        "are listed with it.",
    )
    limit: Annotated[int, Field(ge=1)] | None = None
    empty: Literal["omit", "none"] = Field(
        "omit",
        description="What the document does when the slot keeps no entry: leaves its heading "
        "out (omit), or prints the heading with 'None' below it, where the funder's form "
        "requires the heading (none; the template prints it). The build report names the "
        "empty slot either way.",
    )
    pin: list[str] = Field(default_factory=list, description="Ids always kept (within limit).")
    exclude: list[str] = Field(default_factory=list, description="Ids never kept.")


def valid_fields(section: str) -> list[str]:
    """Field names a rule's ``where`` may use for ``section``."""
    names = list(SECTION_MODELS[section].model_fields)
    if "start" in names:
        names.append("ongoing")
    if section == "publications":
        names.append("public")
    return sorted(names)


class FieldKind(Struct, frozen=True):
    """What a field holds, as far as a rule's tests care."""

    kind: Literal["enum", "bool", "number", "text", "date", "list", "other"]
    choices: tuple[str, ...] = ()
    """The allowed values of an ``enum``."""
    item: "FieldKind | None" = None
    """What a ``list`` holds."""

    def describe(self) -> str:
        if self.kind == "enum":
            return "one of " + ", ".join(self.choices)
        if self.kind == "list" and self.item is not None:
            return f"a list ({self.item.describe()})"
        return {
            "bool": "true or false",
            "number": "a number",
            "text": "a text",
            "date": "a date",
            "list": "a list",
            "other": "a structured value",
        }[self.kind]


def field_kind(section: str, name: str) -> FieldKind:
    """The kind of ``name`` in the entries of ``section`` (a computed field included)."""
    if name in COMPUTED_FIELDS:
        return FieldKind("bool")
    return _kind_of(SECTION_MODELS[section].model_fields[name].annotation)


def _kind_of(annotation: Any) -> FieldKind:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _kind_of(typing.get_args(annotation)[0])
    if origin is Literal:
        return FieldKind("enum", tuple(str(v) for v in typing.get_args(annotation)))
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        kinds = {_kind_of(a).kind for a in options}
        if len(options) == 1:
            return _kind_of(options[0])
        if "text" in kinds and kinds <= {"text", "other"}:
            return FieldKind("text")  # a plain or a translated text
        return FieldKind("other")
    if origin is list:
        args = typing.get_args(annotation)
        return FieldKind("list", item=_kind_of(args[0]) if args else FieldKind("other"))
    if annotation is bool:
        return FieldKind("bool")
    if annotation in (int, float, Decimal):
        return FieldKind("number")
    if annotation is str:
        return FieldKind("text")
    if annotation is PartialDate:
        return FieldKind("date")
    return FieldKind("other")


class WhereProblem(Struct, frozen=True):
    """A ``where`` test that cannot hold for the section's model."""

    path: tuple[str | int, ...]
    """Below the rule's ``where``."""
    message: str
    hint: str | None = None
    key: bool = False
    """The problem is the key at ``path`` (an unknown field), not its value."""


def where_problems(section: str, where: dict[str, Any]) -> list[WhereProblem]:
    """Every field name and value in ``where`` that does not fit ``section``'s entries."""
    problems: list[WhereProblem] = []
    _check_where(section, where, (), problems)
    return problems


def _check_where(
    section: str, where: dict[str, Any], path: tuple[str | int, ...], out: list[WhereProblem]
) -> None:
    allowed = valid_fields(section)
    for name, test in where.items():
        here = (*path, name)
        if name == ANY_OF:
            if where_shape(test) != "wheres":
                out.append(WhereProblem(here, "any_of takes a list of mappings of tests"))
                continue
            for index, option in enumerate(test):
                _check_where(section, option, (*here, index), out)
        elif name == NOT:
            if where_shape(test) != "where":
                out.append(WhereProblem(here, "not takes one mapping of tests"))
                continue
            _check_where(section, test, here, out)
        elif name not in allowed:
            # lazy: difflib loads only to suggest a name for a mistake
            import difflib

            close = difflib.get_close_matches(name, [*allowed, *COMBINERS], n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            out.append(
                WhereProblem(
                    here,
                    f"{section} have no field {name!r}",
                    hint + "valid names: " + ", ".join([*allowed, *COMBINERS]),
                    key=True,
                )
            )
        else:
            _check_test(name, field_kind(section, name), test, here, out)


def _check_test(
    name: str, kind: FieldKind, test: Any, here: tuple[str | int, ...], out: list[WhereProblem]
) -> None:
    shape = where_shape(test)
    if shape == "scalar":
        _check_equal(name, kind, test, here, out)
    elif shape == "values":
        for index, value in enumerate(test):
            _check_equal(name, kind, value, (*here, index), out)
    elif shape == "condition":
        _check_condition(name, kind, test, here, out)
    else:
        out.append(
            WhereProblem(
                here,
                f"a test of {name!r} is a value, a list of values or a condition",
                "conditions: " + ", ".join(sorted(OPERATORS)) + "; any_of and not go beside "
                "the field tests, e.g. {any_of: [{kind: book}, {peer_reviewed: true}]}",
            )
        )


def _check_condition(
    name: str,
    kind: FieldKind,
    c: records.Condition,
    here: tuple[str | int, ...],
    out: list[WhereProblem],
) -> None:
    for op in ("eq", "ne"):
        value = getattr(c, op)
        if value is not None:
            _check_equal(name, kind, value, (*here, op), out)
    for op, attr in (("in", "in_"), ("not_in", "not_in")):
        for index, value in enumerate(getattr(c, attr) or []):
            _check_equal(name, kind, value, (*here, op, index), out)
    for op in ("gt", "gte", "lt", "lte"):
        if getattr(c, op) is not None and kind.kind not in ("number", "date"):
            out.append(
                WhereProblem(
                    (*here, op),
                    f"{op} compares numbers or years, and {name} is {kind.describe()}",
                )
            )
    for op in ("contains", "contains_any"):
        value = getattr(c, op)
        if value is None:
            continue
        if kind.kind != "list" or kind.item is None:
            out.append(
                WhereProblem(
                    (*here, op),
                    f"{op} tests a list, and {name} is {kind.describe()}",
                    "test the value itself: a value, a list of values, or eq/in",
                )
            )
            continue
        values = value if isinstance(value, list) else [value]
        for index, item in enumerate(values):
            where = (*here, op, index) if isinstance(value, list) else (*here, op)
            _check_equal(f"an item of {name}", kind.item, item, where, out)


def _check_equal(
    name: str, kind: FieldKind, value: Any, here: tuple[str | int, ...], out: list[WhereProblem]
) -> None:
    """``value`` is one a field of ``kind`` can equal."""
    problem: str | None = None
    hint: str | None = None
    shown = _yaml(value)
    if kind.kind == "enum":
        if str(value) not in kind.choices or isinstance(value, bool):
            # lazy: difflib loads only to suggest a name for a mistake
            import difflib

            close = difflib.get_close_matches(str(value), kind.choices, n=1, cutoff=0.6)
            problem = f"{name} is never {shown}"
            hint = (f"did you mean {close[0]!r}? " if close else "") + (
                "valid values: " + ", ".join(kind.choices)
            )
    elif kind.kind == "bool":
        if not isinstance(value, bool):
            problem = f"{name} is true or false, not {shown}"
    elif kind.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            problem = f"{name} is a number, not {shown}"
    elif kind.kind == "text":
        if not isinstance(value, str):
            problem = f"{name} is a text, not {shown}"
            hint = f"write it in quotes: '{value}'" if not isinstance(value, bool) else None
    elif kind.kind == "date":
        problem = f"{name} is a date: compare it with gt, gte, lt or lte (a year)"
    elif kind.kind == "list":
        problem = f"{name} is a list: test it with contains or contains_any"
    else:
        problem = f"{name} cannot be compared with a value; test it with exists"
    if problem:
        out.append(WhereProblem(here, problem, hint))


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)
