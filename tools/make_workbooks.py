"""Regenerate the bundled spreadsheet templates in ``templates/<format>/template*.xlsx``.

The .xlsx files are the source users edit in Excel or LibreOffice; this script is how the
bundled ones were made, so that a change to their structure is reviewable as code. Sheet
names, anchors and header texts come from each format's ``format.yaml`` and the label
catalogs, so a template always matches its format; what this script adds is the look:
widths, styles, number formats, validation lists, conditional formats, totals rows,
formulas beside the data, freeze panes and print settings.

Run: ``python tools/make_workbooks.py [FORMAT]...`` (default: all).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from grantdocs.formats.registry import Format, load_format
from grantdocs.formats.spec import TableSpec
from grantdocs.l10n.formatting import Localizer
from grantdocs.render.atomic import write_bytes
from grantdocs.render.xlsx import EUR_FORMAT, fit_row_height, save_workbook

ROOT = Path(__file__).resolve().parents[1] / "templates"
MADE_ON = dt.date(2026, 1, 1)
"""Date stamped into the templates' properties, so that regenerating gives the same bytes."""

TITLE_ROW, HEADER_ROW, DATA_ROW = 1, 2, 3
"""Every bundled sheet: a title, the headers, then the template's first data row."""

THIN = Side(style="thin", color="808080")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOTAL_BORDER = Border(left=THIN, right=THIN, top=Side(style="double"), bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
TO_FILL = PatternFill("solid", bgColor="FFF2CC")
"""Conditional format of a cell the user should still fill in (a background colour)."""


@dataclass
class Col:
    """How one column looks: width in characters, number format, alignment."""

    width: float
    number_format: str = "General"
    horizontal: str = "left"


@dataclass
class Sheet:
    """The look of one table's sheet; ``extra`` adds what is special to it."""

    title: dict[str, str]
    columns: list[Col]
    extra: Callable[[Worksheet, str], None] | None = None


@dataclass
class Layout:
    """The look of one format's workbook: a ``Sheet`` per table anchor."""

    sheets: dict[str, Sheet]
    beside: dict[str, list[tuple[dict[str, str], Col, str]]] = field(default_factory=dict)
    """Per anchor: columns right of the data (header by language, look, formula)."""


# -- what is special to some sheets -----------------------------------------------------------


def _researchers(ws: Worksheet, lang: str) -> None:
    """Lists for the career stage and the role; empty cells shown as still to fill in."""
    stage = DataValidation(
        type="list",
        formula1='"A,B,C,D"',
        allow_blank=True,
        promptTitle="Career stage",
        prompt="Frascati: A top grade, B senior, C recognised, D first-stage researcher",
        showInputMessage=True,
        showErrorMessage=True,
    )
    stage.add(f"G{DATA_ROW}")
    role = DataValidation(
        type="list", formula1='"Leading,Team member"', allow_blank=True, showErrorMessage=True
    )
    role.add(f"H{DATA_ROW}")
    ws.add_data_validation(stage)
    ws.add_data_validation(role)
    ws.conditional_formatting.add(  # not the title: many researchers have none
        f"B{DATA_ROW}:J{DATA_ROW}",
        FormulaRule(formula=[f"LEN(TRIM(B{DATA_ROW}))=0"], fill=TO_FILL),
    )


def _grants(ws: Worksheet, lang: str) -> None:
    """A totals row below the data, its sum named, and missing amounts highlighted."""
    total = DATA_ROW + 1
    label = ws.cell(row=total, column=1, value="Total")
    label.font = Font(bold=True)
    amount = ws.cell(row=total, column=3, value=f"=SUM(C{DATA_ROW}:C{DATA_ROW})")
    amount.font = Font(bold=True)
    amount.number_format = EUR_FORMAT
    amount.alignment = Alignment(horizontal="right", vertical="top")
    for column in range(1, 7):
        ws.cell(row=total, column=column).border = TOTAL_BORDER
    ref = f"{quote_sheetname(ws.title)}!$C${total}"
    ws.parent.defined_names["grants_total"] = DefinedName("grants_total", attr_text=ref)
    ws.conditional_formatting.add(
        f"C{DATA_ROW}", FormulaRule(formula=[f"ISBLANK(C{DATA_ROW})"], fill=TO_FILL)
    )


def _projects(ws: Worksheet, lang: str) -> None:
    """A yes/no list for the leading role."""
    choices = "ja,nein" if lang == "de" else "yes,no"
    leading = DataValidation(
        type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True
    )
    leading.add(f"G{DATA_ROW}")
    ws.add_data_validation(leading)


NUMBER = Col(6, "0", "center")
YEAR = Col(8, "0", "center")

LAYOUTS: dict[str, Layout] = {
    "horizon-europe-tables": Layout(
        {
            "researchers": Sheet(
                {"en": "Researchers involved in the proposal"},
                [
                    Col(14),
                    Col(16),
                    Col(18),
                    Col(12),
                    Col(16),
                    Col(32),
                    Col(12, horizontal="center"),
                    Col(16),
                    Col(24),
                    Col(18),
                ],
                _researchers,
            ),
            "achievements": Sheet(
                {
                    "en": "Up to 5 publications, widely-used datasets, software, goods, "
                    "services or other achievements relevant to the call"
                },
                [NUMBER, Col(20), Col(48), Col(36), YEAR, Col(30), Col(32), Col(48)],
            ),
            "previous_projects": Sheet(
                {
                    "en": "Up to 5 most relevant previous projects or activities connected "
                    "to the subject of the proposal"
                },
                [NUMBER, Col(14), Col(48), Col(24), Col(22), Col(18), Col(52)],
            ),
        }
    ),
    "erc-grants": Layout(
        {
            "grants": Sheet(
                {"en": "Ongoing and submitted grants and funding of the PI"},
                [
                    Col(46),
                    Col(26),
                    Col(18, EUR_FORMAT, "right"),
                    Col(24),
                    Col(20),
                    Col(46),
                ],
                _grants,
            ),
        }
    ),
    "fraunhofer-lists": Layout(
        {
            "publications": Sheet(
                {"de": "Publikationsliste", "en": "Publication list"},
                [NUMBER, Col(40), YEAR, Col(52), Col(36), Col(34), Col(22)],
            ),
            "projects": Sheet(
                {"de": "Projektliste", "en": "Project list"},
                [
                    Col(14),
                    Col(50),
                    Col(24),
                    Col(11, horizontal="center"),
                    Col(11, horizontal="center"),
                    Col(20),
                    Col(12, horizontal="center"),
                ],
                _projects,
            ),
        },
        beside={
            "projects": [
                (
                    {"de": "Laufzeit (Monate)", "en": "Duration (months)"},
                    Col(12, "0", "center"),
                    f'=IF(OR(D{DATA_ROW}="",E{DATA_ROW}=""),"",'
                    f"(YEAR(E{DATA_ROW})-YEAR(D{DATA_ROW}))*12"
                    f"+MONTH(E{DATA_ROW})-MONTH(D{DATA_ROW})+1)",
                )
            ]
        },
    ),
}


# -- building ---------------------------------------------------------------------------------


def build_workbook(fmt: Format, layout: Layout, lang: str) -> Workbook:
    """The template workbook of ``fmt`` in ``lang``."""
    labels = Localizer(lang, fmt.spec.locales.get(lang, "")).gettext  # type: ignore[arg-type]
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in fmt.spec.tables:
        sheet = layout.sheets[table.anchor]
        ws = workbook.create_sheet(table.sheet_in(lang))
        headers = [labels(column.label) for column in table.columns]
        beside = layout.beside.get(table.anchor, [])
        looks = sheet.columns + [look for _, look, _ in beside]
        if len(sheet.columns) != len(table.columns):
            raise SystemExit(f"{fmt.id}: layout of {table.anchor!r} does not fit its columns")
        _title(ws, sheet.title[lang], len(looks))
        for index, text in enumerate(headers + [head[lang] for head, _, _ in beside], start=1):
            _header(ws.cell(row=HEADER_ROW, column=index, value=text))
        for index, look in enumerate(looks, start=1):
            ws.column_dimensions[get_column_letter(index)].width = look.width
            _data(ws.cell(row=DATA_ROW, column=index), look)
        fit_row_height(ws, HEADER_ROW)
        for offset, (_, _, formula) in enumerate(beside, start=len(headers) + 1):
            ws.cell(row=DATA_ROW, column=offset, value=formula)
        _anchor(ws, table)
        if sheet.extra:
            sheet.extra(ws, lang)
        _print_setup(ws, len(looks))
    return workbook


def _title(ws: Worksheet, text: str, width: int) -> None:
    cell = ws.cell(row=TITLE_ROW, column=1, value=text)
    cell.font = Font(bold=True, size=13)
    cell.alignment = Alignment(vertical="center")
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=width)
    ws.row_dimensions[TITLE_ROW].height = 24


def _header(cell: Cell) -> None:
    cell.font = Font(bold=True)
    cell.fill = HEADER_FILL
    cell.border = GRID
    cell.alignment = Alignment(wrap_text=True, vertical="center")


def _data(cell: Cell, look: Col) -> None:
    cell.border = GRID
    cell.number_format = look.number_format
    cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal=look.horizontal)


def _anchor(ws: Worksheet, table: TableSpec) -> None:
    ref = f"{quote_sheetname(ws.title)}!$A${DATA_ROW}"
    ws.parent.defined_names[table.anchor] = DefinedName(table.anchor, attr_text=ref)


def _print_setup(ws: Worksheet, width: int) -> None:
    """Headers frozen and repeated on every page; landscape A4, one page wide."""
    ws.freeze_panes = f"A{DATA_ROW}"
    ws.print_title_rows = f"{TITLE_ROW}:{HEADER_ROW}"
    last = ws.max_row
    ws.print_area = f"A{TITLE_ROW}:{get_column_letter(width)}{last}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def main(names: list[str]) -> None:
    """Write the templates of ``names`` (default: all)."""
    for name in names or list(LAYOUTS):
        fmt = load_format(name)
        for lang in fmt.spec.languages:
            workbook = build_workbook(fmt, LAYOUTS[name], lang)
            title = fmt.spec.title if isinstance(fmt.spec.title, str) else fmt.spec.title[lang]
            target = fmt.template_path(lang)
            write_bytes(target, save_workbook(workbook, as_of=MADE_ON, title=title, lang=lang))
            print(f"wrote {target.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
