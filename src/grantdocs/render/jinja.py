"""The one Jinja environment every template renders in: sandboxed, autoescaped, strict."""

from __future__ import annotations

from collections import OrderedDict
from functools import cache
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment

CACHE_SIZE = 64


class _Environment(SandboxedEnvironment):
    """Keeps the templates it compiled from source text.

    docxtpl hands over the whole document XML as a string on every render; compiling it is
    most of the rendering time, and a build renders each template in two or three languages.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: OrderedDict[str, Template] = OrderedDict()

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            self._compiled[source] = template
            if len(self._compiled) > CACHE_SIZE:
                self._compiled.popitem(last=False)
        else:
            self._compiled.move_to_end(source)
        return template


@cache
def environment() -> SandboxedEnvironment:
    """Sandboxed (no Python internals), autoescape on, undefined names are errors."""
    return _Environment(autoescape=True, undefined=StrictUndefined)
