"""The worked example of docs/new-format.md builds as the page says."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.cli.main import cli
from grantdocs.resources import project_root
from tests.docx_read import headings, open_docx, texts

EXAMPLES = project_root() / "docs" / "examples" / "formats"


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--formats", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_example_template_checks() -> None:
    assert "OK" in run("check-template", "snsf-cv")


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("en", "Research outputs (up to 10)"),
        ("de", "Forschungsergebnisse (bis zu 10)"),
        ("de+en", "Forschungsergebnisse (bis zu 10) / Research outputs (up to 10)"),
    ],
)
def test_the_example_builds_in_each_language(tmp_path: Path, lang: str, heading: str) -> None:
    run("build", "snsf-cv", "--lang", lang, "--out", str(tmp_path), "--as-of", "2025-09-20")
    [path] = tmp_path.rglob("*.docx")
    assert path.name == "CV_SNSF_Lapuschkin.docx"
    doc = open_docx(path)
    assert heading in headings(doc)
    cited = [t for t in texts(doc) if "(20" in t and ")." in t]  # APA: "Author (2019). ..."
    assert 0 < len(cited) <= 10


def test_the_example_rules_read_as_the_page_says() -> None:
    out = run("formats", "snsf-cv")
    assert "outputs" in out and "publications" in out
    explained = run("explain", "snsf-cv", "--as-of", "2025-09-20")
    assert "outputs" in explained


def test_the_page_shows_the_example_as_committed() -> None:
    """The format.yaml excerpt in docs/new-format.md is the committed file's, line for line."""
    page = (project_root() / "docs" / "new-format.md").read_text(encoding="utf-8")
    committed = (EXAMPLES / "snsf-cv" / "format.yaml").read_text(encoding="utf-8")
    for line in (
        "citation: {style: apa, max_authors: 10, et_al_after: 6}",
        "locales: {en: en_GB, de: de_CH}",
        "    where: {not: {kind: ranking}}",
    ):
        assert line in committed
        assert line.split("#")[0].rstrip() in page
