"""Regenerate the bundled Word templates in ``templates/<format>/template.docx``.

The .docx files are the source users edit in Word or LibreOffice; this script is how the
bundled ones were made, so that a change to their structure is reviewable as code.
Run: ``python tools/make_templates.py [FORMAT]...`` (default: every format).

All formatting lives in the templates' styles (Normal, Title, Heading 1-3, Entry, Entry Note,
Table Text, Table Heading, Footer, Hyperlink, Form Table, Entry Table); this script only
assigns styles to paragraphs, runs and tables. The output is byte-stable: running the script
twice gives the same files.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle, CharacterStyle, ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from grantdocs.render.package import normalise_zip

ROOT = Path(__file__).resolve().parents[1] / "templates"
PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
BLACK = RGBColor(0, 0, 0)
RULE_COLOUR = "808080"
FIXED_MOMENT = dt.datetime(2025, 1, 1)

Part = tuple[str, str | None]
"""A run of a paragraph: its text and its character style (None: the paragraph's own)."""
Runs = str | tuple[Part, ...]
"""One paragraph: plain text, or runs with character styles."""
CellContent = Runs | list[Runs]
"""A table cell: one paragraph, or a list of paragraphs."""


@dataclass(frozen=True)
class Look:
    """Typography and page geometry of one format; becomes the template's styles."""

    font: str = "Arial"
    size: float = 11
    spacing: float = 1.0
    margin_cm: float = 2.0
    heading_caps: bool = False
    entry_indent_cm: float = 0.9
    heading_space_pt: int = 12

    @property
    def text_width_cm(self) -> float:
        return PAGE_WIDTH_CM - 2 * self.margin_cm


# --- styles -----------------------------------------------------------------------------


def new_document(look: Look) -> DocumentObject:
    """An empty A4 document whose styles carry all formatting of ``look``."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(PAGE_HEIGHT_CM), Cm(PAGE_WIDTH_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(look.margin_cm))
    section.footer_distance = Cm(look.margin_cm / 2)
    _drop_theme_fonts(doc, look.font)
    _doc_defaults(doc, look)
    styles = doc.styles
    normal = styles["Normal"]
    _font(normal, look.font, look.size)
    normal.paragraph_format.line_spacing = look.spacing
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(3)

    title = styles["Title"]
    _plain_heading(title, look, look.size + 5, before=0, after=4)
    subtitle = styles["Subtitle"]
    _plain_heading(subtitle, look, look.size + 1, before=0, after=10)
    subtitle.font.bold = False
    subtitle.font.italic = False
    space = look.heading_space_pt
    levels = ((1, look.size + 2, space), (2, look.size, space * 2 // 3), (3, look.size, space // 2))
    for level, pt, before in levels:
        style = styles[f"Heading {level}"]
        _plain_heading(style, look, pt, before=before, after=3)
        if level == 1:
            _bottom_rule(style)
            style.font.all_caps = look.heading_caps
        if level == 3:
            style.font.italic = True

    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True

    entry = _paragraph_style(doc, "Entry")
    indent = Cm(look.entry_indent_cm)
    entry.paragraph_format.left_indent = indent
    entry.paragraph_format.first_line_indent = -indent
    entry.paragraph_format.tab_stops.add_tab_stop(indent)
    entry.paragraph_format.space_after = Pt(4)
    note = _paragraph_style(doc, "Entry Note")
    note.paragraph_format.left_indent = indent
    note.paragraph_format.space_before = Pt(0)
    note.paragraph_format.space_after = Pt(4)
    note.font.italic = True

    cell = _paragraph_style(doc, "Table Text")
    cell.paragraph_format.space_before = Pt(1)
    cell.paragraph_format.space_after = Pt(1)
    head = _paragraph_style(doc, "Table Heading", base=cell)
    head.font.bold = True
    head.paragraph_format.keep_with_next = True

    footer = styles["Footer"]
    footer.base_style = normal
    footer.font.size = Pt(look.size - 2)
    footer.paragraph_format.space_after = Pt(0)
    footer.paragraph_format.line_spacing = 1.0
    footer.paragraph_format.tab_stops.clear_all()
    footer.paragraph_format.tab_stops.add_tab_stop(Cm(look.text_width_cm), WD_TAB_ALIGNMENT.RIGHT)

    _table_style(doc, "Form Table", borders=True)
    _table_style(doc, "Entry Table", borders=False)
    return doc


def _paragraph_style(
    doc: DocumentObject, name: str, base: ParagraphStyle | None = None
) -> ParagraphStyle:
    style = cast(ParagraphStyle, doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
    style.base_style = base or doc.styles["Normal"]
    style.quick_style = True
    return style


def _font(style: CharacterStyle, font: str, size: float) -> None:
    style.font.name = font
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = OxmlElement("w:szCs")
        rpr.append(size_cs)
    size_cs.set(qn("w:val"), str(round(size * 2)))


def _plain_heading(
    style: ParagraphStyle, look: Look, size: float, *, before: int, after: int
) -> None:
    """Black, bold, the format's font; no theme colour, border or character spacing."""
    _font(style, look.font, size)
    style.font.bold = True
    style.font.color.rgb = BLACK
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:spacing", "w:kern"):
        for child in rpr.findall(qn(tag)):
            rpr.remove(child)
    ppr = style.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:contextualSpacing"):
        for child in ppr.findall(qn(tag)):
            ppr.remove(child)
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = look.spacing
    fmt.keep_with_next = True


def _bottom_rule(style: BaseStyle) -> None:
    ppr = style.element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "4"), ("space", "1"), ("color", RULE_COLOUR)):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    # pBdr must precede spacing and the other properties Word reads after it.
    anchor = ppr.find(qn("w:spacing"))
    if anchor is not None:
        anchor.addprevious(border)
    else:
        ppr.append(border)


def _drop_theme_fonts(doc: DocumentObject, font: str) -> None:
    """Remove theme font and theme colour references, which override explicit fonts."""
    root = doc.styles.element
    for fonts in root.iter(qn("w:rFonts")):
        themed = [name for name in fonts.attrib if name.endswith("Theme") or "theme" in name]
        for name in themed:
            del fonts.attrib[name]
        if themed:
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), font)
    for colour in root.iter(qn("w:color")):
        for name in [n for n in colour.attrib if "theme" in n]:
            del colour.attrib[name]


def _doc_defaults(doc: DocumentObject, look: Look) -> None:
    """Document defaults: the format's font and size, no paragraph spacing."""
    root = doc.styles.element
    defaults = root.find(qn("w:docDefaults"))
    assert defaults is not None
    for size in defaults.iter(qn("w:sz"), qn("w:szCs")):
        size.set(qn("w:val"), str(round(look.size * 2)))
    for spacing in defaults.iter(qn("w:spacing")):
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")


def _table_style(doc: DocumentObject, name: str, *, borders: bool) -> None:
    """A table style: thin grey grid lines (``borders``) or none, narrow cell margins."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    tbl_pr = OxmlElement("w:tblPr")
    edges = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        if borders:
            for key, value in (("val", "single"), ("sz", "4"), ("space", "0")):
                line.set(qn(f"w:{key}"), value)
            line.set(qn("w:color"), RULE_COLOUR)
        else:
            line.set(qn("w:val"), "nil")
        edges.append(line)
    tbl_pr.append(edges)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 0), ("left", 85), ("bottom", 0), ("right", 85)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.append(margins)
    style.element.append(tbl_pr)


# --- content helpers --------------------------------------------------------------------


def joined(*expressions: str, sep: str = ", ") -> str:
    """A Jinja expression joining the non-empty values of ``expressions`` with ``sep``."""
    return "{{ [" + ", ".join(expressions) + "] | select | join('" + sep + "') }}"


class Writer:
    """Appends styled paragraphs and tables to a document; never formats directly."""

    def __init__(self, look: Look) -> None:
        self.look = look
        self.doc = new_document(look)

    def para(self, text: Runs, style: str = "Normal") -> Paragraph:
        paragraph = self.doc.add_paragraph(style=style)
        _fill(paragraph, text)
        return paragraph

    def tag(self, statement: str) -> None:
        """A paragraph holding only a docxtpl paragraph tag, ``{%p ... %}``."""
        self.doc.add_paragraph("{%p " + statement + " %}")

    def heading(self, msgid: str, level: int = 1) -> None:
        self.para('{{ _("' + msgid + '") }}', f"Heading {level}")

    def table(self, widths: Sequence[float], style: str = "Entry Table") -> Table:
        t: Table = self.doc.add_table(rows=0, cols=len(widths))
        t.style = self.doc.styles[style]
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        t.autofit = False
        _grid(t, widths)
        return t

    def citations(self, slot: str, var: str = "pub") -> None:
        """The numbered citations of ``slot``, each with its notes below."""
        self.tag(f"for {var} in slots.{slot}.entries")
        self.para("[{{ " + var + ".number }}]\t{{r " + var + ".citation }}", "Entry")
        self.tag(f"if {var}.notes")
        self.para("{{ " + var + ".notes }}", "Entry Note")
        self.tag("endif")
        self.tag("endfor")

    def dated(self, loop: str, when: str, what: Runs, first: float = 3.2) -> None:
        """A borderless two-column table: a period or date left, the entry right."""
        t = self.table((first, self.look.text_width_cm - first))
        loop_rows(t, [loop], [when], [what])

    def footer(self) -> None:
        """``Name   Page X of Y`` in the footer, with Word fields for X and Y."""
        paragraph = self.doc.sections[0].footer.paragraphs[0]
        paragraph.style = self.doc.styles["Footer"]
        paragraph.add_run("{{ person.full_name }}\t{{ word('Page') }} ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" {{ word('of') }} ")
        _field(paragraph, "NUMPAGES")

    def save(self, target: Path) -> None:
        props = self.doc.core_properties
        props.author = "grantdocs"
        props.last_modified_by = "grantdocs"
        props.title = "{{ format.title }}"
        props.created = props.modified = FIXED_MOMENT
        props.revision = 1
        buffer = io.BytesIO()
        self.doc.save(buffer)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(normalise_zip(buffer.getvalue()))


def _fill(paragraph: Paragraph, text: Runs) -> None:
    parts: Sequence[Part] = [(text, None)] if isinstance(text, str) else text
    for chunk, char_style in parts:
        run = paragraph.add_run(chunk)
        if char_style:
            run.style = char_style


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice update on layout."""
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("1", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "1":
            run.text = "1"
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _grid(t: Table, widths: Sequence[float]) -> None:
    """Column widths that Word and LibreOffice both honour: table width, grid and layout."""
    total = round(sum(Cm(w).twips for w in widths))
    tbl_pr = t._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(total))
    tbl_w.set(qn("w:type"), "dxa")
    for column, width in zip(t.columns, widths, strict=True):
        column.width = Cm(width)


def _widths(t: Table) -> list[int]:
    return [int(col.w or 0) for col in t._tbl.tblGrid.gridCol_lst]


def add_row(
    t: Table,
    cells: Sequence[CellContent],
    *,
    style: str = "Table Text",
    header: bool = False,
) -> None:
    """One row; a cell given as a list of strings gets one paragraph per string."""
    row = t.add_row()  # type: ignore[no-untyped-call]
    if header:
        tr_pr = row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        tr_pr.append(repeat)
    for cell, width, content in zip(row.cells, _widths(t), cells, strict=True):
        cell.width = width
        _cell(cell, content, style)


def _cell(cell: _Cell, content: CellContent, style: str) -> None:
    paragraphs = content if isinstance(content, list) else [content]
    first = cell.paragraphs[0]
    first.style = style
    _fill(first, paragraphs[0] if paragraphs else "")
    for text in paragraphs[1:]:
        paragraph = cell.add_paragraph(style=style)
        _fill(paragraph, text)


def loop_rows(t: Table, loops: Sequence[str], *columns: Sequence[CellContent]) -> None:
    """For each loop, ``{%tr for ... %}``, the repeated row, ``{%tr endfor %}``.

    ``columns[i][j]`` is column i of the row repeated by ``loops[j]``.
    """
    n = len(columns)
    for j, loop in enumerate(loops):
        add_row(t, ["{%tr for " + loop + " %}", *[""] * (n - 1)])
        add_row(t, [column[j] for column in columns])
        add_row(t, ["{%tr endfor %}", *[""] * (n - 1)])


def guarded_row(t: Table, condition: str, cells: Sequence[CellContent]) -> None:
    """A row that is only kept when ``condition`` holds."""
    n = len(cells)
    add_row(t, ["{%tr if " + condition + " %}", *[""] * (n - 1)])
    add_row(t, cells)
    add_row(t, ["{%tr endif %}", *[""] * (n - 1)])


def cell_loop(loop: str, text: Runs) -> list[Runs]:
    """Cell paragraphs repeating ``text`` for each item of ``loop``."""
    return ["{%p for " + loop + " %}", text, "{%p endfor %}"]


def lead(first: str, rest: str) -> Runs:
    """A paragraph whose first part (a date or period) is set in the ``Strong`` style."""
    return ((first, "Strong"), (rest, None))


def label(msgid: str) -> str:
    return '{{ _("' + msgid + '") }}'


# --- shared pieces ----------------------------------------------------------------------


def position_line(var: str = "p") -> str:
    return joined(f"{var}.title", f"{var}.organisation", f"{var}.place", f"{var}.country")


def award_line(var: str = "a") -> str:
    return joined(f"{var}.name", f"{var}.body")


def talk_line(var: str = "t") -> str:
    return joined(f"{var}.title", f"{var}.event", f"{var}.place")


def project_line(var: str = "pr") -> str:
    return (
        "{{ "
        + var
        + ".acronym }} – {{ "
        + var
        + ".title }}"
        + "{% if "
        + var
        + ".funder %}, {{ "
        + var
        + ".funder }}{% endif %}"
        + "{% if "
        + var
        + ".role %} ({{ "
        + var
        + ".role }}){% endif %}"
    )


# --- formats ----------------------------------------------------------------------------


def dfg_cv() -> Writer:
    """DFG form 53.200 structure: eight sections in the funder's order."""
    w = Writer(Look("Arial", 11, 1.2))
    form = (5.7, w.look.text_width_cm - 5.7)
    w.para(label("Curriculum Vitae"), "Title")

    w.heading("Personal Data")
    t = w.table(form, "Form Table")
    add_row(t, [label("Title"), "{{ person.title }}"])
    add_row(t, [label("First name"), "{{ person.given_names }}"])
    add_row(t, [label("Last Name"), "{{ person.family_name }}"])
    add_row(
        t,
        [
            label("Current position"),
            "{% for p in current_positions %}{{ p.title }}, {{ p.organisation }}"
            '{% if p.fixed_term_until %} ({{ word("fixed-term until") }} {{ p.fixed_term_until }})'
            "{% endif %}{% if not loop.last %}; {% endif %}{% endfor %}",
        ],
    )
    add_row(
        t,
        [
            label("Current institution(s)/site(s), country"),
            joined(
                "person.institution.name",
                "person.institution.address",
                "person.institution.country",
            ),
        ],
    )
    add_row(t, [label("Identifiers/ORCID"), "{{ person.identifiers_text }}"])

    w.heading("Qualifications and Career")
    t = w.table(form, "Form Table")
    add_row(t, [label("Stages"), label("Periods and Details")], style="Table Heading", header=True)
    guarded_row(
        t,
        "slots.studies.entries",
        [
            label("Degree programme"),
            cell_loop(
                "e in slots.studies.entries",
                lead(
                    "{{ e.period }}",
                    ": " + joined("e.degree", "e.subject", "e.institution", "e.place", "e.country"),
                ),
            ),
        ],
    )
    guarded_row(
        t,
        "slots.doctorate.entries",
        [
            label("Doctorate"),
            cell_loop(
                "e in slots.doctorate.entries",
                lead(
                    "{{ e.date or e.period }}",
                    ": "
                    + joined("e.subject", "e.institution", "e.place", "e.country")
                    + '{% if e.supervisors %}; {{ word("Supervisors") }}: {{ e.supervisors }}'
                    "{% endif %}",
                ),
            ),
        ],
    )
    guarded_row(
        t,
        "slots.career.entries",
        [
            label("Stages of academic/professional career"),
            cell_loop(
                "p in slots.career.entries",
                lead("{{ p.period }}", ": " + position_line()),
            ),
        ],
    )

    w.tag("if career_breaks")
    w.heading("Supplementary Career Information")
    w.tag("for b in career_breaks")
    w.para("{{ b }}")
    w.tag("endfor")
    w.tag("endif")

    w.tag("if slots.activities.entries or slots.teaching.entries")
    w.heading("Activities in the Research System")
    t = w.table((3.0, w.look.text_width_cm - 3.0))
    loop_rows(
        t,
        ["s in slots.activities.entries", "c in slots.teaching.entries"],
        ["{{ s.period }}", "{{ c.term }}"],
        [
            joined("s.role", "s.organisation"),
            '{{ word("Teaching") }}: ' + joined("c.course", "c.institution"),
        ],
    )
    w.tag("endif")

    w.tag("if supervision.summary or slots.supervision.entries")
    w.heading("Supervision of Researchers in Early Career Phases")
    w.tag("if supervision.summary")
    w.para("{{ supervision.summary }}")
    w.tag("endif")
    w.tag("if slots.supervision.entries")
    w.dated(
        "c in slots.supervision.entries",
        "{{ c.period }}",
        "{{ c.name }}{% if c.thesis_title %}: {{ c.thesis_title }}{% endif %}",
        3.0,
    )
    w.tag("endif")
    w.tag("endif")

    w.heading("Scientific Results")
    w.para("{{ slots.category_a.label }}", "Heading 2")
    w.citations("category_a")
    w.para("{{ slots.category_b.label }}", "Heading 2")
    w.citations("category_b")

    w.heading("Academic Distinctions")
    w.tag("if slots.distinctions.entries")
    w.dated("a in slots.distinctions.entries", "{{ a.date }}", award_line(), 3.0)
    w.tag("endif")

    w.tag("if other_information or slots.patents.entries")
    w.heading("Other Information")
    w.tag("for o in other_information")
    w.para("{{ o }}")
    w.tag("endfor")
    w.tag("if slots.patents.entries")
    w.para(label("Patents"), "Heading 3")
    w.dated(
        "pf in slots.patents.entries",
        "{{ pf.year }}",
        "{{ pf.title }} ({{ pf.members_text }})",
        3.0,
    )
    w.tag("endif")
    w.tag("endif")
    w.footer()
    return w


def erc_cv() -> Writer:
    """ERC Part B1 "Curriculum Vitae and Track Record" (Work Programme 2024 onwards)."""
    w = Writer(Look("Arial", 11, 1.0, heading_caps=True))
    width = w.look.text_width_cm
    w.para("{{ format.title }}", "Title")

    w.heading("Personal Details")
    t = w.table((5.0, width - 5.0))
    add_row(
        t,
        [label("Family name, first name"), "{{ person.family_name }}, {{ person.given_names }}"],
    )
    add_row(t, [label("Researcher identifiers"), "{{ person.identifiers_text }}"])
    add_row(t, [label("URL for web site"), "{{ person.web }}"])
    w.para(label("Education and key qualifications"), "Heading 2")
    w.dated(
        "e in slots.education.entries",
        "{{ e.period }}",
        joined("e.degree", "e.subject", "e.institution", "e.country"),
    )
    w.para(label("Current position(s)"), "Heading 2")
    w.dated("p in current_positions", "{{ p.period }}", position_line())
    w.tag("if slots.previous_positions.entries")
    w.para(label("Previous position(s)"), "Heading 2")
    w.dated("p in slots.previous_positions.entries", "{{ p.period }}", position_line())
    w.tag("endif")

    w.heading("Research Achievements and Peer Recognition")
    w.para("{{ slots.outputs.label }}", "Heading 2")
    w.citations("outputs")
    w.para(label("Peer Recognition"), "Heading 2")
    w.tag("if slots.awards.entries")
    w.para(label("Awards and Honours"), "Heading 3")
    w.dated("a in slots.awards.entries", "{{ a.date }}", award_line())
    w.tag("endif")
    w.tag("if slots.keynotes.entries or slots.invited_talks.entries")
    w.para(label("Keynotes and invited talks (selected)"), "Heading 3")
    t = w.table((3.2, width - 3.2))
    loop_rows(
        t,
        ["t in slots.keynotes.entries", "t in slots.invited_talks.entries"],
        ["{{ t.date }}", "{{ t.date }}"],
        [
            '{{ word("Keynote") }}: ' + talk_line(),
            talk_line(),
        ],
    )
    w.tag("endif")

    w.heading("Additional Information")
    w.tag("if career_breaks")
    w.para(label("Career breaks"), "Heading 2")
    w.tag("for b in career_breaks")
    w.para("{{ b }}")
    w.tag("endfor")
    w.tag("endif")
    w.tag("if slots.service.entries or slots.teaching.entries")
    w.para(label("Contributions to the research community"), "Heading 2")
    t = w.table((3.2, width - 3.2))
    loop_rows(
        t,
        ["s in slots.service.entries", "c in slots.teaching.entries"],
        ["{{ s.period }}", "{{ c.term }}"],
        [
            joined("s.role", "s.organisation"),
            '{{ word("Teaching") }}: ' + joined("c.course", "c.institution"),
        ],
    )
    w.tag("endif")

    w.tag("if slots.ongoing_grants.entries or slots.submitted_grants.entries")
    w.heading("Ongoing and Submitted Grants")
    cols = (4.8, 2.6, 2.2, 2.5, 2.1, width - 14.2)
    t = w.table(cols, "Form Table")
    add_row(
        t,
        [
            label("Project title"),
            label("Funding source"),
            label("Amount (Euros)"),
            label("Period"),
            label("Role of the PI"),
            label("Relation to current ERC proposal"),
        ],
        style="Table Heading",
        header=True,
    )
    grant = [
        "{{ g.acronym }}: {{ g.title }}",
        joined("g.funder", "g.programme"),
        "{{ g.amount }}",
        "{{ g.period }}",
        "{{ g.role }}",
        "{{ g.relation_to_proposal }}",
    ]
    submitted = list(grant)
    submitted[3] = "{{ g.period }} ({{ g.status }})"
    loop_rows(
        t,
        ["g in slots.ongoing_grants.entries", "g in slots.submitted_grants.entries"],
        *[[a, b] for a, b in zip(grant, submitted, strict=True)],
    )
    w.tag("endif")
    w.footer()
    return w


def horizon_europe_profile() -> Writer:
    """One-page key-person profile with up to five achievements and five projects."""
    w = Writer(Look("Times New Roman", 11, 1.0, margin_cm=1.5, heading_space_pt=8))
    width = w.look.text_width_cm
    w.para("{{ person.full_name }}", "Title")
    w.para("{{ format.title }}", "Subtitle")
    t = w.table((3.8, width - 3.8))
    add_row(
        t,
        [
            label("Current position"),
            "{% for p in current_positions %}"
            + joined("p.title", "p.organisation")
            + "{% if not loop.last %}; {% endif %}{% endfor %}",
        ],
    )
    add_row(
        t,
        [
            label("Institution"),
            joined(
                "person.institution.name",
                "person.institution.department",
                "person.institution.country",
            ),
        ],
    )
    guarded_row(
        t,
        "person.identifiers_text",
        [label("Researcher identifiers"), "{{ person.identifiers_text }}"],
    )

    w.tag("if person.bio_paragraphs")
    w.heading("Short Bio")
    w.tag("for text in person.bio_paragraphs")
    w.para("{{ text }}")
    w.tag("endfor")
    w.tag("endif")

    w.para("{{ slots.achievements.label }}", "Heading 1")
    w.citations("achievements")

    w.tag("if slots.projects.entries")
    w.heading("Previous projects")
    w.dated("pr in slots.projects.entries", "{{ pr.period }}", project_line(), 3.8)
    w.tag("endif")
    return w


def fraunhofer_cv() -> Writer:
    """Institute-style short CV (Kurzlebenslauf), at most two pages; grantdocs' own layout."""
    w = Writer(Look("Arial", 10.5, 1.1))
    width = w.look.text_width_cm
    w.para(label("Short CV"), "Title")

    w.heading("Personal Details")
    t = w.table((4.2, width - 4.2))
    add_row(
        t,
        [
            label("Name"),
            joined("person.title", "person.given_names", "person.family_name", sep=" "),
        ],
    )
    guarded_row(
        t,
        "person.birth_date",
        [label("Date and place of birth"), joined("person.birth_date", "person.birth_place")],
    )
    guarded_row(t, "person.nationality", [label("Nationality"), "{{ person.nationality }}"])
    guarded_row(
        t,
        "person.institution.name",
        [
            label("Institution"),
            joined(
                "person.institution.name",
                "person.institution.department",
                "person.institution.address",
                "person.institution.country",
            ),
        ],
    )
    guarded_row(t, "person.email", [label("E-mail"), "{{ person.email }}"])
    guarded_row(
        t,
        "person.identifiers_text",
        [label("Researcher identifiers"), "{{ person.identifiers_text }}"],
    )

    w.tag("if current_positions")
    w.heading("Current position")
    w.dated("p in current_positions", "{{ p.period }}", position_line(), 4.2)
    w.tag("endif")

    w.tag("if slots.education.entries")
    w.heading("Education")
    w.dated(
        "e in slots.education.entries",
        "{{ e.period }}",
        joined("e.degree", "e.subject", "e.institution", "e.grade"),
        4.2,
    )
    w.tag("endif")

    w.tag("if slots.career.entries")
    w.heading("Professional Experience")
    w.dated("p in slots.career.entries", "{{ p.period }}", position_line(), 4.2)
    w.tag("endif")

    w.para("{{ slots.publications.label }}", "Heading 1")
    w.citations("publications")

    w.tag("if slots.projects.entries")
    w.heading("Third-party funded projects")
    w.dated("pr in slots.projects.entries", "{{ pr.period }}", project_line(), 4.2)
    w.tag("endif")

    w.tag("if slots.awards.entries")
    w.heading("Awards and Honours")
    w.dated("a in slots.awards.entries", "{{ a.date }}", award_line(), 4.2)
    w.tag("endif")
    w.footer()
    return w


PUBLICATION_GROUPS = (
    "journal_articles",
    "conference_papers",
    "workshop_papers",
    "book_chapters",
    "books",
    "edited_books",
    "preprints",
    "theses",
    "software",
    "datasets",
    "reports",
    "other",
)
"""Slots of the publication list in print order; each heading is its slot's label."""


def publication_list() -> Writer:
    """The full list, one numbered group per kind, newest first."""
    w = Writer(Look("Arial", 10.5, 1.1, entry_indent_cm=1.0))
    w.para(label("Publication List"), "Title")
    w.para('{{ person.full_name }} ({{ word("as of") }} {{ as_of }})', "Subtitle")
    for slot in PUBLICATION_GROUPS:
        w.tag(f"if slots.{slot}.entries")
        w.para("{{ slots." + slot + ".label }}", "Heading 1")
        w.citations(slot)
        w.tag("endif")
    w.tag("if slots.patents.entries or slots.patent_families.entries")
    w.para("{{ slots.patents.label }}", "Heading 1")
    w.citations("patents")
    w.tag("for pf in slots.patent_families.entries")
    w.para(
        "[{{ slots.patents.count + loop.index }}]\t{{ pf.title }} ({{ pf.year }}): "
        "{{ pf.members_text }}.",
        "Entry",
    )
    w.tag("endfor")
    w.tag("endif")
    w.footer()
    return w


BUILDERS: dict[str, Callable[[], Writer]] = {
    "dfg-cv": dfg_cv,
    "erc-cv": erc_cv,
    "horizon-europe-profile": horizon_europe_profile,
    "fraunhofer-cv": fraunhofer_cv,
    "publication-list": publication_list,
}


def main(names: list[str]) -> None:
    """Write the templates of ``names`` (default: all)."""
    for name in names or list(BUILDERS):
        target = ROOT / name / "template.docx"
        BUILDERS[name]().save(target)
        print(f"wrote {target.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
