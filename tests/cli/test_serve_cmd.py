"""``grantdocs serve``'s command line: a user's mistake is a message and an exit code before
anything listens."""

from __future__ import annotations

import socket
from pathlib import Path

from click.testing import CliRunner

from grantdocs.cli.main import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["serve", *args])
    return result.exit_code, result.output


def test_an_unknown_format_is_named(tmp_path: Path) -> None:
    code, output = run("dfg-cvv", "--out", str(tmp_path / "o"))
    assert code == 1
    assert "dfg-cvv" in output and "Traceback" not in output


def test_profile_and_team_together_are_a_usage_error(tmp_path: Path) -> None:
    code, output = run("--profile", str(tmp_path), "--team", str(tmp_path))
    assert code == 2 and "not both" in output


def test_a_port_in_use_is_an_output_error(tmp_path: Path) -> None:
    taken = socket.socket()
    try:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code, output = run("dfg-cv", "--port", str(port), "--out", str(tmp_path / "o"))
    finally:
        taken.close()
    assert code == 3
    assert f"cannot listen on 127.0.0.1:{port}" in output and "--port" in output
    assert "Traceback" not in output


def test_the_bundled_templates_are_no_output_folder() -> None:
    from grantdocs.resources import templates_dir

    code, output = run("--out", str(templates_dir()))
    assert code == 3 and "refusing to write" in output
