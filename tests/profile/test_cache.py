"""Loaded profiles on disk: an unchanged profile is not loaded again; a changed file, a
profile with problems, a forged entry or the cache turned off are loaded anew."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from grantdocs import usercache
from grantdocs.errors import ProfileError
from grantdocs.profile import cache as profile_cache
from grantdocs.profile.load import LoadedProfile, _load_profile, load_profile

RAN = "unpickled-forged-entry"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(usercache.ENV_VAR, str(folder))
    profile_cache._STORED.clear()
    yield folder
    usercache._trusted.cache_clear()
    profile_cache._STORED.clear()


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    folder = tmp_path / "cv"
    folder.mkdir()
    (folder / "profile.yaml").write_text(
        "person: {given_names: Ada, family_name: Lovelace}\ninclude: [pubs.yaml]\n",
        encoding="utf-8",
    )
    (folder / "pubs.yaml").write_text(
        "publications:\n  - {id: p1, kind: journal_article, authors: [Lovelace A], "
        "title: Notes, venue: Journal, year: 1843}\n",
        encoding="utf-8",
    )
    return folder / "profile.yaml"


class Counting:
    """``_load_profile``, counting its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path: Path, confined: bool) -> LoadedProfile:
        self.calls += 1
        return _load_profile(path, confined)


def test_an_unchanged_profile_is_loaded_once_and_comes_back_equal(
    cache: Path, profile: Path
) -> None:
    load = Counting()
    first = profile_cache.cached_load(profile, False, load, LoadedProfile)
    again = profile_cache.cached_load(profile, False, load, LoadedProfile)
    assert load.calls == 1
    assert again.profile == first.profile
    assert again.positions.nearest(("publications", 0, "title")) == first.positions.nearest(
        ("publications", 0, "title")
    )
    assert again.files == first.files
    assert profile_cache.cached_load(profile, True, load, LoadedProfile).profile == first.profile
    assert load.calls == 2  # confined is another entry


def test_a_changed_include_is_loaded_anew(cache: Path, profile: Path) -> None:
    load = Counting()
    profile_cache.cached_load(profile, False, load, LoadedProfile)
    pubs = profile.parent / "pubs.yaml"
    pubs.write_text(pubs.read_text(encoding="utf-8").replace("Notes", "Sketch"), encoding="utf-8")
    loaded = profile_cache.cached_load(profile, False, load, LoadedProfile)
    assert load.calls == 2
    assert loaded.profile.publications[0].title == "Sketch"
    profile_cache.cached_load(profile, False, load, LoadedProfile)
    assert load.calls == 3  # the process that stored it once does not store each edit
    profile_cache._STORED.clear()  # a new process stores the edited profile
    profile_cache.cached_load(profile, False, load, LoadedProfile)
    profile_cache.cached_load(profile, False, load, LoadedProfile)
    assert load.calls == 4


def test_a_profile_with_problems_is_not_kept(cache: Path, profile: Path) -> None:
    profile.write_text(profile.read_text(encoding="utf-8") + "unknown_key: 1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ProfileError, match="1 problem"):
            load_profile(profile)
    assert not any(p.name.startswith("profile-") for p in cache.iterdir())


def test_a_forged_entry_is_never_unpickled(cache: Path, profile: Path, tmp_path: Path) -> None:
    load = Counting()
    profile_cache.cached_load(profile, False, load, LoadedProfile)
    (entry,) = [p for p in cache.iterdir() if p.name.startswith("profile-")]
    marker = tmp_path / RAN
    payload = pickle.dumps(_Planted(str(marker)))
    stored = entry.read_bytes()
    signed = stored[: len(usercache.MAGIC) + 32]
    entry.write_bytes(signed + payload)  # the old signature over other bytes
    loaded = profile_cache.cached_load(profile, False, load, LoadedProfile)
    assert load.calls == 2
    assert loaded.profile.person.family_name == "Lovelace"
    assert not marker.exists()


class _Planted:
    """Unpickling it would create a file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.path, "w"))


def test_off_loads_every_time(profile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(usercache.ENV_VAR, "off")
    load = Counting()
    for _ in range(2):
        profile_cache.cached_load(profile, False, load, LoadedProfile)
    assert load.calls == 2
