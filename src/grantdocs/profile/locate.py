"""Which profile a command works on: the one named, ``./profile.yaml``, or the bundled one."""

from __future__ import annotations

from pathlib import Path

from grantdocs.errors import ProfileError

PROFILE_FILE = "profile.yaml"
"""The file a profile folder holds (``grantdocs init`` writes it)."""


def locate_profile(path: Path | None, cwd: Path | None = None) -> Path:
    """The profile file to load.

    ``path`` may be a file or a folder holding ``profile.yaml``. None means
    ``./profile.yaml`` when the working folder has one, else the bundled profile.
    """
    # lazy: resources loads only when this runs
    from grantdocs.resources import default_profile

    if path is None:
        here = (cwd or Path.cwd()) / PROFILE_FILE
        return here if here.is_file() else default_profile()
    if path.is_dir():
        inside = path / PROFILE_FILE
        if not inside.is_file():
            raise ProfileError(
                f"{path}: a folder without {PROFILE_FILE}; name the profile file, or run "
                f"'grantdocs init {path}' to start one"
            )
        return inside
    return path


def is_bundled(path: Path) -> bool:
    """True for the bundled example profile."""
    # lazy: resources loads only when this runs
    from grantdocs.resources import default_profile

    try:
        return path.resolve() == default_profile().resolve()
    except OSError:
        return False


def profile_line(path: Path, name: str) -> str:
    """``profile: my-cv/profile.yaml (Ada Lovelace)``: the first line a command prints."""
    # lazy: paths loads only when this runs
    from grantdocs.paths import display_path

    bundled = ", the bundled example" if is_bundled(path) else ""
    return f"profile: {display_path(path)} ({name}{bundled})"


def profile_folders(folder: Path) -> list[Path]:
    """The profiles in a folder of profile folders, by folder name ([] if it is none)."""
    if not folder.is_dir() or (folder / PROFILE_FILE).is_file():
        return []
    return sorted(p / PROFILE_FILE for p in folder.iterdir() if (p / PROFILE_FILE).is_file())
