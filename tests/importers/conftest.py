"""Fixtures of the import tests: the messy input files, a CLI with the import commands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from grantdocs.cli.import_cmd import import_command
from grantdocs.cli.init_cmd import init_command
from grantdocs.cli.main import cli
from grantdocs.resources import default_profile

FIXTURES = Path(__file__).parent / "fixtures"

if "import" not in cli.commands:  # until cli/main.py registers them
    cli.add_command(import_command)
if "init" not in cli.commands:
    cli.add_command(init_command)


def run(*args: str | Path) -> Result:
    """Invoke ``grantdocs`` with ``args``; the result carries exit code and output."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def line_of(path: Path, needle: str) -> int:
    """1-based number of the first line of ``path`` containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A copy of the bundled profile folder; returns its profile.yaml."""
    folder = tmp_path / "cv"
    shutil.copytree(default_profile().parent, folder)
    return folder / "profile.yaml"
