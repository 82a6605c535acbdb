"""Page images of a document's PDF (poppler's ``pdftoppm``), for the page to show."""

from __future__ import annotations

import shutil
from pathlib import Path

from grantdocs.render import pdf as pdf_tools

DPI = 72
"""Resolution of a page image: an A4 page is 595 x 842 pixels."""
SECONDS = 60.0
"""How long one document's conversion may take."""
MAX_PAGES = 40
"""Pages shown of one document; a longer one is over every funder's limit anyway."""


def find_pdftoppm() -> str | None:
    """Path of ``pdftoppm`` on PATH, or None."""
    return shutil.which("pdftoppm")


def page_images(pdf: Path, folder: Path) -> list[Path]:
    """Render ``pdf`` into ``folder`` as ``page-1.png``, ``page-2.png``, ... (at most
    ``MAX_PAGES``), replacing what was there; [] when pdftoppm is missing or fails."""
    tool = find_pdftoppm()
    if tool is None or not pdf.is_file():
        return []
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("page-*.png"):
        old.unlink()
    cmd = [tool, "-png", "-r", str(DPI), "-l", str(MAX_PAGES), str(pdf), str(folder / "page")]
    if not pdf_tools.run_group(cmd, SECONDS):
        return []
    # pdftoppm pads the number to the page count's digits: page-01.png for 10+ pages
    found = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rpartition("-")[2]))
    return found
