"""The shared Jinja environment: sandboxed, escaping, strict, and caching compiled sources."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from grantdocs.render.jinja import CACHE_SIZE, environment


def test_escapes_and_refuses_internals_and_unknown_names() -> None:
    env = environment()
    assert (
        env.from_string("{{ x }}").render(x="Smith & Jones <2020>")
        == "Smith &amp; Jones &lt;2020&gt;"
    )
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()
    with pytest.raises(UndefinedError):
        env.from_string("{{ nobody }}").render()


def test_compiled_sources_are_reused_and_bounded() -> None:
    env = environment()
    first = env.from_string("<w:t>{{ a }}</w:t>")
    assert env.from_string("<w:t>{{ a }}</w:t>") is first
    for i in range(CACHE_SIZE + 1):
        env.from_string(f"{{{{ a }}}}{i}")
    assert env.from_string("<w:t>{{ a }}</w:t>") is not first
