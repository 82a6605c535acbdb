"""grantdocs: funder CVs, track records and spreadsheets from one validated CV dataset.

The public API is what ``__all__`` names; every module of the package is internal.
Importing ``grantdocs`` is cheap: the API's modules load at first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from grantdocs._version import __version__
from grantdocs.errors import (
    FormatError,
    GrantdocsError,
    Location,
    OutputError,
    Problem,
    ProfileError,
    TemplateError,
    ToolMissingError,
)
from grantdocs.notices import Notice

if TYPE_CHECKING:
    from grantdocs._api import (
        BuildReport,
        BuiltDocument,
        Decision,
        Explanation,
        Failure,
        FormatInfo,
        RenderedDocument,
        SlotExplanation,
        build_documents,
        bundled_profile,
        example_team,
        explain,
        list_formats,
        load_profile,
        render_document,
    )
    from grantdocs.profile.records import Profile

__all__ = [
    "BuildReport",
    "BuiltDocument",
    "Decision",
    "Explanation",
    "Failure",
    "FormatError",
    "FormatInfo",
    "GrantdocsError",
    "Location",
    "Notice",
    "OutputError",
    "Problem",
    "Profile",
    "ProfileError",
    "RenderedDocument",
    "SlotExplanation",
    "TemplateError",
    "ToolMissingError",
    "__version__",
    "build_documents",
    "bundled_profile",
    "example_team",
    "explain",
    "list_formats",
    "load_profile",
    "render_document",
]

_LAZY = {
    "BuildReport",
    "BuiltDocument",
    "Decision",
    "Explanation",
    "Failure",
    "FormatInfo",
    "RenderedDocument",
    "SlotExplanation",
    "build_documents",
    "bundled_profile",
    "example_team",
    "explain",
    "list_formats",
    "load_profile",
    "render_document",
}


def __getattr__(name: str) -> Any:
    """The API's functions and types, imported at first use (the CLI does not need them)."""
    if name in _LAZY:
        # lazy: _api loads only when this runs
        from grantdocs import _api

        return getattr(_api, name)
    if name == "Profile":
        # lazy: profile.records loads only when this runs
        from grantdocs.profile.records import Profile

        return Profile
    raise AttributeError(f"module 'grantdocs' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
