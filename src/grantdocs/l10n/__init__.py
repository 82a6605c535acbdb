"""Localisation: translated labels (gettext catalogs) and babel formatting of dates and numbers."""

from grantdocs.l10n.catalog import has_catalog, package_languages, translations
from grantdocs.l10n.formatting import (
    BilingualLocalizer,
    DateStyle,
    Localizer,
    LocalizerLike,
    OpenStyle,
    resolve_locale,
)

__all__ = [
    "BilingualLocalizer",
    "DateStyle",
    "Localizer",
    "LocalizerLike",
    "OpenStyle",
    "has_catalog",
    "package_languages",
    "resolve_locale",
    "translations",
]
