"""validate and the import dry run name the same work twice in one profile, with both lines."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from grantdocs.cli.main import cli
from tests.conftest import write_tree

PROFILE = """\
person: {given_names: Werner, family_name: Krause}
publications:
  - id: krause2022wp
    kind: preprint
    authors: [Krause W, Cohen D]
    title: "Comparative vote switching"
    year: 2022
    url: https://osf.io/abcde
  - id: krause2025jop
    kind: journal_article
    authors: [Cohen D, Krause W]
    title: "Comparative Vote Switching"
    year: 2025
    doi: 10.1086/700001
  - id: krause2023issue
    kind: journal_article
    authors: [Krause W, Cohen D]
    title: "Parties' Issue Adaptation Between Elections"
    year: 2023
  - id: krause2023position
    kind: journal_article
    authors: [Krause W, Cohen D]
    title: "Parties' Position Adaptation Between Elections"
    year: 2023
"""
BIB = "@article{other2020, author={Ng, B}, title={Else}, journal={J}, year={2020}}\n"


def test_validate_names_both_lines_and_proposes_the_merge(tmp_path: Path) -> None:
    write_tree(tmp_path, {"p/profile.yaml": PROFILE})
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = lines.index("  the same work twice (1): merge each pair")
    pair = lines[start + 1]
    assert "krause2025jop (" in pair and "profile.yaml:9:5)" in pair
    assert "krause2022wp (" in pair and "profile.yaml:3:5)" in pair
    assert "proposed: keep krause2025jop, add krause2022wp to its aliases" in pair
    asked = lines[lines.index("  possibly the same work twice (1): merge a pair if it is one") + 1]
    assert "krause2023issue (" in asked and "krause2023position (" in asked


def test_import_dry_run_proposes_the_merge(tmp_path: Path) -> None:
    write_tree(tmp_path, {"p/profile.yaml": PROFILE, "more.bib": BIB})
    result = CliRunner().invoke(
        cli, ["import", str(tmp_path / "more.bib"), "--profile", str(tmp_path / "p")]
    )
    assert result.exit_code == 0, result.output
    assert "proposed: keep krause2025jop" in result.output


def test_import_names_a_new_preprint_of_a_work_the_profile_has(tmp_path: Path) -> None:
    preprint = (
        "@misc{kc2021, author={Cohen, Denis and Krause, Werner}, "
        "title={Comparative {Vote} Switching}, year={2021}, eprint={2101.00001}, "
        "archivePrefix={arXiv}}\n"
    )
    write_tree(tmp_path, {"p/profile.yaml": PROFILE, "pre.bib": preprint})
    args = ["import", str(tmp_path / "pre.bib"), "--profile", str(tmp_path / "p")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    told = [x for x in result.output.splitlines() if x.startswith("  new ")]
    assert len(told) == 1  # once, though it matches the preprint and the article
    line = told[0]
    assert "pre.bib:1" in line
    assert "is the same work as krause2025jop (" in line
    assert "merge it into krause2025jop instead of adding it" in line
