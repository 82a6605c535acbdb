"""The document's default language, so Word and LibreOffice spell-check German as German."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from lxml import etree


def language_tag(locale: str) -> str:
    """A babel locale (``de_DE``) as the BCP 47 tag Word stores (``de-DE``)."""
    return locale.replace("_", "-")


def set_default_language(styles: Any, tag: str) -> None:
    """Set ``w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val`` of a styles part to ``tag``.

    Creates the elements the template lacks; keeps the East Asian and bidi languages.
    """
    defaults = _child(styles, "w:docDefaults", first=True)
    rpr = _child(_child(defaults, "w:rPrDefault", first=True), "w:rPr")
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), tag)


def _child(parent: Any, tag: str, *, first: bool = False) -> Any:
    found = parent.find(qn(tag))
    if found is None:
        found = etree.Element(qn(tag))
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found
