"""Every bundled Word format, read back: the funder's sections in order, labels in the
document's language only, slot limits held, the file name the funder asks for."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from grantdocs.formats.registry import Format, load_format
from grantdocs.l10n.catalog import translations
from grantdocs.l10n.extract import extract_docx
from grantdocs.prepare import select_slots
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.model import Text
from tests.conftest import AS_OF, docx_jobs
from tests.docx_read import headings, numbered_by_heading, open_docx, texts

JOBS = docx_jobs()
EMU_PER_TWIP = 635
EMU_PER_CM = 360_000
FORMATS = sorted({name for name, _ in JOBS})

SECTIONS: dict[str, list[str]] = {
    "dfg-cv": [
        "Personal Data",
        "Qualifications and Career",
        "Activities in the Research System",
        "Supervision of Researchers in Early Career Phases",
        "Scientific Results",
        "@category_a",
        "@category_b",
        "Academic Distinctions",
        "Other Information",
    ],
    "erc-cv": [
        "Personal Details",
        "Education and key qualifications",
        "Current position(s)",
        "Previous position(s)",
        "Research Achievements and Peer Recognition",
        "@outputs",
        "Peer Recognition",
        "Additional Information",
        "Contributions to the research community",
        "Ongoing and Submitted Grants",
    ],
    "horizon-europe-profile": ["Short Bio", "@achievements", "Previous projects"],
    "fraunhofer-cv": [
        "Personal Details",
        "Current position",
        "Education",
        "Professional Experience",
        "@publications",
        "Third-party funded projects",
        "Awards and Honours",
    ],
}
"""Headings (levels 1 and 2) of each format in the funder's order (shared/funders.md), as
msgids; ``@slot`` is that slot's label. Optional sections the bundled profile cannot fill
(DFG: supplementary career information; ERC: career breaks) are left out, as in the document.
The publication list's headings are its non-empty slots' labels, in the format's order."""


def tr(lang: str, msgid: Text, fmt: Format) -> str:
    """A label as the format's catalogs (the package's and its own) give it in ``lang``."""
    if not isinstance(msgid, str):
        return msgid[lang]
    return translations(lang, fmt.locale_dirs).gettext(msgid)


def expected_msgids(fmt: Format, bundled: LoadedProfile) -> list[Text]:
    if fmt.id == "publication-list":
        selections = select_slots(fmt, bundled, AS_OF)
        labels = [rule.label for name, rule in fmt.spec.slots.items() if selections[name].kept]
        return list({str(label): label for label in labels if label}.values())
    out = []
    for item in SECTIONS[fmt.id]:
        label = fmt.spec.slots[item[1:]].label if item.startswith("@") else item
        assert label, item
        out.append(label)
    return out


def template_msgids(fmt: Format) -> set[str]:
    """Every label of a format: ``_()`` calls in its template and its slots' labels."""
    with fmt.template_path().open("rb") as handle:
        found = {message for _, _, message, _ in extract_docx(handle, ["_"], [], {})}
    return found | {rule.label for rule in fmt.spec.slots.values() if isinstance(rule.label, str)}


def test_every_bundled_word_format_is_covered() -> None:
    assert set(FORMATS) == {*SECTIONS, "publication-list"}


@pytest.mark.parametrize(("name", "lang"), JOBS)
def test_sections_in_the_funders_order_with_the_languages_labels(
    bundled_documents: dict[tuple[str, str], Path], bundled: LoadedProfile, name: str, lang: str
) -> None:
    fmt = load_format(name)
    doc = open_docx(bundled_documents[name, lang])
    assert headings(doc) == [tr(lang, m, fmt) for m in expected_msgids(fmt, bundled)]


@pytest.mark.parametrize(("name", "lang"), JOBS)
def test_no_label_of_the_other_language(
    bundled_documents: dict[tuple[str, str], Path], name: str, lang: str
) -> None:
    fmt = load_format(name)
    doc_texts = texts(open_docx(bundled_documents[name, lang]))
    others = [code for code in fmt.spec.languages if code != lang] or ["de"]
    checked = 0
    for other in others:
        for msgid in sorted(template_msgids(fmt)):
            mine, theirs = tr(lang, msgid, fmt), tr(other, msgid, fmt)
            if mine == theirs:
                continue
            checked += 1
            assert theirs not in doc_texts, f"{theirs!r} ({other}) in the {lang} document"
            assert not any(t.startswith(f"{theirs}:") for t in doc_texts), theirs
    assert checked >= 3


def test_german_dfg_cv_has_the_dfg_wording(
    bundled_documents: dict[tuple[str, str], Path],
) -> None:
    doc_texts = texts(open_docx(bundled_documents["dfg-cv", "de"]))
    for label in ("Persönliche Daten", "Vorname", "Zeiträume und nähere Einzelheiten"):
        assert label in doc_texts
    assert "Personal Data" not in doc_texts


@pytest.mark.parametrize(("name", "lang"), JOBS)
def test_slot_limits_hold(
    bundled_documents: dict[tuple[str, str], Path], bundled: LoadedProfile, name: str, lang: str
) -> None:
    fmt = load_format(name)
    selections = select_slots(fmt, bundled, AS_OF)
    numbered = numbered_by_heading(open_docx(bundled_documents[name, lang]))
    per_heading: dict[str, int] = {}
    for slot, sel in selections.items():
        rule = fmt.spec.slots[slot]
        if rule.limit is not None:
            assert len(sel.kept) == min(rule.limit, sel.eligible)
        if rule.section in ("publications", "patents") and rule.label:
            heading = tr(lang, rule.label, fmt)
            per_heading[heading] = per_heading.get(heading, 0) + len(sel.kept)
    assert numbered, "the document lists numbered citations"
    for heading, numbers in numbered.items():
        assert heading in per_heading, f"numbered entries under {heading!r}"
        assert numbers == list(range(1, per_heading[heading] + 1)), heading


def test_dfg_categories_hold_ten_each(bundled_documents: dict[tuple[str, str], Path]) -> None:
    spec = load_format("dfg-cv").spec
    for lang in spec.languages:
        numbered = numbered_by_heading(open_docx(bundled_documents["dfg-cv", lang]))
        for slot in ("category_a", "category_b"):
            label = spec.slots[slot].label
            assert label is not None
            assert numbered[tr(lang, label, load_format("dfg-cv"))] == list(range(1, 11))


@pytest.mark.parametrize(("name", "lang"), JOBS)
def test_file_name_names_the_owner(
    bundled_documents: dict[tuple[str, str], Path], name: str, lang: str
) -> None:
    path = bundled_documents[name, lang]
    assert "Lapuschkin" in path.name and path.suffix == ".docx"
    if name == "dfg-cv":
        assert path.name == "CV_PubList_Lapuschkin.docx"


# --- the templates themselves ---------------------------------------------------------


@pytest.mark.parametrize("name", FORMATS)
def test_template_styles_hold_the_typography(name: str) -> None:
    fmt = load_format(name)
    spec = fmt.spec.typography
    doc = Document(str(fmt.template_path()))
    normal = doc.styles["Normal"]
    assert normal.font.name == spec.font
    assert normal.font.size is not None and normal.font.size.pt == spec.size_pt
    assert normal.paragraph_format.line_spacing == spec.line_spacing
    for style_name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Entry", "Table Text"):
        style = doc.styles[style_name]
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        if fonts is not None:
            themed = [a for a in fonts.attrib if "theme" in a.lower()]
            assert not themed, f"{style_name} uses theme fonts {themed}"
            assert fonts.get(qn("w:ascii")) == spec.font
    section = doc.sections[0]
    size = (section.page_width or 0, section.page_height or 0)
    assert tuple(round(length / EMU_PER_CM, 2) for length in size) == (21.0, 29.7)


@pytest.mark.parametrize("name", FORMATS)
def test_template_tables_have_fixed_column_widths(name: str) -> None:
    doc = Document(str(load_format(name).template_path()))
    for table in doc.tables:
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        grid = [int(col.w or 0) for col in tbl.tblGrid.gridCol_lst]
        width = int(tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
        assert abs(sum(grid) / EMU_PER_TWIP - width) <= len(grid), "table width = its grid"
        for row in table.rows:
            assert [int(cell.width or 0) for cell in row.cells] == grid


def test_dfg_left_column_is_about_five_centimetres() -> None:
    doc = Document(str(load_format("dfg-cv").template_path()))
    first = doc.tables[0]._tbl.tblGrid.gridCol_lst[0]
    assert 5.0 <= (first.w or 0) / EMU_PER_CM <= 6.0


REPEATED_TALK = """\
person: {given_names: Ada, family_name: Lovelace}
talks:
""" + "".join(
    f"  - {{id: t{year}, title: 'On Engines', date: {year}-05-04, event: Colloquium {year},"
    f" invited: true}}\n"
    for year in (2021, 2022, 2023)
)


def test_erc_cv_lists_a_talk_given_three_times_once_with_its_other_dates(tmp_path: Path) -> None:
    """issue 11 point 12: ``collapse: title`` folds repeats; the template prints their dates."""
    from grantdocs.build import BuildOptions, build
    from tests.conftest import write_tree

    profile = write_tree(tmp_path, {"p.yaml": REPEATED_TALK}) / "p.yaml"
    [report] = build(
        BuildOptions(formats=["erc-cv"], profiles=[profile], out=tmp_path / "o", as_of=AS_OF)
    )
    rows = [
        " | ".join(c.text for c in row.cells)
        for table in Document(str(report.path)).tables
        for row in table.rows
    ]
    talks = [r for r in rows if "On Engines" in r]
    assert len(talks) == 1, rows
    assert "Colloquium 2023" in talks[0]
    assert "also given 4 May 2022, 4 May 2021" in talks[0]
