"""Atomic output: a file appears complete under its name, or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from grantdocs.errors import OutputError
from grantdocs.resources import project_root

TEMP_PREFIX = ".grantdocs-"
TEMP_SUFFIX = ".part"


PROTECTED = ("templates", "profiles")
"""Folders of the project root that only their own tools write (``allowed`` opens one)."""


_FORMAT_FOLDERS: ContextVar[frozenset[Path]] = ContextVar(
    "grantdocs_format_folders", default=frozenset()
)
"""The user's format folders of the build running in this thread (``--formats``,
``GRANTDOCS_FORMATS``): their templates are as precious as the bundled ones. Set by
``protecting`` for one build only, so the next build (watch mode, a library caller, a
server's builder thread) starts without them."""


@contextlib.contextmanager
def protecting(*folders: Path) -> Iterator[None]:
    """Refuse writes into ``folders`` (resolved) inside the block, as into ``templates/``."""
    token = _FORMAT_FOLDERS.set(_FORMAT_FOLDERS.get() | {folder.resolve() for folder in folders})
    try:
        yield
    finally:
        _FORMAT_FOLDERS.reset(token)


def check_target(path: Path, allowed: str | None = None) -> None:
    """Raise ``OutputError`` if ``path``, with every symbolic link in its folders resolved,
    lies in a protected folder of the project (``templates/``, ``profiles/``) other than
    ``allowed``, or in a format folder given to ``protecting`` (unless ``allowed`` is
    ``"templates"``). The file itself may be a link: it is replaced, never written through."""
    root = project_root().resolve()
    target = path.parent.resolve() / path.name
    if allowed != "templates":
        for folder in sorted(_FORMAT_FOLDERS.get()):
            if target == folder or folder in target.parents:
                via = "" if target == path.absolute() else f" (through a link: {target})"
                raise OutputError(
                    f"refusing to write {path}{via}: it is inside the format folder "
                    f"{folder}; choose another --out"
                )
    for name in PROTECTED:
        protected = root / name
        if name != allowed and (target == protected or protected in target.parents):
            via = "" if target == path.absolute() else f" (through a link: {target})"
            raise OutputError(
                f"refusing to write {path}{via}: it is inside the project's {name}/ folder; "
                "choose another --out"
            )


def write_bytes(path: Path, data: bytes, *, allowed: str | None = None) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it, then rename it over ``path``.

    An interrupted or failed write leaves ``path`` as it was and no temporary file behind; a
    killed process may leave a ``.grantdocs-*.part`` file, which ``remove_stale`` clears.
    Every write is checked by ``check_target`` first (``allowed``: a protected folder the
    caller may write into, e.g. ``"profiles"`` for an import into a profile the user named).
    """
    folder = path.parent
    check_target(path, allowed)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{path.name}.", suffix=TEMP_SUFFIX, dir=folder
        )
    except OSError as exc:
        raise OutputError(f"cannot write into {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def write_text(path: Path, text: str, *, allowed: str | None = None) -> None:
    """``write_bytes`` for UTF-8 text."""
    write_bytes(path, text.encode("utf-8"), allowed=allowed)


def remove_stale(folder: Path) -> list[Path]:
    """Delete temporary files that a killed build left below ``folder``; returns them."""
    removed = []
    if folder.is_dir():
        for stale in folder.rglob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                stale.unlink()
                removed.append(stale)
    return removed
