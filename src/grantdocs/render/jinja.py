"""The one Jinja environment every template renders in: sandboxed, autoescaped, strict."""

from __future__ import annotations

from functools import cache

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment


@cache
def environment() -> SandboxedEnvironment:
    """Sandboxed (no Python internals), autoescape on, undefined names are errors."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
