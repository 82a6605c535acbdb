"""docxtpl, with the rendered body put in place by one parse instead of an lxml move.

docxtpl parses the rendered body with its own parser and moves it into python-docx's tree
(``root.replace``); lxml then re-homes every node one by one, which took 2.6 s for a
10,000-entry publication list. Here the document is serialised once with the new body
spliced in as text and parsed once with python-docx's parser (0.2 s for the same list).
A body without tables needs none of docxtpl's table fixes, so its rendered text is spliced
in directly, without docxtpl parsing it first (0.1 s less for the same list).

Library internals used here (no public API replaces them), verified with docxtpl 0.20 and
python-docx 1.2, the upper bounds pinned in pyproject.toml:

- docxtpl: ``render`` calls ``patch_xml``, ``fix_tables``, ``fix_docpr_ids``, ``map_tree``
  and ``resolve_listing`` in turn; ``SplicingTemplate`` overrides them and reads the
  ``docx_ids_index`` counter ``render_init`` sets. ``patch_xml`` depends on its argument
  alone, so its result is kept in the disk cache.
- python-docx: the document element is swapped by setting ``Document._element`` and its
  part's ``_element``, and the cached body (``Document._Document__body``) is dropped.
  Without that attribute (another python-docx) ``fix_tables`` and ``map_tree`` fall back
  to docxtpl's own code.

``tests/render/test_docx_equivalence.py`` proves the result equals plain docxtpl's; run it
after raising a pin.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from lxml import etree
from markupsafe import Markup

from grantdocs.render.docxcore import core_namespace, core_text
from grantdocs.render.docxlisting import resolve_listing

_PLACEHOLDER = "grantdocs-body-placeholder"
_TABLE = re.compile(r"<(?:[^\s<>/!?]+:)?tbl[\s/>]")
"""Any element named ``tbl``, whatever its prefix: where docxtpl's table fixes may apply."""


def splice_body(root: Any, body: Any) -> Any:
    """A new document element: ``root``'s XML with its ``w:body`` replaced by ``body``.

    ``root`` is left as it was. Returns an element parsed by python-docx's parser.
    """
    return splice_text(root, etree.tostring(body, encoding="unicode"))


def splice_text(root: Any, body: str) -> Any:
    """``splice_body`` with the new body given as XML text.

    The old body is found in the serialised document by its tags when they occur once;
    lxml's moving a body out of its tree takes time growing with the square of its size
    (5 s for 100,000 paragraphs, 20 s for 200,000), which a hostile template would use.
    """
    text = etree.tostring(root, encoding="unicode")
    prefix = root.body.prefix
    if prefix:
        opening = re.compile(f"<{re.escape(prefix)}:body[\\s/>]")
        closing = f"</{prefix}:body>"
        starts = opening.findall(text)
        if len(starts) == 1 and text.count(closing) == 1:
            start = opening.search(text)
            assert start is not None
            end = text.index(closing) + len(closing)
            return parse_xml((text[: start.start()] + body + text[end:]).encode("utf-8"))
    return _splice_by_moving(root, body)


def _splice_by_moving(root: Any, body: str) -> Any:
    """``splice_text`` by a placeholder element (a body written oddly, e.g. ``<w:body/>``)."""
    old = root.body
    index = list(root).index(old)
    marker = etree.Element(_PLACEHOLDER)
    root.replace(old, marker)
    try:
        text = etree.tostring(root, encoding="unicode")
    finally:
        root.replace(marker, old)
    assert root[index] is old
    tag = f"<{_PLACEHOLDER}/>"
    before, found, after = text.partition(tag)
    if not found:  # pragma: no cover - lxml always writes an empty element this way
        raise ValueError("placeholder not found in the serialised document")
    return parse_xml((before + body + after).encode("utf-8"))


_PATCHED_ENTRY = "grantdocs-patched-1"
"""Changes when what a kept patched part holds changes."""


def patched(xml: str, patch: Callable[[str], str]) -> str:
    """``patch(xml)``, docxtpl's cleaning of a part's XML before Jinja reads it (tags
    inside ``{{ }}`` stripped, its ``{%p``/``{%tr`` forms resolved, ...): about a tenth of
    filling a template. Kept in the disk cache (``usercache``) by a hash of ``xml`` and
    docxtpl's version."""
    # lazy: usercache loads only when this runs
    from grantdocs import usercache

    version = usercache.library_version("docxtpl", "docxtpl")
    name = usercache.entry_name("patched", _PATCHED_ENTRY, f"docxtpl {version}", xml)
    return usercache.remembered(name, lambda: patch(xml), usercache.instance_of(str))


CORE_TEXT_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
"""The core properties docxtpl 0.20 renders as templates (``render_properties``)."""


class SplicingTemplate(DocxTemplate):  # type: ignore[misc]
    """A ``DocxTemplate`` whose rendered body replaces the old one by ``splice_body``, and
    whose ``resolve_listing`` skips the paragraphs it would not change."""

    def patch_xml(self, src_xml: str) -> str:
        return patched(src_xml, super().patch_xml)

    def resolve_listing(self, xml: str) -> str:
        return resolve_listing(xml, super().resolve_listing)

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        """docxtpl's rendering of the text core properties (``{{ format.title }}`` in
        ``docProps/core.xml``), each shortened to the 255 characters a property holds and
        unescaped (the environment autoescapes; the property is text, not XML)."""
        # lazy: render.jinja loads only when this runs
        from grantdocs.render.jinja import environment

        props = self.docx.core_properties
        with core_namespace():
            for name in CORE_TEXT_PROPERTIES:
                env = jinja_env or environment()
                rendered = env.from_string(getattr(props, name)).render(context)
                setattr(props, name, core_text(Markup(rendered).unescape()))

    def fix_tables(self, xml: str) -> Any:
        """docxtpl's parse and table fixes; for a body without tables, the new document
        parsed once (its ``w:body`` is returned, and ``map_tree`` takes the document)."""
        if (
            not hasattr(self.docx, "_Document__body")
            or not xml.startswith("<w:body")
            or _TABLE.search(xml)
        ):
            return super().fix_tables(xml)
        try:
            return splice_text(self.docx.element, xml).body
        except etree.XMLSyntaxError:  # docxtpl's parser recovers what it can
            return super().fix_tables(xml)

    def fix_docpr_ids(self, tree: Any) -> None:
        if tree.getparent() is None:
            super().fix_docpr_ids(tree)
            return
        for element in tree.iter(qn("wp:docPr")):  # the body's, as docxtpl numbers them
            self.docx_ids_index += 1
            element.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree: Any) -> None:
        document = self.docx
        if not hasattr(document, "_Document__body"):  # another python-docx: docxtpl's way
            super().map_tree(tree)
            return
        spliced = tree.getparent()
        new_root = spliced if spliced is not None else splice_body(document.element, tree)
        document.part._element = new_root
        document._element = new_root
        document._Document__body = None
