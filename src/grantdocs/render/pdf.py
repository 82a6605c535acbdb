"""PDF conversion with a real LibreOffice in headless mode, and page counting."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from grantdocs.errors import ToolMissingError

if TYPE_CHECKING:
    import subprocess

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
CANDIDATES = ("soffice", "libreoffice")
SECONDS_PER_DOCUMENT = 120.0
"""How long one LibreOffice run may take per document (``GRANTDOCS_PDF_TIMEOUT``)."""


def find_soffice() -> str | None:
    """Path of LibreOffice's ``soffice`` on PATH, or None."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_soffice() -> str:
    """Path of ``soffice``; raises ``ToolMissingError`` saying how to install it."""
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissingError(
            "--pdf needs LibreOffice ('soffice' on PATH); install it, e.g. "
            "'apt-get install libreoffice-writer-nogui libreoffice-calc-nogui', "
            "or build without --pdf"
        )
    return soffice


def seconds_per_document() -> float:
    """``GRANTDOCS_PDF_TIMEOUT`` seconds, else ``SECONDS_PER_DOCUMENT``."""
    try:
        return float(os.environ.get("GRANTDOCS_PDF_TIMEOUT", SECONDS_PER_DOCUMENT))
    except ValueError:
        return SECONDS_PER_DOCUMENT


def convert(
    files: list[Path], timeout: float | None = None, failures: dict[Path, str] | None = None
) -> dict[Path, bytes]:
    """Convert documents to PDF in one LibreOffice run; returns each file's PDF bytes.

    Inside an ``office.session()`` the run uses the session's LibreOffice profile and is
    handed to its running LibreOffice where one is ready (``office.py``); outside one,
    LibreOffice starts for this run alone, on a new profile.

    Files that share a name (the same document in two languages) are converted under
    unique names. A file LibreOffice could not convert is missing from the result, and
    ``failures`` (if given) gets the reason. The run may take ``timeout`` seconds
    (default: ``seconds_per_document()`` per file); then LibreOffice and its children are
    killed, the documents converted so far kept, and the one it was working on named.
    Raises ``ToolMissingError`` when LibreOffice is not installed.
    """
    # lazy: render.office loads only when this runs
    from grantdocs.render.office import active

    soffice = require_soffice()
    limit = seconds_per_document() * len(files) if timeout is None else timeout
    office = active()
    with tempfile.TemporaryDirectory(prefix="grantdocs-pdf-") as tmp:
        outdir = Path(tmp, "out")
        indir = Path(tmp, "in")
        indir.mkdir()
        staged = {f: indir / f"{index:04d}-{f.name}" for index, f in enumerate(files)}
        for source, copy in staged.items():
            shutil.copyfile(source, copy)
        if office is None:  # a LibreOffice of its own, with a new profile
            prefix = [
                soffice,
                f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
                "--headless",
                "--norestore",
            ]
            env = {**os.environ, "HOME": tmp}
        else:  # the session's profile, handed to its running LibreOffice if there is one
            prefix, env = office.command(soffice, limit)
        cmd = [*prefix, "--convert-to", "pdf", "--outdir", str(outdir), *map(str, staged.values())]
        timed_out = not run_group(cmd, limit, env)
        if timed_out and office is not None:
            office.close()  # it hung: the next conversion starts anew, on new profiles
        result = {}
        stalled = False
        for f, copy in staged.items():
            pdf = outdir / (copy.stem + ".pdf")
            if pdf.is_file() and not (timed_out and not _complete(pdf)):
                result[f] = pdf.read_bytes()
            elif failures is not None:
                if timed_out and not stalled:
                    failures[f] = (
                        f"LibreOffice was stopped after {limit:g} s while converting this "
                        "document (GRANTDOCS_PDF_TIMEOUT sets the seconds per document); "
                        "no PDF written"
                    )
                    stalled = True
                elif timed_out:
                    failures[f] = "LibreOffice was stopped before it reached this document"
                else:
                    failures[f] = "LibreOffice could not convert this document to PDF"
        return result


_RUNNING: set[subprocess.Popen[bytes]] = set()
"""Tool runs under way in this process, LibreOffice's and pdftoppm's (``stop_all`` ends them)."""


def run_group(cmd: list[str], timeout: float, env: dict[str, str] | None = None) -> bool:
    """Run ``cmd`` in its own process group (``stop_all`` may end it); False (and the
    group killed) after ``timeout``."""
    # lazy: subprocess loads only when a tool runs (a build without --pdf runs none)
    import subprocess

    proc = subprocess.Popen(
        cmd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    _RUNNING.add(proc)
    try:
        proc.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        return False
    finally:
        _RUNNING.discard(proc)
        if proc.poll() is None:
            _kill(proc)
            proc.wait()


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill ``proc`` and every process of its group (LibreOffice's children)."""
    # lazy: signal loads only when this runs
    import signal

    with contextlib.suppress(ProcessLookupError, PermissionError):
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - not POSIX
            proc.kill()


def stop_all() -> None:
    """Kill every tool run of this process (another thread's, when a server ends): a
    ``convert`` returns what was done, ``page_images`` nothing."""
    for proc in list(_RUNNING):
        _kill(proc)


def _complete(pdf: Path) -> bool:
    """A PDF written to its end (a killed LibreOffice may leave one half-written)."""
    return pdf.read_bytes().rstrip().endswith(b"%%EOF")


def count_pages(pdf: bytes) -> int:
    """Number of pages in a PDF (counts page objects)."""
    return len(_PAGE.findall(pdf))
