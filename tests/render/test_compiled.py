"""Compiled templates on disk: reused when the same, recompiled when missing, stale or
corrupt, silently skipped when unwritable or turned off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from grantdocs.render import compiled
from grantdocs.render.jinja import environment

SOURCE = "{% for x in items %}<b>{{ x }}</b>{% endfor %}"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(compiled.ENV_VAR, str(folder))
    environment.cache_clear()
    yield folder
    environment.cache_clear()


def render(source: str = SOURCE) -> str:
    return environment().from_string(source).render(items=["a", "<script>"])


def test_a_compiled_template_is_reused_from_disk(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = render()
    assert expected == "<b>a</b><b>&lt;script&gt;</b>"  # autoescaped as without the cache
    (stored,) = cache.glob("*.bin")
    environment.cache_clear()  # a new process: nothing compiled in memory

    def no_compile(*_args: object, **_kw: object) -> None:
        raise AssertionError("compiled again although the cache holds it")

    monkeypatch.setattr(type(environment()), "compile", no_compile)
    assert render() == expected
    assert list(cache.glob("*.bin")) == [stored]


def test_a_changed_template_is_compiled_anew(cache: Path) -> None:
    render()
    render(SOURCE.replace("<b>", "<i>").replace("</b>", "</i>"))
    assert len(list(cache.glob("*.bin"))) == 2
    assert compiled.key(SOURCE, "a") != compiled.key(SOURCE, "b")  # settings are in the key


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-7],  # truncated
        lambda data: data[:40] + b"x" + data[41:],  # a flipped byte in the checksum
        lambda data: data.replace(compiled.MAGIC, b"other\n"),  # another format
        lambda data: b"",
    ],
    ids=["truncated", "checksum", "magic", "empty"],
)
def test_a_corrupt_cache_file_is_compiled_again_and_replaced(cache: Path, damage: object) -> None:
    expected = render()
    (stored,) = cache.glob("*.bin")
    good = stored.read_bytes()
    stored.write_bytes(damage(good))  # type: ignore[operator]
    environment.cache_clear()
    assert render() == expected
    assert stored.read_bytes() == good


def test_an_unwritable_cache_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(compiled.ENV_VAR, str(blocker / "cache"))
    environment.cache_clear()
    assert render() == "<b>a</b><b>&lt;script&gt;</b>"
    assert blocker.read_text() == "x"
    environment.cache_clear()


def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(compiled.ENV_VAR, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    environment.cache_clear()
    assert compiled.folder() is None
    assert render() == "<b>a</b><b>&lt;script&gt;</b>"
    assert not any(tmp_path.iterdir())
    environment.cache_clear()


def test_default_folder_is_the_users_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(compiled.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = compiled.folder()
    assert folder is not None and tmp_path in folder.parents


def test_sandbox_still_applies_to_cached_code(cache: Path) -> None:
    from jinja2.exceptions import SecurityError

    hostile = "{{ items.__class__.__mro__ }}"
    with pytest.raises(SecurityError):
        render(hostile)
    environment.cache_clear()
    with pytest.raises(SecurityError):  # now loaded from disk
        render(hostile)


def test_the_key_follows_the_environment_and_its_code_generator() -> None:
    text = compiled.settings(environment())
    assert "grantdocs.render.jinja._Environment:" in text
    assert "_CodeGenerator:" in text
    digest = compiled._module_digest("grantdocs.render.jinja")
    assert len(digest) == 16 and digest in text  # a changed jinja.py is a new key


def test_bounds_compiled_into_the_code_hold_when_loaded_from_disk(cache: Path) -> None:
    from jinja2.exceptions import SecurityError

    bomb = (  # the '~' bound is compiled into the code by grantdocs' code generator
        "{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}"
    )
    for _ in range(2):  # compiled, then loaded from the cache
        environment.cache_clear()
        with pytest.raises(SecurityError, match="'~' concatenation"):
            render(bomb)
    assert len(list(cache.glob("*.bin"))) == 1
