"""The wheel and sdist as users get them: complete, with the metadata an index expects, and
working when installed outside the checkout (``.ci/check_installed.py`` from an empty folder).

One wheel and one virtual environment a session: the wheel is built from the sdist with the
installed hatchling (no network), and installed without dependencies into a venv that borrows
this environment's packages through a ``.pth`` line (its own site-packages come first).
"""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

import grantdocs

ROOT = Path(__file__).resolve().parents[1]
MAPPED = {
    "src/grantdocs": "grantdocs",
    **{name: f"grantdocs/_data/{name}" for name in ("templates", "profiles", "schema")},
}
"""Checkout folder -> where the wheel holds it."""
REAL_BIB = ROOT / "tests" / "fixtures" / "real" / "nicolas-mueller_papers.bib"


@dataclass(frozen=True)
class Dist:
    wheel: Path
    sdist: Path


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """``python -m build`` of the checkout: the sdist, and the wheel built from it."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = out.glob("grantdocs-*.whl")
    (sdist,) = out.glob("grantdocs-*.tar.gz")
    return Dist(wheel, sdist)


def tracked(folder: str) -> list[str]:
    """The files git tracks under ``folder`` of the checkout (skip where there is no git)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tracked files are unknown")
    done = subprocess.run(
        ["git", "ls-files", "-z", "--", folder], cwd=ROOT, capture_output=True, check=True
    )
    return [name for name in done.stdout.decode().split("\0") if name]


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {n for n in archive.namelist() if ".dist-info/" not in n}


def metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.message_from_string(archive.read(name).decode("utf-8"))


def test_the_wheel_holds_every_tracked_file_of_the_package_and_the_bundled_data(
    dist: Dist,
) -> None:
    expected = {
        target + name.removeprefix(source)
        for source, target in MAPPED.items()
        for name in tracked(source)
    }
    names = wheel_names(dist.wheel)
    assert sorted(expected - names) == [], "missing from the wheel"
    assert sorted(names - expected) == [], "in the wheel but not tracked (a cache, a lock?)"
    assert any(n.endswith("template.docx") for n in names)
    assert "grantdocs/_data/profiles/example-team/team.yaml" in names


def test_the_sdist_holds_what_a_wheel_and_the_tests_are_built_from(dist: Dist) -> None:
    with tarfile.open(dist.sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
    wanted = ["pyproject.toml", "README.md", "LICENSE", ".ci/run", ".ci/check_installed.py"]
    for folder in (*MAPPED, "tests"):
        wanted += tracked(folder)
    assert sorted(set(wanted) - names) == []
    assert not [n for n in names if n.startswith((".venv/", "output/")) or "__pycache__" in n]


def test_the_metadata_an_index_expects(dist: Dist) -> None:
    meta = metadata(dist.wheel)
    assert meta["Name"] == "grantdocs"
    assert meta["Version"] == grantdocs.__version__
    assert meta["License-Expression"] == "MIT"
    assert meta["License-File"] == "LICENSE"
    assert meta["Requires-Python"] == ">=3.11"
    assert meta["Description-Content-Type"] == "text/markdown"
    body = meta.get_payload()
    assert isinstance(body, str)
    assert body.strip() == (ROOT / "README.md").read_text(encoding="utf-8").strip()
    classifiers = meta.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers and "Environment :: Console" in classifiers
    with zipfile.ZipFile(dist.wheel) as archive:
        licence = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        assert licence and b"MIT License" in archive.read(licence[0])
        entry_points = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
        assert b"grantdocs = grantdocs.cli.main:main" in archive.read(entry_points[0])


@pytest.fixture(scope="session")
def installed(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A new venv with the wheel installed (no dependencies, no index): its python."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=600)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    # dependencies from this environment, after the venv's own site-packages
    (Path(site) / "_grantdocs_test_deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(dist.wheel)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    yield python


def test_installed_from_the_wheel_it_works_from_an_empty_folder(
    installed: Path, tmp_path: Path
) -> None:
    script = tmp_path / "check_installed.py"
    shutil.copy(ROOT / ".ci" / "check_installed.py", script)
    work = tmp_path / "empty"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run(
        [str(installed), str(script), str(REAL_BIB)],
        cwd=work, env=env, capture_output=True, text=True, timeout=1800,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed, 0 failed" in done.stdout
    assert (work / "output" / "dfg-cv" / "de").is_dir()
