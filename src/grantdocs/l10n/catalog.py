"""The gettext catalogs of grantdocs' labels, loaded lazily and cached per language.

Message ids are the English labels (``"Personal Data"``). The catalogs live in
``l10n/locale/<lang>/LC_MESSAGES/grantdocs.po`` and are compiled to ``.mo`` next to it;
``l10n/locale/grantdocs.pot`` is the extracted template (see CONTRIBUTING.md, "Translations").
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Final, Literal, TypeGuard

from babel.support import Translations

Lang = Literal["de", "en"]
"""An output language that has a catalog."""

SUPPORTED_LANGUAGES: Final[tuple[Lang, ...]] = ("de", "en")
DOMAIN: Final = "grantdocs"
LOCALE_DIR: Final = Path(__file__).parent / "locale"
POT_FILE: Final = LOCALE_DIR / f"{DOMAIN}.pot"


def is_supported(lang: str) -> TypeGuard[Lang]:
    """True if ``lang`` has a catalog."""
    return lang in SUPPORTED_LANGUAGES


def po_file(lang: Lang) -> Path:
    """Path of the editable catalog of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_file(lang: Lang) -> Path:
    """Path of the compiled catalog of ``lang``."""
    return po_file(lang).with_suffix(".mo")


def translations(lang: Lang) -> Translations:
    """The compiled catalog of ``lang``, read on first use and cached.

    Raises ValueError for a language without catalog and FileNotFoundError when the
    ``.mo`` file is missing (a packaging bug: run ``pybabel compile``).
    """
    if not is_supported(lang):
        raise ValueError(f"no catalog for language {lang!r}; supported: {SUPPORTED_LANGUAGES}")
    return _load(lang)


@functools.cache
def _load(lang: Lang) -> Translations:
    loaded = Translations.load(LOCALE_DIR, [lang], DOMAIN)
    if not isinstance(loaded, Translations):
        raise FileNotFoundError(f"compiled catalog missing: {mo_file(lang)}")
    return loaded


def N_(msgid: str) -> str:
    """Mark ``msgid`` for extraction without translating it; returns it unchanged."""
    return msgid
