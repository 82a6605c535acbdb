"""Shared test helpers: a file-tree writer, the bundled profile, a fixed as-of date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from grantdocs.profile.load import LoadedProfile, load_profile
from grantdocs.resources import default_profile

AS_OF = dt.date(2025, 9, 20)
"""The seed CV's own date (its citation metrics were retrieved then)."""

MINIMAL = "person: {given_names: Ada, family_name: Lovelace}\n"


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` below ``root``; returns ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def bundled() -> LoadedProfile:
    return load_profile(default_profile())
