"""Cited keys from LaTeX, pandoc Markdown and Word text; third-party works from .bib."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from grantdocs.team.cited import keys_in_file, keys_in_text, read_bibliography


def test_latex_and_pandoc_citations_are_found_once_in_order() -> None:
    text = (
        r"As shown \cite{a,b} and \citep[see][p. 3]{c}, also \textcite{a}. "
        "Pandoc: [@d; see @e, p. 4] and @f says. Mail me at x@example.org."
    )
    assert keys_in_text(text) == ["a", "b", "c", "d", "e", "f"]


def test_tex_comments_are_not_scanned(tmp_path: Path) -> None:
    path = tmp_path / "p.tex"
    path.write_text("% \\cite{commented}\n50\\% of \\cite{kept} % \\cite{gone}\n")
    assert keys_in_file(path) == ["kept"]


def test_keys_in_a_word_proposal(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Prior work [@smith2020; @doe2019].")
    table = doc.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = r"\cite{intable}"
    doc.save(str(tmp_path / "p.docx"))
    assert keys_in_file(tmp_path / "p.docx") == ["intable", "smith2020", "doe2019"]


def test_bibliography_works_keep_their_key_as_alias(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(
        "@article{Smith:2020/x, author={Smith, Jane}, title={A Study}, journal={J},"
        " year={2020}, doi={10.1000/ABC}}\n@article{broken, title={No year}}\n"
    )
    bib = read_bibliography([path])
    assert list(bib.works) == ["Smith:2020/x"]
    work = bib.works["Smith:2020/x"]
    assert work.aliases == ["Smith:2020/x"] and work.doi and work.doi.lower() == "10.1000/abc"
    assert bib.problems and "broken" in bib.problems[0]


def test_csl_json_works_are_found_by_their_item_id(tmp_path: Path) -> None:
    path = tmp_path / "refs.json"
    path.write_text(
        '[{"id": "doe2019", "type": "article-journal", "title": "On Things",'
        ' "author": [{"family": "Doe", "given": "Jo"}], "issued": {"date-parts": [[2019]]},'
        ' "container-title": "J", "URL": "https://example.org/things"}]'
    )
    bib = read_bibliography([path])
    assert list(bib.works) == ["doe2019"]
    assert bib.works["doe2019"].link == "https://example.org/things"


def test_a_proposal_docx_that_unpacks_beyond_the_bounds_is_refused_quickly(
    tmp_path: Path,
) -> None:
    """A small .docx that unpacks to millions of paragraphs: a message, not minutes and GBs."""
    import zipfile

    from docx import Document

    from grantdocs.errors import ImportFileError
    from grantdocs.team.cited import _docx_text

    base = tmp_path / "base.docx"
    doc = Document()
    doc.add_paragraph("x")
    doc.save(str(base))
    bomb = tmp_path / "proposal.docx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode()
                at = text.index("<w:body>") + len("<w:body>")
                text = (
                    text[:at] + "<w:p><w:r><w:t>\\cite{a}</w:t></w:r></w:p>" * 300_000 + text[at:]
                )
                data = text.encode()
            zout.writestr(item, data)
    with pytest.raises(ImportFileError, match="unpacks to"):
        _docx_text(bomb, "proposal.docx")


# --- the scan is linear (issue 24) ----------------------------------------------------------

import re  # noqa: E402
import time  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

REAL = Path(__file__).parents[1] / "fixtures" / "real" / "dodo-paper_related_work.tex"
REFERENCE = re.compile(r"\\[A-Za-z]*cite[A-Za-z]*\*?\s*(?:\[[^\]]*\]\s*){0,2}\{([^}]*)\}")
"""The former pattern (quadratic on ``\\citecite...``): the reference on short texts."""


def reference_keys(text: str) -> list[str]:
    found: list[str] = []
    for match in REFERENCE.finditer(text):
        found += [k.strip() for k in match.group(1).split(",") if k.strip()]
    return list(dict.fromkeys(found))


def test_keys_of_a_real_latex_section() -> None:
    keys = keys_in_file(REAL)
    assert keys == ["ginsburg", "szlichta:fundamentals", "consonni", "langer", "szlichta:discovery"]
    assert keys == reference_keys(REAL.read_text(encoding="utf-8"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=list("\\citep{}[]* ,ab\n@"), max_size=60))
def test_the_tokenizer_finds_what_the_former_pattern_found(text: str) -> None:
    from grantdocs.team.cited import _latex_citations

    keys, rest = _latex_citations(text)
    assert list(dict.fromkeys(keys)) == reference_keys(text)
    assert rest == REFERENCE.sub(" ", text)  # what the pandoc scan then reads


HOSTILE = {
    "citecite": "\\" + "cite" * 262_144,
    "cite-no-brace": "\\cite" * 209_715,
    "open-brace": "\\cite{" * 174_762,
    "open-bracket": "\\cite[" * 174_762,
    "options": "\\citep[a][" * 104_857,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_1_mb_hostile_proposal_is_scanned_in_linear_time(tmp_path: Path, name: str) -> None:
    path = tmp_path / "proposal.tex"
    path.write_text(HOSTILE[name])
    assert path.stat().st_size >= 1_000_000
    start = time.monotonic()
    keys_in_file(path)
    assert time.monotonic() - start < 60  # a bound against a hang (it was minutes), not a timing


def test_a_hostile_word_proposal_is_scanned_in_linear_time(tmp_path: Path) -> None:
    doc = Document()
    for _ in range(32):
        doc.add_paragraph("\\" + "cite" * 8192)
    doc.save(str(tmp_path / "p.docx"))
    start = time.monotonic()
    assert keys_in_file(tmp_path / "p.docx") == []
    assert time.monotonic() - start < 60
