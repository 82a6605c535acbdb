"""Every bundled spreadsheet format, read back with openpyxl: headers in the workbook's
language, rows within the limits, real dates and amounts, the totals row and its grown
range, the template's styles, lists, widths and print setup kept, text never a formula,
byte-identical rebuilds, missing profile fields reported; and LibreOffice opens them all."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from grantdocs.build import BuildOptions, DocumentReport, build
from grantdocs.errors import FormatError, TemplateError
from grantdocs.formats.registry import Format, bundled_ids, load_format
from grantdocs.formats.spec import PERSON_SOURCE, TableSpec
from grantdocs.l10n.catalog import translations
from grantdocs.render.pdf import convert, count_pages, find_soffice
from grantdocs.template_check import check_template
from tests.conftest import AS_OF, write_tree
from tests.xlsx_read import anchor_of, style_of

XLSX = [
    name
    for name in bundled_ids()
    if load_format(name).spec.kind == "xlsx" and load_format(name).spec.scope == "person"
]
"""The spreadsheet formats of one person (the team's are tested in tests/team)."""
JOBS = [(name, lang) for name in XLSX for lang in load_format(name).spec.languages]
HYPERLINK = '=HYPERLINK("http://example.com","x")'

SMALL_PROFILE = f"""\
person:
  given_names: Ada
  family_name: Lovelace
  gender: female
  nationality: British
  career_stage: A
  identifiers: {{orcid: "0000-0002-1825-0097"}}
  contact: {{email: [ada@example.org]}}
publications:
  - {{id: pub, kind: journal_article, authors: [Lovelace A], title: "=1+1", year: 2024}}
projects:
  - id: engine
    acronym: ENGINE
    title: '{HYPERLINK}'
    funder: "+Royal Society"
    role: PI
    start: "2024-01"
    end: "2027-12"
    amount: 1250000
    description: "-"
  - {{id: loom, acronym: LOOM, title: Loom, funder: EPSRC, start: 2022, amount: 300000.25}}
  - id: notes
    acronym: NOTES
    title: Notes
    funder: ERC
    status: submitted
    start: "2026-03"
    end: "2031-02"
    amount: 1999999.99
"""


def build_all(out: Path, profile: Path | None = None) -> dict[tuple[str, str], DocumentReport]:
    options = BuildOptions(
        formats=XLSX, as_of=AS_OF, out=out, profiles=[profile] if profile else []
    )
    return {(r.format_id, r.lang): r for r in build(options)}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], DocumentReport]:
    """Every bundled workbook of the bundled profile."""
    return build_all(tmp_path_factory.mktemp("workbooks"))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], DocumentReport]:
    """Every bundled workbook of a small profile with amounts, grants and odd text."""
    folder = tmp_path_factory.mktemp("small")
    write_tree(folder, {"profile.yaml": SMALL_PROFILE})
    return build_all(folder / "out", folder / "profile.yaml")


def rows_of(report: DocumentReport, table: TableSpec) -> int:
    """How many rows the build says a table got."""
    if table.source == [PERSON_SOURCE]:
        return 1
    counts = {s.slot: s.count for s in report.slots}
    return sum(counts[name] for name in table.source)


def template(fmt: Format, lang: str) -> Any:
    return openpyxl.load_workbook(fmt.template_path(lang))


TABLE_FORMAT = """\
id: t
title: {en: T}
kind: xlsx
template: TEMPLATE
languages: [en]
output: "T_{family_name}"
slots:
  projects: {section: projects}
tables:
  - sheet: S
    anchor: a
    source: SOURCE
    columns: [COLUMN]
"""


@pytest.mark.parametrize(
    ("template", "source", "column", "error"),
    [
        ("t.xlsx", "grants", "{label: Title, value: title}", "unknown slot 'grants'"),
        ("t.xlsx", "projects", "{label: Title, value: title, type: date, currency: c}", "amount"),
        ("t.xlsx", "projects", "{label: Title, value: title, precision: p}", "date columns"),
        ("t.xlsx", "[]", "{label: Title, value: title}", "at least 1"),
        ("t.{language}.xlsx", "person", "{label: Title, value: title}", "{lang}"),
    ],
)
def test_a_table_that_does_not_fit_its_format_is_refused(
    tmp_path: Path, template: str, source: str, column: str, error: str
) -> None:
    text = (
        TABLE_FORMAT.replace("TEMPLATE", template)
        .replace("SOURCE", source)
        .replace("COLUMN", column)
    )
    write_tree(tmp_path, {"f.yaml": text})
    with pytest.raises(FormatError) as caught:
        load_format(str(tmp_path / "f.yaml"))
    assert error in caught.value.render()


def test_a_table_source_may_be_one_name_or_several(tmp_path: Path) -> None:
    text = TABLE_FORMAT.replace("TEMPLATE", "t.{lang}.xlsx").replace(
        "COLUMN", "{label: T, value: null}"
    )
    write_tree(tmp_path, {"a.yaml": text.replace("SOURCE", "person")})
    write_tree(tmp_path, {"b.yaml": text.replace("SOURCE", "[person, projects]")})
    one = load_format(str(tmp_path / "a.yaml"))
    both = load_format(str(tmp_path / "b.yaml"))
    assert one.spec.tables[0].source == ["person"]
    assert both.spec.tables[0].slots == ["projects"]
    assert one.template_path("de").name == "t.de.xlsx"
    assert one.template_path().name == "t.en.xlsx"


def test_every_spreadsheet_format_is_bundled() -> None:
    assert set(XLSX) == {"horizon-europe-tables", "erc-grants", "fraunhofer-lists"}
    assert load_format("fraunhofer-lists").spec.languages == ["de", "en"]


@pytest.mark.parametrize(("name", "lang"), JOBS)
@pytest.mark.parametrize("profile", ["bundled", "small"])
def test_headers_read_as_the_formats_labels(
    request: pytest.FixtureRequest, profile: str, name: str, lang: str
) -> None:
    report = request.getfixturevalue(profile)[name, lang]
    workbook = openpyxl.load_workbook(report.path)
    gettext = translations(lang).gettext  # type: ignore[arg-type]
    for table in load_format(name).spec.tables:
        ws, row, column = anchor_of(workbook, table.anchor)
        assert ws.title == table.sheet_in(lang)
        headers = [ws.cell(row=row - 1, column=column + i).value for i in range(len(table.columns))]
        assert headers == [gettext(c.label) for c in table.columns]


@pytest.mark.parametrize(
    ("lang", "sheet", "headers"),
    [
        ("de", "Projekte", ["Akronym", "Titel", "Mittelgeber", "Beginn", "Ende"]),
        ("en", "Projects", ["Acronym", "Title", "Funder", "Start", "End"]),
        ("de", "Publikationen", ["Nr.", "Autorinnen und Autoren", "Jahr", "Titel"]),
        ("en", "Publications", ["No.", "Authors", "Year", "Title"]),
    ],
)
def test_fraunhofer_lists_speak_the_workbooks_language(
    bundled: dict[tuple[str, str], DocumentReport], lang: str, sheet: str, headers: list[str]
) -> None:
    ws = openpyxl.load_workbook(bundled["fraunhofer-lists", lang].path)[sheet]
    assert [c.value for c in ws[2]][: len(headers)] == headers


@pytest.mark.parametrize(("name", "lang"), JOBS)
def test_row_counts_stay_within_the_limits(
    bundled: dict[tuple[str, str], DocumentReport], name: str, lang: str
) -> None:
    report = bundled[name, lang]
    fmt = load_format(name)
    workbook = openpyxl.load_workbook(report.path)
    for table in fmt.spec.tables:
        ws, row, column = anchor_of(workbook, table.anchor)
        count = rows_of(report, table)
        limits = [fmt.spec.slots[s].limit for s in table.slots]
        if limits and None not in limits:
            assert count <= sum(limit for limit in limits if limit)
        filled = [ws.cell(row=row + i, column=column).value for i in range(count)]
        assert all(value not in (None, "") for value in filled), table.anchor
        after = ws.cell(row=row + count, column=column + 1).value
        assert after in (None, "Total"), f"{table.anchor}: a row beyond the data"
    slots = {s.slot: s for s in report.slots}
    if name == "horizon-europe-tables":
        assert slots["achievements"].count == 5 < slots["achievements"].eligible
        assert slots["previous_projects"].count == 5


@pytest.mark.parametrize("lang", ["de", "en"])
def test_project_dates_are_dates(bundled: dict[tuple[str, str], DocumentReport], lang: str) -> None:
    workbook = openpyxl.load_workbook(bundled["fraunhofer-lists", lang].path)
    ws, row, _ = anchor_of(workbook, "projects")
    count = rows_of(
        bundled["fraunhofer-lists", lang], load_format("fraunhofer-lists").spec.tables[1]
    )
    starts = [ws.cell(row=row + i, column=4) for i in range(count)]
    ends = [ws.cell(row=row + i, column=5) for i in range(count)]
    assert count >= 5
    assert all(isinstance(c.value, dt.datetime) for c in starts + ends)
    assert {c.number_format for c in starts + ends} <= {"MM/YYYY", "YYYY", "YYYY-MM-DD"}
    achilles = next(i for i in range(count) if ws.cell(row=row + i, column=1).value == "ACHILLES")
    assert ws.cell(row=row + achilles, column=4).value == dt.datetime(2024, 12, 1)
    assert ws.cell(row=row + achilles, column=5).value == dt.datetime(2028, 11, 30)
    assert ws.cell(row=row + achilles, column=4).number_format == "MM/YYYY"
    assert ws.cell(row=row + achilles, column=7).value == ("ja" if lang == "de" else "yes")


def test_formulas_beside_the_project_list_follow_each_row(
    bundled: dict[tuple[str, str], DocumentReport],
) -> None:
    workbook = openpyxl.load_workbook(bundled["fraunhofer-lists", "en"].path)
    ws, row, _ = anchor_of(workbook, "projects")
    for offset in range(3):
        formula = ws.cell(row=row + offset, column=8).value
        assert isinstance(formula, str)
        assert f"E{row + offset}" in formula and f"D{row + offset}" in formula


def test_grant_amounts_are_numbers_and_the_total_sums_them(
    small: dict[tuple[str, str], DocumentReport],
) -> None:
    report = small["erc-grants", "en"]
    workbook = openpyxl.load_workbook(report.path)
    ws, row, _ = anchor_of(workbook, "grants")
    assert [ws.cell(row=row + i, column=1).value for i in range(3)] == [HYPERLINK, "Loom", "Notes"]
    amounts = [ws.cell(row=row + i, column=3) for i in range(3)]
    assert [c.value for c in amounts] == [1250000, 300000.25, 1999999.99]
    assert all(c.data_type == "n" and "€" in c.number_format for c in amounts)
    total = ws.cell(row=row + 3, column=3)
    assert ws.cell(row=row + 3, column=1).value == "Total"
    assert total.value == f"=SUM(C{row}:C{row + 2})"
    assert workbook.defined_names["grants_total"].attr_text == f"'Grants'!$C${row + 3}"
    (cf,) = list(ws.conditional_formatting)
    assert str(cf.sqref) == f"C{row}:C{row + 2}"


def test_without_grants_the_total_covers_the_empty_template_row(
    bundled: dict[tuple[str, str], DocumentReport],
) -> None:
    workbook = openpyxl.load_workbook(bundled["erc-grants", "en"].path)
    ws, row, _ = anchor_of(workbook, "grants")
    count = rows_of(bundled["erc-grants", "en"], load_format("erc-grants").spec.tables[0])
    assert count == 3  # the bundled profile's awarded projects running on the as-of date
    assert ws.cell(row=row + count, column=3).value == f"=SUM(C{row}:C{row + count - 1})"
    assert any(
        "'Amount (Euros)' is left empty in 3 of 3" in w
        for w in (n.message for n in bundled["erc-grants", "en"].warnings)
    )


@pytest.mark.parametrize(("name", "lang"), JOBS)
@pytest.mark.parametrize("profile", ["bundled", "small"])
def test_filled_rows_have_the_template_rows_styles(
    request: pytest.FixtureRequest, profile: str, name: str, lang: str
) -> None:
    report = request.getfixturevalue(profile)[name, lang]
    fmt = load_format(name)
    original, workbook = template(fmt, lang), openpyxl.load_workbook(report.path)
    for table in fmt.spec.tables:
        source, first, _ = anchor_of(original, table.anchor)
        ws, row, column = anchor_of(workbook, table.anchor)
        dates = {column + i for i, c in enumerate(table.columns) if c.type == "date"}
        for offset in range(max(rows_of(report, table), 1)):
            for want in source[first]:
                got = ws.cell(row=row + offset, column=want.column)
                keep_format = want.column not in dates
                assert style_of(got, keep_format) == style_of(want, keep_format), got.coordinate


@pytest.mark.parametrize(("name", "lang"), JOBS)
def test_what_the_template_set_is_kept(
    small: dict[tuple[str, str], DocumentReport], name: str, lang: str
) -> None:
    report = small[name, lang]
    fmt = load_format(name)
    original, workbook = template(fmt, lang), openpyxl.load_workbook(report.path)
    for table in fmt.spec.tables:
        before, first, _ = anchor_of(original, table.anchor)
        ws, row, _ = anchor_of(workbook, table.anchor)
        last = row + max(rows_of(report, table), 1) - 1
        assert ws.freeze_panes == before.freeze_panes == f"A{first}"
        assert ws.print_title_rows == before.print_title_rows
        assert ws.page_setup.orientation == before.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        for letter, dimension in before.column_dimensions.items():
            assert ws.column_dimensions[letter].width == dimension.width, letter
        assert ws.cell(row=first - 1, column=1).font.b, "the header row is bold"
        validations = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
        for dv in before.data_validations.dataValidation:
            letter = str(dv.sqref)[0]
            assert validations[dv.formula1] == f"{letter}{first}" + (
                f":{letter}{last}" if last > first else ""
            )
        assert len(list(ws.conditional_formatting)) == len(list(before.conditional_formatting))
        assert ws.print_area.endswith(f"${ws.max_row}")


def test_researcher_lists_offer_the_forms_choices(
    small: dict[tuple[str, str], DocumentReport],
) -> None:
    workbook = openpyxl.load_workbook(small["horizon-europe-tables", "en"].path)
    ws, row, _ = anchor_of(workbook, "researchers")
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {f"G{row}": '"A,B,C,D"', f"H{row}": '"Leading,Team member"'}
    values = [c.value for c in ws[row]]
    assert values[:10] == [
        None,
        "Ada",
        "Lovelace",
        "female",
        "British",
        "ada@example.org",
        "A",
        None,
        "0000-0002-1825-0097",
        "ORCID",
    ]


@pytest.mark.parametrize(
    ("name", "lang", "anchor", "column"),
    [
        ("erc-grants", "en", "grants", 1),
        ("fraunhofer-lists", "de", "projects", 2),
        ("fraunhofer-lists", "en", "projects", 2),
        ("horizon-europe-tables", "en", "previous_projects", 3),
    ],
)
def test_a_formula_in_the_profile_arrives_as_text(
    small: dict[tuple[str, str], DocumentReport], name: str, lang: str, anchor: str, column: int
) -> None:
    workbook = openpyxl.load_workbook(small[name, lang].path)
    ws, row, first = anchor_of(workbook, anchor)
    cells = [c for r in ws.iter_rows(min_row=row, max_row=row + 2) for c in r]
    hyperlink = next(c for c in cells if c.value == HYPERLINK)
    assert hyperlink.column == first + column - 1
    assert isinstance(hyperlink.value, str) and hyperlink.data_type == "s"
    for text in ("+Royal Society", "-"):
        found = [c for c in cells if c.value == text]
        assert all(c.data_type == "s" for c in found)


def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    first = build_all(tmp_path / "a")
    second = build_all(tmp_path / "b")
    for job, report in first.items():
        assert report.path.read_bytes() == second[job].path.read_bytes(), job


def test_missing_profile_fields_are_reported_and_left_empty(
    bundled: dict[tuple[str, str], DocumentReport],
) -> None:
    report = bundled["horizon-europe-tables", "en"]
    ws, row, _ = anchor_of(openpyxl.load_workbook(report.path), "researchers")
    assert ws.cell(row=row, column=3).value == "Lapuschkin"
    assert ws.cell(row=row, column=4).value is None  # gender
    assert ws.cell(row=row, column=5).value is None  # nationality
    for header, what in (("Gender", "person.gender"), ("Nationality", "person.nationality")):
        assert any(
            w.startswith("Researchers:") and f"'{header}'" in w and what in w
            for w in (n.message for n in report.warnings)
        ), report.warnings


def test_the_small_profile_leaves_nothing_to_report_on_researchers(
    small: dict[tuple[str, str], DocumentReport],
) -> None:
    warnings = [n.message for n in small["horizon-europe-tables", "en"].warnings]
    assert [w for w in warnings if w.startswith("Researchers:")] == [
        "Researchers: 'Role in the project' is left empty; choose Leading or Team member in "
        "the workbook; the role depends on the proposal"
    ]


@pytest.mark.parametrize("name", XLSX)
def test_check_template_fills_every_bundled_workbook(name: str) -> None:
    assert "OK" in check_template(load_format(name))


def test_check_template_names_what_does_not_fit(tmp_path: Path) -> None:
    fmt = load_format("erc-grants")
    workbook = openpyxl.load_workbook(fmt.template_path())
    workbook["Grants"]["B2"] = "Funder"
    workbook.save(tmp_path / "mine.xlsx")
    with pytest.raises(TemplateError) as caught:
        check_template(fmt, tmp_path / "mine.xlsx")
    text = caught.value.render()
    assert "mine.xlsx" in text and "'Grants', cell B2" in text and "'Funding source'" in text


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_every_workbook(
    bundled: dict[tuple[str, str], DocumentReport],
    small: dict[tuple[str, str], DocumentReport],
) -> None:
    files = [r.path for r in [*bundled.values(), *small.values()]]
    pdfs = convert(files)
    for path in files:
        assert path in pdfs, f"LibreOffice could not convert {path.name}"
        assert count_pages(pdfs[path]) >= 1
