"""What ``render/jinja.py`` relies on inside jinja2 (pinned ``<3.2`` in pyproject.toml): a
``CodeGenerator`` subclass (``code_generator_class``) whose ``visit_Concat`` output calls
``environment.bounded_text``, and ``Template.from_code``. Templates render as with jinja2's
own sandbox; and the time limit of one thread is not another's."""

from __future__ import annotations

import threading

import pytest
from jinja2 import StrictUndefined
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import SandboxedEnvironment

from grantdocs.render.jinja import BoundExceeded, RenderTimeout, environment, time_limit

TEMPLATES = [
    ("{{ a ~ b }}", {"a": "Smith & Jones", "b": " <2020>"}),
    ("{% for x in xs %}{{ loop.index ~ '. ' ~ x }}\n{% endfor %}", {"xs": ["A", "B", "C"]}),
    ("{{ (a ~ b) | upper }} {{ a * 2 }} {{ '%s-%s' % (a, b) }}", {"a": "x", "b": "y"}),
    ("{{ 'x' ~ 1 ~ none ~ [1, 2] }}", {}),
]


def test_the_code_generator_is_jinjas_own_subclassed() -> None:
    env = environment()
    assert issubclass(env.code_generator_class, CodeGenerator)
    assert "visit_Concat" in vars(env.code_generator_class)
    assert hasattr(CodeGenerator, "visit_Concat")
    source = env.compile("{{ a ~ b }}", raw=True)
    assert "environment.bounded_text(" in source
    plain = SandboxedEnvironment().compile("{{ a ~ b }}", raw=True)
    assert "bounded_text" not in plain


@pytest.mark.parametrize(("source", "context"), TEMPLATES)
def test_templates_render_as_with_jinjas_sandbox(source: str, context: dict[str, object]) -> None:
    ours = environment().from_string(source).render(**context)
    theirs = (
        SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
        .from_string(source)
        .render(**context)
    )
    assert ours == theirs


def test_a_long_concatenation_is_bounded_through_the_generated_call() -> None:
    template = environment().from_string("{{ a ~ a }}")
    with pytest.raises(BoundExceeded):
        template.render(a="x" * 600_000)


def test_one_threads_time_limit_is_not_anothers() -> None:
    """A render under a short limit in one thread does not stop a render without one."""
    source = "{% for a in range(2000) %}{{ a ~ '' }}{% endfor %}"
    template = environment().from_string(source)
    results: list[object] = []

    def unlimited() -> None:
        results.append(len(template.render()))

    with pytest.raises(RenderTimeout), time_limit(0):
        thread = threading.Thread(target=unlimited)
        thread.start()
        thread.join(60)
        template.render()
    assert results and isinstance(results[0], int)
