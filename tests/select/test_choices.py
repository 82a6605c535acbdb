"""Pins and excludes: resolved against the format and the profile; typos are errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from msgspec.structs import replace

from grantdocs.formats.registry import load_format
from grantdocs.prepare import select_slots
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.records import Profile
from grantdocs.select.choices import ChoiceError, resolve_choices
from tests.conftest import AS_OF


def profile_with_aliases(bundled: LoadedProfile) -> Profile:
    pubs = [
        replace(p, aliases=["Bach2015"]) if p.id == "bach2015pixel" else p
        for p in bundled.profile.publications
    ]
    return replace(bundled.profile, publications=pubs)


def test_pins_and_excludes_resolve_to_ids(bundled: LoadedProfile) -> None:
    spec = load_format("dfg-cv").spec
    rules = resolve_choices(
        spec,
        profile_with_aliases(bundled),
        [("category_b", "Bach2015")],
        ["dreyer2025mechanistic"],
    )
    assert rules["category_b"].pin == ["bach2015pixel"]
    assert rules["category_a"].pin == []
    assert all(r.exclude == ["dreyer2025mechanistic"] for r in rules.values())
    assert rules["career"] == replace(spec.slots["career"], exclude=rules["career"].exclude)


def test_without_choices_the_rules_are_the_formats(bundled: LoadedProfile) -> None:
    spec = load_format("erc-cv").spec
    assert resolve_choices(spec, bundled.profile) == spec.slots


def test_every_typo_is_reported_with_a_suggestion(bundled: LoadedProfile) -> None:
    spec = load_format("dfg-cv").spec
    with pytest.raises(ChoiceError) as info:
        resolve_choices(
            spec,
            profile_with_aliases(bundled),
            [("categry_a", "x"), ("category_a", "unknown-id"), ("category_a", "Bach2016")],
            ["typo", "bach2015pixle"],
        )
    shown = [(p.location.file, p.message, p.hint) for p in info.value.problems]
    assert shown[0][0] == "--pin" and "no slot 'categry_a'" in shown[0][1]
    assert shown[0][2] and shown[0][2].startswith("did you mean 'category_a'?")
    assert "unknown-id" in shown[1][1] and "grantdocs explain dfg-cv --all" in (shown[1][2] or "")
    assert shown[2][2] == "did you mean Bach2015 -> bach2015pixel?"
    assert shown[3][0] == "--exclude" and "'typo'" in shown[3][1]
    assert shown[4][2] and "bach2015pixel" in shown[4][2]
    assert len(shown) == 5


def test_a_pin_must_name_an_entry_of_the_slots_section(bundled: LoadedProfile) -> None:
    spec = load_format("erc-cv").spec
    with pytest.raises(ChoiceError) as info:
        resolve_choices(spec, bundled.profile, [("awards", "bach2015pixel")])
    assert "no entry of awards" in info.value.problems[0].message


def test_a_pin_for_another_formats_slot_is_left_to_it(bundled: LoadedProfile) -> None:
    spec = load_format("erc-cv").spec
    rules = resolve_choices(
        spec, bundled.profile, [("category_a", "bach2015pixel")], slots_elsewhere={"category_a"}
    )
    assert rules == spec.slots


def test_typos_in_a_format_file_are_located(tmp_path: Path, bundled: LoadedProfile) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "extends: dfg-cv\nslots:\n  category_a:\n    pin: [bach2015pixel, lapuschkn2019unmasking]\n"
        "    exclude: [typo]\n",
        encoding="utf-8",
    )
    with pytest.raises(ChoiceError) as info:
        select_slots(load_format(str(path)), bundled, AS_OF)
    pin, exclude = info.value.problems
    assert (pin.location.line, pin.location.column) == (4, 26)
    assert pin.location.file.endswith("mine.yaml")
    assert pin.path == "slots.category_a.pin[1]"
    assert pin.hint and pin.hint.startswith("did you mean lapuschkin2019unmasking")
    assert (exclude.location.line, exclude.location.column) == (5, 15)


def test_a_format_tried_on_another_profile_drops_its_unknown_pins(
    tmp_path: Path, bundled: LoadedProfile
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "extends: dfg-cv\nslots:\n  category_a:\n    pin: [smith2020, bach2015pixel]\n",
        encoding="utf-8",
    )
    spec = load_format(str(path)).spec
    rules = resolve_choices(spec, bundled.profile, strict=False)
    assert rules["category_a"].pin == ["bach2015pixel"]
    with pytest.raises(ChoiceError):
        resolve_choices(spec, bundled.profile)


def test_custom_order_ids_are_checked_too(tmp_path: Path, bundled: LoadedProfile) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "extends: erc-cv\nslots:\n  outputs:\n    order: [custom, newest]\n"
        "    custom_order: [lapuschkin2016layer, bach2015pixle]\n",
        encoding="utf-8",
    )
    with pytest.raises(ChoiceError) as info:
        select_slots(load_format(str(path)), bundled, AS_OF)
    (problem,) = info.value.problems
    assert problem.path == "slots.outputs.custom_order[1]"
    assert problem.location.line == 5
    assert problem.hint and "bach2015pixel" in problem.hint
