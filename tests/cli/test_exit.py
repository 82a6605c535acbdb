"""The console command's end: its exit codes, its whole output, the documents on disk, with
Python's module teardown skipped (``cli.main._end_now``)."""

from __future__ import annotations

import json
import os
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


def _end_now_with(status: str) -> subprocess.CompletedProcess[bytes]:
    """A process that writes 100 bytes, held in stdout's buffer, then ends through ``_end_now``."""
    code = (
        "import sys\n"
        "from grantdocs.cli import main\n"
        "sys.stdout.write('x' * 100)\n"
        f"main._status[0] = {status}\n"
        "main._end_now()\n"
        "sys.exit(99)  # not reached\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # stdout buffered
    return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, env=env)


def test_end_now_flushes_what_was_written_and_keeps_the_code() -> None:
    for status, expected in (("None", 0), ("3", 3), ("'a message'", 1)):
        done = _end_now_with(status)
        assert done.returncode == expected, (status, done.stderr.decode())
        assert done.stdout == b"x" * 100
