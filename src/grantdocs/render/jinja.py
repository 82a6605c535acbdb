"""The one Jinja environment every template renders in: sandboxed, autoescaped, strict, and
bounded: range sizes, repetition, padding, replacement, integer powers and render time."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from functools import cache
from typing import Any

from jinja2 import Environment, StrictUndefined, Template, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

CACHE_SIZE = 64
MAX_RANGE = 100_000
"""Items one ``range()`` may give."""
MAX_LENGTH = 1_000_000
"""Characters or items one repetition, padding or replacement may make."""
MAX_POWER_BITS = 100_000
"""Bits an integer power may have (10**30000 is about 100,000 bits)."""
RENDER_SECONDS = 120.0
"""Wall-clock seconds one document's template may take (``GRANTDOCS_RENDER_TIMEOUT``)."""

_SEQUENCE = (str, list, tuple)
_WIDTH = re.compile(r"%[-+ #0]*(\d+)|\{[^{}]*:[^{}]*?(\d+)[^{}]*\}")
"""Widths in ``%``- and ``{}``-format strings."""
_SIZED_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "replace", "format"})


class BoundExceeded(SecurityError):
    """A tag would go past one of the bounds above (a huge range, repetition, power)."""


class RenderTimeout(Exception):
    """A template ran past its time limit; ``seconds`` is that limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


def _too_long(what: str, size: int) -> BoundExceeded:
    return BoundExceeded(
        f"{what} would make {size:,} characters or items; the limit is {MAX_LENGTH:,}"
    )


def _check_length(what: str, size: int) -> None:
    if size > MAX_LENGTH:
        raise _too_long(what, size)


def _check_width_text(text: Any) -> None:
    """A format string's widths (``%999999999s``, ``{:>999999999}``) stay within the limit."""
    if isinstance(text, str):
        for groups in _WIDTH.findall(text):
            _check_length("a format width", int("".join(groups)))


def _check_star_widths(text: Any, values: Any) -> None:
    """``'%*d' % (width, n)`` takes its width from the values: they stay within the limit."""
    if isinstance(text, str) and "*" in text:
        for value in values if isinstance(values, tuple | list) else (values,):
            if isinstance(value, int) and not isinstance(value, bool):
                _check_length("a format width", abs(value))


def bounded_range(*args: int) -> range:
    """``range`` of at most ``MAX_RANGE`` items."""
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise BoundExceeded(f"range() of {len(rng):,} items; the limit is {MAX_RANGE:,}")
    return rng


def _bounded_filter(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose size arguments are checked before it runs."""

    def run(*args: Any, **kwargs: Any) -> Any:
        given = [a for a in args if not isinstance(a, EvalContext | Context | Environment)]
        for value in (*given, *kwargs.values()):
            if isinstance(value, int):
                _check_length(f"the filter {name!r}", value)
        if name == "replace" and len(given) >= 3:
            text, old, new = (str(a) for a in given[:3])
            _check_length("replace", len(text) + text.count(old) * len(new) if old else 0)
        if name == "format" and given:
            _check_width_text(given[0])
            _check_star_widths(given[0], given[1:])
        if name == "wordwrap" and given:
            text = str(given[0])
            width = given[1] if len(given) > 1 and isinstance(given[1], int) else 79
            wrap = kwargs.get("wrapstring", given[3] if len(given) > 3 else None) or "\n"
            _check_length("wordwrap", len(text) + (len(text) // max(width, 1) + 1) * len(wrap))
        if name == "join" and given and isinstance(given[0], list | tuple):
            sep = len(str(given[1])) if len(given) > 1 else 0
            items = given[0]
            _check_length("join", sum(_weight([x]) for x in items) + sep * max(len(items) - 1, 0))
        return original(*args, **kwargs)

    run.__dict__.update(getattr(original, "__dict__", {}))  # keep jinja's pass_* markers
    return run


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation checked by ``bounded_text``."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_text(")
        super().visit_Concat(node, frame)
        self.write(")")


def _weight(seq: Any) -> int:
    """Characters or items a sequence stands for: a list of long strings counts them."""
    if isinstance(seq, str):
        return len(seq)
    sizes = [len(x) for x in seq if isinstance(x, _SEQUENCE)]
    return len(seq) * max(1, max(sizes, default=1))


class _Environment(SandboxedEnvironment):
    """Keeps the templates it compiled from source text, and bounds what a template may do.

    docxtpl hands over the whole document XML as a string on every render; compiling it is
    most of the rendering time, and a build renders each template in two or three languages.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _CodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: OrderedDict[str, Template] = OrderedDict()
        self.globals["range"] = bounded_range
        del self.globals["lipsum"]  # placeholder text of any size: no use in a CV
        for name in (
            "center",
            "indent",
            "wordwrap",
            "truncate",
            "format",
            "replace",
            "slice",
            "join",
        ):
            self.filters[name] = _bounded_filter(name, self.filters[name])

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_deadline()
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, _SEQUENCE) and isinstance(times, int):
                    _check_length("a repetition", _weight(seq) * max(times, 0))
        elif operator == "+":
            if isinstance(left, _SEQUENCE) and isinstance(right, _SEQUENCE):
                _check_length("a '+' of texts or lists", _weight(left) + _weight(right))
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0:
                bits = max(abs(left).bit_length() - 1, 1) * right if abs(left) > 1 else 1
                if bits > MAX_POWER_BITS:
                    raise BoundExceeded(
                        f"the power {left} ** {right} is too large; the limit is "
                        f"{MAX_POWER_BITS:,} bits"
                    )
        elif operator == "%":
            _check_width_text(left)
            _check_star_widths(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_deadline()
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", None)
        if isinstance(owner, str) and name in _SIZED_METHODS:
            for value in (*args, *kwargs.values()):
                if isinstance(value, int):
                    _check_length(f"str.{name}", value)
            if name == "format":
                _check_width_text(owner)
            if name == "replace" and len(args) >= 2 and args[0]:
                _check_length(
                    "str.replace", len(owner) + owner.count(str(args[0])) * len(str(args[1]))
                )
        return super().call(__context, __obj, *args, **kwargs)

    def bounded_text(self, text: Any) -> Any:
        """``text`` (the result of a ``~`` concatenation) if within ``MAX_LENGTH``."""
        _check_deadline()
        if isinstance(text, str):
            _check_length("a '~' concatenation", len(text))
        return text

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            # lazy: usercache loads only when this runs
            from grantdocs.usercache import compile_cached

            code = compile_cached(self, source)  # Environment.from_string, compiled once
            template = self.template_class.from_code(self, code, self.make_globals(None), None)
            self._compiled[source] = template
            if len(self._compiled) > CACHE_SIZE:
                self._compiled.popitem(last=False)
        else:
            self._compiled.move_to_end(source)
        return template


@cache
def environment() -> SandboxedEnvironment:
    """Sandboxed (no Python internals), autoescape on, undefined names are errors, bounded."""
    return _Environment(autoescape=True, undefined=StrictUndefined)


# --- the wall-clock limit -----------------------------------------------------------------

_DEADLINE: ContextVar[float | None] = ContextVar("grantdocs_render_deadline", default=None)
"""When the render running in this thread (context) must end; ``None`` outside ``time_limit``.
A context variable, so each thread (the watch loop's, a server's builder) has its own, and
nothing of a render is left once its ``time_limit`` block is done."""


def _check_deadline() -> None:
    """Raise ``RenderTimeout`` if the current render is past its deadline (checked at every
    call and operator the sandbox sees; the timer signal covers loops that make none)."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise RenderTimeout(render_seconds())


def render_seconds() -> float:
    """The render time limit: ``GRANTDOCS_RENDER_TIMEOUT`` seconds, else ``RENDER_SECONDS``."""
    try:
        return float(os.environ.get("GRANTDOCS_RENDER_TIMEOUT", RENDER_SECONDS))
    except ValueError:
        return RENDER_SECONDS


@contextlib.contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Raise ``RenderTimeout`` inside the block once it has run ``seconds`` (default
    ``render_seconds()``). In the main thread a timer signal interrupts any Python loop;
    elsewhere the sandbox's calls and operators check the deadline. The signal handler and
    timer are the process's: the previous ones are back when the block ends."""
    limit = render_seconds() if seconds is None else seconds
    token = _DEADLINE.set(time.monotonic() + limit)
    use_signal = threading.current_thread() is threading.main_thread() and hasattr(
        signal, "SIGALRM"
    )
    previous: Any = None
    if use_signal:

        def expire(signum: int, frame: Any) -> None:
            raise RenderTimeout(limit)

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        if use_signal:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _DEADLINE.reset(token)
