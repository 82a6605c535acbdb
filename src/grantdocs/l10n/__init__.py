"""Localisation: translated labels (gettext catalogs) and babel formatting of dates and numbers."""

from grantdocs.l10n.catalog import SUPPORTED_LANGUAGES, Lang, translations
from grantdocs.l10n.formatting import BilingualLocalizer, DateStyle, Localizer, OpenStyle

__all__ = [
    "SUPPORTED_LANGUAGES",
    "BilingualLocalizer",
    "DateStyle",
    "Lang",
    "Localizer",
    "OpenStyle",
    "translations",
]
