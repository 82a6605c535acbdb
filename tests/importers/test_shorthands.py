"""babel's German shorthands in BibTeX text (and soft hyphens) print what they mean."""

from __future__ import annotations

import pytest

from grantdocs.importers.latex import decode
from grantdocs.importers.shorthands import babel_shorthands
from grantdocs.importers.text import clean


@pytest.mark.parametrize(
    ("raw", "printed"),
    [
        ('empirisch"=kulturwissenschaftlichen', "empirisch-kulturwissenschaftlichen"),
        ('Kultur"-wissenschaft', "Kulturwissenschaft"),
        ('Rhein"~Main', "Rhein\u2011Main"),
        ('Gr"une', "Grüne"),
        ('"`Zitat"\'', "„Zitat“"),
        ('say "hi" now', 'say "hi" now'),  # a quotation mark that is no shorthand stays
        ('"Anführung"', '"Anführung"'),
    ],
)
def test_shorthands(raw: str, printed: str) -> None:
    assert babel_shorthands(raw) == printed
    assert decode(raw) == printed


def test_soft_hyphens_are_dropped() -> None:
    assert clean("Cul\u00adtural Property") == "Cultural Property"
    assert decode(r"Forschungs\-perspektiven") == "Forschungsperspektiven"
