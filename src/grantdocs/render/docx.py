"""Fill a Word template with docxtpl in grantdocs' sandboxed Jinja environment."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate, RichText

from grantdocs.cite.rich import Rich, Segment
from grantdocs.errors import TemplateError
from grantdocs.notices import CLEANED, Notice
from grantdocs.render.docxbody import SplicingTemplate
from grantdocs.render.docxcore import core_namespace, core_text
from grantdocs.render.docxlang import language_tag, set_default_language
from grantdocs.render.docxrich import rich_text
from grantdocs.render.docxstyles import open_template
from grantdocs.render.jinja import BoundExceeded, RenderTimeout, environment, time_limit
from grantdocs.render.package import normalise_zip, read_checked
from grantdocs.render.rendered import Document, Rendered
from grantdocs.render.xmltext import clean, has_illegal

HYPERLINK_STYLE = "Hyperlink"


def render_docx(template: Path, prepared: Document) -> Rendered:
    """The Word template filled for ``prepared``, with a notice per text that lost
    characters Word cannot store (see ``fill_docx``)."""
    cleaned: list[str] = []
    data = fill_docx(
        template,
        prepared.context,
        as_of=prepared.as_of,
        title=prepared.title,
        lang=str(prepared.lang),
        locale=prepared.locale,
        cleaned=cleaned,
    )
    notices = [
        Notice(CLEANED, f"removed characters that Word cannot store from {text[:40]!r}")
        for text in cleaned[:5]
    ]
    return Rendered(data, notices)


def fill_docx(
    template: Path,
    context: dict[str, Any],
    *,
    as_of: dt.date,
    title: str,
    lang: str,
    locale: str | None = None,
    cleaned: list[str] | None = None,
) -> bytes:
    """The rendered document as byte-stable .docx bytes.

    ``locale`` (``de_DE``) becomes the document's default language for spell-checking;
    None keeps the template's.

    Raises ``TemplateError`` naming the template and the offending tag. Strings that XML
    cannot carry lose their illegal characters; each such string is appended to ``cleaned``.
    """
    found: list[str] = [] if cleaned is None else cleaned
    tag = language_tag(locale) if locale else None
    opened = open_template(template, tag)
    try:
        tpl = SplicingTemplate(io.BytesIO(opened.package))
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several types for a broken package
        raise TemplateError(f"{template}: not a readable Word document ({exc})") from None
    ctx = _to_docx(context, tpl, found)
    try:
        with time_limit():
            tpl.render(ctx, jinja_env=environment(), autoescape=True)
    except RenderTimeout as exc:
        raise TemplateError(
            f"{template}: rendering was stopped after {exc.seconds:g} s, the limit for one "
            "document (GRANTDOCS_RENDER_TIMEOUT sets it): a loop that runs too long, or a "
            "very large template"
        ) from None
    except RecursionError:
        raise TemplateError(
            f"{template}: a macro calls itself without end (recursion too deep)"
        ) from None
    except MemoryError:
        raise TemplateError(f"{template}: rendering ran out of memory") from None
    except OverflowError as exc:
        raise TemplateError(f"{template}: a number in a tag is too large: {exc}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{template}: template syntax error: {exc.message}{_near(exc)}"
        ) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"{template}: the template uses a name the context does not have: {exc.message}"
            f"{_near(exc)}",
        ) from None
    except BoundExceeded as exc:
        raise TemplateError(f"{template}: a tag goes past a bound: {exc}{_near(exc)}") from None
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
    with core_namespace():
        props = tpl.docx.core_properties
        moment = dt.datetime(as_of.year, as_of.month, as_of.day)
        props.created = moment
        props.modified = moment
        props.last_printed = moment
        props.last_modified_by = "grantdocs"
        props.author = props.author or "grantdocs"
        props.revision = 1
        props.title = core_text(clean(title))
        props.language = tag or lang
    if tag and not opened.parts:
        set_default_language(tpl.docx.styles.element, tag)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return normalise_zip(buffer.getvalue(), replace=opened.parts)


def _near(exc: Exception) -> str:
    lines = [line.strip() for line in getattr(exc, "docx_context", []) if line.strip()]
    return f"; near: {' '.join(lines)[:200]}" if lines else ""


def _to_docx(value: Any, tpl: DocxTemplate, found: list[str]) -> Any:
    """A copy of the context for docxtpl: every ``Rich`` made a ``RichText``, every string
    cleaned of characters XML cannot carry (each such string appended to ``found``).

    A value the context holds twice (a row is in a slot's ``entries`` and in its
    ``groups``) is converted once; ``found`` gets its strings each time, as before.
    """
    return _Converter(tpl, found).convert(value)


class _Converter:
    """``_to_docx`` for one context: remembers what it converted, by identity."""

    def __init__(self, tpl: DocxTemplate, found: list[str]) -> None:
        self.tpl = tpl
        self.found = found
        self.done: dict[int, tuple[Any, list[str]]] = {}

    def convert(self, value: Any) -> Any:
        if isinstance(value, str):
            if has_illegal(value):
                self.found.append(value)
                return clean(value)
            return value
        if not isinstance(value, Rich | dict | list):
            return value
        key = id(value)
        found = self.found
        if key in self.done:
            result, strings = self.done[key]
            found.extend(strings)
            return result
        start = len(found)
        if isinstance(value, Rich):
            result = _rich(value, self.tpl, found)
        elif isinstance(value, dict):
            convert = self.convert
            result = {k: convert(v) for k, v in value.items()}
        else:
            convert = self.convert
            result = [convert(v) for v in value]
        self.done[key] = (result, found[start:])
        return result


def _rich(value: Rich, tpl: DocxTemplate, found: list[str]) -> RichText:
    """``value`` as a ``RichText``, its segments cleaned (changed ones appended to ``found``)."""
    segments = value.segments
    if any(has_illegal(seg.text) for seg in segments):
        cleaned = []
        for seg in segments:
            text = clean(seg.text)
            if text != seg.text:
                found.append(seg.text)
            cleaned.append(Segment(text, seg.bold, seg.italic, seg.url, seg.small_caps))
        segments = tuple(cleaned)
    return rich_text(segments, tpl.build_url_id, HYPERLINK_STYLE)


def template_names(template: Path) -> set[str]:
    """Top-level names a template uses (for ``grantdocs check-template``)."""
    data = read_checked(template, "docx")
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        return set(tpl.get_undeclared_template_variables(jinja_env=environment()))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{template}: template syntax error: {exc.message}") from None
