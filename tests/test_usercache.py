"""Compiled templates on disk: reused when the same, recompiled when missing, stale or
corrupt, silently skipped when unwritable or turned off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from grantdocs import usercache
from grantdocs.render.jinja import environment

SOURCE = "{% for x in items %}<b>{{ x }}</b>{% endfor %}"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(usercache.ENV_VAR, str(folder))
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
    assert usercache.key(SOURCE, "a") != usercache.key(SOURCE, "b")  # settings are in the key


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-7],  # truncated
        lambda data: data[:40] + b"x" + data[41:],  # a flipped byte in the checksum
        lambda data: data.replace(usercache.MAGIC, b"other\n"),  # another format
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
    monkeypatch.setenv(usercache.ENV_VAR, str(blocker / "cache"))
    environment.cache_clear()
    assert render() == "<b>a</b><b>&lt;script&gt;</b>"
    assert blocker.read_text() == "x"
    environment.cache_clear()


def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(usercache.ENV_VAR, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    environment.cache_clear()
    assert usercache.folder() is None
    assert render() == "<b>a</b><b>&lt;script&gt;</b>"
    assert not any(tmp_path.iterdir())
    environment.cache_clear()


def test_default_folder_is_the_users_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(usercache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = usercache.folder()
    assert folder is not None and tmp_path in folder.parents


@pytest.mark.parametrize("xdg", [None, "", "relative/cache", "/x/cache", "/x/cache/", "//x"])
@pytest.mark.parametrize("home", [None, "", "relative", "/home/ada", "/home/ada/", "/"])
def test_the_users_cache_is_where_platformdirs_says(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str | None
) -> None:
    """Found without platformdirs where that is cheap to do right, and the same folder;
    ``folder`` remembers it by the variables' values, so it changes with them."""
    import platformdirs

    for name, value in (("XDG_CACHE_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    expected = Path(platformdirs.user_cache_dir("grantdocs", appauthor=False))
    assert usercache._user_cache_dir() == expected
    monkeypatch.delenv(usercache.ENV_VAR, raising=False)
    assert usercache.folder() == expected / "jinja"  # remembered, yet it follows the variables
    monkeypatch.setenv(usercache.ENV_VAR, "off")
    assert usercache.folder() is None


def test_the_users_cache_is_found_without_platformdirs() -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from grantdocs import usercache\n"
        "print(usercache.folder(), 'platformdirs' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in (usercache.ENV_VAR, "XDG_CACHE_HOME")}
    env["HOME"] = "/home/ada"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["/home/ada/.cache/grantdocs/jinja", "False"]


def test_sandbox_still_applies_to_cached_code(cache: Path) -> None:
    from jinja2.exceptions import SecurityError

    hostile = "{{ items.__class__.__mro__ }}"
    with pytest.raises(SecurityError):
        render(hostile)
    environment.cache_clear()
    with pytest.raises(SecurityError):  # now loaded from disk
        render(hostile)


def test_the_key_follows_the_environment_and_its_code_generator() -> None:
    text = usercache.settings(environment())
    assert "grantdocs.render.jinja._Environment:" in text
    assert "_CodeGenerator:" in text
    digest = usercache._module_digest("grantdocs.render.jinja")
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


# --- trust: only what this user wrote is run (issue 24) ---------------------------------

RAN = "ran.txt"


def forged_entry(folder: Path, marker: Path, name: str) -> bytes:
    """An entry as another user would plant it: code that leaves ``marker``, under the
    checksum anyone can recompute (the old scheme) and under a key of the attacker's."""
    import hashlib
    import marshal

    code = compile(f"open({str(marker)!r}, 'w').write('ran')", "<forged>", "exec")
    payload = marshal.dumps(code)
    checksum = hashlib.sha256(name.encode() + payload).digest()
    return usercache.MAGIC + checksum + payload


def name_of(source: str = SOURCE) -> str:
    return usercache.key(source, usercache.settings(environment()))


def other_user(path: Path) -> None:
    """Give ``path`` to another user where the tests can (as root); else leave it."""
    import os

    if os.geteuid() == 0:
        os.chown(path, 65534, 65534, follow_symlinks=False)


def test_a_forged_entry_in_a_folder_others_can_write_is_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # a shared folder, or the cache created 0775 under umask 002
    marker = tmp_path / RAN
    planted = shared / f"{name_of()}.bin"
    planted.write_bytes(forged_entry(shared, marker, name_of()))
    other_user(planted)
    monkeypatch.setenv(usercache.ENV_VAR, str(shared))
    usercache._trusted.cache_clear()
    environment.cache_clear()
    for _ in range(2):
        assert render() == "<b>a</b><b>&lt;script&gt;</b>"
        environment.cache_clear()
    assert not marker.exists()
    assert f"{shared} is not a folder of this user's" in capsys.readouterr().err
    assert [p.name for p in shared.iterdir()] == [planted.name]  # nothing written there
    usercache._trusted.cache_clear()


def test_a_forged_entry_with_a_recomputed_checksum_is_never_run(
    cache: Path, tmp_path: Path
) -> None:
    usercache._trusted.cache_clear()
    expected = render()
    stored = cache / f"{name_of()}.bin"
    assert stored.is_file()
    marker = tmp_path / RAN
    stored.write_bytes(forged_entry(cache, marker, name_of()))  # right name, wrong key
    environment.cache_clear()
    assert render() == expected
    assert not marker.exists()
    assert stored.read_bytes().startswith(usercache.MAGIC)
    assert b"<forged>" not in stored.read_bytes()  # compiled again and replaced


def test_an_entry_of_another_user_or_writable_by_others_is_not_run(
    cache: Path, tmp_path: Path
) -> None:
    import hmac
    import marshal
    import os

    usercache._trusted.cache_clear()
    expected = render()
    stored = cache / f"{name_of()}.bin"
    secret = (cache / usercache.KEY_FILE).read_bytes()
    marker = tmp_path / RAN
    code = compile(f"open({str(marker)!r}, 'w').write('ran')", "<forged>", "exec")
    payload = marshal.dumps(code)  # even with the right key (leaked), the owner is checked
    mac = hmac.new(secret, name_of().encode() + b"\0" + payload, "sha256").digest()
    stored.write_bytes(usercache.MAGIC + mac + payload)
    stored.chmod(0o666)
    environment.cache_clear()
    assert render() == expected
    assert not marker.exists()
    if os.geteuid() == 0:
        stored.write_bytes(usercache.MAGIC + mac + payload)
        stored.chmod(0o600)
        other_user(stored)
        environment.cache_clear()
        assert render() == expected
        assert not marker.exists()


def test_the_folder_is_private_and_the_key_secret(cache: Path) -> None:
    import os
    import stat

    usercache._trusted.cache_clear()
    render()
    assert stat.S_IMODE(os.stat(cache).st_mode) == 0o700
    key_file = cache / usercache.KEY_FILE
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert len(key_file.read_bytes()) == usercache.KEY_BYTES
    for entry in cache.glob("*.bin"):
        assert stat.S_IMODE(os.stat(entry).st_mode) == 0o600


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "link"])
def test_an_entry_that_is_not_a_regular_file_is_compiled_again_without_hanging(
    cache: Path, tmp_path: Path, kind: str
) -> None:
    import os
    import time

    usercache._trusted.cache_clear()
    expected = render()
    stored = cache / f"{name_of()}.bin"
    stored.unlink()
    if kind == "dev-zero":
        os.symlink("/dev/zero", stored)
    elif kind == "fifo":
        os.mkfifo(stored, 0o600)
    else:
        good = tmp_path / "elsewhere.bin"
        good.write_bytes(b"x")
        os.symlink(good, stored)
    environment.cache_clear()
    start = time.monotonic()
    assert render() == expected
    assert time.monotonic() - start < 30  # a bound against a hang, not a timing test
    assert stored.is_file() and not stored.is_symlink()  # replaced by a good entry


def test_the_cache_is_never_inside_the_bundled_templates(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from grantdocs.resources import templates_dir

    target = templates_dir() / "dfg-cv"
    before = sorted(p.name for p in target.iterdir())
    monkeypatch.setenv(usercache.ENV_VAR, str(target))
    usercache._trusted.cache_clear()
    environment.cache_clear()
    assert render() == "<b>a</b><b>&lt;script&gt;</b>"
    assert sorted(p.name for p in target.iterdir()) == before
    assert "inside the project's templates/ folder" in capsys.readouterr().err
    usercache._trusted.cache_clear()
    environment.cache_clear()


def test_entries_unused_for_a_while_are_evicted(cache: Path) -> None:
    import os
    import time

    usercache._trusted.cache_clear()
    render()
    (used,) = cache.glob("*.bin")
    old = cache / ("0" * 64 + ".bin")
    old.write_bytes(b"old")
    left = cache / ".part-leftover"
    left.write_bytes(b"x")
    long_ago = time.time() - (usercache.MAX_AGE_DAYS + 1) * 86400
    for path in (old, left):
        os.utime(path, (long_ago, long_ago))
    usercache._evict(cache)  # the first store swept today: nothing goes
    assert old.exists()
    (cache / usercache.SWEEP_FILE).unlink()  # as if the last sweep was long ago
    usercache._evict(cache)
    assert used.exists() and not old.exists() and not left.exists()
    old.write_bytes(b"old")
    os.utime(old, (long_ago, long_ago))
    usercache._evict(cache)  # swept less than a day ago: left until tomorrow
    assert old.exists()
    usercache._evict(cache, now=time.time() + 2 * 86400)
    assert not old.exists() and used.exists()  # a day later: swept again, the used one kept


def test_a_used_entry_is_marked_used_at_most_daily(cache: Path) -> None:
    import os
    import time

    usercache._trusted.cache_clear()
    usercache.store_bytes("entry-a", b"payload")
    path = cache / "entry-a.bin"
    hour_ago, days_ago = time.time() - 3600, time.time() - 2 * 86400
    os.utime(path, (hour_ago, hour_ago))
    assert usercache.load_bytes("entry-a") == b"payload"
    assert path.stat().st_mtime == pytest.approx(hour_ago)  # used within the day: untouched
    os.utime(path, (days_ago, days_ago))
    assert usercache.load_bytes("entry-a") == b"payload"
    assert path.stat().st_mtime > time.time() - 60  # kept from eviction


def test_the_mac_is_hmac_sha256_of_the_name_and_payload() -> None:
    """``_mac`` in one call gives what an HMAC object gives, so entries stored before stay
    valid."""
    import hashlib
    import hmac

    for name, payload in [("a", b""), ("po-" + "0" * 64, b"x" * 100_000), ("é", b"\0\1")]:
        secret = hashlib.sha256(name.encode()).digest()
        expected = hmac.new(secret, name.encode() + b"\0" + payload, hashlib.sha256).digest()
        assert usercache._mac(secret, name, payload) == expected


# --- the key of cached profiles and formats: code and library versions, nothing imported --


def _clear_digests() -> None:
    for memo in (
        usercache._module_digest,
        usercache._source_digest,
        usercache.library_version,
        usercache._installed,
    ):
        memo.cache_clear()


@pytest.fixture
def fresh_digests() -> Iterator[None]:
    _clear_digests()
    yield
    _clear_digests()


def test_the_code_digest_is_what_importing_the_modules_gives() -> None:
    """The digest reads the modules' files and the libraries' versions without importing
    them (a new process), and is the one that importing them and asking them gives."""
    import hashlib
    import importlib
    import subprocess
    import sys

    import pydantic
    import pydantic_core
    import yaml

    from grantdocs.formats import cache as format_cache
    from grantdocs.profile import cache as profile_cache

    code = (
        "import sys\n"
        "from grantdocs import usercache\n"
        "from grantdocs.formats.cache import _CODE as formats\n"
        "from grantdocs.profile.cache import _CODE as profiles\n"
        "before = set(sys.modules)\n"
        "print(usercache.code_digest(profiles), usercache.code_digest(formats))\n"
        "loaded = set(sys.modules) - before\n"
        "print(sorted(m for m in loaded if m.split('.')[0] in "
        "{'pydantic', 'pydantic_core', 'yaml', 'email', 'grantdocs'}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[1] == "[]"  # nothing of what the key stands for was loaded

    def imported(modules: tuple[str, ...]) -> str:
        parts = [
            sys.version,
            sys.implementation.cache_tag or "",
            f"pydantic {pydantic.VERSION}",
            f"pydantic-core {pydantic_core.__version__}",
            f"pyyaml {yaml.__version__}",
        ]
        for name in modules:
            module = importlib.import_module(name)
            assert module.__file__ is not None
            source = Path(module.__file__).read_bytes()
            parts.append(f"{name}:{hashlib.sha256(source).hexdigest()[:16]}")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()

    assert out[0].split() == [imported(profile_cache._CODE), imported(format_cache._CODE)]


def test_the_code_digest_follows_a_modules_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_digests: None
) -> None:
    import sys

    module = tmp_path / "gd_digest_pkg" / "inner" / "mod.py"
    module.parent.mkdir(parents=True)
    (tmp_path / "gd_digest_pkg" / "__init__.py").write_text("raise ImportError('not me')\n")
    (module.parent / "__init__.py").write_text("raise ImportError('nor me')\n")
    module.write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    names = ("gd_digest_pkg.inner.mod",)
    first = usercache.code_digest(names)
    assert not any(m.startswith("gd_digest_pkg") for m in sys.modules)  # found, not imported
    assert usercache.code_digest(names) == first
    module.write_text("X = 2\n")
    _clear_digests()
    assert usercache.code_digest(names) != first
    assert usercache.code_digest(("gd_digest_pkg.inner.missing",)) != first


def test_a_librarys_version_is_read_from_its_installed_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_digests: None
) -> None:
    import importlib.metadata
    import sys

    for dist, package in usercache.LIBRARIES.items():
        assert usercache.library_version(dist, package) == importlib.metadata.version(dist)
    (tmp_path / "gd_fake_lib").mkdir()
    (tmp_path / "gd_fake_lib" / "__init__.py").write_text("raise ImportError('not me')\n")
    (tmp_path / "GD.Fake_Lib-1.2.dist-info").mkdir()  # as old installers spell it
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(usercache, "LIBRARIES", {"gd-fake-lib": "gd_fake_lib"})
    assert usercache.library_version("gd-fake-lib", "gd_fake_lib") == "1.2"
    first = usercache.code_digest(())
    (tmp_path / "GD.Fake_Lib-1.2.dist-info").rename(tmp_path / "gd_fake_lib-1.3.dist-info")
    _clear_digests()
    assert usercache.library_version("gd-fake-lib", "gd_fake_lib") == "1.3"
    assert usercache.code_digest(()) != first  # an upgrade is a new key
    assert "gd_fake_lib" not in sys.modules
    assert usercache.library_version("gd-no-such-lib", "gd_no_such_lib") == "missing"


def test_remembered_computes_once_and_refuses_a_kept_value_of_another_shape(cache: Path) -> None:
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [1, 2, 3]

    checked = usercache.instance_of(list)
    assert checked([1]) == [1] and checked({"a": 1}) is None and checked(None) is None
    assert usercache.remembered("r-test", compute, checked) == [1, 2, 3]
    assert usercache.remembered("r-test", compute, checked) == [1, 2, 3]
    assert len(calls) == 1
    usercache.store_object("r-test", {"not": "a list"})
    assert usercache.remembered("r-test", compute, checked) == [1, 2, 3]
    assert len(calls) == 2


def test_entry_names_tell_their_parts_apart() -> None:
    """An entry's name is its kind and a hash of its parts, each after its length: moving
    text from one part to the next, a str or its bytes, another kind give other names."""
    name = usercache.entry_name("date", "babel 2.19", "de_DE", "yMMM")
    assert name.startswith("date-") and name == usercache.entry_name(
        "date", "babel 2.19", "de_DE", b"yMMM"
    )
    others = [
        usercache.entry_name("date", "babel 2.19", "de_DEy", "MMM"),
        usercache.entry_name("date", "babel 2.19de_DE", "yMMM"),
        usercache.entry_name("date", "babel 2.19", "de_DE", "yMMM", ""),
        usercache.entry_name("style", "babel 2.19", "de_DE", "yMMM"),
    ]
    assert len({name, *others}) == 5
