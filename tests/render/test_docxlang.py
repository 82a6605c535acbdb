"""Documents carry their language as the default for spell-checking."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from grantdocs.build import BuildOptions, build
from grantdocs.render.docxlang import set_default_language
from tests.conftest import AS_OF


def test_sets_and_creates_the_default_language() -> None:
    styles = Document().styles.element
    set_default_language(styles, "de-DE")
    lang = (
        styles.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:lang"))
    )
    assert lang.get(qn("w:val")) == "de-DE"
    bare = Document().styles.element
    bare.remove(bare.find(qn("w:docDefaults")))
    set_default_language(bare, "en-GB")
    assert bare[0].tag == qn("w:docDefaults")


@pytest.mark.parametrize(("lang", "tag"), [("de", "de-DE"), ("en", "en-GB")])
def test_built_documents_are_marked_with_their_language(
    tmp_path: Path, lang: str, tag: str
) -> None:
    (report,) = build(BuildOptions(formats=["dfg-cv"], langs=[lang], as_of=AS_OF, out=tmp_path))
    doc = Document(str(report.path))
    lang_el = (
        doc.styles.element.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:lang"))
    )
    assert lang_el.get(qn("w:val")) == tag
    assert doc.core_properties.language == tag
