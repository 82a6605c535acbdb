"""A work without a year, cited: the CSL locale term ``no date`` ("o. J.", "n.d.").

A CSL style that handles a missing date itself (APA: ``<text term="no date"/>``) is left to
do so. For a style that prints nothing where the date would be (DIN 1505-2, IEEE), grantdocs
gives the item the term as a literal date, so the style puts it where it puts a year (not
to a work in press, submitted or under review: its status stands where the year would); the
reference processor, given the same item, writes the same text. The YAML styles print the
same term for their ``year`` and ``date`` fields.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from grantdocs.formats.citation_styles import csl_locale

CSL_LOCALE_NS = "{http://purl.org/net/xbiblio/csl}"


@cache
def no_date_term(locale: str) -> str:
    """The short ``no date`` term of the CSL ``locale`` ('de-DE' -> "o. J." with a no-break
    space); the long term if the locale has no short one, "n.d." if it has neither."""
    # lazy: citeproc, lxml load only when this runs
    from citeproc import LOCALES_PATH
    from lxml import etree

    path = Path(LOCALES_PATH) / f"locales-{locale}.xml"
    if not path.is_file():
        return "n.d."
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(path), parser).getroot()
    terms = {
        element.get("form", "long"): "".join(element.itertext()).strip()
        for element in root.iter(f"{CSL_LOCALE_NS}term")
        if element.get("name") == "no date"
    }
    return terms.get("short") or terms.get("long") or "n.d."


def no_date_for(lang: str) -> str:
    """The ``no date`` term for a document in ``lang`` (its usual CSL locale)."""
    return no_date_term(csl_locale(lang))


@cache
def prints_no_date(path: Path) -> bool:
    """True if the style at ``path`` prints the ``no date`` term itself."""
    return b'term="no date"' in path.read_bytes()


def date_or_no_date(item: dict[str, Any], path: Path, locale: str) -> dict[str, Any]:
    """``item`` as it is when it has a date, a status (which stands for the date: "im
    Erscheinen", "in press") or the style words a missing date; else a copy whose date is
    the locale's ``no date`` term."""
    if "issued" in item or "status" in item or prints_no_date(path):
        return item
    return item | {"issued": {"literal": no_date_term(locale)}}
