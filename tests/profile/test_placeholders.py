"""Example values of ``grantdocs init``: listed by validate, refused by build."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from grantdocs.cli.main import cli
from grantdocs.profile.load import load_profile
from grantdocs.profile.placeholders import placeholders
from tests.conftest import write_tree

CLEAN = """\
person: {given_names: Ada, family_name: Lovelace, name_variants: [Lovelace A]}
publications:
  - id: real
    kind: journal_article
    authors: [Lovelace A]
    title: Notes on the Analytical Engine
    year: 2024
    peer_reviewed: true
"""

OLD_EXAMPLE = """\
  - id: example-article
    kind: journal_article
    authors: [Lovelace A]
    title: "EXAMPLE: A Study of Examples"
    year: 1990
"""


def _skeleton(tmp_path: Path) -> Path:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "cv"), "--name", "Ada Lovelace"])
    assert result.exit_code == 0, result.output
    return tmp_path / "cv"


def test_the_skeleton_is_full_of_placeholders_and_each_has_its_line(tmp_path: Path) -> None:
    folder = _skeleton(tmp_path)
    found = placeholders(load_profile(folder / "profile.yaml"))
    assert len(found) > 20
    lines = (folder / "profile.yaml").read_text(encoding="utf-8").splitlines()
    for item in found:
        assert item.where.line is not None
        assert (
            item.value.split(":")[0][:20] in lines[item.where.line - 1]
            or item.value in (lines[item.where.line - 1])
        )


def test_validate_lists_every_placeholder(tmp_path: Path) -> None:
    folder = _skeleton(tmp_path)
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 0
    found = placeholders(load_profile(folder / "profile.yaml"))
    assert f"example values of 'grantdocs init' left: {len(found)}" in result.output
    assert "publications[0].title: 'EXAMPLE: A Study of Examples'" in result.output


def test_build_refuses_placeholders_and_writes_nothing(tmp_path: Path) -> None:
    folder = _skeleton(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", "dfg-cv", "--profile", str(folder), "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert "--allow-examples" in result.output and "Traceback" not in result.output
    assert "profile.yaml:" in result.output and "would appear in dfg-cv" in result.output
    assert not list(out.rglob("*.docx"))


def test_allow_examples_builds_and_warns(tmp_path: Path) -> None:
    folder = _skeleton(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "dfg-cv",
            "--lang",
            "de",
            "--profile",
            str(folder),
            "--out",
            str(out),
            "--allow-examples",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "example text of 'grantdocs init' left" in result.output
    assert len(list(out.rglob("*.docx"))) == 1


def test_a_placeholder_no_document_selects_does_not_block(tmp_path: Path) -> None:
    """An example publication outside every window of the chosen format stays out."""
    write_tree(tmp_path, {"p.yaml": CLEAN + OLD_EXAMPLE})
    out = tmp_path / "out"
    assert placeholders(load_profile(tmp_path / "p.yaml"))
    fmt = (
        write_tree(
            tmp_path,
            {
                "recent.yaml": "extends: dfg-cv\nid: dfg-recent\nslots:\n"
                "  category_a: {window: {since: 2020}}\n  category_b: {window: {since: 2020}}\n"
            },
        )
        / "recent.yaml"
    )
    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(fmt),
            "--lang",
            "en",
            "--profile",
            str(tmp_path / "p.yaml"),
            "--out",
            str(out),
            "--as-of",
            "2025-09-20",
        ],
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "dfg-cv",
            "--lang",
            "en",
            "--profile",
            str(tmp_path / "p.yaml"),
            "--out",
            str(out),
            "--as-of",
            "2025-09-20",
        ],
    )
    assert result.exit_code == 1 and "publications[1].title" in result.output
