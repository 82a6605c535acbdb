"""Reading built workbooks back with openpyxl: anchors, styles, data rows."""

from __future__ import annotations

from typing import Any

from openpyxl.utils.cell import range_boundaries
from openpyxl.xml.functions import tostring

STYLE_PARTS = ("font", "fill", "border", "alignment", "protection")


def style_of(cell: Any, number_format: bool = True) -> dict[str, Any]:
    """A cell's style as comparable values (openpyxl's style proxies never compare equal)."""
    style: dict[str, Any] = {part: tostring(getattr(cell, part).to_tree()) for part in STYLE_PARTS}
    if number_format:
        style["number_format"] = cell.number_format
    return style


def anchor_of(workbook: Any, name: str) -> tuple[Any, int, int]:
    """The sheet, row and column a workbook-level defined name points at."""
    ((title, coord),) = list(workbook.defined_names[name].destinations)
    column, row, _, _ = range_boundaries(coord.replace("$", ""))
    return workbook[title], row, column
