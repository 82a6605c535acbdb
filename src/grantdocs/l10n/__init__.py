"""Localisation: translated labels (gettext catalogs) and babel formatting of dates and numbers."""

from grantdocs.l10n.catalog import SUPPORTED_LANGUAGES, Lang, translations
from grantdocs.l10n.formatting import (
    BilingualLocalizer,
    DateStyle,
    Localizer,
    LocalizerLike,
    OpenStyle,
)

__all__ = [
    "SUPPORTED_LANGUAGES",
    "BilingualLocalizer",
    "DateStyle",
    "Lang",
    "Localizer",
    "LocalizerLike",
    "OpenStyle",
    "translations",
]
