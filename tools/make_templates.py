"""Regenerate the bundled Word templates in ``templates/<format>/template.docx``.

The .docx files are the source users edit in Word or LibreOffice; this script is how the
bundled ones were made, so that a change to their structure is reviewable as code.
Run: ``python tools/make_templates.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

ROOT = Path(__file__).resolve().parents[1] / "templates"


def new_document(font: str = "Arial", size: float = 11, spacing: float = 1.2) -> DocumentObject:
    """A document whose styles carry all formatting: Normal, headings, Hyperlink, table."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.paragraph_format.line_spacing = spacing
    normal.paragraph_format.space_after = Pt(3)
    _east_asian_font(normal, font)
    for name, pt, before in (
        ("Title", size + 5, 0),
        ("Heading 1", size + 2, 10),
        ("Heading 2", size, 6),
    ):
        style = styles[name]
        style.font.name = font
        style.font.size = Pt(pt)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.line_spacing = spacing
        _east_asian_font(style, font)
    title = styles["Title"]
    title.paragraph_format.space_after = Pt(8)
    if "Hyperlink" not in [s.name for s in styles]:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        link.font.underline = True
    entry = styles.add_style("Entry", WD_STYLE_TYPE.PARAGRAPH)
    entry.base_style = normal
    entry.paragraph_format.left_indent = Cm(0.8)
    entry.paragraph_format.first_line_indent = Cm(-0.8)
    entry.paragraph_format.space_after = Pt(4)
    small = styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.italic = True
    return doc


def _east_asian_font(style: object, font: str) -> None:
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(fonts.qn(attr) if hasattr(fonts, "qn") else _qn(attr), font)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def table(doc: DocumentObject, widths: tuple[float, ...]) -> Table:
    t = doc.add_table(rows=0, cols=len(widths))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    return t


def row(t: Table, *texts: str, widths: tuple[float, ...] = ()) -> None:
    cells = t.add_row().cells
    for i, text in enumerate(texts):
        cells[i].text = text
        if widths:
            cells[i].width = Cm(widths[i])


def loop_rows(t: Table, loop: str, *cells: str, widths: tuple[float, ...] = ()) -> None:
    """Three rows: ``{%tr for ... %}``, the repeated row, ``{%tr endfor %}``."""
    n = len(cells)
    row(t, "{%tr for " + loop + " %}", *[""] * (n - 1), widths=widths)
    row(t, *cells, widths=widths)
    row(t, "{%tr endfor %}", *[""] * (n - 1), widths=widths)


def para(doc: DocumentObject, text: str, style: str = "Normal") -> None:
    doc.add_paragraph(text, style=style)


def heading(doc: DocumentObject, msgid: str, level: int = 1) -> None:
    doc.add_paragraph('{{ _("' + msgid + '") }}', style=f"Heading {level}")


def citations(doc: DocumentObject, slot: str) -> None:
    para(doc, "{%p for pub in slots." + slot + ".entries %}")
    para(doc, "[{{ pub.number }}]\t{{r pub.citation }}", "Entry")
    para(doc, "{%p if pub.notes %}")
    para(doc, "{{ pub.notes }}", "Note")
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")


# --- formats ----------------------------------------------------------------------------


def dfg_cv() -> DocumentObject:
    """DFG form 53.200 structure: eight sections in the funder's order."""
    doc = new_document("Arial", 11, 1.2)
    w2 = (6.0, 11.0)
    para(doc, '{{ _("Curriculum Vitae") }}', "Title")

    heading(doc, "Personal Data")
    t = table(doc, w2)
    row(t, '{{ _("Title") }}', "{{ person.title }}", widths=w2)
    row(t, '{{ _("First name") }}', "{{ person.given_names }}", widths=w2)
    row(t, '{{ _("Last Name") }}', "{{ person.family_name }}", widths=w2)
    row(
        t,
        '{{ _("Current position") }}',
        "{% for p in current_positions %}{{ p.title }}, {{ p.organisation }}"
        '{% if p.fixed_term_until %} ({{ _("fixed-term until") }} {{ p.fixed_term_until }})'
        "{% endif %}{% if not loop.last %}; {% endif %}{% endfor %}",
        widths=w2,
    )
    row(
        t,
        '{{ _("Current institution(s)/site(s), country") }}',
        "{{ person.institution.name }}, {{ person.institution.address }}, "
        "{{ person.institution.country }}",
        widths=w2,
    )
    row(t, '{{ _("Identifiers/ORCID") }}', "{{ person.identifiers_text }}", widths=w2)

    heading(doc, "Qualifications and Career")
    t = table(doc, w2)
    row(t, '{{ _("Stages") }}', '{{ _("Periods and Details") }}', widths=w2)
    loop_rows(
        t,
        "e in slots.studies.entries",
        '{{ _("Degree programme") }}',
        "{{ e.period }}: {{ e.degree }}, {{ e.subject }}, {{ e.institution }}, {{ e.place }}, "
        "{{ e.country }}",
        widths=w2,
    )
    loop_rows(
        t,
        "e in slots.doctorate.entries",
        '{{ _("Doctorate") }}',
        "{{ e.date }}: {{ e.subject }}, {{ e.institution }}, {{ e.country }}; "
        '{{ _("Supervisors") }}: {{ e.supervisors }}',
        widths=w2,
    )
    loop_rows(
        t,
        "p in slots.career.entries",
        '{% if loop.first %}{{ _("Stages of academic/professional career") }}{% endif %}',
        "{{ p.period }}: {{ p.title }}, {{ p.organisation }}"
        "{% if p.place %}, {{ p.place }}{% endif %}{% if p.country %}, {{ p.country }}{% endif %}",
        widths=w2,
    )

    para(doc, "{%p if career_breaks %}")
    heading(doc, "Supplementary Career Information")
    para(doc, "{%p for b in career_breaks %}")
    para(doc, "{{ b }}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")

    heading(doc, "Activities in the Research System")
    para(doc, "{%p for s in slots.activities.entries %}")
    para(doc, "{{ s.period }}\t{{ s.role }}, {{ s.organisation }}", "Entry")
    para(doc, "{%p endfor %}")
    para(doc, "{%p for c in slots.teaching.entries %}")
    para(doc, '{{ c.term }}\t{{ _("Teaching") }}: {{ c.course }}, {{ c.institution }}', "Entry")
    para(doc, "{%p endfor %}")

    heading(doc, "Supervision of Researchers in Early Career Phases")
    para(doc, "{{ supervision.summary }}")
    para(doc, "{%p for c in slots.supervision.entries %}")
    para(
        doc,
        "{{ c.period }}\t{{ c.name }}{% if c.thesis_title %}: {{ c.thesis_title }}{% endif %}",
        "Entry",
    )
    para(doc, "{%p endfor %}")

    heading(doc, "Scientific Results")
    heading(
        doc,
        "Category A – Articles in peer-reviewed journals, contributions to peer-reviewed "
        "conferences or to anthology volumes, and book publications",
        2,
    )
    citations(doc, "category_a")
    heading(doc, "Category B – Any other form of published results", 2)
    citations(doc, "category_b")

    heading(doc, "Academic Distinctions")
    para(doc, "{%p for a in slots.distinctions.entries %}")
    para(doc, "{{ a.date }}\t{{ a.name }}{% if a.body %}, {{ a.body }}{% endif %}", "Entry")
    para(doc, "{%p endfor %}")

    para(doc, "{%p if other_information or slots.patents.entries %}")
    heading(doc, "Other Information")
    para(doc, "{%p for o in other_information %}")
    para(doc, "{{ o }}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p if slots.patents.entries %}")
    para(doc, '{{ _("Patents") }}:', "Normal")
    para(doc, "{%p for pf in slots.patents.entries %}")
    para(doc, "{{ pf.year }}\t{{ pf.title }} ({{ pf.members_text }})", "Entry")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    para(doc, "{%p endif %}")
    return doc


BUILDERS: dict[str, Callable[[], DocumentObject]] = {"dfg-cv": dfg_cv}


def main(names: list[str]) -> None:
    for name in names or list(BUILDERS):
        doc = BUILDERS[name]()
        doc.core_properties.author = "grantdocs"
        doc.core_properties.title = "{{ format.title }}"
        target = ROOT / name / "template.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(target))
        print(f"wrote {target.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main(sys.argv[1:])
