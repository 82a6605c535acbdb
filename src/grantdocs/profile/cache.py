"""Loaded profiles on disk, so that a new process does not parse and validate an unchanged
profile again.

Validating a profile first builds pydantic's validator of the whole model, a good part of a
cold one-document build. A profile that loaded without problems is kept in the cache folder
of compiled templates, under its trust rule (``usercache``: a private folder, every
entry signed with this user's key and read bounded; ``GRANTDOCS_CACHE=off`` turns it off),
as a pickle that is read only once its signature is checked. The entry is named by a hash
of the profile file's text, the path as given and as shown, the working folder and the
project's, the ``confined`` setting, the versions of Python, pydantic, pydantic-core and
PyYAML, and the source of grantdocs' loading and model modules; it also records each
included file (as given, links resolved, a hash of its text), and is used only while all
of these are the same. The entry holds the profile's records (``profile.records``), so
reading it back loads neither pydantic nor the models. A profile with problems is never
kept: its errors are found and reported anew. A process stores a profile once (a watch
that reloads it after each edit does not pickle each version; the next build stores the
last).

A profile that went through the disk cache has an ``identity``: a hash of its entry's name
and of all its files, under which what a build derives from it (its placeholders) is kept
on disk too.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Protocol, TypeVar

from grantdocs import usercache
from grantdocs.textfile import UnreadableText, read_user_text


class _Loaded(Protocol):
    """What the cache needs of a loaded profile: the files it was read from."""

    @property
    def files(self) -> tuple[Path, ...]: ...


L = TypeVar("L", bound=_Loaded)

_FORMAT_VERSION = b"grantdocs-profile-2"
"""Changes when what an entry holds changes."""
_MAX_ENTRY = 64 * 1024 * 1024
"""An entry larger than this is not read (nor written)."""
_CODE = (
    "grantdocs.profile.model",
    "grantdocs.profile.records",
    "grantdocs.profile.load",
    "grantdocs.profile.yamlpos",
    "grantdocs.profile.yamlread",
    "grantdocs.profile.positions",
    "grantdocs.profile.dates",
    "grantdocs.profile.identifiers",
    "grantdocs.profile.cache",
    "grantdocs.notices",
    "grantdocs.errors",
    "grantdocs.profile.problems",
    "grantdocs.profile.when",
    "grantdocs.paths",
    "grantdocs.textfile",
)
"""The modules whose code decides what a loaded profile holds."""

_STORED: set[Path] = set()
"""Profiles stored by this process: a long-running one (watch, serve) that loads a profile
again after each edit does not spend the time to pickle every version."""

Files = list[tuple[str, str, str]]
"""Each file of a profile: as given, links resolved, a hash of its text."""

_IDENTITIES: dict[int, tuple[weakref.ref[object], str]] = {}
"""The ``identity`` of each loaded profile alive that went through the disk cache, by its id."""


def identity(loaded: object) -> str | None:
    """A hash that names what ``loaded`` holds, for what is derived from it and kept on
    disk: its entry's name (its main file's text, its paths, the code and the library
    versions that loaded it) and every file's hash; None where it did not go through the
    disk cache (the cache off, a profile with a file it cannot read, a reload)."""
    found = _IDENTITIES.get(id(loaded))
    return found[1] if found is not None and found[0]() is loaded else None


def _remember(loaded: object, name: str, files: Files) -> None:
    digest = hashlib.sha256(name.encode())
    for file in files:
        digest.update("\0".join(("", *file)).encode("utf-8", "surrogatepass"))
    key = id(loaded)
    _IDENTITIES[key] = (
        weakref.ref(loaded, lambda _: _IDENTITIES.pop(key, None)),
        digest.hexdigest(),
    )


@cache
def _settings() -> bytes:
    return f"{_FORMAT_VERSION.decode()}|{usercache.code_digest(_CODE)}".encode()


def _text_hash(path: Path) -> str | None:
    """A hash of the file's text as the loader reads it; None if it cannot be read so."""
    # lazy: profile.yamlpos loads only when this runs
    from grantdocs.profile.yamlpos import MAX_FILE_BYTES

    try:
        text = read_user_text(path, MAX_FILE_BYTES, "YAML")
    except (UnreadableText, OSError):
        return None
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _files(paths: tuple[Path, ...]) -> Files | None:
    found = []
    for path in paths:
        digest = _text_hash(path)
        if digest is None:
            return None
        found.append((str(path), str(path.resolve()), digest))
    return found


def _name(path: Path, confined: bool, main: str) -> str:
    # lazy: paths, resources load only when this runs
    from grantdocs.paths import display_path
    from grantdocs.resources import project_root

    where = (str(path), display_path(path), str(Path.cwd()), str(project_root()))
    return usercache.entry_name("profile", _settings(), *where, str(confined), main)


def cached_load(path: Path, confined: bool, load: Callable[[Path, bool], L], kind: type[L]) -> L:
    """``load(path, confined)``, from the disk cache where it holds the same profile (an
    instance of ``kind``, the loader's result type)."""
    main = _text_hash(path)
    if main is None or usercache.folder() is None:
        return load(path, confined)
    name = _name(path, confined, main)
    kept = usercache.load_object(name, _MAX_ENTRY)
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], kind):  # noqa: SIM102
        if kept[0] == _files(kept[1].files):  # and no include changed since
            _remember(kept[1], name, kept[0])
            return kept[1]
    loaded = load(path, confined)
    if path in _STORED:  # reloaded after an edit (watch, serve): kept by the process itself
        return loaded
    files = _files(loaded.files)
    if files is not None and files[0][2] == main:
        usercache.store_object(name, (files, loaded), _MAX_ENTRY)
        _STORED.add(path)
        _remember(loaded, name, files)
    return loaded
