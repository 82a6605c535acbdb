"""Decisions made on the page, written to choices.yaml: each action, and what is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from grantdocs.resources import default_profile
from grantdocs.select.choices_file import read_choices
from grantdocs.serve.decide import DecisionError, decide
from tests.conftest import MINIMAL


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text("# my own comment\n" + MINIMAL, encoding="utf-8")
    return path


def saved(profile: Path) -> dict[str, object]:
    found = read_choices(profile)
    assert found is not None
    return found.data.model_dump(exclude_defaults=True)


def test_pin_exclude_unpin_include(profile: Path) -> None:
    form = {"format": "dfg-cv", "slot": "category_a"}
    decide(profile, {**form, "action": "pin", "entry": "a"})
    decide(profile, {**form, "action": "pin", "entry": "a"})  # twice is once
    decide(profile, {**form, "action": "exclude", "entry": "b"})
    assert saved(profile) == {
        "formats": {"dfg-cv": {"pin": {"category_a": ["a"]}, "exclude": ["b"]}}
    }
    decide(profile, {**form, "action": "exclude", "entry": "a"})  # leaving out unpins
    assert saved(profile) == {"formats": {"dfg-cv": {"exclude": ["b", "a"]}}}
    decide(profile, {**form, "action": "pin", "entry": "b"})  # pinning allows again
    decide(profile, {**form, "action": "include", "entry": "a"})
    assert saved(profile) == {"formats": {"dfg-cv": {"pin": {"category_a": ["b"]}}}}
    decide(profile, {**form, "action": "unpin", "entry": "b"})
    assert saved(profile) == {}
    assert profile.read_text(encoding="utf-8").startswith("# my own comment\n")


def test_as_of_and_language(profile: Path) -> None:
    decide(profile, {"action": "as_of", "value": "2024-02-29"})
    decide(profile, {"action": "lang", "format": "erc-cv", "value": "en"})
    assert saved(profile) == {
        "as_of": dt.date(2024, 2, 29),
        "formats": {"erc-cv": {"lang": "en"}},
    }
    decide(profile, {"action": "as_of", "value": ""})
    assert "as_of" not in saved(profile)


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"action": "delete"}, "unknown action"),
        ({"action": "as_of", "value": "29.02.2024"}, "not a date"),
        ({"action": "as_of", "value": "0999-01-01"}, "four digits"),
        ({"action": "pin", "format": "dfg-cv", "entry": "a"}, "no slot"),
        ({"action": "pin", "slot": "x", "entry": "a"}, "no format"),
        ({"action": "exclude", "format": "dfg-cv"}, "no entry"),
    ],
)
def test_what_is_refused(profile: Path, form: dict[str, str], message: str) -> None:
    with pytest.raises(DecisionError, match=message):
        decide(profile, form)
    assert not (profile.parent / "choices.yaml").exists()


def test_the_bundled_profiles_are_read_only() -> None:
    with pytest.raises(DecisionError, match="read-only"):
        decide(default_profile(), {"action": "as_of", "value": "2024-01-01"})
    member = default_profile().parents[1] / "example-team"
    assert member.is_dir()
    assert not (default_profile().parent / "choices.yaml").exists()
