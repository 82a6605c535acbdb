"""Compiled templates on disk, so that a new process does not compile the same Jinja again.

docxtpl hands the whole document XML to Jinja as one string; compiling it is a good part of a
cold render. The compiled code is kept in the user's cache folder (``platformdirs``), one file
a template, named by a hash of the template text, the environment's compile settings, the
source of grantdocs' environment and code generator, and the versions of Python and Jinja,
so a changed template, a changed bound or an upgrade never reuses old code. Each file carries
a checksum of its payload: a missing, stale, corrupt or unreadable file is compiled again, an
unwritable folder is skipped silently, and ``GRANTDOCS_CACHE=off`` turns the cache off
(``GRANTDOCS_CACHE=DIR`` moves it).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
from types import CodeType
from typing import Any

ENV_VAR = "GRANTDOCS_CACHE"
MAGIC = b"grantdocs-jinja-1\n"
MAX_BYTES = 64 * 1024 * 1024
"""A cache file larger than this is not read (no template compiles to that much)."""


@cache
def _versions() -> bytes:
    import jinja2

    return f"{sys.version}|{sys.implementation.cache_tag}|jinja2 {jinja2.__version__}".encode()


def folder() -> Path | None:
    """The cache folder, or None when the cache is off."""
    setting = os.environ.get(ENV_VAR, "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    import platformdirs

    return Path(platformdirs.user_cache_dir("grantdocs", appauthor=False)) / "jinja"


def key(source: str, settings: str) -> str:
    """The cache name of ``source`` compiled with ``settings`` by these library versions."""
    digest = hashlib.sha256(_versions())
    digest.update(b"\0" + settings.encode() + b"\0")
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def load(name: str) -> CodeType | None:
    """The compiled code stored under ``name``, or None (missing, corrupt, unreadable, off)."""
    base = folder()
    if base is None:
        return None
    try:
        path = base / f"{name}.bin"
        if path.stat().st_size > MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC):
        return None
    checksum, payload = data[len(MAGIC) : len(MAGIC) + 32], data[len(MAGIC) + 32 :]
    if hashlib.sha256(name.encode() + payload).digest() != checksum:
        return None
    try:
        code = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def store(name: str, code: CodeType) -> None:
    """Keep ``code`` under ``name``, atomically; any failure leaves the cache as it was."""
    base = folder()
    if base is None:
        return
    payload = marshal.dumps(code)
    data = MAGIC + hashlib.sha256(name.encode() + payload).digest() + payload
    tmp = None
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".part-", dir=base)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, base / f"{name}.bin")
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


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
