"""Where the bundled profile, templates and schema live."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

DEFAULT_PROFILE = Path("profiles") / "lapuschkin" / "profile.yaml"
EXAMPLE_TEAM = Path("profiles") / "example-team" / "team.yaml"


@cache
def project_root() -> Path:
    """The folder holding ``templates/`` and ``profiles/``.

    ``GRANTDOCS_HOME`` wins; else the checkout this package was installed from (editable
    install); else the working folder.
    """
    env = os.environ.get("GRANTDOCS_HOME")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "templates").is_dir() and (checkout / "profiles").is_dir():
        return checkout
    return Path.cwd()


def templates_dir() -> Path:
    return project_root() / "templates"


def default_profile() -> Path:
    return project_root() / DEFAULT_PROFILE


def example_team() -> Path:
    """The bundled example team (the bundled profile and invented colleagues)."""
    return project_root() / EXAMPLE_TEAM


def schema_path() -> Path:
    return project_root() / "schema" / "profile.schema.json"
