"""What a build is asked for: formats, languages, profiles or a team, the output folder, pins
and excludes, workers, PDFs and ``--fit``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct

from grantdocs.formats.registry import FormatSearchPath


class BuildOptions(Struct):
    formats: Sequence[str] = ()
    langs: Sequence[str] = ()
    as_of: dt.date | None = None
    profiles: Sequence[Path] = ()
    out: Path = Path("output")
    pin: Sequence[tuple[str, str]] = ()
    exclude: Sequence[str] = ()
    workers: int = 1
    """Processes to render in; 1 renders in this process."""
    allow_examples: bool = False
    """Build even when placeholders of ``grantdocs init`` would reach a document."""
    search: FormatSearchPath | None = None
    """Where format ids are looked up (default: ``GRANTDOCS_FORMATS``, then the bundled)."""
    pdf: bool = False
    """Also convert to PDF with LibreOffice and count pages (``pages.py``)."""
    fit: bool = False
    """Shrink documents over their page limit by their format's ``fit`` rule (implies pdf)."""
    details: bool = False
    """Record why each slot kept each entry (for ``--json``)."""
    team: Path | None = None
    """A team file (or folder): its members instead of ``profiles``, and team documents."""
    trust_members: bool = False
    """A team member's profile may include files outside its folder (each one is named)."""
