"""The console command's end, as a separate process: its exit codes, its whole output, the
documents on disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from docx import Document

AS_OF = "2025-09-20"


def grantdocs(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "grantdocs", *args], capture_output=True, timeout=300, cwd=cwd
    )


def test_a_build_exits_0_with_its_document_whole_on_disk(tmp_path: Path) -> None:
    done = grantdocs("build", "dfg-cv", "--lang", "de", "--as-of", AS_OF, "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr.decode()
    (path,) = tmp_path.rglob("*.docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Lapuschkin" in text
    assert b"dfg-cv" in done.stdout  # the report reached the pipe


def test_a_user_error_exits_1_with_its_message(tmp_path: Path) -> None:
    done = grantdocs("build", "no-such-format", "--out", str(tmp_path))
    assert done.returncode == 1
    assert b"unknown format 'no-such-format'" in done.stderr
    assert b"Traceback" not in done.stderr


def test_a_usage_error_exits_2() -> None:
    done = grantdocs("build", "--no-such-option")
    assert done.returncode == 2
    assert b"No such option" in done.stderr


def test_a_long_output_reaches_the_pipe_whole() -> None:
    """Every byte of a long answer is flushed before the process ends (JSON that parses)."""
    done = grantdocs("explain", "publication-list", "--as-of", AS_OF, "--json")
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert sum(len(s["kept"]) + len(s["dropped"]) for s in data["slots"].values()) >= 95


def test_version_exits_0() -> None:
    done = grantdocs("--version")
    assert done.returncode == 0 and done.stdout.startswith(b"grantdocs, version ")
