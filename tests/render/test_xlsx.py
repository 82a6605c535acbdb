"""Filling a template workbook: rows, values, and everything the template's author set.

The tests build a small template in ``tmp_path`` (a totals row, a formula beside the data,
merged cells, a validation list, a conditional format, a table, defined names, print
setup, a formula on another sheet), declare it in a user format file and build it through
``grantdocs.build.build``.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import Table

from grantdocs.build import BuildOptions, DocumentReport, build
from grantdocs.errors import TemplateError
from grantdocs.render.pdf import find_soffice
from grantdocs.render.xlsx_rows import RowShift
from tests.conftest import AS_OF, write_tree
from tests.xlsx_read import style_of

HYPERLINK = '=HYPERLINK("http://example.com","x")'

FORMAT = """\
id: test-sheet
title: {en: "Test sheet"}
kind: xlsx
template: template.xlsx
languages: [en]
output: "Test_{family_name}"
slots:
  projects: {section: projects, order: [oldest]}
tables:
  - sheet: Data
    anchor: data
    source: projects
    columns:
      - {label: "Acronym", value: acronym}
      - {label: "Title", value: title}
      - label: "Amount (Euros)"
        value: amount_value
        type: amount
        missing: "add amount to these projects"
      - {label: "Start", value: start_date, type: date, precision: start_precision}
"""

PROFILE = """\
person: {given_names: Ada, family_name: Lovelace}
projects:
  - {id: one, acronym: ONE, title: 'HYPERLINK_TITLE', start: "2019-03-04", amount: 1000}
  - {id: two, acronym: TWO, title: "Second \\u0007 project", start: "2020-05", amount: 2500.5}
  - {id: three, acronym: "-3", title: "@third", start: 2021}
""".replace("HYPERLINK_TITLE", HYPERLINK.replace("'", "''"))

DATA_ROW = 3


def make_template(path: Path, *, date_format: str = "DD.MM.YYYY", header: str = "Title") -> None:
    """A template with a row of data at 3, its total at 4, a note merged at 6."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A1"] = "Projects"
    for column, text in enumerate(["Acronym", header, "Amount (Euros)", "Start"], start=1):
        ws.cell(row=2, column=column, value=text).font = Font(bold=True)
    side = Side(style="thin", color="FF0000")
    formats = ["@", "General", '#,##0 "€"', date_format]
    for column, number_format in enumerate(formats, start=1):
        cell = ws.cell(row=DATA_ROW, column=column)
        cell.font = Font(name="Arial", size=9, italic=True, color="1F4E79")
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        cell.border = Border(left=side, right=side, top=side, bottom=side)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.protection = Protection(locked=False)
        cell.number_format = number_format
    ws["E3"].fill = PatternFill("solid", fgColor="CCFFCC")
    ws.merge_cells("E3:F3")
    ws["G3"] = "=C3*2"
    ws["H3"] = "x"
    ws["H3"].font = Font(bold=True)
    ws["I3"] = "=C3 is text"
    ws["I3"].data_type = "s"
    ws["J3"] = ArrayFormula("J3", "=SUM(C3:D3)")
    ws["K3"] = "=SUM($C$3:C3)/$C$4"
    ws["A4"] = "Total"
    ws["C4"] = "=SUM(C3:C3)"
    ws["C5"] = "=C4"
    ws["A6"] = "Note below the table"
    ws.merge_cells("A6:D6")
    ws.row_dimensions[4].height = 21
    ws.column_dimensions["B"].width = 41
    ws.freeze_panes = "A3"
    ws.print_area = "A1:H6"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    listed = DataValidation(type="list", formula1='"ONE,TWO,THREE"', allow_blank=True)
    listed.add("A3")
    ws.add_data_validation(listed)
    red = PatternFill("solid", bgColor="FFC7CE")
    ws.conditional_formatting.add("C3", FormulaRule(formula=["C3>2000"], fill=red))
    ws.add_table(Table(displayName="Projects", ref="A2:D3"))
    other = wb.create_sheet("Other")
    other["A1"] = "=SUM(Data!C3:C3)"
    other["A2"] = "=Data!C4"
    names = {"data": "$A$3", "amounts": "$C$3:$C$3", "total": "$C$4"}
    for name, ref in names.items():
        wb.defined_names[name] = DefinedName(name, attr_text=f"'Data'!{ref}")
    wb.save(path)


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Path]:
    """A format folder with its template, and a profile of three projects."""
    write_tree(tmp_path, {"fmt/format.yaml": FORMAT, "profile.yaml": PROFILE})
    make_template(tmp_path / "fmt" / "template.xlsx")
    return {
        "format": tmp_path / "fmt" / "format.yaml",
        "template": tmp_path / "fmt" / "template.xlsx",
        "profile": tmp_path / "profile.yaml",
        "out": tmp_path / "out",
    }


def run(paths: dict[str, Path], out: Path | None = None) -> DocumentReport:
    options = BuildOptions(
        formats=[str(paths["format"])],
        profiles=[paths["profile"]],
        as_of=AS_OF,
        out=out or paths["out"],
    )
    (report,) = build(options)
    return report


@pytest.fixture
def filled(setup: dict[str, Path]) -> tuple[Any, DocumentReport]:
    report = run(setup)
    return openpyxl.load_workbook(report.path), report


def test_rows_are_filled_in_order(filled: tuple[Any, DocumentReport]) -> None:
    ws = filled[0]["Data"]
    assert [ws.cell(row=r, column=1).value for r in (3, 4, 5)] == ["ONE", "TWO", "-3"]
    assert ws["B4"].value == "Second  project"


def test_a_totals_row_moves_down_and_its_range_grows(filled: tuple[Any, DocumentReport]) -> None:
    wb = filled[0]
    ws = wb["Data"]
    assert ws["A6"].value == "Total"
    assert ws["C6"].value == "=SUM(C3:C5)"
    assert ws["C7"].value == "=C6"
    assert ws.row_dimensions[6].height == 21
    assert wb["Other"]["A1"].value == "=SUM(Data!C3:C5)"
    assert wb["Other"]["A2"].value == "=Data!C6"


def test_formulas_and_values_beside_the_data_are_repeated(
    filled: tuple[Any, DocumentReport],
) -> None:
    ws = filled[0]["Data"]
    assert [ws.cell(row=r, column=7).value for r in (3, 4, 5)] == ["=C3*2", "=C4*2", "=C5*2"]
    assert [ws.cell(row=r, column=8).value for r in (3, 4, 5)] == ["x", "x", "x"]
    assert ws["H5"].font.b
    assert [ws.cell(row=r, column=9).value for r in (3, 4, 5)] == ["=C3 is text"] * 3
    assert {ws.cell(row=r, column=9).data_type for r in (3, 4, 5)} == {"s"}
    assert [ws.cell(row=r, column=11).value for r in (3, 4, 5)] == [
        "=SUM($C$3:C3)/$C$6",
        "=SUM($C$3:C4)/$C$6",
        "=SUM($C$3:C5)/$C$6",
    ]
    arrays = [ws.cell(row=r, column=10).value for r in (3, 4, 5)]
    assert [(a.ref, a.text) for a in arrays] == [
        ("J3", "=SUM(C3:D3)"),
        ("J4", "=SUM(C4:D4)"),
        ("J5", "=SUM(C5:D5)"),
    ]


def test_filled_rows_have_the_template_rows_styles(
    setup: dict[str, Path], filled: tuple[Any, DocumentReport]
) -> None:
    template = openpyxl.load_workbook(setup["template"])["Data"]
    ws = filled[0]["Data"]
    for row in (3, 4, 5):
        for column in range(1, 12):
            want, got = template.cell(row=DATA_ROW, column=column), ws.cell(row=row, column=column)
            assert style_of(got) == style_of(want), got.coordinate


def test_what_the_template_set_follows_the_rows(filled: tuple[Any, DocumentReport]) -> None:
    wb = filled[0]
    ws = wb["Data"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"E3:F3", "E4:F4", "E5:F5", "A8:D8"}
    assert ws["A8"].value == "Note below the table"
    (listed,) = ws.data_validations.dataValidation
    assert str(listed.sqref) == "A3:A5"
    assert listed.formula1 == '"ONE,TWO,THREE"'
    (cf,) = list(ws.conditional_formatting)
    assert str(cf.sqref) == "C3:C5"
    assert cf.rules[0].formula == ["C3>2000"]
    assert ws.tables["Projects"].ref == "A2:D5"
    assert wb.defined_names["data"].attr_text == "'Data'!$A$3"
    assert wb.defined_names["amounts"].attr_text == "'Data'!$C$3:$C$5"
    assert wb.defined_names["total"].attr_text == "'Data'!$C$6"
    assert ws.print_area == "'Data'!$A$1:$H$8"
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape"
    assert ws.freeze_panes == "A3"
    assert ws.column_dimensions["B"].width == 41


def test_text_that_looks_like_a_formula_is_stored_as_text(
    filled: tuple[Any, DocumentReport],
) -> None:
    wb, report = filled
    ws = wb["Data"]
    for coordinate, text in (("B3", HYPERLINK), ("A5", "-3"), ("B5", "@third")):
        cell = ws[coordinate]
        assert cell.value == text
        assert isinstance(cell.value, str)
        assert cell.data_type == "s"
    assert ws["B3"].quotePrefix
    with zipfile.ZipFile(report.path) as package:
        sheet = package.read("xl/worksheets/sheet1.xml").decode()
    cell_xml = sheet[sheet.index('<c r="B3"') :].split("</c>", 1)[0]
    assert 't="inlineStr"' in cell_xml
    assert "<f>" not in cell_xml


def test_dates_are_dates_with_the_template_cells_format(
    filled: tuple[Any, DocumentReport],
) -> None:
    ws = filled[0]["Data"]
    assert [ws.cell(row=r, column=4).value for r in (3, 4, 5)] == [
        dt.datetime(2019, 3, 4),
        dt.datetime(2020, 5, 1),
        dt.datetime(2021, 1, 1),
    ]
    assert {ws.cell(row=r, column=4).number_format for r in (3, 4, 5)} == {"DD.MM.YYYY"}


def test_without_a_date_format_the_precision_picks_one(setup: dict[str, Path]) -> None:
    make_template(setup["template"], date_format="General")
    ws = openpyxl.load_workbook(run(setup).path)["Data"]
    assert [ws.cell(row=r, column=4).number_format for r in (3, 4, 5)] == [
        "YYYY-MM-DD",
        "MM/YYYY",
        "YYYY",
    ]


def test_amounts_are_numbers_and_a_missing_one_is_reported(
    filled: tuple[Any, DocumentReport],
) -> None:
    wb, report = filled
    ws = wb["Data"]
    assert [ws.cell(row=r, column=3).value for r in (3, 4, 5)] == [1000, 2500.5, None]
    assert ws["C3"].number_format == '#,##0 "€"'
    assert any(
        "Data" in w and "Amount (Euros)" in w and "three" in w and "add amount" in w
        for w in (n.message for n in report.warnings)
    ), report.warnings


def test_characters_excel_cannot_store_are_removed_and_reported(
    filled: tuple[Any, DocumentReport],
) -> None:
    wb, report = filled
    assert "\x07" not in wb["Data"]["B4"].value
    assert any("cannot store" in w and "Second" in w for w in (n.message for n in report.warnings))


def test_the_same_input_gives_the_same_bytes(setup: dict[str, Path], tmp_path: Path) -> None:
    first = run(setup, tmp_path / "a").path.read_bytes()
    second = run(setup, tmp_path / "b").path.read_bytes()
    assert first == second
    wb = openpyxl.load_workbook(run(setup, tmp_path / "c").path)
    assert wb.properties.modified == dt.datetime(2025, 9, 20)
    assert wb.properties.created == dt.datetime(2025, 9, 20)
    assert wb.properties.creator == "grantdocs"
    assert wb.properties.lastModifiedBy == "grantdocs"


def test_no_rows_keep_the_template_row_empty(setup: dict[str, Path]) -> None:
    setup["profile"].write_text("person: {given_names: Ada, family_name: Lovelace}\n")
    ws = openpyxl.load_workbook(run(setup).path)["Data"]
    assert [ws.cell(row=3, column=c).value for c in range(1, 5)] == [None] * 4
    assert ws["A4"].value == "Total"
    assert ws["C4"].value == "=SUM(C3:C3)"


def test_a_header_that_does_not_match_names_workbook_sheet_and_cell(
    setup: dict[str, Path],
) -> None:
    make_template(setup["template"], header="Name")
    with pytest.raises(TemplateError) as caught:
        run(setup)
    text = caught.value.render()
    assert "template.xlsx" in text
    assert "'Data'" in text and "B2" in text
    assert "'Name'" in text and "'Title'" in text


def test_a_missing_anchor_is_a_template_error(setup: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(setup["template"])
    del wb.defined_names["data"]
    wb.save(setup["template"])
    with pytest.raises(TemplateError, match="no defined name 'data'"):
        run(setup)


@pytest.mark.parametrize(
    ("formula", "own", "expected"),
    [
        ("=SUM(C3:C3)", "Data", "=SUM(C3:C5)"),
        ("=C3", "Data", "=C3"),
        ("=C4+$C$9", "Data", "=C6+$C$11"),
        ("=SUM(C1:C2)", "Data", "=SUM(C1:C2)"),
        ("=SUM(Data!C3:C3)", "Other", "=SUM(Data!C3:C5)"),
        ("=SUM('Data'!$C$4:$C$6)", "Other", "=SUM('Data'!$C$6:$C$8)"),
        ("=SUM(C3:C3)", "Other", "=SUM(C3:C3)"),
        ("=SUM(C:C)+total+Projects[Amount]", "Data", "=SUM(C:C)+total+Projects[Amount]"),
        ('=IF(A3="C4","C4",C4)', "Data", '=IF(A3="C4","C4",C6)'),
        ("=SUM(C5:C3)", "Data", "=SUM(C7:C3)"),
        ("=3:3", "Data", "=3:5"),
    ],
)
def test_references_follow_the_added_rows(formula: str, own: str, expected: str) -> None:
    assert RowShift("Data", 3, 2).formula(formula, own) == expected


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("=SUM(C3:E3)", "=SUM(C3:E3)"),
        ("=SUM($C$3:C3)+C4", "=SUM($C$3:C3)+C6"),
        ("=SUM(C2:C3)", "=SUM(C2:C5)"),
    ],
)
def test_the_template_rows_own_ranges_stay_its_own(formula: str, expected: str) -> None:
    assert RowShift("Data", 3, 2).formula(formula, "Data", row_local=True) == expected


def test_cell_lists_count_one_cell_as_a_range() -> None:
    assert RowShift("Data", 3, 2).ranges("A3 B1 C3:D3 E4") == "A3:A5 B1 C3:D5 E6"


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_does_not_evaluate_text_that_looks_like_a_formula(
    filled: tuple[Any, DocumentReport], tmp_path: Path
) -> None:
    soffice = find_soffice()
    assert soffice is not None
    report = filled[1]
    out = tmp_path / "csv"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(out),
            str(report.path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    lines = (out / f"{report.path.stem}.csv").read_text(encoding="utf-8").splitlines()
    assert lines[2].startswith('ONE,"=HYPERLINK(""http://example.com"",""x"")",')
    assert lines[4].startswith("-3,@third,")
    assert lines[5].startswith("Total,,3500.5")  # LibreOffice computed the grown sum


def test_fit_row_height_with_the_known_last_column_is_the_same() -> None:
    from grantdocs.render.xlsx import fit_row_height

    def sheet() -> Any:
        ws = openpyxl.Workbook().active
        ws.column_dimensions["B"].width = 12  # a width set is a custom width
        for row in (1, 2, 3):
            ws.cell(row=row, column=2, value="word " * (10 * row)).alignment = Alignment(
                wrap_text=True
            )
            ws.cell(row=row, column=4, value=f"short {row}")
        ws.cell(row=7, column=6, value="far away")
        return ws

    plain, known = sheet(), sheet()
    for row in (1, 2, 3):
        fit_row_height(plain, row)
        fit_row_height(known, row, known.max_column)
    assert sorted(plain._cells) == sorted(known._cells)  # the same empty cells were made
    heights = [plain.row_dimensions[r].height for r in (1, 2, 3)]
    assert heights == [known.row_dimensions[r].height for r in (1, 2, 3)]
    assert heights[2] is not None and heights[2] > (heights[1] or 0)


def test_text_longer_than_a_cell_holds_is_cut_with_a_warning(setup: dict[str, Path]) -> None:
    long_title = "x" * 40_000
    setup["profile"].write_text(
        "person: {given_names: Ada, family_name: Lovelace}\n"
        f"projects:\n  - {{id: long, acronym: L, title: {long_title}, start: 2020}}\n"
    )
    before = setup["profile"].read_bytes()
    report = run(setup)
    cell = openpyxl.load_workbook(report.path)["Data"]["B3"]
    assert cell.value == "x" * 32_767
    assert (
        "Data!B3 (long.title): 40,000 characters cut to 32,767, the most an Excel cell holds"
        in [str(w) for w in report.warnings]
    )
    assert setup["profile"].read_bytes() == before
