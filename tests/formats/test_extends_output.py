"""A format that extends another writes its documents to a folder of its own."""

from __future__ import annotations

from pathlib import Path

from grantdocs.build import BuildOptions, build
from grantdocs.formats.registry import load_format
from tests.conftest import AS_OF


def test_an_extending_file_builds_beside_its_parent_not_over_it(tmp_path: Path) -> None:
    mine = tmp_path / "my-dfg.yaml"
    mine.write_text("extends: dfg-cv\nslots:\n  category_a: {limit: 3}\n", encoding="utf-8")
    reports = build(
        BuildOptions(formats=["dfg-cv", str(mine)], langs=["de"], as_of=AS_OF, out=tmp_path / "o")
    )
    paths = sorted(r.path.relative_to(tmp_path / "o").as_posix() for r in reports)
    assert paths == ["dfg-cv/de/CV_PubList_Lapuschkin.docx", "my-dfg/de/CV_PubList_Lapuschkin.docx"]
    mine_report = next(r for r in reports if r.format_id == "my-dfg")
    parent_report = next(r for r in reports if r.format_id == "dfg-cv")
    counts = {s.slot: s.count for s in mine_report.slots}
    assert counts["category_a"] == 3
    assert {s.slot: s.count for s in parent_report.slots}["category_a"] == 10


def test_an_extending_file_named_like_its_parent_gets_an_id_of_its_own(tmp_path: Path) -> None:
    same = tmp_path / "dfg-cv.yaml"
    same.write_text("extends: dfg-cv\n", encoding="utf-8")
    assert load_format(str(same)).id == "dfg-cv-own"
    odd = tmp_path / "_.yaml"
    odd.write_text("extends: dfg-cv\n", encoding="utf-8")
    assert load_format(str(odd)).id == "dfg-cv-own"
    named = tmp_path / "x.yaml"
    named.write_text("extends: dfg-cv\nid: vw-cv\n", encoding="utf-8")
    assert load_format(str(named)).id == "vw-cv"
