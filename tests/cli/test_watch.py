"""``grantdocs build --watch`` in a real process: edits rebuild, a bad edit is survived,
Ctrl-C ends cleanly. Every wait is bounded and the process is always stopped."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import SMALL, write_tree
from tests.docx_read import open_docx, texts


def text_of(path: Path) -> str:
    return " ".join(texts(open_docx(path)))


SRC = Path(__file__).parents[2] / "src"
WAIT = 90.0
"""Seconds a step may take at most (a loaded 2-core machine is slow, never this slow)."""


class Lines:
    """The process's output lines, read in a thread so that waits can time out."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        assert proc.stdout is not None
        stream = proc.stdout
        self.thread = threading.Thread(
            target=lambda: [self._queue.put(line) for line in stream], daemon=True
        )
        self.thread.start()

    def wait_for(self, wanted: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.5)
            except queue.Empty:
                continue
            self.seen.append(line)
            if wanted(line):
                return line
        raise AssertionError(f"no {what} within {WAIT} s; output:\n" + "".join(self.seen))


def test_watch_rebuilds_survives_a_bad_edit_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    profile = write_tree(
        tmp_path,
        {"p.yaml": SMALL.format(title="First Title") + "include: [more.yaml]\n", "more.yaml": "talks: []\n"},
    ) / "p.yaml"
    out = tmp_path / "out"
    document = out / "dfg-cv" / "en" / "CV_PubList_Lovelace.docx"
    proc = subprocess.Popen(
        [sys.executable, "-m", "grantdocs", "build", "dfg-cv", "--lang", "en",
         "--profile", str(profile), "--out", str(out), "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    lines = Lines(proc)
    try:
        lines.wait_for(lambda s: s.startswith("watching"), "first build")
        assert "First Title" in text_of(document)

        profile.write_text(profile.read_text().replace("First Title", "Second Title"))
        lines.wait_for(lambda s: s.startswith("1 document in"), "rebuild after an edit")
        assert "Second Title" in text_of(document)
        lines.wait_for(lambda s: s.startswith("watching"), "watching again")

        good = profile.read_text()
        profile.write_text(good + "talks: [\n")
        lines.wait_for(lambda s: s.startswith("not rebuilt"), "the error of a bad edit")
        assert any("p.yaml:" in line for line in lines.seen[-4:])
        assert "Second Title" in text_of(document)  # the last good document stays
        lines.wait_for(lambda s: s.startswith("watching"), "watching after the error")

        profile.write_text(good.replace("Second Title", "Third Title"))
        lines.wait_for(lambda s: s.startswith("1 document in"), "rebuild after the fix")
        assert "Third Title" in text_of(document)
        # saved before the watcher is back (between two rounds): still seen
        profile.write_text(good.replace("Second Title", "Fourth Title"))
        lines.wait_for(lambda s: s.startswith("1 document in"), "rebuild of an edit between rounds")
        assert "Fourth Title" in text_of(document)
        lines.wait_for(lambda s: s.startswith("watching"), "watching after the fix")

        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=WAIT) == 130  # as shells expect after Ctrl-C (issue 24)
        lines.wait_for(lambda s: s.startswith("stopped watching"), "a clean end")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=WAIT)
        lines.thread.join(timeout=WAIT)
        assert proc.stdout is not None
        proc.stdout.close()
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == [document.name]


def test_watch_rebuilds_after_the_profile_is_moved_away_and_back(tmp_path: Path) -> None:
    """Issue 24: delete-and-restore (a move, a copy back, a link) rebuilds."""
    folder = write_tree(tmp_path / "cv", {"profile.yaml": SMALL.format(title="First Title")})
    profile = folder / "profile.yaml"
    out = tmp_path / "out"
    document = out / "dfg-cv" / "en" / "CV_PubList_Lovelace.docx"
    proc = subprocess.Popen(
        [sys.executable, "-m", "grantdocs", "build", "dfg-cv", "--lang", "en",
         "--profile", str(folder), "--out", str(out), "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    lines = Lines(proc)
    try:
        lines.wait_for(lambda s: s.startswith("watching"), "first build")
        kept = tmp_path / "x.yaml"
        profile.rename(kept)
        lines.wait_for(lambda s: s.startswith("not rebuilt"), "the error of a missing profile")
        lines.wait_for(lambda s: s.startswith("watching"), "watching after the error")
        kept.write_text(kept.read_text().replace("First Title", "Second Title"))
        profile.write_bytes(kept.read_bytes())  # cp x profile.yaml
        lines.wait_for(lambda s: s.startswith("1 document in"), "rebuild after the copy back")
        assert "Second Title" in text_of(document)
        lines.wait_for(lambda s: s.startswith("watching"), "watching again")
        profile.unlink()
        lines.wait_for(lambda s: s.startswith("watching"), "watching after the removal")
        kept.write_text(kept.read_text().replace("Second Title", "Third Title"))
        profile.symlink_to(kept)  # restored as a link
        lines.wait_for(lambda s: s.startswith("1 document in"), "rebuild after the link")
        assert "Third Title" in text_of(document)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=WAIT) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=WAIT)
        lines.thread.join(timeout=WAIT)
        assert proc.stdout is not None
        proc.stdout.close()
