"""A real ``grantdocs serve`` process on loopback, over a copy of the bundled profile.

Every wait is bounded; the process is always stopped with Ctrl-C (SIGINT) and, where it
does not end, killed. The server's temporary folder (``TMPDIR``) is the test's own, so the
LibreOffice it starts can be found by its command line and shown to be gone afterwards.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from grantdocs.resources import default_profile

SRC = Path(__file__).parents[2] / "src"
WAIT = 240.0
"""Seconds a build may take at most (LibreOffice on a loaded 2-core machine)."""

HOSTILE = (
    '<script>window.grantdocsPwned = 1</script><img src=x onerror="window.grantdocsPwned = 2">'
)
"""A publication title as a hostile BibTeX import could bring it."""

HOSTILE_ENTRY = f"""
  - id: hostile2024script
    kind: preprint
    authors: [Lapuschkin S]
    title: '{HOSTILE}'
    venue: arXiv
    year: 2024
"""


def copy_profile(folder: Path, hostile: bool = True) -> Path:
    """A copy of the bundled profile's folder (real data); with ``hostile``, one more
    publication with a script as its title. Returns the copy's profile.yaml."""
    shutil.copytree(default_profile().parent, folder)
    profile = folder / default_profile().name
    if hostile:
        more = folder / "hostile.yaml"
        more.write_text("publications:" + HOSTILE_ENTRY, encoding="utf-8")
        text = profile.read_text(encoding="utf-8")
        assert "\ninclude:\n" in text
        profile.write_text(text.replace("\ninclude:\n", "\ninclude:\n  - hostile.yaml\n", 1))
    return profile


def own_processes(marker: str) -> list[str]:
    """Command lines of running processes that mention ``marker`` (the test's own folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().split(")")[-1].split()[0]
        except OSError:
            continue
        if marker in cmdline and state != "Z":
            found.append(cmdline)
    return found


@dataclass
class Server:
    """A running ``grantdocs serve``."""

    proc: subprocess.Popen[str]
    url: str
    profile: Path
    out: Path
    tmp: Path
    output: list[str]
    reader: threading.Thread

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        request = urllib.request.Request(self.url.rstrip("/") + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def post(self, path: str, body: bytes, headers: dict[str, str] | None = None) -> int:
        return self.post_page(path, body, headers)[0]

    def post_page(
        self, path: str, body: bytes, headers: dict[str, str] | None = None
    ) -> tuple[int, str]:
        given = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        request = urllib.request.Request(
            self.url.rstrip("/") + path, data=body, headers=given, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return int(answer.status), answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def state(self) -> dict[str, object]:
        status, body = self.get("/state")
        assert status == 200, body
        result: dict[str, object] = json.loads(body)
        return result

    def wait_built(self, after: int = 0) -> dict[str, object]:
        """Wait for a finished build after generation ``after``."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            state = self.state()
            generation = state["generation"]
            assert isinstance(generation, int)
            if generation > after and not state["building"]:
                return state
            time.sleep(0.3)
        raise AssertionError(f"no build within {WAIT} s; output:\n" + "".join(self.output))

    def token(self, path: str = "/") -> str:
        """The token in the form of the page at ``path``."""
        _status, page = self.get(path)
        found = re.search(r'name="token" value="([^"]+)"', page)
        assert found, page
        return found.group(1)

    def stop(self) -> int:
        """Ctrl-C; the exit code (killed after 30 s: then the test fails)."""
        try:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGINT)
                try:
                    self.proc.wait(30)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(10)
                    raise AssertionError("serve did not end within 30 s of Ctrl-C") from None
            return self.proc.returncode
        finally:
            self.reader.join(10)
            if self.proc.stdout is not None:
                self.proc.stdout.close()


def start_server(
    tmp: Path,
    *args: str,
    hostile: bool = True,
    target: tuple[str, ...] = (),
    edit: Callable[[Path], None] | None = None,
) -> Server:
    """Start ``grantdocs serve`` on a free loopback port: ``dfg-cv`` over a fresh copy of the
    bundled profile (first changed by ``edit``, given its profile.yaml), or ``target`` (the
    arguments naming formats and a profile or team)."""
    profile = copy_profile(tmp / "cv", hostile)
    if edit is not None:
        edit(profile)
    named = target or ("dfg-cv", "--profile", str(profile))
    out = tmp / "out"
    temp = tmp / "tmp"
    temp.mkdir()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "grantdocs",
            "serve",
            *named,
            "--out",
            str(out),
            "--port",
            "0",
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC), "TMPDIR": str(temp)},
        cwd=tmp,
    )
    output: list[str] = []
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    stream = proc.stdout

    def read() -> None:
        for line in stream:
            output.append(line)
            lines.put(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            if proc.poll() is not None:
                break
            continue
        found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if found:
            return Server(proc, found.group(1), profile, out, temp, output, reader)
    proc.kill()
    proc.wait(10)
    raise AssertionError("serve printed no address; output:\n" + "".join(output))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for a module's tests, its first build done."""
    running = start_server(tmp_path_factory.mktemp("serve"))
    try:
        running.wait_built()
        yield running
    finally:
        running.stop()
