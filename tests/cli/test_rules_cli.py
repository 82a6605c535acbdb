"""The command line's pins, excludes and the `formats FORMAT` listing."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from grantdocs.cli.main import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_explain_previews_a_pin_and_an_exclude() -> None:
    code, out = run(
        "explain", "dfg-cv", "--as-of", "2025-09-20", "--json",
        "--pin", "category_a=lapuschkin2016layer", "--exclude", "bach2015pixel",
    )  # fmt: skip
    assert code == 0, out
    kept = json.loads(out)["slots"]["category_a"]["kept"]
    assert kept[0]["id"] == "lapuschkin2016layer"
    assert kept[0]["reason"].startswith("pinned by the owner (rank 9)")
    assert "bach2015pixel" not in [k["id"] for k in kept]


def test_typos_in_pins_and_excludes_exit_1_with_a_suggestion(tmp_path: Path) -> None:
    for args, wanted in [
        (["--pin", "categry_a=bach2015pixel"], "did you mean 'category_a'?"),
        (["--pin", "category_a=bach2015pixl"], "did you mean bach2015pixel?"),
        (["--exclude", "bach2015pixl"], "did you mean bach2015pixel?"),
    ]:
        for command in (["explain", "dfg-cv"], ["build", "dfg-cv", "--out", str(tmp_path)]):
            code, out = run(*command, *args)
            assert code == 1, (command, args, out)
            assert wanted in out and "Traceback" not in out
    assert not any(tmp_path.rglob("*.docx"))


def test_building_several_formats_refuses_a_slot_none_of_them_has(tmp_path: Path) -> None:
    code, out = run(
        "build", "dfg-cv", "erc-cv", "--out", str(tmp_path), "--pin", "outputz=bach2015pixel"
    )
    assert code == 1
    assert "did you mean 'outputs'?" in out
    assert not any(tmp_path.rglob("*.docx"))


def test_formats_format_says_what_each_slot_reads() -> None:
    code, out = run("formats", "erc-cv")
    assert code == 0
    line = next(s for s in out.splitlines() if s.strip().startswith("invited_talks"))
    assert "reads talks, and invited_lectures read as talks with invited: true" in line
    assert "one entry per title" in line and "at most 6" in line
    code, out = run("formats", "dfg-cv")
    line = next(s for s in out.splitlines() if s.strip().startswith("category_b"))
    assert "public is true" in line and "peer_reviewed is true" in line
    assert "not (status is one of published, in_press, accepted and any of (" in line
    assert "'None' is printed below it" in line  # the form requires the heading
    code, out = run("formats", "nonesuch")
    assert code == 1 and "unknown format" in out
