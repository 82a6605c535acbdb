"""French is data: the publication list brings its own catalog, CLDR gives the rest."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from grantdocs.build import BuildOptions, build
from grantdocs.cli.main import cli
from grantdocs.notices import FALLBACK
from tests.conftest import AS_OF
from tests.docx_read import headings, open_docx, texts


def test_publication_list_builds_in_french(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["build", "publication-list", "--lang", "fr", "--as-of", "2025-09-20"]
    result = CliRunner().invoke(cli, [*args, "--out", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    doc = open_docx(out / "publication-list" / "fr" / "Publications_Lapuschkin.docx")
    assert doc.paragraphs[0].text == "Liste des publications"
    assert headings(doc)[:3] == [
        "Articles de revues",
        "Communications à des conférences",
        "Communications à des ateliers",
    ]
    found = texts(doc)
    assert "Dr. rer. nat. Sebastian Lapuschkin (état au 20 septembre 2025)" in found
    assert "Brevets" in found
    assert not {"Journal Articles", "Zeitschriftenartikel", "Patents"} & set(found)
    citations = [t for t in found if t.startswith("[")]
    # the CSL fr-FR locale's words in the DIN 1505-2 citations ("p." for pages; German "S.",
    # English "pp.")
    assert any(", p.\u00a0" in t for t in citations)
    assert not any("S.\u00a0" in t or "pp.\u00a0" in t or "pp. " in t for t in citations)
    footer = doc.sections[0].footer.paragraphs[-1].text
    assert "Page 1 sur 1" in footer
    assert doc.core_properties.language == "fr-FR"
    assert "fell back to another language for" in result.output


def test_french_fallbacks_are_reported_by_path(tmp_path: Path) -> None:
    """The profile has no French: each text shown in English is listed; every label is
    translated, so none is."""
    options = BuildOptions(["publication-list"], ["fr"], AS_OF, out=tmp_path)
    (report,) = build(options)
    fallen = {n.subject for n in report.warnings if n.code == FALLBACK}
    assert {"person.bio", "positions[0].title"} <= fallen
    assert not {s for s in fallen if s and s.startswith("label")}
