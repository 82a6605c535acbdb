"""Broken or hostile Word templates fail with a ``TemplateError`` that names the template."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from grantdocs.build import BuildOptions, build
from grantdocs.errors import TemplateError
from tests.conftest import AS_OF, write_tree

BAD_TAGS = {
    "syntax error": ("{% for x in %}{% endfor %}", "syntax error"),
    "unclosed tag": ("{{ person.full_name }", "syntax error"),
    "unknown name": ("{{ nosuchname }}", "nosuchname"),
    "unknown attribute": ("{{ person.nmae }}", "nmae"),
    "python internals": ("{{ ''.__class__.__mro__ }}", "Python internals"),
    "function internals": ("{{ _.__globals__ }}", "Python internals"),
    "self-calling macro": (
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "a macro calls itself without end",
    ),
    "huge range": ("{% for x in range(10**9) %}{% endfor %}", "a tag goes past a bound: range()"),
    "string repetition": ("{{ 'a' * 10**9 }}", "a repetition would make 1,000,000,000"),
    "integer power": ("{{ (10**100000000) % 7 }}", "the power 10 ** 100000000 is too large"),
}


def user_format(tmp_path: Path, body: str) -> Path:
    """A format that extends dfg-cv with its own template holding ``body``."""
    doc = Document()
    doc.add_paragraph("{{ person.full_name }}")
    doc.add_paragraph(body)
    doc.save(str(tmp_path / "bad.docx"))
    return (
        write_tree(tmp_path, {"mine.yaml": "extends: dfg-cv\ntemplate: bad.docx\n"}) / "mine.yaml"
    )


@pytest.mark.parametrize("case", sorted(BAD_TAGS))
def test_bad_template_is_a_template_error_naming_it(tmp_path: Path, case: str) -> None:
    body, expected = BAD_TAGS[case]
    spec = user_format(tmp_path, body)
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as caught:
        build(BuildOptions(formats=[str(spec)], langs=["en"], as_of=AS_OF, out=out))
    message = caught.value.message
    assert str(tmp_path / "bad.docx") in message
    assert expected in message
    assert not out.exists() or not any(out.rglob("*.docx")), "no document is written"


def test_unreadable_template_is_a_template_error(tmp_path: Path) -> None:
    (tmp_path / "bad.docx").write_bytes(b"not a zip file")
    spec = (
        write_tree(tmp_path, {"mine.yaml": "extends: dfg-cv\ntemplate: bad.docx\n"}) / "mine.yaml"
    )
    with pytest.raises(TemplateError, match=r"bad\.docx"):
        build(BuildOptions(formats=[str(spec)], langs=["en"], as_of=AS_OF, out=tmp_path / "o"))


def test_core_properties_keep_their_namespace_when_docxcompose_is_loaded(tmp_path: Path) -> None:
    """docxcompose rebinds python-docx's ``cp`` prefix; core.xml must not change with it."""
    import zipfile

    import docxcompose.utils  # noqa: F401  (rebinds the prefix on import)
    from docx.oxml.ns import nsmap

    from grantdocs.render.docxcore import CORE_PROPERTIES_NS

    rebound = nsmap["cp"]
    build(BuildOptions(formats=["erc-cv"], out=tmp_path, as_of=AS_OF))
    path = next(tmp_path.rglob("*.docx"))
    core = zipfile.ZipFile(path).read("docProps/core.xml").decode()
    assert "custom-properties" not in core
    assert f'xmlns:cp="{CORE_PROPERTIES_NS}"' in core
    assert core.count("lastModifiedBy") == 2  # one element: open and close tag
    assert nsmap["cp"] == rebound  # docxcompose's binding is left as it was


def test_a_render_past_the_time_limit_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from grantdocs.cli.main import cli

    monkeypatch.setenv("GRANTDOCS_RENDER_TIMEOUT", "0.3")
    spec = user_format(
        tmp_path,
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(spec), "--lang", "en", "--as-of", "2025-09-20", "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert f"{tmp_path / 'bad.docx'}: rendering was stopped after 0.3 s" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.rglob("*.docx"))
