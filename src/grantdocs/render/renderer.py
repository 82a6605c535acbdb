"""Render a prepared document by its format's kind: Word (``docx.py``) or Excel (``xlsx.py``)."""

from __future__ import annotations

from pathlib import Path

from grantdocs.render.rendered import Document, Rendered


def render(prepared: Document, template: Path | None = None) -> Rendered:
    """Render ``prepared`` with its format's template (or ``template``), by the format's kind."""
    path = template or prepared.fmt.template_path(prepared.lang.code)
    if prepared.fmt.spec.kind == "docx":
        # lazy: docxtpl and python-docx load only when a Word document is rendered
        from grantdocs.render.docx import render_docx

        return render_docx(path, prepared)
    # lazy: openpyxl loads only when a workbook is rendered
    from grantdocs.render.xlsx import render_xlsx

    return render_xlsx(path, prepared)
