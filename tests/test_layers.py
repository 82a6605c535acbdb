"""The layer contract (``[tool.importlinter]`` in pyproject.toml, run by ``.ci/run``): kept by
the code as it is, and broken by an upward import or a cycle put into a copy of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` over the package in ``tree/src`` with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", "--config",
         str(tree / "pyproject.toml")],
        cwd=tree, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the package and of pyproject.toml."""
    shutil.copytree(
        ROOT / "src" / "grantdocs",
        tmp_path / "src" / "grantdocs",
        ignore=shutil.ignore_patterns("__pycache__", "_data"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_line(path: Path, line: str, after: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert after in text
    path.write_text(text.replace(after, after + line, 1), encoding="utf-8")


def test_the_code_keeps_every_contract(tree: Path) -> None:
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_layers(tree: Path) -> None:
    model = tree / "src" / "grantdocs" / "profile" / "model.py"
    add_line(model, "from grantdocs.build import build_all  # noqa\n", "from decimal import Decimal\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "grantdocs.profile is not allowed to import grantdocs.build" in result.stdout
    assert "grantdocs.profile.model -> grantdocs.build" in result.stdout


def test_an_import_inside_a_function_counts_too(tree: Path) -> None:
    paths = tree / "src" / "grantdocs" / "paths.py"
    with paths.open("a", encoding="utf-8") as file:
        file.write("\n\ndef _upward() -> None:\n    from grantdocs.render import pdf  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "grantdocs.paths is not allowed to import grantdocs.render" in result.stdout


def test_a_cycle_inside_one_layer_breaks_the_cycle_contract(tree: Path) -> None:
    core = tree / "src" / "grantdocs" / "render" / "docxcore.py"  # render/docx.py imports it
    add_line(core, "from grantdocs.render import docx  # noqa\n", "from __future__ import annotations\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "no package's modules import each other in a circle BROKEN" in result.stdout
    assert "No cycles are allowed in grantdocs.render" in result.stdout
    assert "grantdocs: each layer imports only the layers below it KEPT" in result.stdout


def test_a_build_part_importing_the_build_breaks_the_build_contract(tree: Path) -> None:
    pages = tree / "src" / "grantdocs" / "build" / "pages.py"
    add_line(pages, "from grantdocs.build import tasks  # noqa\n", "from __future__ import annotations\n")
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "grantdocs.build.pages is not allowed to import grantdocs.build.tasks" in result.stdout


def test_an_upward_import_for_types_only_breaks_the_layers_too(tree: Path) -> None:
    choices = tree / "src" / "grantdocs" / "select" / "choices.py"
    add_line(
        choices,
        "    from grantdocs.formats.spec import FormatSpec  # noqa\n",
        "if TYPE_CHECKING:\n",
    )
    result = lint_imports(tree)
    assert result.returncode == 1
    assert "grantdocs.select is not allowed to import grantdocs.formats" in result.stdout
