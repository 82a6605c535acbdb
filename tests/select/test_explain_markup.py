"""User text that looks like rich console markup is printed as typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.cli.main import cli
from tests.conftest import small_profile

TITLE = '"[/] closes, [noisy] vanishes, [bold red]shouts"'
SHOWN = ("[/] closes,", "[noisy] vanishes,", "[bold red]shouts")


def flat(text: str) -> str:
    """Output with the table's line breaks and borders folded away."""
    return " ".join(text.replace("│", " ").split())


@pytest.mark.parametrize("command", ["explain", "validate", "build"])
def test_markup_in_titles_is_printed_as_typed(tmp_path: Path, command: str) -> None:
    profile = small_profile(tmp_path, TITLE)
    before = profile.read_bytes()
    day = ["--as-of", "2025-09-20", "--profile", str(profile)]
    args = {
        "explain": ["explain", "dfg-cv", "--all", *day],
        "validate": ["validate", str(profile)],
        "build": ["build", "dfg-cv", "--lang", "en", *day, "--out", str(tmp_path / "out")],
    }[command]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    if command == "explain":
        for piece in SHOWN:
            assert piece in flat(result.output), piece
    assert profile.read_bytes() == before


def test_build_warnings_keep_markup(tmp_path: Path) -> None:
    profile = small_profile(tmp_path, '"[noisy]\\u0007 [/]"')
    day = ["--as-of", "2025-09-20", "--profile", str(profile)]
    args = ["build", "dfg-cv", "--lang", "en", *day, "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "removed characters that Word cannot store from '[noisy]\\x07 [/]'" in result.output
