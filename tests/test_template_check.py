"""Every bundled template uses only names its context has; bad templates are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from grantdocs.errors import TemplateError
from grantdocs.formats.registry import load_format
from grantdocs.render.docx import template_names
from grantdocs.template_check import check_template, context_names
from tests.conftest import docx_jobs

FORMATS = sorted({name for name, _ in docx_jobs()})


@pytest.mark.parametrize("name", FORMATS)
def test_bundled_template_uses_only_context_names(name: str) -> None:
    fmt = load_format(name)
    used = template_names(fmt.template_path())
    assert used, "the template uses the context"
    assert used <= context_names(fmt), sorted(used - context_names(fmt))
    assert "OK" in check_template(fmt)


def test_check_names_an_unknown_name_and_the_template(tmp_path: Path) -> None:
    path = tmp_path / "mine.docx"
    doc = Document()
    doc.add_paragraph("{{ person.full_name }} {{ persn.title }}")
    doc.save(str(path))
    with pytest.raises(TemplateError) as caught:
        check_template(load_format("dfg-cv"), path)
    assert str(path) in caught.value.message and "persn" in caught.value.message


def test_check_finds_an_unknown_attribute_by_rendering(tmp_path: Path) -> None:
    path = tmp_path / "mine.docx"
    doc = Document()
    doc.add_paragraph("{{ person.nmae }}")
    doc.save(str(path))
    with pytest.raises(TemplateError, match="nmae"):
        check_template(load_format("dfg-cv"), path)
