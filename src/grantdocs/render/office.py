"""One LibreOffice profile for a build, and one running LibreOffice for a ``--fit``
search or a watch session.

A LibreOffice running on a user profile serves every later ``soffice --convert-to`` run
given the same profile: the later run hands its files to the running one over
LibreOffice's own single-instance pipe and waits for the conversion, so it costs no start.
The first conversion of a session runs on its own while the office starts beside it on a
profile of its own (twice: a new profile's first start ends once it is set up). It keeps
a small text file open (a headless LibreOffice with no document open ends after serving a
request) and listens on a named pipe (``--accept``) whose socket says it is
ready. Its process group is killed when the session ends, when a conversion runs past its
time, and on SIGTERM/SIGHUP of grantdocs.

Where the socket is not where LibreOffice 7.x puts it on Linux
(``/tmp/OSL_PIPE_<uid>_<name>``), the office is never ready: after one wait of the
conversion's time limit it is ended, and every later conversion runs on its own.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

POLL_SECONDS = 0.05
"""How often the start waits for the pipe's socket."""
GONE_SECONDS = 10.0
"""How long ``stop`` waits for the killed process group to be gone."""


class Office:
    """The session's LibreOffice profile and its running office, ended by ``close``.

    The first conversion runs in a LibreOffice of its own while the office starts beside
    it on a profile of its own (started twice: a new profile's first start ends once the
    profile is set up); later conversions are handed to it."""

    def __init__(self, keep_warm: bool = True) -> None:
        self.keep_warm = keep_warm
        """Whether a running office is started after the first conversion."""
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._pipe = f"grantdocs-{os.getpid()}-{secrets.token_hex(6)}"
        self.failed = False
        """True once the office did not get ready: conversions then start their own."""
        self._conversions = 0
        self._starts = 0
        self._server: list[str] = []
        self._env: dict[str, str] = {}

    @property
    def pid(self) -> int | None:
        """The running office's process id (its process group's too), or None."""
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    @property
    def socket(self) -> Path:
        """Where LibreOffice puts the socket of the ``--accept`` pipe."""
        uid = os.getuid() if hasattr(os, "getuid") else 0
        return Path("/tmp", f"OSL_PIPE_{uid}_{self._pipe}")  # where LibreOffice puts it

    def command(self, soffice: str, limit: float) -> tuple[list[str], dict[str, str]]:
        """The start of a ``soffice`` command line and its environment for one conversion:
        handed to the running office once it is ready (waiting up to ``limit`` seconds for
        one starting), else run by a LibreOffice of its own on the session's profile. The
        first conversion runs on its own while the office starts beside it."""
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="grantdocs-office-")
        first = self._conversions == 0
        self._conversions += 1
        if self.keep_warm and not self.failed and self._proc is None:
            self._start(soffice)
        if first or self._proc is None:
            return self._prefix(soffice, "alone")
        if self._wait_ready(time.monotonic() + limit):
            return self._prefix(soffice, "office")
        self.stop()
        self.failed = True
        return self._prefix(soffice, "alone")

    def _prefix(self, soffice: str, name: str) -> tuple[list[str], dict[str, str]]:
        assert self._tmp is not None
        home = Path(self._tmp.name, name)
        home.mkdir(exist_ok=True)
        profile = Path(home, "profile").as_uri()
        env = {**os.environ, "HOME": str(home)}
        return [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore"], env

    def _start(self, soffice: str) -> None:
        """Start the office in the background, on a profile of its own."""
        prefix, env = self._prefix(soffice, "office")
        keep = Path(env["HOME"], "keep.txt")
        keep.write_text("grantdocs\n", encoding="utf-8")
        self._server = [*prefix, "--invisible", f"--accept=pipe,name={self._pipe};urp;", str(keep)]
        self._starts = 0
        self._spawn(env)

    def _spawn(self, env: dict[str, str]) -> None:
        self._starts += 1
        self._env = env
        self._proc = subprocess.Popen(
            self._server,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def _wait_ready(self, deadline: float) -> bool:
        """True once the pipe's socket exists; False when the office ended (after a second
        start: a new profile's first start ends once the profile is set up) or time ran out."""
        while time.monotonic() < deadline:
            if self._proc is None:
                return False
            if self._proc.poll() is not None:
                if self._starts > 1:
                    return False
                self._spawn(self._env)
            if self.socket.exists():
                return True
            time.sleep(POLL_SECONDS)
        return False

    def stop(self) -> None:
        """End the running office (its whole process group), if any."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if not hasattr(os, "killpg"):  # pragma: no cover - not POSIX
            proc.kill()
            proc.wait()
            self.socket.unlink(missing_ok=True)
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)  # the group may outlive its leader
        proc.wait()
        self.socket.unlink(missing_ok=True)  # a killed LibreOffice leaves it behind
        deadline = time.monotonic() + GONE_SECONDS
        while time.monotonic() < deadline:  # until its killed children are reaped too
            try:
                os.killpg(proc.pid, 0)
            except (ProcessLookupError, PermissionError):
                return
            time.sleep(POLL_SECONDS)

    def close(self) -> None:
        """End the office and remove its profile."""
        self.stop()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


_active: Office | None = None


def active() -> Office | None:
    """The office of the session running now, or None."""
    return _active


@contextlib.contextmanager
def session(keep_warm: bool = True) -> Iterator[Office]:
    """Conversions inside share one LibreOffice profile and, with ``keep_warm``, one
    running LibreOffice (started after the first conversion); nested sessions share the
    outer one. The office is ended when the outermost session ends,
    also on SIGTERM or SIGHUP (which then end grantdocs with exit 143 / 129)."""
    global _active
    if _active is not None:
        yield _active
        return
    office = Office(keep_warm)
    _active = office
    previous = _on_signals()
    try:
        yield office
    finally:
        _active = None
        office.close()
        _restore(previous)


Handlers = dict[int, object]


def _on_signals() -> Handlers:
    """Make SIGTERM and SIGHUP raise ``SystemExit`` (so ``session`` ends its office);
    only in the main thread, where Python allows it."""
    if threading.current_thread() is not threading.main_thread():
        return {}

    def ended(signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous: Handlers = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, ended)
    return previous


def _restore(previous: Handlers) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)  # type: ignore[arg-type]
