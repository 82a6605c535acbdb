"""``--fit``: shrink an over-long document by its format's shrink order, never below the
minimum; say what was dropped, or by how much it cannot fit."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.build import DocumentReport, SlotReport
from grantdocs.build.pages import drop_plan, limits_for
from grantdocs.cli.main import cli
from grantdocs.errors import FormatError
from grantdocs.formats.registry import load_format
from grantdocs.render.pdf import count_pages, find_soffice
from tests.docx_read import open_docx, texts

NO_LIBREOFFICE = "LibreOffice (soffice) is not installed on this machine"
WORDS = ["analytical", "engines", "for", "the", "computation", "of", "Bernoulli", "numbers", "with", "punched", "cards"]


def long_profile(folder: Path, words: int, articles: int = 18, preprints: int = 12) -> Path:
    """A profile whose DFG CV runs over 4 pages: publications with very long titles."""
    lines = [
        "person: {given_names: Ada, family_name: Lovelace, name_variants: [Lovelace A]}",
        "report: {ignore: [no-doi]}",
        "publications:",
    ]
    authors = ", ".join(["Lovelace A"] + [f"Author{k} B" for k in range(7)])
    for i in range(articles + preprints):
        kind = "journal_article" if i < articles else "preprint"
        title = " ".join(WORDS[(i + j) % len(WORDS)] for j in range(words)).capitalize()
        lines.append(
            f'  - {{id: pub{i:02d}, kind: {kind}, authors: [{authors}], title: "{title} {i}", '
            f"venue: Journal of Engines {i}, year: {2000 + i % 25}, peer_reviewed: true}}"
        )
    path = folder / "p.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_drop_plan_takes_the_first_slot_down_before_the_next() -> None:
    fmt = load_format("dfg-cv")
    report = DocumentReport("dfg-cv", "en", Path("x.docx"), "p", Path("p"), "A L")
    report.slots = [SlotReport("category_a", "", 10, 18, 10), SlotReport("category_b", "", 7, 7, 10)]
    plan = drop_plan(report, fmt)
    assert plan == [("category_b", 7, 0), ("category_a", 10, 5)]
    assert limits_for(plan, 0) == (("category_b", 7), ("category_a", 10))
    assert limits_for(plan, 3) == (("category_b", 4), ("category_a", 10))
    assert limits_for(plan, 9) == (("category_b", 0), ("category_a", 8))
    assert limits_for(plan, 99) == (("category_b", 0), ("category_a", 5))  # the minimum


def test_fit_naming_an_unknown_slot_is_a_format_error(tmp_path: Path) -> None:
    source = load_format("dfg-cv").source.read_text(encoding="utf-8")
    path = tmp_path / "f.yaml"
    path.write_text(
        source.replace("shrink: [category_b, category_a]", "shrink: [category_c]")
        .replace("template: template.docx", f"template: {load_format('dfg-cv').template_path()}"),
        encoding="utf-8",
    )
    with pytest.raises(FormatError) as caught:
        load_format(str(path))
    assert "fit names unknown slot 'category_c'" in caught.value.render()


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason=NO_LIBREOFFICE)
def test_fit_drops_category_b_first_and_stops_at_the_first_selection_that_fits(
    tmp_path: Path,
) -> None:
    profile = long_profile(tmp_path, words=110)
    out = tmp_path / "out"
    args = ["build", "dfg-cv", "--lang", "en", "--profile", str(profile), "--out", str(out)]
    runner = CliRunner()
    before = runner.invoke(cli, [*args, "--pdf"])
    assert before.exit_code == 1, before.output
    pdf = out / "dfg-cv" / "en" / "CV_PubList_Lovelace.pdf"
    pages_before = count_pages(pdf.read_bytes())
    assert pages_before >= 6
    assert f"{pages_before}/4 pages  !! OVER THE PAGE LIMIT by {pages_before - 4}" in before.stdout

    result = runner.invoke(cli, [*args, "--fit"])
    assert result.exit_code == 0, result.output
    assert count_pages(pdf.read_bytes()) <= 4
    line = next(s for s in result.stdout.splitlines() if "dropped" in s)
    assert f"to fit 4 pages ({pages_before} before): category_b: pub27, pub28, pub29" in line
    dropped = re.findall(r"pub\d\d", line)
    assert len(dropped) == int(line.split()[1])  # "  dropped N to fit ..."
    text = " ".join(texts(open_docx(out / "dfg-cv" / "en" / "CV_PubList_Lovelace.docx")))
    venues = set(re.findall(r"Journal of Engines (\d+)", text))
    assert venues.isdisjoint(str(int(entry[3:])) for entry in dropped)
    assert len(venues) == 20 - len(dropped)  # 10 of Category A and 10 of B before
    assert not list(out.rglob(".grantdocs-*"))

    explained = runner.invoke(
        cli, ["explain", "dfg-cv", "--profile", str(profile), "--fit", "--lang", "en", "--json"]
    )
    assert explained.exit_code == 0, explained.output
    slots = json.loads(explained.stdout)["slots"]
    cut = [
        d["id"]
        for name in ("category_b", "category_a")
        for d in slots[name]["dropped"]
        if d["reason"] == "dropped to fit 4 pages"
    ]
    assert sorted(cut) == sorted(dropped)
    explained = runner.invoke(cli, ["explain", "dfg-cv", "--profile", str(profile), "--fit", "--lang", "en"])
    assert "dropped to fit 4 pages" in explained.stdout


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason=NO_LIBREOFFICE)
def test_a_document_that_cannot_fit_even_at_the_minimum_is_an_error(tmp_path: Path) -> None:
    profile = long_profile(tmp_path, words=400, preprints=0)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", "dfg-cv", "--lang", "en", "--profile", str(profile), "--out", str(out), "--fit"]
    )
    assert result.exit_code == 1
    assert "cannot fit 4 pages even at the format's minimum (category_b 0, category_a 5)" in result.stderr
    assert "over the limit of 4" in result.stderr
    # the document on disk is the full selection, not a trial
    text = " ".join(texts(open_docx(out / "dfg-cv" / "en" / "CV_PubList_Lovelace.docx")))
    assert text.count("Journal of Engines") == 10
