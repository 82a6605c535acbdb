"""LaTeX to Unicode in one pass: accents, letters, specials, math, marks that carry no text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grantdocs.importers.latex import decode


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ('M{\\"u}ller', "Müller"),
        ('M\\"uller', "Müller"),
        ('M\\"{u}ller', "Müller"),
        ("Stra\\ss e", "Straße"),
        ("{\\ss}", "ß"),
        ("Garc\\'{\\i}a", "García"),
        ("Rol{\\'\\i}nek", "Rolínek"),
        ("\\c{C}elik", "Çelik"),
        ("Ay{\\c{s}}e", "Ayşe"),
        ("\\v{S}imon", "Šimon"),
        ("{\\O}stergaard S{\\o}ren", "Østergaard Søren"),
        ("Adri{\\`a}", "Adrià"),
        ("\\& \\% \\_ \\# \\$", "& % _ # $"),
        ("50% off", "50% off"),  # '%' is text in a BibTeX field
        ("pages 1--12 and---so", "pages 1–12 and—so"),
        ("``quoted''", "“quoted”"),
        ("a~b", "a b"),
        ("{CNN} and {T}ransformers", "CNN and Transformers"),
        ("Towards $\\alpha$-Relevance", "Towards α-Relevance"),
        ("$x^2_3$", "x²₃"),
        ("\\textbf{bold} \\emph{it} \\enquote{q}", "bold it q"),
        ("Amos$^{\\dagger}$", "Amos†"),
        ("Amos\\textsuperscript{1,2}", "Amos¹,²"),
        ("Amos\\footnotemark[2] B", "Amos B"),
        ("Amos\\thanks{Equal {contribution}}", "Amos"),
        ("Amos \\IEEEauthorrefmark{1}", "Amos "),
        ("Lee\\orcidlink{0000-0002-1825-0097}", "Lee"),
        ("plain text", "plain text"),
        ("\\unknowncommand{kept}", "kept"),
        ("trailing \\", "trailing \\"),
    ],
)
def test_decode(latex: str, text: str) -> None:
    assert decode(latex) == text


def test_deep_nesting_needs_no_stack() -> None:
    assert decode("{" * 100_000 + "x" + "}" * 100_000) == "x"
    stacked = decode("\\'{" * 10_000 + "e" + "}" * 10_000)
    assert stacked.startswith("é") and len(stacked) <= 3


def test_unbalanced_braces_are_dropped_not_fatal() -> None:
    assert decode("}}a{{b") == "ab"


PIECES = st.sampled_from(
    [*"\\{}$^_~-`'\"ace siO&%#,*", "\\textsuperscript", "\\thanks", "\\c", "\\'", "\\ss"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES | st.text(max_size=5), max_size=40).map("".join))
def test_any_text_decodes_to_text_without_grouping_braces(text: str) -> None:
    decoded = decode(text)
    assert isinstance(decoded, str)
    if "\\" not in text:
        assert "{" not in decoded and "}" not in decoded
