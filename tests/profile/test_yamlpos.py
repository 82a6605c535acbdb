"""YAML reading keeps every value's and key's position, and leaves the collector as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from grantdocs.errors import Location
from grantdocs.profile.load import load_profile
from grantdocs.profile.yamlpos import Positions, YamlProblems, load_yaml
from tests.conftest import MINIMAL, write_tree

TEXT = """\
a: 1
b:
  - x
  - {c: 2020-01-02, d: [true, ~]}
e: &anchor {f: g}
h: *anchor
"""


def test_positions_of_values_and_keys() -> None:
    data, pos = load_yaml(TEXT, "f.yaml")
    assert data["b"][1]["d"] == [True, None]
    assert pos.value(()) == Location("f.yaml", 1, 1)
    assert pos.value(("a",)) == Location("f.yaml", 1, 4)
    assert pos.key(("a",)) == Location("f.yaml", 1, 1)
    assert pos.value(("b", 0)) == Location("f.yaml", 3, 5)
    assert pos.value(("b", 1, "d", 1)) == Location("f.yaml", 4, 31)
    assert pos.key(("b", 1, "d")) == Location("f.yaml", 4, 21)
    assert pos.value(("h", "f")) == Location("f.yaml", 5, 16)  # where the anchored value stood
    assert pos.value(("nope",)) is None and pos.key(("b", 0)) is None
    assert pos.has(("b", 1, "c")) and not pos.has(("b", 2))
    assert pos.nearest(("b", 1, "d", 7, "x")) == Location("f.yaml", 4, 24)
    assert pos.nearest(("a",), key=True) == Location("f.yaml", 1, 1)
    assert Positions().nearest(("a",)) is None


def test_long_lines_and_many_lines_keep_their_columns() -> None:
    text = "items:\n" + "  - 1\n" * 70_000 + "y: 2\nz: [1, {w: 2}]\n"
    _, pos = load_yaml(text, "big.yaml")
    assert pos.value(("items", 69_999)) == Location("big.yaml", 70_001, 5)
    assert pos.value(("z", 1, "w")) == Location("big.yaml", 70_003, 12)
    assert pos.key(("y",)) == Location("big.yaml", 70_002, 1)
    _, pos = load_yaml("v: {y: '" + "é" * 100_000 + "', w: 3}\n", "long.yaml")
    assert pos.value(("v", "w")) == Location("long.yaml", 1, 100_015)
    assert pos.key(("v", "w")) == Location("long.yaml", 1, 100_012)


def test_shifted_only_and_update_across_files() -> None:
    _, first = load_yaml("p: [a, b]\nq: 1\n", "one.yaml")
    _, second = load_yaml("q: 2\np:\n  - c\n", "two.yaml")
    moved = second.shifted("p", 2).only("p")
    assert moved.value(("p", 2)) == Location("two.yaml", 3, 5)
    assert not moved.has(("q",))
    first.update(moved)
    assert first.value(("p", 1)) == Location("one.yaml", 1, 8)
    assert first.value(("p", 2)) == Location("two.yaml", 3, 5)
    assert first.value(("p",)) == Location("one.yaml", 1, 4)  # the first file's stays
    assert first.files == ["one.yaml", "two.yaml"]


def test_includes_report_positions_in_their_own_file(tmp_path: Path) -> None:
    pub = "  - {{id: {0}, kind: preprint, authors: [X], title: T, year: 2020}}\n"
    write_tree(
        tmp_path,
        {
            "p.yaml": MINIMAL + "include: [more.yaml]\npublications:\n" + pub.format("a"),
            "more.yaml": "publications:\n" + pub.format("b") + pub.format("c"),
        },
    )
    loaded = load_profile(tmp_path / "p.yaml")
    assert loaded.where("publications", 0).line == 4
    where = loaded.where("publications", 2, "title")
    assert where.file.endswith("more.yaml") and (where.line, where.column) == (3, 50)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        load_yaml(TEXT, "f.yaml")
        assert gc.isenabled() is enabled
        with pytest.raises(YamlProblems):
            load_yaml("a: [\n", "f.yaml")
        with pytest.raises(YamlProblems):
            load_yaml("a: 1\na: 2\n", "f.yaml")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
