"""The shared Jinja environment: sandboxed, escaping, strict, and caching compiled sources."""

from __future__ import annotations

import re

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from grantdocs.render.jinja import (
    CACHE_SIZE,
    BoundExceeded,
    RenderTimeout,
    environment,
    time_limit,
)


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


# --- bounds: runaway templates end with a message ---------------------------------------

RUNAWAY = {
    "huge range": ("{% for x in range(10**9) %}{% endfor %}", "range() of 1,000,000,000 items"),
    "string repetition": ("{{ 'a' * 10**9 }}", "repetition would make 1,000,000,000"),
    "list repetition": ("{{ ([1] * 10**9)|length }}", "repetition would make"),
    "integer power": ("{{ (10**100000000) % 7 }}", "the power 10 ** 100000000 is too large"),
    "padding method": ("{{ 'a'.ljust(10**9) }}", "str.ljust would make"),
    "padding filter": ("{{ 'a'|center(10**9) }}", "the filter 'center' would make"),
    "format width": ("{{ '%999999999s' % 'a' }}", "a format width would make"),
    "format method": ("{{ '{:>999999999}'.format('a') }}", "a format width would make"),
    "replacement": ("{{ ('a' * 1000)|replace('a', 'b' * 10000) }}", "replace would make"),
    "doubling by ~": (
        "{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        "a '~' concatenation would make 1,048,576",
    ),
    "doubling by +": (
        "{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}",
        "a '+' of texts or lists would make 1,048,576",
    ),
    "a list of long texts": ("{{ ['a' * 1000] * 1000000 }}", "repetition would make"),
    "join": ("{{ (['a' * 100000] * 10)|join('-') }}", "join would make 1,000,009"),
    "width from the values": ("{{ '%*d' % (10**9, 1) }}", "a format width would make"),
    "format filter width from the values": ("{{ '%*d'|format(10**9, 1) }}", "the filter 'format'"),
    "wrapping with a long wrapstring": (
        "{{ ('a b ' * 100000)|wordwrap(1, wrapstring='x' * 1000) }}",
        "wordwrap would make",
    ),
}


@pytest.mark.parametrize("case", sorted(RUNAWAY))
def test_runaway_expressions_hit_a_bound(case: str) -> None:
    source, message = RUNAWAY[case]
    with pytest.raises(BoundExceeded, match=re.escape(message)):
        environment().from_string(source).render()


def test_bounds_leave_ordinary_templates_alone() -> None:
    env = environment()
    assert env.from_string("{{ range(3)|list }}{{ 'ab' * 2 }}{{ 2 ** 10 }}").render() == (
        "[0, 1, 2]abab1024"
    )
    assert env.from_string("{{ '%5s|' % 'a' }}{{ '{:>3}'.format(7) }}").render() == "    a|  7"
    assert env.from_string("{{ '%*d' % (3, 7) }}|{{ 'a b c'|wordwrap(2) }}").render() == (
        "  7|a\nb\nc"
    )


def test_placeholder_text_of_any_size_is_not_offered() -> None:
    """``lipsum(10**6)`` ran for a minute at 1.7 GB; a CV has no use for it."""
    import jinja2

    with pytest.raises(jinja2.UndefinedError, match="lipsum"):
        environment().from_string("{{ lipsum(10**6) }}").render()


def test_a_nested_loop_is_stopped_by_the_time_limit() -> None:
    source = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    template = environment().from_string(source)
    with pytest.raises(RenderTimeout), time_limit(0.2):
        template.render()


def test_the_time_limit_is_checked_off_the_main_thread() -> None:
    import threading

    source = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    template = environment().from_string(source)
    caught: list[BaseException] = []

    def run() -> None:
        try:
            with time_limit(0.2):
                template.render()
        except RenderTimeout as exc:
            caught.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(60)
    assert [type(e) for e in caught] == [RenderTimeout]
