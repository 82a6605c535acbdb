"""Add rows below a worksheet's template row as Excel's "insert rows" does.

openpyxl's ``insert_rows`` moves cells only. ``open_rows`` also moves what a template's
author set around them: row heights, merged cells, data validations, conditional formats,
tables, the auto-filter, page breaks, freeze panes, print area and print titles, defined
names, and the references in every formula of the workbook. ``repeat_row`` then gives the
new rows the template row's styles, height, merged cells, and its formulas and values
beside the data.

The rule, for ``count`` rows added directly below row ``row`` of one sheet:

- a reference to a row below ``row`` of that sheet moves down by ``count``;
- a range that includes ``row`` grows by ``count``: ``SUM(C5:C5)`` over template row 5
  becomes ``SUM(C5:C9)`` for four added rows. A single-cell reference (``C5``) stays; in
  lists of cells (where a validation or a format applies), one cell counts as a range;
- except in the template row's own formulas (and in validation and format rules, which
  are read relative to each cell), where a range on the template row alone stays: it is
  that row's, and each added row gets its own copy (``SUM($C$5:C5)`` as a running total);
- everything else stays.

Charts and images are not moved; their data ranges are not changed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from copy import copy
from typing import Any

from msgspec import Struct
from openpyxl.formatting.formatting import ConditionalFormatting, ConditionalFormattingList
from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError
from openpyxl.formula.translate import Translator
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

_CELL = re.compile(r"^(\$?[A-Za-z]{1,3}\$?)(\d+)$")
_ROW = re.compile(r"^(\$?)(\d+)$")


class FormulaError(ValueError):
    """A formula (or defined name) that cannot be parsed, with where it is."""


class RowShift(Struct, frozen=True):
    """``count`` rows added directly below row ``row`` of the sheet titled ``sheet``."""

    sheet: str
    row: int
    count: int

    def moved(self, row: int) -> int:
        """Where a single row reference goes."""
        return row + self.count if row > self.row else row

    def span(self, first: int, last: int, row_local: bool = False) -> tuple[int, int]:
        """Where a range of rows goes: moved when below, grown when it includes ``row``;
        with ``row_local``, a range on ``row`` alone stays (see ``formula``)."""
        low, high = min(first, last), max(first, last)
        if row_local and low == high == self.row:
            return low, high
        return (
            low + self.count if low > self.row else low,
            high + self.count if high >= self.row else high,
        )

    def reference(
        self,
        text: str,
        own_sheet: str | None,
        cells_as_ranges: bool = False,
        row_local: bool = False,
    ) -> str:
        """One reference (``'Sheet 1'!$A$5:$C$5``, ``B7``, ``3:4``) after the shift.

        ``own_sheet`` is the sheet a reference without a sheet name points at (None: such
        references are left alone). Names, whole columns, external and 3-D references stay.
        """
        prefix, bang, part = text.rpartition("!")
        if bang:
            name = prefix
            if len(name) >= 2 and name[0] == name[-1] == "'":
                name = name[1:-1].replace("''", "'")
            if "[" in name or ":" in name:
                return text
            target: str | None = name
        else:
            target = own_sheet
        if target is None or target.casefold() != self.sheet.casefold():
            return text
        return prefix + bang + self._shifted(part, cells_as_ranges, row_local)

    def _shifted(self, ref: str, cells_as_ranges: bool, row_local: bool) -> str:
        parts = ref.split(":")
        if len(parts) == 1:
            cell = _CELL.match(ref)
            if not cell:
                return ref
            row = int(cell[2])
            if not cells_as_ranges:
                return f"{cell[1]}{self.moved(row)}"
            first, last = self.span(row, row, row_local)
            return f"{cell[1]}{first}" if first == last else f"{cell[1]}{first}:{cell[1]}{last}"
        if len(parts) != 2:
            return ref
        for pattern in (_CELL, _ROW):
            start, end = pattern.match(parts[0]), pattern.match(parts[1])
            if start and end:
                a, b = int(start[2]), int(end[2])
                low, high = self.span(a, b, row_local)
                new_a, new_b = (low, high) if a <= b else (high, low)
                return f"{start[1]}{new_a}:{end[1]}{new_b}"
        return ref

    def formula(self, formula: str, own_sheet: str | None, row_local: bool = False) -> str:
        """A cell formula (``=SUM(C5:C5)``) with its references shifted.

        ``row_local`` is for formulas that belong to the template row (its cells, and the
        validation and format rules, which Excel reads relative to each cell): there a
        range on the template row alone (``SUM(C5:E5)``, ``SUM($C$5:C5)``) is the row's
        own and stays, so that filling it down gives each row its own range.
        """
        try:
            tokens = Tokenizer(formula)
        except TokenizerError as exc:
            raise FormulaError(f"cannot read the formula {formula!r}: {exc}") from None
        changed = False
        for item in tokens.items:
            if item.type == Token.OPERAND and item.subtype == Token.RANGE:
                new = self.reference(item.value, own_sheet, row_local=row_local)
                changed |= new != item.value
                item.value = new
        return str(tokens.render()) if changed else formula

    def expression(self, text: str, own_sheet: str | None, row_local: bool = False) -> str:
        """A formula stored without ``=`` (defined names, validation and format rules)."""
        return self.formula("=" + text, own_sheet, row_local)[1:]

    def ranges(self, sqref: str, row_local: bool = False) -> str:
        """A space-separated list of cell ranges of the sheet itself (``A5 C5:D9``)."""
        return " ".join(
            self.reference(part, self.sheet, cells_as_ranges=True, row_local=row_local)
            for part in sqref.split()
        )


def open_rows(ws: Worksheet, row: int, count: int) -> None:
    """Add ``count`` empty rows directly below ``row`` and keep every reference right.

    Raises ``FormulaError`` for a formula or defined name that cannot be parsed.
    """
    if count <= 0:
        return
    shift = RowShift(ws.title, row, count)
    workbook = ws.parent
    for sheet in workbook.worksheets:
        _shift_formulas(sheet, shift)
        for name in sheet.defined_names.values():
            name.attr_text = _named(shift, name, sheet.title)
    for name in workbook.defined_names.values():
        name.attr_text = _named(shift, name, None)
    remerge = _unmerge_below(ws, shift)
    ws.insert_rows(row + 1, count)
    for cells in ws.iter_rows(min_row=row + count + 1):
        for cell in cells:
            link = getattr(cell, "hyperlink", None)
            if link is not None:
                link.ref = cell.coordinate
    _shift_row_dimensions(ws, shift)
    _shift_sheet_ranges(ws, shift)
    for coord in remerge:
        ws.merge_cells(coord)


def repeat_row(ws: Worksheet, row: int, count: int, value_columns: Collection[int]) -> None:
    """Make the ``count`` rows below ``row`` copies of it, except the values in
    ``value_columns`` (the data, written by the caller).

    Copied: every cell's style (font, fill, border, alignment, number format, protection),
    the row height, merged cells within the row, and the values and formulas of the other
    cells, formulas with their relative references moved to the new row as Excel's
    fill-down does.
    """
    source = [cell for cells in ws.iter_rows(min_row=row, max_row=row) for cell in cells]
    merged = [r for r in ws.merged_cells.ranges if r.min_row == row and r.max_row == row]
    height = ws.row_dimensions.get(row)
    for offset in range(1, count + 1):
        target_row = row + offset
        for cell in source:
            target = ws.cell(row=target_row, column=cell.column)
            # openpyxl internal (``Cell._style``, verified with openpyxl 3.1, pinned <3.2):
            # copying the style record is 100 times faster than assigning copies of font,
            # fill, border, alignment, number format and protection (0.24 s against 24 s
            # for 10,000 rows of 7 cells); tests/render/test_xlsx.py reads the styles back.
            target._style = copy(cell._style)
            if cell.column in value_columns or cell.value is None:
                continue
            if cell.data_type == "f":
                target.value = _copied_formula(cell.value, cell.coordinate, target.coordinate)
            else:
                target.value = copy(cell.value)
                if cell.data_type == "s":
                    target.data_type = "s"  # text that looks like a formula stays text
        if height is not None:
            dimension = copy(height)
            dimension.index = target_row
            ws.row_dimensions[target_row] = dimension
        for r in merged:
            ws.merge_cells(
                start_row=target_row,
                start_column=r.min_col,
                end_row=target_row,
                end_column=r.max_col,
            )


def _copied_formula(value: Any, origin: str, target: str) -> Any:
    """A formula copied from ``origin`` to ``target``; a data-table formula is not copied."""
    if isinstance(value, str):
        return Translator(value, origin=origin).translate_formula(target)
    if isinstance(value, ArrayFormula):
        rows = CellRange(target).min_row - CellRange(origin).min_row
        area = CellRange(value.ref)
        area.shift(row_shift=rows)
        text = Translator(value.text or "", origin=origin).translate_formula(target)
        return ArrayFormula(ref=area.coord, text=text)
    return None


def _named(shift: RowShift, name: Any, own_sheet: str | None) -> str:
    text = name.attr_text
    if not isinstance(text, str):
        return str(text)
    try:
        return shift.expression(text, own_sheet)
    except FormulaError as exc:
        raise FormulaError(f"defined name {name.name!r}: {exc}") from None


def _shift_formulas(sheet: Worksheet, shift: RowShift) -> None:
    """Formulas in cells, validation rules and conditional-format rules of ``sheet``."""
    grown = sheet.title == shift.sheet
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.data_type != "f":
                continue
            local = grown and cell.row == shift.row
            try:
                if isinstance(cell.value, str):
                    cell.value = shift.formula(cell.value, sheet.title, local)
                elif isinstance(cell.value, ArrayFormula) and cell.value.text:
                    cell.value.text = shift.formula(cell.value.text, sheet.title, local)
                    if grown:
                        cell.value.ref = shift.ranges(cell.value.ref, local)
            except FormulaError as exc:
                where = f"sheet {sheet.title!r}, cell {cell.coordinate}"
                raise FormulaError(f"{where}: {exc}") from None
    for dv in sheet.data_validations.dataValidation:
        for attr in ("formula1", "formula2"):
            text = getattr(dv, attr)
            if text:
                setattr(dv, attr, shift.expression(text, sheet.title, row_local=grown))
    for cf in sheet.conditional_formatting:
        for rule in cf.rules:
            rule.formula = [
                shift.expression(text, sheet.title, row_local=grown) for text in rule.formula
            ]


def _unmerge_below(ws: Worksheet, shift: RowShift) -> list[str]:
    """Unmerge the merged ranges that move or grow; return their new coordinates."""
    remerge = []
    for merged in list(ws.merged_cells.ranges):
        if merged.max_row < shift.row or merged.min_row == merged.max_row == shift.row:
            continue
        first, last = shift.span(merged.min_row, merged.max_row)
        remerge.append(
            CellRange(
                min_col=merged.min_col, min_row=first, max_col=merged.max_col, max_row=last
            ).coord
        )
        ws.unmerge_cells(merged.coord)
    return remerge


def _shift_row_dimensions(ws: Worksheet, shift: RowShift) -> None:
    dimensions = ws.row_dimensions
    for index in sorted((i for i in dimensions if i > shift.row), reverse=True):
        dimension = dimensions.pop(index)
        dimension.index = index + shift.count
        dimensions[index + shift.count] = dimension


def _shift_sheet_ranges(ws: Worksheet, shift: RowShift) -> None:
    """Ranges that belong to the sheet itself: validations, formats, tables, print setup."""
    for dv in ws.data_validations.dataValidation:
        dv.sqref = MultiCellRange(shift.ranges(str(dv.sqref)))
    formats = ConditionalFormattingList()
    for cf in ws.conditional_formatting:
        moved = ConditionalFormatting(sqref=shift.ranges(str(cf.sqref)), pivot=cf.pivot)
        for rule in cf.rules:
            formats.add(moved, rule)
    formats.max_priority = ws.conditional_formatting.max_priority
    ws.conditional_formatting = formats
    for table in ws.tables.values():
        table.ref = shift.ranges(table.ref)
        if table.autoFilter is not None and table.autoFilter.ref:
            table.autoFilter.ref = shift.ranges(table.autoFilter.ref)
    if ws.auto_filter.ref:
        ws.auto_filter.ref = shift.ranges(ws.auto_filter.ref)
    for brk in ws.row_breaks.brk:
        if brk.id is not None and brk.id >= shift.row:
            brk.id += shift.count
    if ws.freeze_panes:
        frozen = shift.reference(ws.freeze_panes, ws.title)
        if frozen != ws.freeze_panes:
            ws.freeze_panes = frozen
    area = ws.print_area
    if area:
        ws.print_area = shift.expression(area, ws.title)
    if ws.print_title_rows:
        ws.print_title_rows = shift.reference(ws.print_title_rows, ws.title)
