"""Core properties that a template fills (``{{ format.title }}`` in docProps/core.xml) fit
Word's 255 characters and hold text, not escaped XML (issue 24)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from docx import Document

from grantdocs.cli.main import cli
from tests.conftest import write_tree

DE = "Lebenslauf für den Antrag auf Förderung eines Forschungsvorhabens & Verlässlichkeit "
EN = "Curriculum vitae for the application for funding of a research project on <reliability> "


def test_long_titles_in_a_two_language_build_are_shortened(tmp_path: Path) -> None:
    de, en = (DE * 2)[:133], (EN * 2)[:147]
    formats = write_tree(
        tmp_path / "formats",
        {"long/format.yaml": f'extends: dfg-cv\ntitle: {{de: "{de}", en: "{en}"}}\n'},
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["build", "long", "--formats", str(formats), "--lang", "de+en", "--out", str(out), "-q"],
        env={"GRANTDOCS_CACHE": "off"},
    )
    assert result.exit_code == 0, result.output
    (document,) = out.rglob("*.docx")
    props = Document(str(document)).core_properties
    assert len(props.title) == 255 and props.title.endswith("…")
    assert props.title.startswith(de.strip())
    assert "&amp;" not in props.title and "&" in props.title  # text, not escaped twice
    for name in ("author", "comments", "subject", "language"):
        assert len(getattr(props, name)) <= 255
