"""The localizer of one document: a format's language (or two), its locale, its catalogs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from grantdocs.errors import FormatError
from grantdocs.formats.records import FormatSpec
from grantdocs.l10n.catalog import has_catalog, package_languages
from grantdocs.l10n.formatting import BilingualLocalizer, Localizer


def localizer_for(
    spec: FormatSpec, code: str, second: str | None = None, locale_dirs: Sequence[Path] = ()
) -> Localizer | BilingualLocalizer:
    """The localizer for ``spec`` in language ``code`` (with ``second``: a bilingual one).

    ``locale_dirs`` are the format's own catalog folders (``<format folder>/locale``),
    whose messages override the package's. Raises FormatError when the format does not
    declare a language, has no bilingual version, or no catalog exists for a language.
    """
    for lang in filter(None, (code, second)):
        if lang not in spec.languages:
            raise FormatError(
                f"format {spec.id!r} is not available in {lang!r}; it supports: "
                + ", ".join(spec.languages)
            )
        if not has_catalog(lang, locale_dirs):
            raise FormatError(
                f"no catalog for {lang!r}: the package has "
                + ", ".join(package_languages())
                + f"; add locale/{lang}/LC_MESSAGES/grantdocs.po beside the format's format.yaml"
            )
    if second and not spec.bilingual:
        raise FormatError(f"format {spec.id!r} has no bilingual version")
    dirs = tuple(locale_dirs)
    try:
        primary = Localizer(code, spec.locales.get(code, ""), locale_dirs=dirs)
        if second:
            other = Localizer(second, spec.locales.get(second, ""), locale_dirs=dirs)
            return BilingualLocalizer(primary, other)
    except ValueError as exc:
        raise FormatError(f"format {spec.id!r}: {exc}") from None
    return primary
