"""Format files on disk: an unchanged file is read and validated once; a changed file, a
file with problems, or the cache turned off are read anew; a loaded format is the same."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from grantdocs import usercache
from grantdocs.errors import FormatError
from grantdocs.formats import registry
from grantdocs.formats.cache import Read, cached_read
from grantdocs.formats.registry import load_format
from grantdocs.resources import templates_dir
from tests.conftest import write_tree


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(usercache.ENV_VAR, str(folder))
    yield folder
    usercache._trusted.cache_clear()


class Counting:
    """``registry._read_valid`` of one file, counting its calls."""

    def __init__(self, path: Path, own_id: str | None) -> None:
        self.read = partial(registry._read_valid, path, own_id)
        self.calls = 0

    def __call__(self) -> Read:
        self.calls += 1
        return self.read()


def mine(tmp_path: Path, limit: int = 3) -> Path:
    text = f"extends: dfg-cv\nslots:\n  category_a:\n    limit: {limit}\n"
    return write_tree(tmp_path, {"mine.yaml": text}) / "mine.yaml"


def test_an_unchanged_format_file_is_read_once(cache: Path) -> None:
    path = templates_dir() / "dfg-cv" / "format.yaml"
    read = Counting(path, "dfg-cv")
    data, positions, spec = cached_read(path, "dfg-cv", read)
    again = cached_read(path, "dfg-cv", read)
    assert read.calls == 1
    assert again[0] == data and again[2] == spec
    assert again[1].nearest(("slots", "category_a")) == positions.nearest(("slots", "category_a"))
    cached_read(path, None, read)  # looked up by path, not id: another entry
    assert read.calls == 2


def test_a_changed_format_file_is_read_anew(cache: Path, tmp_path: Path) -> None:
    path = mine(tmp_path)
    read = Counting(path, None)
    assert cached_read(path, None, read)[0]["slots"]["category_a"]["limit"] == 3
    mine(tmp_path, 5)
    assert cached_read(path, None, read)[0]["slots"]["category_a"]["limit"] == 5
    assert read.calls == 2


def test_a_format_file_with_problems_is_not_kept(cache: Path, tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"bad.yaml": "extends: dfg-cv\npage_limt: 3\n"})
    for _ in range(2):
        with pytest.raises(FormatError, match="the format is not valid"):
            load_format(str(path / "bad.yaml"))
    assert not any(p.name.startswith("format-") for p in cache.iterdir())


def test_a_format_loaded_from_the_cache_is_the_same(cache: Path, tmp_path: Path) -> None:
    path = str(mine(tmp_path))
    first = load_format(path)
    assert any(p.name.startswith("format-") for p in cache.iterdir())
    again = load_format(path)
    assert again == first
    assert again.positions is not None and first.positions is not None
    assert again.positions.nearest(("slots",)) == first.positions.nearest(("slots",))


def test_off_reads_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(usercache.ENV_VAR, "off")
    path = mine(tmp_path)
    read = Counting(path, None)
    for _ in range(2):
        cached_read(path, None, read)
    assert read.calls == 2
