"""The CV annex's rendering: each member's document is freed before the next is rendered."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from grantdocs.build import BuildOptions, build_all
from grantdocs.resources import example_team
from grantdocs.team import render as team_render
from tests.conftest import AS_OF


def test_member_documents_leave_no_cycles_for_the_paused_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    left: list[int] = []
    compose = team_render.compose

    def counting(documents: list[bytes]) -> bytes:
        assert not gc.isenabled()  # the build pauses the collector for the whole annex
        left.append(gc.collect())  # what rendering every member's CV left in cycles
        return compose(documents)

    monkeypatch.setattr(team_render, "compose", counting)
    options = BuildOptions(
        as_of=AS_OF,
        team=example_team(),
        formats=["cv-annex"],
        langs=["en"],
        out=tmp_path,
        workers=1,
    )
    gc.collect()  # garbage of earlier tests (pytest's own nodes) is not the build's
    result = build_all(options)
    assert [r.error for r in result.reports] == [None]
    # the cover page's rendering leaves about 300; each member's CV left about 200 more
    # (1,083 for these four) before they were freed member by member
    assert len(left) == 1 and left[0] < 500
