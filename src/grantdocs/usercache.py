"""The signed per-user disk cache: compiled templates, loaded profiles, format files, citations.

docxtpl hands the whole document XML to Jinja as one string; compiling it is a good part of a
cold render. The compiled code is kept in the user's cache folder (``platformdirs``), one file
a template, named by a hash of the template text, the environment's compile settings, the
source of grantdocs' environment and code generator, and the versions of Python and Jinja,
so a changed template, a changed bound or an upgrade never reuses old code.

The files hold code that is run, so the cache trusts only what this user wrote: the folder
(created 0700), its secret key (``key``, 32 random bytes, 0600) and every entry must be
owned by the user and writable by no one else, and each entry carries an HMAC of its name
and payload under that key, which another user cannot compute. A folder that fails these
checks, or lies inside the project's protected folders, is not used (one warning); an entry
that fails them, is missing, stale, corrupt, not a regular file or too large is compiled
again. Entries not used for ``MAX_AGE_DAYS`` are deleted. ``GRANTDOCS_CACHE=off`` turns
the cache off, ``GRANTDOCS_CACHE=DIR`` moves it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from types import CodeType
from typing import Any, TypeVar

from grantdocs.errors import OutputError

T = TypeVar("T")

ENV_VAR = "GRANTDOCS_CACHE"
MAGIC = b"grantdocs-jinja-2\n"
MAX_BYTES = 64 * 1024 * 1024
"""A cache file larger than this is not read (no template compiles to that much)."""
KEY_FILE = "key"
KEY_BYTES = 32
MAX_AGE_DAYS = 30
"""An entry not used for this long is deleted (checked at most once a day, when storing)."""
SWEEP_FILE = ".swept"
_DAY = 86400.0
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@cache
def _versions() -> bytes:
    # lazy: jinja2 loads only when this runs
    import jinja2

    return f"{sys.version}|{sys.implementation.cache_tag}|jinja2 {jinja2.__version__}".encode()


def folder() -> Path | None:
    """The cache folder as configured, or None when the cache is off (not checked; see
    ``trusted_folder``). On Linux worked out once per value of the variables it reads: a
    build asks for it with each of its hundreds of cache entries."""
    setting = os.environ.get(ENV_VAR, "")
    if sys.platform != "linux":  # platformdirs reads other variables there
        return _folder(setting)
    env = os.environ
    return _linux_folder(setting, env.get("XDG_CACHE_HOME", ""), env.get("HOME", ""), _android())


@lru_cache(maxsize=16)
def _linux_folder(setting: str, xdg: str, home: str, android: bool) -> Path | None:
    """``_folder``, remembered by the values it depends on on Linux."""
    return _folder(setting)


def _folder(setting: str) -> Path | None:
    setting = setting.strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    return _user_cache_dir() / "jinja"


def _android() -> bool:
    return hasattr(sys, "getandroidapilevel") or "ANDROID_DATA" in os.environ


def _user_cache_dir() -> Path:
    """grantdocs' folder in the user's cache folder, as ``platformdirs`` gives it. On Linux
    with an absolute ``XDG_CACHE_HOME`` or ``HOME`` found as platformdirs finds it there
    (``$XDG_CACHE_HOME/grantdocs``, else ``~/.cache/grantdocs``) without importing it."""
    if sys.platform == "linux" and not _android():
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(xdg):
            return Path(xdg, "grantdocs")
        if os.path.isabs(os.environ.get("HOME", "")):
            return Path(os.path.expanduser("~/.cache"), "grantdocs")
    # lazy: platformdirs loads only elsewhere (other systems, no absolute HOME)
    import platformdirs

    return Path(platformdirs.user_cache_dir("grantdocs", appauthor=False))


def _warn(message: str) -> None:
    print(f"warning: compiled-template cache not used: {message}", file=sys.stderr)


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    uid = os.geteuid() if hasattr(os, "geteuid") else info.st_uid
    return info.st_uid == uid and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@cache
def _trusted(base: Path) -> tuple[Path, bytes] | None:
    """``(folder, key)`` if ``base`` may hold code this user runs; created 0700 if missing.
    A folder that may not is reported once and skipped (None)."""
    # lazy: atomic loads only when this runs
    from grantdocs.atomic import check_target

    try:
        check_target(base / KEY_FILE)  # never inside templates/, profiles/ or format folders
    except OutputError as exc:
        where = re.search(r"it is inside ([^;]+)", exc.message)
        _warn(f"{base} is inside {where.group(1) if where else 'a protected folder'}")
        return None
    try:
        base.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            base.mkdir(mode=0o700)
        info = os.lstat(base)
    except OSError:
        return None  # unwritable: skipped silently, as any failure of the cache
    if not stat.S_ISDIR(info.st_mode) or not _private(info):
        _warn(
            f"{base} is not a folder of this user's that only this user can write "
            f"(if it is yours: chmod 700 it; or set {ENV_VAR} to another folder)"
        )
        return None
    kept = _read_private(base / KEY_FILE, KEY_BYTES)
    key = None if kept is None else kept[0]
    if key is None or len(key) != KEY_BYTES:
        key = os.urandom(KEY_BYTES)
        with contextlib.suppress(OSError):
            os.unlink(base / KEY_FILE)
        try:
            fd = os.open(base / KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(key)
        except OSError:
            return None
    return base, key


def trusted_folder() -> tuple[Path, bytes] | None:
    """The cache folder and its key, or None (off, unusable or not trusted)."""
    base = folder()
    return None if base is None else _trusted(base.absolute())


def _read_private(path: Path, limit: int) -> tuple[bytes, float] | None:
    """The bytes of ``path`` and the time it was last written, if it is a regular file (not
    a link) of this user's that no one else can write, of at most ``limit`` bytes; else
    None. Read through one descriptor with the size bounded while reading (``stat`` says 0
    for ``/dev/zero`` and pipes)."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > limit:
            return None
        try:
            data = handle.read(limit + 1)
        except OSError:
            return None
    return (data, info.st_mtime) if len(data) <= limit else None


def key(source: str, settings: str) -> str:
    """The cache name of ``source`` compiled with ``settings`` by these library versions."""
    digest = hashlib.sha256(_versions())
    digest.update(b"\0" + settings.encode() + b"\0")
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _mac(secret: bytes, name: str, payload: bytes) -> bytes:
    """HMAC-SHA256 of ``name``, NUL and ``payload`` under ``secret``."""
    return hmac.digest(secret, name.encode() + b"\0" + payload, "sha256")


def load_bytes(name: str, limit: int = MAX_BYTES) -> bytes | None:
    """The payload stored under ``name`` by ``store_bytes`` (at most ``limit`` bytes), or
    None: missing, forged (wrong HMAC), not this user's file, corrupt, or the cache off."""
    trusted = trusted_folder()
    if trusted is None:
        return None
    base, secret = trusted
    path = base / f"{name}.bin"
    kept = _read_private(path, len(MAGIC) + 32 + limit)
    if kept is None or not kept[0].startswith(MAGIC):
        return None
    data, written = kept
    mac, payload = data[len(MAGIC) : len(MAGIC) + 32], data[len(MAGIC) + 32 :]
    if not hmac.compare_digest(mac, _mac(secret, name, payload)):
        return None
    if time.time() - written > _DAY:  # used: keep it from eviction (at most daily)
        with contextlib.suppress(OSError):
            os.utime(path)
    return payload


def store_bytes(name: str, payload: bytes) -> None:
    """Keep ``payload`` under ``name`` with its HMAC, atomically; any failure leaves the
    cache as it was."""
    trusted = trusted_folder()
    if trusted is None:
        return
    base, secret = trusted
    data = MAGIC + _mac(secret, name, payload) + payload
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".part-", dir=base)  # 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, base / f"{name}.bin")
        tmp = None
        _evict(base)
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def load(name: str) -> CodeType | None:
    """The compiled code stored under ``name``, or None (missing, forged, corrupt, off)."""
    payload = load_bytes(name)
    if payload is None:
        return None
    try:
        code = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def store(name: str, code: CodeType) -> None:
    """Keep ``code`` under ``name``, atomically; any failure leaves the cache as it was."""
    store_bytes(name, marshal.dumps(code))


def _evict(base: Path, now: float | None = None) -> None:
    """Delete entries unused for ``MAX_AGE_DAYS`` and leftover temporary files, at most
    once a day."""
    now = time.time() if now is None else now
    marker = base / SWEEP_FILE
    with contextlib.suppress(OSError):
        if now - marker.stat().st_mtime < _DAY:
            return
    marker.touch()
    os.utime(marker, (now, now))
    for entry in os.scandir(base):
        with contextlib.suppress(OSError):
            age = now - entry.stat(follow_symlinks=False).st_mtime
            stale = entry.name.endswith(".bin") and age > MAX_AGE_DAYS * _DAY
            if stale or (entry.name.startswith(".part-") and age > _DAY):
                os.unlink(entry.path)


def compile_cached(env: Any, source: str) -> CodeType:
    """``env.compile(source)``, from the disk cache where it holds the same compilation."""
    name = key(source, settings(env))
    code = load(name)
    if code is None:
        code = env.compile(source)
        store(name, code)
    return code


def settings(env: Any) -> str:
    """The environment options that change what Jinja compiles, and the source of the
    environment and code generator classes (grantdocs' generator compiles bounds into the
    code; the sandbox's other checks run when the template runs)."""
    names = (
        "block_start_string",
        "block_end_string",
        "variable_start_string",
        "variable_end_string",
        "comment_start_string",
        "comment_end_string",
        "line_statement_prefix",
        "line_comment_prefix",
        "trim_blocks",
        "lstrip_blocks",
        "newline_sequence",
        "keep_trailing_newline",
        "optimized",
        "autoescape",
    )
    values = [f"{n}={_stable(getattr(env, n, None))}" for n in names]
    values.append("extensions=" + ",".join(sorted(env.extensions)))
    for cls in (type(env), env.code_generator_class):
        values.append(f"{cls.__module__}.{cls.__qualname__}:{_module_digest(cls.__module__)}")
    return "|".join(values)


@cache
def _module_digest(name: str) -> str:
    """A hash of a module's source file: grantdocs' own code generator (the sandbox's bounds
    are compiled into the code) changes the key whenever it changes."""
    module = sys.modules.get(name)
    path = getattr(module, "__file__", None)
    if not path:
        return ""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unreadable"


def _stable(value: Any) -> str:
    """A setting as text that is the same in every process (a function by its name)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return repr(value)


def load_object(name: str, limit: int = MAX_BYTES) -> object | None:
    """The object stored under ``name`` by ``store_object``, or None (missing, forged,
    corrupt, off). The pickle is read only once ``load_bytes`` has checked its HMAC under
    this user's key, so only what this user's grantdocs stored is ever unpickled."""
    # lazy: pickle loads only when this runs
    import pickle

    payload = load_bytes(name, limit)
    if payload is None:
        return None
    try:
        value: object = pickle.loads(payload)
    except Exception:  # a corrupt or outdated entry (a class since renamed): made anew
        return None
    return value


def store_object(name: str, value: object, limit: int = MAX_BYTES) -> None:
    """Keep ``value`` pickled under ``name`` (not when larger than ``limit``)."""
    # lazy: pickle loads only when this runs
    import pickle

    if folder() is None:
        return
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if len(payload) <= limit:
        store_bytes(name, payload)


def entry_name(kind: str, *parts: str | bytes) -> str:
    """The name of an entry of ``kind`` made from ``parts`` (what made it: a format
    version, the code's digest, library versions; then its input): ``kind-`` and a hash of
    the parts, each after its length, so no two lists of parts give the same name."""
    digest = hashlib.sha256(kind.encode())
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return f"{kind}-{digest.hexdigest()}"


def remembered(
    name: str,
    compute: Callable[[], T],
    checked: Callable[[object], T | None],
    limit: int = MAX_BYTES,
) -> T:
    """What ``compute()`` gave when it last ran under ``name`` (kept by ``store_object``;
    ``checked`` gives it back if it has the right shape, else None), else ``compute()``,
    then kept."""
    found = checked(load_object(name, limit))
    if found is not None:
        return found
    value = compute()
    store_object(name, value, limit)
    return value


def instance_of(kind: type[T]) -> Callable[[object], T | None]:
    """A ``checked`` for ``remembered``: the kept value if it is a ``kind``, else None."""

    def checked(kept: object) -> T | None:
        return kept if isinstance(kept, kind) else None

    return checked


LIBRARIES = {"pydantic": "pydantic", "pydantic-core": "pydantic_core", "pyyaml": "yaml"}
"""The libraries grantdocs validates and reads YAML with (distribution -> the package it
imports): their versions are part of every ``code_digest``."""


def code_digest(modules: tuple[str, ...]) -> str:
    """A hash of the source of ``modules`` and of the versions of Python and of the
    ``LIBRARIES``. Nothing is imported: a module's source is found as importing it would
    find it (``_source_digest``), a library's version by its installed metadata
    (``library_version``), so a cache hit never loads the code the key stands for."""
    parts = [sys.version, sys.implementation.cache_tag or ""]
    parts += [f"{dist} {library_version(dist, package)}" for dist, package in LIBRARIES.items()]
    parts += [f"{name}:{_source_digest(name)}" for name in modules]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


@cache
def _source_digest(name: str) -> str:
    """``_module_digest`` of the module ``name`` without importing it (nor its packages):
    its file as the import system finds it, or as loaded where it already is; "" where
    there is none."""
    module = sys.modules.get(name)
    if module is not None:
        return _module_digest(name)
    origin = _origin(name)
    if origin is None:
        return ""
    try:
        return hashlib.sha256(Path(origin).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unreadable"


def _origin(name: str) -> str | None:
    """The file of module ``name``: its top-level package found by ``find_spec`` (which
    imports nothing for a top-level name), each further part by the path finder in its
    package's folders, as the import system does for a package on disk."""
    # lazy: importlib.machinery, importlib.util load only when this runs
    import importlib.machinery
    import importlib.util

    parent, _, _ = name.partition(".")
    spec = importlib.util.find_spec(parent)
    for part in name.split(".")[1:]:
        folders = None if spec is None else spec.submodule_search_locations
        if folders is None:
            return None
        parent = f"{parent}.{part}"
        loaded = sys.modules.get(parent)
        if loaded is not None:
            spec = loaded.__spec__
        else:
            spec = importlib.machinery.PathFinder.find_spec(parent, list(folders))
    return None if spec is None else spec.origin


@cache
def library_version(dist: str, package: str) -> str:
    """The installed version of the distribution ``dist`` whose package ``package`` import
    finds, without importing either: from the name of the ``.dist-info`` folder beside that
    package (every version where there are several); else by ``importlib.metadata`` (which
    loads the email parser); "missing" where it is not installed."""
    # lazy: importlib.util loads only when this runs
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return "missing"
    where = Path(spec.origin).parent
    if spec.submodule_search_locations is not None:
        where = where.parent  # a package: its folder's folder
    found = _installed(str(where)).get(_normalized(dist))
    if found:
        return ",".join(sorted(found))
    # lazy: importlib.metadata loads only for an install without its .dist-info beside it
    import importlib.metadata

    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


@cache
def _installed(folder: str) -> dict[str, list[str]]:
    """The versions of each distribution with a ``.dist-info`` folder in ``folder``, by its
    normalised name."""
    found: dict[str, list[str]] = {}
    try:
        names = os.listdir(folder)
    except OSError:
        return found
    for item in names:
        if item.endswith(".dist-info"):
            project, _, version = item[: -len(".dist-info")].partition("-")
            found.setdefault(_normalized(project), []).append(version)
    return found


def _normalized(project: str) -> str:
    """A distribution's name as its ``.dist-info`` folder may spell it, normalised."""
    return re.sub(r"[-_.]+", "_", project).lower()
