"""The rule vocabulary: where values checked against the model, any_of and not."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantdocs.errors import FormatError
from grantdocs.formats.registry import load_format
from grantdocs.profile.model import validated
from grantdocs.profile.records import dump
from grantdocs.select.rules import SlotRule, field_kind, where_problems


def problems(section: str, where: dict[str, object]) -> list[tuple[tuple[str | int, ...], str]]:
    rule = validated(SlotRule, {"section": section, "where": where})
    return [(p.path, p.message) for p in where_problems(section, rule.where)]


def test_field_kinds_follow_the_model() -> None:
    assert field_kind("projects", "status").choices == ("awarded", "submitted", "rejected")
    assert field_kind("publications", "peer_reviewed").kind == "bool"
    assert field_kind("publications", "year").kind == "number"
    assert field_kind("publications", "title").kind == "text"
    assert field_kind("awards", "name").kind == "text"  # a translatable text
    assert field_kind("publications", "tags").kind == "list"
    assert field_kind("projects", "start").kind == "date"
    assert field_kind("projects", "ongoing").kind == "bool"
    assert field_kind("projects", "amount").kind == "number"


def test_a_misspelt_enum_value_is_found_with_a_suggestion() -> None:
    rule = validated(SlotRule, {"section": "projects", "where": {"status": "awardd"}})
    (found,) = where_problems("projects", rule.where)
    assert found.path == ("status",)
    assert "never 'awardd'" in found.message
    assert found.hint is not None and found.hint.startswith("did you mean 'awarded'?")


def test_values_must_fit_the_fields_type() -> None:
    assert problems("publications", {"title": 3}) == [(("title",), "title is a text, not 3")]
    assert problems("publications", {"peer_reviewed": "yes"}) == [
        (("peer_reviewed",), "peer_reviewed is true or false, not 'yes'")
    ]
    assert problems("publications", {"tags": True}) == [
        (("tags",), "tags is a list: test it with contains or contains_any")
    ]
    assert problems("publications", {"title": {"gte": 3}}) == [
        (("title", "gte"), "gte compares numbers or years, and title is a text")
    ]
    assert problems("publications", {"year": {"contains": 3}})[0][1].startswith(
        "contains tests a list"
    )
    assert problems("publications", {"kind": ["journal_article", "jornal_article"]}) == [
        (("kind", 1), "kind is never 'jornal_article'")
    ]
    assert problems("publications", {"year": {"gte": 2015}, "tags": {"contains": "xai"}}) == []
    assert problems("projects", {"ongoing": True, "amount": {"gte": 1000}}) == []


def test_any_of_and_not_are_checked_inside() -> None:
    where = {
        "any_of": [{"kind": "book"}, {"peer_reviewd": True}],
        "not": {"status": "submited"},
    }
    found = problems("publications", where)
    assert [path for path, _ in found] == [("any_of", 1, "peer_reviewd"), ("not", "status")]
    assert problems("publications", {"any_of": {"kind": "book"}}) == [
        (("any_of",), "any_of takes a list of mappings of tests")
    ]
    assert problems("publications", {"not": [{"kind": "book"}]}) == [
        (("not",), "not takes one mapping of tests")
    ]


def test_a_value_error_points_at_the_value_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "extends: erc-cv\nslots:\n  ongoing_grants:\n    where:\n"
        "      any_of:\n        - {status: awardd}\n        - {ongoing: 'yes'}\n",
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as info:
        load_format(str(path))
    first, second = info.value.problems
    assert (first.location.line, first.location.column) == (6, 20)
    assert first.path == "slots.ongoing_grants.where.any_of[0].status"
    assert first.hint and "did you mean 'awarded'?" in first.hint
    assert (second.location.line, second.location.column) == (7, 21)
    assert "true or false" in second.message and "'yes'" in second.message


def test_a_malformed_condition_is_located(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "extends: dfg-cv\nslots:\n  category_a:\n    where:\n      year: {gte: soon}\n",
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as info:
        load_format(str(path))
    (problem,) = info.value.problems
    assert problem.location.line == 5
    assert "number" in problem.message


def test_the_owners_choices_replace_only_pins_excludes_and_order() -> None:
    rule = validated(
        SlotRule,
        {
            "section": "publications",
            "where": {"any_of": [{"kind": "book"}, {"year": {"gte": 2020}}], "not": {"rank": 1}},
            "collapse": "title",
        },
    )
    again = rule.chosen(["a"], ["b"], ["c"])
    assert (again.pin, again.exclude, again.custom_order) == (["a"], ["b"], ["c"])
    assert again.where == rule.where and again.collapse == "title" and again.limit is None
    assert dump(again) == {**dump(rule), "pin": ["a"], "exclude": ["b"], "custom_order": ["c"]}


def _conditions(where: object) -> list[object]:
    """Every ``Condition`` inside a rule's ``where``, however nested."""
    from grantdocs.select.records import Condition

    if isinstance(where, Condition):
        return [where]
    if isinstance(where, dict):
        return [c for value in where.values() for c in _conditions(value)]
    if isinstance(where, list):
        return [c for value in where for c in _conditions(value)]
    return []


def test_condition_operators_are_its_dump_by_alias_without_empties() -> None:
    """``Condition.operators`` says what pydantic's dump of its model says, for every
    condition of the bundled formats and for each operator alone and all together."""
    from grantdocs.formats.registry import bundled_ids
    from grantdocs.select import rules
    from grantdocs.select.records import Condition

    found = [
        c
        for fmt_id in bundled_ids()
        for slot in load_format(fmt_id).spec.slots.values()
        for c in _conditions(slot.where)
    ]
    assert found  # the bundled formats use conditions
    every = {
        "eq": "x",
        "ne": 3,
        "in": ["a", 2],
        "not_in": [True],
        "gt": 1.5,
        "gte": 2,
        "lt": 3,
        "lte": 4.0,
        "contains": "tag",
        "contains_any": ["a", "b"],
        "exists": False,
    }
    made = [validated(rules.Condition, {k: v}) for k, v in every.items()]
    for condition in [*found, *made, validated(rules.Condition, every)]:
        assert isinstance(condition, Condition)
        model = rules.Condition.model_validate(dump(condition, exclude_none=True))
        dumped = model.model_dump(by_alias=True, exclude_none=True)
        assert condition.operators() == dumped
        assert list(condition.operators()) == list(dumped)
