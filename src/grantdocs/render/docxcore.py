"""python-docx's core properties (``docProps/core.xml``) written safely: the ``cp`` prefix
bound to its namespace, and texts cut to what a property holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

CORE_PROPERTIES_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


@contextmanager
def core_namespace() -> Iterator[None]:
    """python-docx's ``cp`` prefix bound to the core-properties namespace, for the block.

    docxcompose (a dependency, for the team CV annex; docxtpl also imports it whenever
    it is installed, for sub-documents) rebinds ``cp`` in python-docx's global prefix map to the
    custom-properties namespace, after which python-docx writes core properties such as
    ``lastPrinted`` into the wrong namespace. The binding is restored after the block, as
    docxcompose relies on its own.
    """
    # lazy: docx loads only when this runs
    from docx.oxml.ns import nsmap

    before = nsmap.get("cp")
    nsmap["cp"] = CORE_PROPERTIES_NS
    try:
        yield
    finally:
        if before is None:
            del nsmap["cp"]
        else:
            nsmap["cp"] = before


CORE_PROPERTY_LIMIT = 255
"""Characters python-docx allows in a text core property (title, author, ...)."""


def core_text(text: str) -> str:
    """``text`` shortened with '…' to fit a core property."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1] + "…"
