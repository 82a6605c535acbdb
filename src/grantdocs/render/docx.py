"""Fill a Word template with docxtpl in grantdocs' sandboxed Jinja environment."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate, RichText

from grantdocs.errors import TemplateError
from grantdocs.render.docxbody import SplicingTemplate
from grantdocs.render.jinja import environment
from grantdocs.render.package import normalise_zip
from grantdocs.render.rich import Rich
from grantdocs.render.xmltext import clean, has_illegal

HYPERLINK_STYLE = "Hyperlink"


def render_docx(
    template: Path,
    context: dict[str, Any],
    *,
    as_of: dt.date,
    title: str,
    lang: str,
    cleaned: list[str] | None = None,
) -> bytes:
    """The rendered document as byte-stable .docx bytes.

    Raises ``TemplateError`` naming the template and the offending tag. Strings that XML
    cannot carry lose their illegal characters; each such string is appended to ``cleaned``.
    """
    found: list[str] = [] if cleaned is None else cleaned
    try:
        tpl = SplicingTemplate(str(template))
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several types for a broken package
        raise TemplateError(f"{template}: not a readable Word document ({exc})") from None
    ctx = _to_docx(context, tpl, found)
    try:
        tpl.render(ctx, jinja_env=environment(), autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{template}: template syntax error: {exc.message}{_near(exc)}"
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"{template}: the template uses a name the context does not have: {exc.message}"
            f"{_near(exc)}",
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(
            f"{template}: the template tried to reach Python internals: {exc}"
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template}: {exc}{_near(exc)}") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        raise TemplateError(
            f"{template}: a tag failed while filling the template: {exc}{_near(exc)}"
        ) from None
    props = tpl.docx.core_properties
    moment = dt.datetime(as_of.year, as_of.month, as_of.day)
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.last_modified_by = "grantdocs"
    props.author = props.author or "grantdocs"
    props.revision = 1
    props.title = clean(title)
    props.language = lang
    buffer = io.BytesIO()
    tpl.save(buffer)
    return normalise_zip(buffer.getvalue())


def _near(exc: Exception) -> str:
    lines = [line.strip() for line in getattr(exc, "docx_context", []) if line.strip()]
    return f"; near: {' '.join(lines)[:200]}" if lines else ""


def _to_docx(value: Any, tpl: DocxTemplate, found: list[str]) -> Any:
    """A copy of the context for docxtpl: every ``Rich`` made a ``RichText``, every string
    cleaned of characters XML cannot carry (each such string appended to ``found``)."""
    if isinstance(value, str):
        if has_illegal(value):
            found.append(value)
            return clean(value)
        return value
    if isinstance(value, Rich):
        rich = RichText()
        for seg in value.segments:
            text = clean(seg.text)
            if text != seg.text:
                found.append(seg.text)
            if seg.url:
                rich.add(text, url_id=tpl.build_url_id(seg.url), style=HYPERLINK_STYLE)
            else:
                rich.add(text, bold=seg.bold, italic=seg.italic)
        return rich
    if isinstance(value, dict):
        return {k: _to_docx(v, tpl, found) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_docx(v, tpl, found) for v in value]
    return value


def template_names(template: Path) -> set[str]:
    """Top-level names a template uses (for ``grantdocs check-template``)."""
    try:
        tpl = DocxTemplate(str(template))
        return set(tpl.get_undeclared_template_variables(jinja_env=environment()))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{template}: template syntax error: {exc.message}") from None
