"""Fill a format's template workbook (.xlsx) with openpyxl: one row per selected entry.

A format's ``tables`` say where the rows go: a sheet, and a defined name (the ``anchor``)
on the first cell of the template's first data row. The row above the anchor holds the
headers, which must read as the format's translated column labels. The template row's
styles, and its formulas and values beside the data, are repeated on every filled row;
rows added below it move what lies beneath (a totals row moves down and its range grows)
as Excel's "insert rows" does (see ``xlsx_rows``). Everything else the template's author
set (column widths, freeze panes, validation lists, conditional formats, print setup)
stays as it is.

Values: text is always stored as text, never as a formula, also when it starts with ``=``;
dates are Excel dates, amounts and numbers are numbers, yes/no values are the language's
words.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from grantdocs.errors import FormatError, Location, Problem, TemplateError
from grantdocs.formats.records import MEMBERS_SOURCE, PERSON_SOURCE, ColumnSpec, TableSpec
from grantdocs.formats.registry import Format
from grantdocs.notices import CLEANED, LONG_TEXT, MISSING_VALUE, TEMPLATE_LOSS, Notice
from grantdocs.paths import display_path
from grantdocs.profile.records import Text
from grantdocs.render.package import normalise_zip, read_checked
from grantdocs.render.rendered import Document, Rendered
from grantdocs.render.xlsx_rows import FormulaError, open_rows, repeat_row
from grantdocs.render.xmltext import clean

EUR_FORMAT = '#,##0.00 "€"'
"""Number format of amounts when the template cell has none."""
DATE_FORMATS = {"day": "YYYY-MM-DD", "month": "MM/YYYY", "year": "YYYY"}
"""Number format of dates, by precision, when the template cell has no date format."""
FORMULA_STARTS = ("=", "+", "-", "@")
"""Text starting with one of these reads as a formula when typed; it is marked as text."""
MAX_CELL_TEXT = 32767
"""The most characters an Excel cell holds."""
LINE_HEIGHT = 15.0
"""Points per line of 11 pt text, Excel's default row height."""
CORE_PART = "docProps/core.xml"
CREATOR = "grantdocs"

Translate = Callable[[Text], str]
"""A label (msgid or inline {en: ..., de: ...}) in the document's language."""
Row = dict[str, Any]


def render_xlsx(template: Path, prepared: Document) -> Rendered:
    """The workbook ``template`` filled for ``prepared``, as byte-stable .xlsx bytes, with
    the warnings filling it gave (see ``fill_xlsx``)."""
    report: list[Notice] = []
    data = fill_xlsx(
        prepared.fmt,
        prepared.context,
        as_of=prepared.as_of,
        title=prepared.title,
        report=report,
        template=template,
    )
    return Rendered(data, report)


def fill_xlsx(
    fmt: Format,
    context: dict[str, Any],
    *,
    as_of: dt.date,
    title: str,
    report: list[Notice],
    template: Path | None = None,
) -> bytes:
    """The filled workbook as byte-stable .xlsx bytes; ``template`` replaces the format's
    own template workbook (None: the format's, in the context's language).

    Raises ``TemplateError`` when the template cannot be read or does not fit the format
    (missing sheet or anchor, headers that do not match), and ``FormatError`` when a column
    names a field the rows do not have. Appends to ``report`` a warning for each column
    whose ``missing`` hint applies, for texts that lost characters Excel cannot store, and
    for what openpyxl could not keep of the template.
    """
    lang = str(context.get("lang") or fmt.spec.languages[0])
    path = template or fmt.template_path(lang)
    labels: Translate = context["_"]
    words: Translate = context.get("word") or labels
    workbook = _load(path, report)
    where = display_path(path)
    _check_tables(workbook, fmt.spec.tables, labels, where, lang)
    cleaned: list[str] = []
    for table in fmt.spec.tables:
        rows = table_rows(table, context)
        _check_fields(fmt, table, rows, lang)
        _fill(workbook, table, rows, lang, where, words, report, cleaned)
        _report_missing(table, rows, lang, labels, report)
    for text in cleaned[:5]:
        report.append(
            Notice(CLEANED, f"removed characters that Excel cannot store from {text[:40]!r}")
        )
    return save_workbook(workbook, as_of=as_of, title=title, lang=lang)


def table_rows(table: TableSpec, context: dict[str, Any]) -> list[Row]:
    """The context rows a table gets, in order: its sources one after the other."""
    rows: list[Row] = []
    for name in table.source:
        if name == PERSON_SOURCE:
            rows.append(context["person"])
        elif name == MEMBERS_SOURCE:
            rows.extend(context["members"])
        else:
            rows.extend(context["slots"][name]["entries"])
    return rows


# -- reading and checking the template ------------------------------------------------------


def _load(path: Path, report: list[Notice]) -> Workbook:
    where = display_path(path)
    if not path.is_file():
        raise TemplateError(f"{where}: the template workbook does not exist")
    data = read_checked(path, "xlsx")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            workbook = load_workbook(io.BytesIO(data), rich_text=True)
        except Exception as exc:  # openpyxl raises several types for a broken package
            raise TemplateError(f"{where}: not a readable Excel workbook ({exc})") from None
    for warning in caught:
        report.append(
            Notice(
                TEMPLATE_LOSS,
                f"{where}: openpyxl could not keep all of the template: {warning.message}",
                subject=where,
            )
        )
    return workbook


def _anchor(
    workbook: Workbook, table: TableSpec, lang: str, where: str
) -> tuple[Worksheet, int, int]:
    """The sheet, row and column of a table's anchor cell."""
    title = table.sheet_in(lang)
    if title not in workbook.sheetnames:
        raise TemplateError(
            f"{where}: no sheet {title!r}; the workbook has: " + ", ".join(workbook.sheetnames)
        )
    ws = workbook[title]
    name = ws.defined_names.get(table.anchor) or workbook.defined_names.get(table.anchor)
    if name is None:
        raise TemplateError(
            f"{where}: no defined name {table.anchor!r}; define it on the first data cell of "
            f"sheet {title!r} (Excel: Formulas > Name Manager)"
        )
    try:
        places = list(name.destinations)
    except Exception:  # openpyxl cannot parse the name's text
        places = []
    if len(places) != 1:
        raise TemplateError(
            f"{where}: defined name {table.anchor!r} must point at one cell, not {name.attr_text!r}"
        )
    sheet, coord = places[0]
    if sheet.casefold() != ws.title.casefold():
        raise TemplateError(
            f"{where}: defined name {table.anchor!r} points at sheet {sheet!r}, "
            f"the format puts the table on sheet {title!r}"
        )
    column, row, _, _ = range_boundaries(coord.replace("$", ""))
    if row is None or column is None or row < 2:
        raise TemplateError(
            f"{where}: defined name {table.anchor!r} ({name.attr_text}) must be a cell below "
            "the header row"
        )
    return ws, row, column


def _check_tables(
    workbook: Workbook, tables: Sequence[TableSpec], labels: Translate, where: str, lang: str
) -> None:
    """Every anchor exists and every header reads as its label; all mismatches at once."""
    problems = []
    for table in tables:
        ws, row, column = _anchor(workbook, table, lang, where)
        for offset, spec in enumerate(table.columns):
            cell = ws.cell(row=row - 1, column=column + offset)
            expected = labels(spec.label)
            found = _plain(cell.value)
            if _words(found) != _words(expected):
                problems.append(
                    Problem(
                        Location(where),
                        f"sheet {ws.title!r}, cell {cell.coordinate}: header {found!r}, "
                        f"expected {expected!r}",
                        hint=f"the header row of table {table.anchor!r} must match the "
                        f"format's labels in {lang!r}",
                    )
                )
    if problems:
        raise TemplateError(f"{where}: the headers do not match the format", problems)


def _check_fields(fmt: Format, table: TableSpec, rows: list[Row], lang: str) -> None:
    if not rows:
        return
    unknown = [c.value for c in table.columns if c.value is not None and c.value not in rows[0]]
    if unknown:
        raise FormatError(
            f"{display_path(fmt.source)}: table on sheet {table.sheet_in(lang)!r} asks for "
            f"{', '.join(map(repr, unknown))}, which rows of {'/'.join(table.source)} do not "
            "have; they have: " + ", ".join(sorted(rows[0]))
        )


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def _words(text: str) -> str:
    return " ".join(text.split())


# -- filling --------------------------------------------------------------------------------


def _fill(
    workbook: Workbook,
    table: TableSpec,
    rows: list[Row],
    lang: str,
    where: str,
    words: Translate,
    report: list[Notice],
    cleaned: list[str],
) -> None:
    ws, first, column = _anchor(workbook, table, lang, where)
    template_row = ws.row_dimensions.get(first)
    fixed_height = template_row is not None and template_row.ht is not None
    if len(rows) > 1:
        try:
            open_rows(ws, first, len(rows) - 1)
        except FormulaError as exc:
            raise TemplateError(f"{where}: {exc}") from None
        data_columns = range(column, column + len(table.columns))
        repeat_row(ws, first, len(rows) - 1, data_columns)
    if not rows:  # keep the template row, without any example values
        for offset in range(len(table.columns)):
            ws.cell(row=first, column=column + offset).value = None
    # the sheet's last column, as ws.max_column would give it after each row is written;
    # ws.max_column scans every cell of the sheet, so asking it once per row grew with the
    # square of the rows (75 s for the bundled formats of 10,000 publications, now 8 s)
    last_column = ws.max_column
    if table.columns:
        last_column = max(last_column, column + len(table.columns) - 1)
    for index, row in enumerate(rows):
        for offset, spec in enumerate(table.columns):
            cell = ws.cell(row=first + index, column=column + offset)
            raw = row.get(spec.value) if spec.value else None
            _write(cell, spec, raw, row, words, report, cleaned)
        if not fixed_height:
            fit_row_height(ws, first + index, last_column)


def _write(
    cell: Cell,
    spec: ColumnSpec,
    raw: Any,
    row: Row,
    words: Translate,
    report: list[Notice],
    cleaned: list[str],
) -> None:
    """Store ``raw`` in ``cell`` as the column's type asks."""
    template_format = cell.number_format
    if _empty(raw):
        cell.value = None
    elif spec.type == "date" and isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        cell.value = raw
        precision = str(row.get(spec.precision) or "day") if spec.precision else "day"
        cell.number_format = (
            template_format
            if is_date_format(template_format)
            else DATE_FORMATS.get(precision, DATE_FORMATS["day"])
        )
    elif spec.type in ("amount", "number") and _is_number(raw):
        cell.value = raw
        if spec.type == "amount":
            code = str(row.get(spec.currency) or "EUR") if spec.currency else "EUR"
            if code != "EUR":
                cell.number_format = f'#,##0.00 "{code}"'
                entry = f" ({row['id']})" if row.get("id") else ""
                report.append(
                    Notice(
                        "foreign-currency",
                        f"{cell.parent.title}!{cell.coordinate}{entry}: amount in {code}, "
                        "not euros; convert it if the funder asks for euros",
                        subject=str(row.get("id") or cell.coordinate),
                    )
                )
            elif template_format == "General":
                cell.number_format = EUR_FORMAT
    elif isinstance(raw, bool):
        _write_text(cell, words("yes" if raw else "no"), cleaned)
    else:
        text = _text(raw)
        if len(clean(text)) > MAX_CELL_TEXT:
            entry = f"{row['id']}." if row.get("id") else ""
            report.append(
                Notice(
                    LONG_TEXT,
                    f"{cell.parent.title}!{cell.coordinate} ({entry}{spec.value}): "
                    f"{len(clean(text)):,} characters cut to {MAX_CELL_TEXT:,}, the most an "
                    "Excel cell holds",
                    subject=f"{entry}{spec.value}",
                )
            )
        _write_text(cell, text, cleaned)


def _write_text(cell: Cell, text: str, cleaned: list[str]) -> None:
    """Text as text: never a formula, whatever it starts with; cut to ``MAX_CELL_TEXT``."""
    safe = clean(text)
    if safe != text:
        cleaned.append(text)
    safe = safe[:MAX_CELL_TEXT]
    cell.value = safe or None
    if safe:
        cell.data_type = "s"
        if safe.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # Excel keeps it text when the user edits the cell


def fit_row_height(ws: Worksheet, row: int, last_column: int | None = None) -> None:
    """Give ``row`` a height for its wrapped text, estimated from the text's length, the
    column widths and the font sizes; a row whose text fits on one line is left alone.
    ``last_column`` is the sheet's ``max_column`` when the caller knows it.

    Excel fits a row without a stored height when it opens the file; LibreOffice does not,
    so without this wrapped text would be cut off in LibreOffice and in its PDF export.
    """
    lines = 1.0
    cells = (
        ws[row]
        if last_column is None
        else next(ws.iter_rows(min_row=row, max_row=row, max_col=last_column))
    )
    for cell in cells:
        if not isinstance(cell.value, str | CellRichText) or not cell.alignment.wrap_text:
            continue
        letter = cell.column_letter
        dimension = ws.column_dimensions.get(letter)
        width = dimension.width if dimension is not None and dimension.customWidth else 8.43
        size = float(cell.font.sz or 11)
        capacity = max(1.0, width * 11 / size - 1) / (1.1 if cell.font.b else 1.0)
        lines = max(lines, _line_count(str(cell.value), capacity) * size / 11)
    if lines > 1:
        ws.row_dimensions[row].height = round(lines * LINE_HEIGHT, 1)


def _line_count(text: str, capacity: float) -> int:
    """Lines ``text`` takes when wrapped at word boundaries to ``capacity`` characters."""
    count = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > capacity:
                lines, used = lines + 1, 0
            used += size + (1 if used else 0)
            while used > capacity:  # a word longer than a line
                lines, used = lines + 1, used - int(capacity)
        count += lines
    return count


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value if not _empty(v))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _report_missing(
    table: TableSpec, rows: list[Row], lang: str, labels: Translate, report: list[Notice]
) -> None:
    """A warning per column with a ``missing`` hint and empty values."""
    for spec in table.columns:
        if spec.missing is None:
            continue
        empty = [row for row in rows if _empty(row.get(spec.value) if spec.value else None)]
        if not empty:
            continue
        header = labels(spec.label)
        sheet = table.sheet_in(lang)
        if table.source == [PERSON_SOURCE]:
            report.append(
                Notice(
                    MISSING_VALUE,
                    f"{sheet}: {header!r} is left empty; {spec.missing}",
                    subject=spec.value,
                )
            )
            continue
        ids = [str(row["id"]) for row in empty if row.get("id")]
        which = f" ({', '.join(ids[:5])}{', ...' if len(ids) > 5 else ''})" if ids else ""
        report.append(
            Notice(
                MISSING_VALUE,
                f"{sheet}: {header!r} is left empty in {len(empty)} of {len(rows)} "
                f"rows{which}; {spec.missing}",
                subject=spec.value,
            )
        )


# -- saving ---------------------------------------------------------------------------------


def save_workbook(workbook: Workbook, *, as_of: dt.date, title: str, lang: str) -> bytes:
    """The workbook as .xlsx bytes with fixed properties (created and modified at midnight
    of ``as_of``, by grantdocs) and fixed zip entries: the same input gives the same bytes."""
    props = workbook.properties
    moment = dt.datetime(as_of.year, as_of.month, as_of.day)
    props.creator = CREATOR
    props.lastModifiedBy = CREATOR
    props.created = moment
    props.modified = moment
    props.lastPrinted = None
    props.title = clean(title)
    props.language = lang
    buffer = io.BytesIO()
    workbook.save(buffer)  # stamps the current time as modified: write the part again
    props.modified = moment
    core = tostring(props.to_tree())
    return normalise_zip(buffer.getvalue(), replace={CORE_PART: core})
