"""Where the bundled formats, profile, example team and schemas live.

An installed grantdocs reads them from its own package data (``grantdocs/_data/``, which the
wheel maps from the repository's top-level ``templates/``, ``profiles/`` and ``schema/``); an
editable install from the checkout it points at. The working folder is never a fallback.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib.machinery import SourceFileLoader, SourcelessFileLoader
from pathlib import Path
from typing import TYPE_CHECKING

from grantdocs.errors import GrantdocsError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

HOME_VARIABLE = "GRANTDOCS_HOME"
"""A folder laid out like the repository (``templates/``, ``profiles/``, ``schema/``) to use
instead of the bundled data."""
PACKAGE_DATA = "_data"
"""The folder inside the installed package that holds the bundled data."""
DEFAULT_PROFILE = Path("profiles") / "lapuschkin" / "profile.yaml"
EXAMPLE_TEAM = Path("profiles") / "example-team" / "team.yaml"


@cache
def project_root() -> Path:
    """The folder holding the bundled ``templates/``, ``profiles/`` and ``schema/``.

    ``GRANTDOCS_HOME`` wins; else the installed package's data; else the checkout of an
    editable install. Raises ``GrantdocsError`` when the chosen folder has no ``templates/``.
    """
    env = os.environ.get(HOME_VARIABLE)
    if env:
        home = Path(env)
        if not (home / "templates").is_dir():
            raise GrantdocsError(
                f"{HOME_VARIABLE}={env}: no templates/ folder there; point it at a folder "
                "laid out like the grantdocs repository, or unset it to use the bundled data"
            )
        return home
    packaged = _package_files().joinpath(PACKAGE_DATA)
    if isinstance(packaged, Path) and (packaged / "templates").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "templates").is_dir() and (checkout / "profiles").is_dir():
        return checkout
    raise GrantdocsError(
        f"this grantdocs installation has no bundled data (looked in {packaged} and "
        f"{checkout}); reinstall it from a wheel or sdist"
    )


def _package_files() -> Traversable:
    """``importlib.resources.files("grantdocs")``: for a package imported from its files,
    their folder, as that gives it, without loading its resource readers (~5 ms of every
    command's start); else what that gives."""
    spec = sys.modules[__name__.rpartition(".")[0]].__spec__
    loader = None if spec is None else spec.loader
    if isinstance(loader, SourceFileLoader | SourcelessFileLoader) and spec and spec.origin:
        return Path(spec.origin).parent
    # lazy: importlib.resources' readers load only for a package imported otherwise
    from importlib.resources import files

    return files("grantdocs")


def templates_dir() -> Path:
    """The bundled formats, one folder each."""
    return project_root() / "templates"


def default_profile() -> Path:
    """The bundled profile: the one a command uses when none is named or found."""
    return project_root() / DEFAULT_PROFILE


def example_team() -> Path:
    """The bundled example team (the bundled profile and invented colleagues)."""
    return project_root() / EXAMPLE_TEAM


def schema_path() -> Path:
    """The profile's JSON Schema as committed (``grantdocs schema`` writes the same text)."""
    return project_root() / "schema" / "profile.schema.json"
