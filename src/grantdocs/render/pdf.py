"""PDF conversion with a real LibreOffice in headless mode, and page counting."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from grantdocs.errors import ToolMissingError

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
CANDIDATES = ("soffice", "libreoffice")


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


def convert(files: list[Path], timeout: float = 300) -> dict[Path, bytes]:
    """Convert documents to PDF in one LibreOffice run; returns each file's PDF bytes.

    Files that share a name (the same document in two languages) are converted under
    unique names. A file LibreOffice could not convert is missing from the result.
    Raises ``ToolMissingError`` when LibreOffice is not installed.
    """
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="grantdocs-pdf-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        outdir = Path(tmp, "out")
        indir = Path(tmp, "in")
        indir.mkdir()
        staged = {f: indir / f"{index:04d}-{f.name}" for index, f in enumerate(files)}
        for source, copy in staged.items():
            shutil.copyfile(source, copy)
        cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, staged.values()),
        ]
        env = {**os.environ, "HOME": tmp}
        subprocess.run(cmd, check=False, capture_output=True, timeout=timeout, env=env)
        result = {}
        for f, copy in staged.items():
            pdf = outdir / (copy.stem + ".pdf")
            if pdf.is_file():
                result[f] = pdf.read_bytes()
        return result


def count_pages(pdf: bytes) -> int:
    """Number of pages in a PDF (counts page objects)."""
    return len(_PAGE.findall(pdf))
