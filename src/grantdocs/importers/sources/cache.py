"""A bounded on-disk cache of HTTP response bodies, in the user's cache folder.

One file per request (the SHA-256 of method, URL and Accept header), holding a checksum and
the body; written atomically, read only if the checksum holds. The folder is created 0700.
The cache holds data only (JSON text), never code. When it grows past ``MAX_TOTAL`` bytes the
oldest files go first.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from pathlib import Path

ENV_VAR = "GRANTDOCS_HTTP_CACHE"
"""A folder for the cache, or ``off``; default: ``<user cache folder>/grantdocs/http``."""
MAGIC = b"grantdocs-http-1\n"
MAX_TOTAL = 200 * 1024 * 1024
MAX_AGE = 30 * 24 * 3600
"""Seconds a cached answer is used when online; offline, any age is used."""


def folder() -> Path | None:
    """The cache folder, or None when the cache is off."""
    setting = os.environ.get(ENV_VAR, "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    # lazy: platformdirs loads only when this runs
    import platformdirs

    return Path(platformdirs.user_cache_dir("grantdocs", appauthor=False)) / "http"


def key(url: str, accept: str) -> str:
    """The cache name of a GET of ``url`` asking for ``accept``."""
    return hashlib.sha256(f"GET\0{url}\0{accept}".encode()).hexdigest()


def load(name: str, *, max_age: float | None = MAX_AGE) -> bytes | None:
    """The body stored under ``name``; None if missing, corrupt, older than ``max_age``
    seconds (None: any age) or the cache is off."""
    base = folder()
    if base is None:
        return None
    path = base / f"{name}.bin"
    try:
        if max_age is not None and time.time() - path.stat().st_mtime > max_age:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC):
        return None
    checksum, body = data[len(MAGIC) : len(MAGIC) + 32], data[len(MAGIC) + 32 :]
    if hashlib.sha256(name.encode() + body).digest() != checksum:
        return None
    return body


def store(name: str, body: bytes) -> None:
    """Keep ``body`` under ``name``; a cache that cannot be written is skipped silently."""
    base = folder()
    if base is None:
        return
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        checksum = hashlib.sha256(name.encode() + body).digest()
        fd, temp = tempfile.mkstemp(prefix=".part-", dir=base)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + checksum + body)
            os.replace(temp, base / f"{name}.bin")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        _trim(base)
    except OSError:
        return


def _trim(base: Path, limit: int = MAX_TOTAL) -> None:
    """Delete the oldest entries until the folder holds at most ``limit`` bytes."""
    entries = []
    for path in base.glob("*.bin"):
        with contextlib.suppress(OSError):
            stat = path.stat()
            entries.append((stat.st_mtime, stat.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size
