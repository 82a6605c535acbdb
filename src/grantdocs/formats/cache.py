"""Format files read and validated once, then kept on disk by a hash of their text.

Validating a format file first builds pydantic's validator of the format model; with the
YAML read it was most of loading a format. A format file that read and validated without
problems is kept as what reading it gives (the values, their positions and the validated
declaration as records, ``formats.records``, so that reading it back loads no pydantic) in
the cache folder of compiled templates, under its trust rule
(``usercache``: a private folder, every entry signed with this user's key and read
bounded, a pickle read only once its signature is checked; ``GRANTDOCS_CACHE=off`` turns
it off). The entry is named by a hash of the file's text, its path as given and as shown,
the id it is looked up by, the bundled citation styles a format may name, the versions of
Python and the validating libraries, and the source of the modules that read and validate
it. Everything that reads other files (the template, catalogs, a format it extends, a
``.csl`` file) is still done on every load; a file with problems is read anew each time.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from grantdocs import usercache
from grantdocs.profile.yamlpos import MAX_FILE_BYTES, Positions
from grantdocs.textfile import UnreadableText, read_user_text

_FORMAT_VERSION = "grantdocs-format-2"
"""Changes when what an entry holds changes."""
_MAX_ENTRY = 16 * 1024 * 1024
"""An entry larger than this is not read (nor written)."""
_CODE = (
    "grantdocs.formats.spec",
    "grantdocs.formats.records",
    "grantdocs.formats.registry",
    "grantdocs.formats.cache",
    "grantdocs.select.rules",
    "grantdocs.select.records",
    "grantdocs.select.public",
    "grantdocs.cite.styles",
    "grantdocs.cite.style_model",
    "grantdocs.formats.citation_styles",
    "grantdocs.profile.model",
    "grantdocs.profile.records",
    "grantdocs.profile.yamlpos",
    "grantdocs.profile.yamlread",
    "grantdocs.profile.positions",
    "grantdocs.profile.dates",
    "grantdocs.profile.identifiers",
    "grantdocs.notices",
    "grantdocs.errors",
    "grantdocs.profile.problems",
    "grantdocs.profile.when",
    "grantdocs.paths",
    "grantdocs.textfile",
)
"""The modules whose code decides what reading and validating a format file gives."""

Read = tuple[dict[str, Any], Positions, Any]
"""A format file's values, their positions, and its validated declaration (records)."""


@cache
def _settings() -> str:
    # lazy: formats.citation_styles loads only when this runs
    from grantdocs.formats.citation_styles import CSL_DIR, STYLES_DIR

    styles = [sorted(os.listdir(folder)) for folder in (STYLES_DIR, CSL_DIR)]
    return f"{_FORMAT_VERSION}|{usercache.code_digest(_CODE)}|{styles}"


def cached_read(path: Path, own_id: str | None, read: Callable[[], Read]) -> Read:
    """``read()`` of the format file ``path`` (looked up as ``own_id``), from the disk
    cache where it holds the same file read by the same code."""
    # lazy: paths loads only when this runs
    from grantdocs.paths import display_path

    try:
        text = read_user_text(path, MAX_FILE_BYTES, "YAML")
    except (UnreadableText, OSError):
        return read()  # its error is reported by reading it
    name = usercache.entry_name(
        "format", _settings(), str(path), display_path(path), str(own_id), text
    )
    kept = usercache.load_object(name, _MAX_ENTRY)
    if isinstance(kept, tuple) and len(kept) == 3 and isinstance(kept[1], Positions):
        return kept
    found = read()
    with contextlib.suppress(UnreadableText, OSError):
        if read_user_text(path, MAX_FILE_BYTES, "YAML") == text:  # not changed meanwhile
            usercache.store_object(name, found, _MAX_ENTRY)
    return found
