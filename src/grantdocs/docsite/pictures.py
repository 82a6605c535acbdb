"""First-page pictures of the bundled documents, rendered by LibreOffice and poppler.

Each picture is built by the command the formats page shows beside it
(:func:`grantdocs.docsite.formats_ref.picture_command`), converted to PDF by LibreOffice,
and its first page rasterised by ``pdftoppm`` in grey, stored with 4 grey levels.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from grantdocs.atomic import write_bytes
from grantdocs.docsite.formats_ref import PICTURES, bundled_formats, picture_command
from grantdocs.docsite.png import grey_png, read_pgm
from grantdocs.errors import GrantdocsError

DPI = 100
"""Resolution of the pictures: an A4 page is 827 x 1170 pixels."""
TIMEOUT = 600
"""Seconds one build with --pdf may take before it counts as hung."""


def render_pictures(docs: Path) -> list[Path]:
    """Write ``docs/images/formats/<id>.png`` for every bundled format; the paths written.

    Raises GrantdocsError when LibreOffice or pdftoppm is missing or a build fails.
    """
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise GrantdocsError(f"{tool} not found: pictures need LibreOffice and poppler")
    target = docs / PICTURES
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in bundled_formats():
        with tempfile.TemporaryDirectory(prefix="grantdocs-picture-") as tmp:
            argv = shlex.split(picture_command(fmt))
            argv = [sys.executable, "-m", "grantdocs", *argv[1:], "--out", tmp, "-q"]
            done = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT)
            pdfs = sorted((Path(tmp) / fmt.id).rglob("*.pdf"))
            if done.returncode != 0 or not pdfs:
                raise GrantdocsError(
                    f"{fmt.id}: building the picture's document failed:\n{done.stderr}"
                )
            grey = subprocess.run(
                ["pdftoppm", "-gray", "-r", str(DPI), "-f", "1", "-l", "1", str(pdfs[0])],
                check=True,
                timeout=TIMEOUT,
                capture_output=True,
            ).stdout
            out = target / f"{fmt.id}.png"
            write_bytes(out, grey_png(*read_pgm(grey)))
            written.append(out)
    return written
