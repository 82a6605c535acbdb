"""A funder format that lives only in a folder of one's own builds in German and English:
format.yaml with inline bilingual labels, a catalog of its own, a template made here.
Nothing under src/ knows about it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl.workbook.defined_name import DefinedName

from grantdocs.cli.main import cli
from tests.conftest import small_profile, write_tree
from tests.docx_read import headings, open_docx, texts

FORMAT_YAML = """\
title: {en: "Research profile", de: "Forschungsprofil"}
kind: docx
template: template.docx
languages: [de, en]
bilingual: true
locales: {de: de_AT, en: en_GB}
output: "Profile_{family_name}"
citation: {style: numbered}
slots:
  papers:
    label: {en: "Funded work", de: "Geförderte Arbeiten"}
    section: publications
    where:
      any_of:
        - {kind: journal_article}
        - {kind: conference_paper, peer_reviewed: true}
    order: [rank, newest]
    limit: 5
  roles:
    label: "Positions"
    section: positions
"""

CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Positions"
msgstr "Stationen im Haus"

msgid "Remarks of the grant office"
msgstr "Anmerkungen des Forschungsservice"
"""


def make_docx(path: Path) -> None:
    """A Word template with grantdocs tags, as a grant office would type them."""
    doc = Document()
    doc.add_heading("{{ format.title }}", level=1)
    doc.add_paragraph("{{ person.full_name }} – {{ as_of }}")
    doc.add_heading("{{ slots.papers.label }}", level=2)
    doc.add_paragraph("{%p for pub in slots.papers.entries %}")
    doc.add_paragraph("{{r pub.citation }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_heading("{{ slots.roles.label }}", level=2)
    doc.add_paragraph("{%p for p in slots.roles.entries %}")
    doc.add_paragraph("{{ p.period }}: {{ p.title }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_heading('{{ _("Remarks of the grant office") }}', level=2)
    doc.add_paragraph('{{ _("Personal Data") }}')
    doc.save(str(path))


@pytest.fixture
def formats_dir(tmp_path: Path) -> Path:
    root = tmp_path / "office-formats"
    write_tree(
        root,
        {
            "research-profile/format.yaml": FORMAT_YAML,
            "research-profile/locale/de/LC_MESSAGES/grantdocs.po": CATALOG,
        },
    )
    make_docx(root / "research-profile" / "template.docx")
    return root


def build(formats_dir: Path, tmp_path: Path, lang: str) -> Path:
    profile = small_profile(tmp_path, "Engines of Analysis")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "build", "research-profile", "--formats", str(formats_dir), "--lang", lang,
            "--profile", str(profile), "--out", str(out), "--as-of", "2025-09-20", "-j", "1",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    folder = lang.replace("+", "-")
    return out / "research-profile" / folder / "Profile_Lovelace.docx"


def test_builds_in_german(formats_dir: Path, tmp_path: Path) -> None:
    doc = open_docx(build(formats_dir, tmp_path, "de"))
    assert headings(doc) == [
        "Forschungsprofil",
        "Geförderte Arbeiten",
        "Stationen im Haus",  # the format's own catalog overrides the package's
        "Anmerkungen des Forschungsservice",  # ... and adds messages
    ]
    found = texts(doc)
    assert "Ada Lovelace – 20. September 2025" in found  # de_AT from CLDR
    assert "Persönliche Daten" in found  # the package catalog still applies
    [cited] = [t for t in found if "Engines of Analysis" in t and "Babbage" in t]
    assert cited.startswith("[1] ")  # the numbered style, chosen by name
    assert "„Engines of Analysis“" in cited  # ... in its German form


def test_builds_in_english(formats_dir: Path, tmp_path: Path) -> None:
    doc = open_docx(build(formats_dir, tmp_path, "en"))
    assert headings(doc) == [
        "Research profile",
        "Funded work",
        "Positions",
        "Remarks of the grant office",
    ]
    found = texts(doc)
    assert "Ada Lovelace – 20 September 2025" in found
    assert "Personal Data" in found


def test_bilingual_document_shows_both_labels(formats_dir: Path, tmp_path: Path) -> None:
    doc = open_docx(build(formats_dir, tmp_path, "de+en"))
    assert headings(doc)[:3] == [
        "Forschungsprofil / Research profile",
        "Geförderte Arbeiten / Funded work",
        "Stationen im Haus / Positions",
    ]


def test_nothing_outside_the_folder_names_the_format() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    for path in src.rglob("*.py"):
        assert "research-profile" not in path.read_text(encoding="utf-8"), path


# --- spreadsheets: inline column labels against the template's header row -----------------

SHEET_YAML = """\
title: {en: "Position list", de: "Stationenliste"}
kind: xlsx
template: template.{lang}.xlsx
languages: [de, en]
output: "Positions_{family_name}_{lang}"
slots:
  roles: {section: positions}
tables:
  - sheet: {en: Positions, de: Stationen}
    anchor: rows
    source: roles
    columns:
      - {label: {en: "Job", de: "Tätigkeit"}, value: title}
      - {label: "Period", value: period}
"""


def make_sheet(path: Path, sheet: str, headers: list[str]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    for column, text in enumerate(headers, start=1):
        ws.cell(row=1, column=column, value=text)
    wb.defined_names["rows"] = DefinedName("rows", attr_text=f"'{sheet}'!$A$2")
    wb.save(path)


def build_sheet(root: Path, tmp_path: Path, lang: str) -> tuple[int, str]:
    profile = small_profile(tmp_path, "Engines of Analysis")
    result = CliRunner().invoke(
        cli,
        [
            "build", "positions", "--formats", str(root), "--lang", lang, "--profile",
            str(profile), "--out", str(tmp_path / "out"), "--as-of", "2025-09-20",
        ],
    )  # fmt: skip
    return result.exit_code, result.output


def test_inline_column_labels_match_each_languages_template(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "formats", {"positions/format.yaml": SHEET_YAML})
    make_sheet(root / "positions" / "template.de.xlsx", "Stationen", ["Tätigkeit", "Zeitraum"])
    make_sheet(root / "positions" / "template.en.xlsx", "Positions", ["Job", "Period"])
    for lang, sheet, title in (("de", "Stationen", "Tätigkeit"), ("en", "Positions", "Job")):
        code, output = build_sheet(root, tmp_path, lang)
        assert code == 0, output
        path = tmp_path / "out" / "positions" / lang / f"Positions_Lovelace_{lang}.xlsx"
        ws = openpyxl.load_workbook(path)[sheet]
        assert ws["A1"].value == title
        assert ws["A2"].value == "Engines of Analysis"


def test_a_header_in_the_wrong_language_is_reported(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "formats", {"positions/format.yaml": SHEET_YAML})
    make_sheet(root / "positions" / "template.de.xlsx", "Stationen", ["Job", "Zeitraum"])
    code, output = build_sheet(root, tmp_path, "de")
    assert code == 1
    assert "header 'Job', expected 'Tätigkeit'" in output
