"""The server's builds: the first builds everything; a decision about one format rebuilds that
format's documents only and keeps the others; a failed build keeps the last good one."""

from __future__ import annotations

import shutil
from pathlib import Path

from grantdocs.resources import default_profile
from grantdocs.select.choices_file import write_choices
from grantdocs.select.choices_model import ChoicesData, FormatChoices
from grantdocs.serve.workspace import Target, Workspace


def test_a_decision_rebuilds_its_format_only(tmp_path: Path) -> None:
    shutil.copytree(default_profile().parent, tmp_path / "cv")
    profile = tmp_path / "cv" / default_profile().name
    space = Workspace(Target(profile=profile, formats=("dfg-cv", "erc-cv"), out=tmp_path / "o"))
    space.pdf = False  # LibreOffice is tested in test_browser.py; here the bookkeeping
    space._build()
    first = space.snapshot
    assert first is not None and space.generation == 1
    assert sorted({r.format_id for r in first.result.reports}) == ["dfg-cv", "erc-cv"]

    choice = FormatChoices(exclude=["bach2015pixel"])
    write_choices(profile, ChoicesData(formats={"erc-cv": choice}))
    space._build({"erc-cv"})
    second = space.snapshot
    assert second is not None and space.generation == 2
    old = {(r.format_id, r.lang): r for r in first.result.reports}
    new = {(r.format_id, r.lang): r for r in second.result.reports}
    assert old.keys() == new.keys()
    assert [(r.format_id, r.lang) for r in second.result.reports] == [
        (r.format_id, r.lang) for r in first.result.reports
    ]
    for key, report in new.items():
        if key[0] == "dfg-cv":
            assert report is old[key]  # kept, not rebuilt
        else:
            assert report is not old[key]
            chosen = {c.id for s in report.slots for c in s.chosen}
            assert "bach2015pixel" not in chosen

    # an invalid edit: the error is kept beside the last good build
    profile.write_text(profile.read_text().replace("\nperson:\n", "\npersn:\n", 1))
    space._build()
    assert space.snapshot is second and space.error and "persn" in space.error
    assert space.generation == 3
    # after a failed build the next one builds everything again
    profile.write_text(profile.read_text().replace("\npersn:\n", "\nperson:\n", 1))
    space._build({"erc-cv"})
    third = space.snapshot
    assert third is not None and space.error is None
    assert all(r is not new[(r.format_id, r.lang)] for r in third.result.reports)
