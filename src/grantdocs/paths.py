"""How a path is shown to the user: relative to the working folder or the checkout where
possible (every message with a file name uses it)."""

from __future__ import annotations

from pathlib import Path

from grantdocs.resources import project_root


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the working folder where possible."""
    if not path.is_absolute():
        return str(path)
    for base in (Path.cwd(), project_root()):
        try:
            return str(path.relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)
