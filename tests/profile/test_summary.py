"""``grantdocs validate``'s summary of a valid profile."""

from __future__ import annotations

from pathlib import Path

from grantdocs.profile.load import LoadedProfile, load_profile
from grantdocs.profile.summary import summarise
from tests.conftest import MINIMAL, write_tree


def test_summary_counts_supervision(bundled: LoadedProfile) -> None:
    lines = summarise(bundled).splitlines()
    assert (
        "  supervision: technical staff 3, postdoc 2, phd 32, master 40+, bachelor 3, guest 9 "
        "(since 2017)"
    ) in lines


def test_summary_counts_named_supervision_cases(tmp_path: Path) -> None:
    text = MINIMAL + (
        "supervision:\n  cases:\n"
        "    - {name: Grace Hopper, level: phd, start: 2020}\n"
        "    - {name: Alan Turing, level: master, start: 2021, end: 2022}\n"
    )
    loaded = load_profile(write_tree(tmp_path, {"p.yaml": text}) / "p.yaml")
    assert "  supervision: named cases: 2" in summarise(loaded).splitlines()
    empty = load_profile(write_tree(tmp_path, {"e.yaml": MINIMAL}) / "e.yaml")
    assert "supervision" not in summarise(empty)
