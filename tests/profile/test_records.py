"""The records a build reads hold what the validating models hold (profile, format, rule
and citation style): the same classes by name, the same fields in the same order, the same
defaults and compatible types; and ``as_record`` / ``dump`` give back what the models give,
on real data."""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import msgspec
import pytest
from pydantic import BaseModel
from pydantic_core import PydanticUndefined
from typing_extensions import TypeAliasType

from grantdocs.cite import style_model
from grantdocs.cite import styles as style_records
from grantdocs.formats import records as format_records
from grantdocs.formats import spec
from grantdocs.profile import model
from grantdocs.profile import records as profile_records
from grantdocs.profile.dates import PartialDate
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.records import Record, dump
from grantdocs.resources import templates_dir
from grantdocs.select import records as rule_records
from grantdocs.select import rules
from grantdocs.textfile import read_user_text

MODULES = (
    (model, profile_records),
    (spec, format_records),
    (rules, rule_records),
    (style_model, style_records),
)
RECORD_ONLY = {"memo"}
"""A style's compiled forms, kept with it and not in its file."""


def models() -> list[type[BaseModel]]:
    """Every concrete model class of the three validating modules."""
    found = []
    for module, _ in MODULES:
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
                and not value.__name__.startswith("_")
                and value.model_fields
            ):
                found.append(value)
    return found


def shape(annotation: Any) -> Any:
    """A comparable form of a type: constraints and aliases dropped, models and records
    named, unions as sets."""
    if isinstance(annotation, TypeAliasType):
        return annotation.__name__
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return shape(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return frozenset(shape(a) for a in typing.get_args(annotation))
    if origin is Literal:
        return ("Literal", frozenset(typing.get_args(annotation)))
    if origin is not None:
        return (origin, tuple(shape(a) for a in typing.get_args(annotation)))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel | Record):
        return annotation.__name__
    return annotation


@pytest.mark.parametrize("cls", models(), ids=lambda c: c.__name__)
def test_each_model_has_a_record_with_its_fields_in_order_and_defaults(
    cls: type[BaseModel],
) -> None:
    cls.model_rebuild()  # a deferred model's forward references resolved
    record = Record.named(cls.__name__)
    fields = [f for f in msgspec.structs.fields(record) if f.name not in RECORD_ONLY]
    assert [f.name for f in fields] == list(cls.model_fields)
    for f in fields:
        info = cls.model_fields[f.name]
        assert f.encode_name == (info.alias or f.name)
        required = info.default is PydanticUndefined and info.default_factory is None
        if required:
            assert f.required, f.name
        else:
            made = info.default_factory() if info.default_factory else info.default  # type: ignore[call-arg]
            kept = f.default_factory() if f.default_factory is not msgspec.NODEFAULT else f.default
            assert dump(kept) == dump(model.as_record(made)), f.name
        wanted = shape(info.annotation)
        if f.name == "where":  # a recursive alias of tests; the record holds them as given
            assert wanted == "Where" and f.type == dict[str, Any]
            continue
        assert shape(f.type) == wanted, f.name


def test_the_sections_a_rule_names_are_those_it_has_models_for() -> None:
    assert tuple(rules.SECTION_MODELS) == rule_records.SECTIONS


def test_every_record_class_has_its_model() -> None:
    names = {cls.__name__ for cls in models()}
    for _, module in MODULES:
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Record)
                and value is not Record
                and value.__module__ == module.__name__
            ):
                assert value.__name__ in names


def test_the_bundled_profile_as_records_dumps_as_its_model_does(bundled: LoadedProfile) -> None:
    loaded = bundled
    validated = model.Profile.model_validate(dump(loaded.profile))
    assert dump(loaded.profile) == validated.model_dump(mode="json", by_alias=True)
    assert model.as_record(validated) == loaded.profile
    assert isinstance(loaded.profile, profile_records.Profile)


@pytest.mark.parametrize("path", sorted(templates_dir().glob("*/format.yaml")), ids=str)
def test_every_bundled_format_as_records_dumps_as_its_model_does(path: Path) -> None:
    import yaml

    data = yaml.safe_load(read_user_text(path, 1 << 20, "YAML"))
    data.setdefault("id", path.parent.name)
    validated = spec.FormatSpec.model_validate(data)
    record = model.as_record(validated)
    assert isinstance(record, format_records.FormatSpec)
    assert dump(record) == validated.model_dump(mode="json", by_alias=True)


def test_dump_gives_dates_amounts_and_tuples_as_json_does() -> None:
    window = rule_records.Window(between=(PartialDate(2020), PartialDate(2021, 3)))
    assert dump(window) == {"last_years": None, "since": None, "between": ["2020", "2021-03"]}
    project = profile_records.Project(id="p", acronym="P", title="T", amount=Decimal("1000.50"))
    assert dump(project)["amount"] == "1000.50"
    bare = profile_records.Project(id="p", acronym="P", title="T")
    assert "amount" not in dump(bare, exclude_none=True)
    condition = rule_records.Condition(in_=["a"])
    assert dump(condition, exclude_none=True) == {"in": ["a"]}
    assert condition.operators() == {"in": ["a"]}
