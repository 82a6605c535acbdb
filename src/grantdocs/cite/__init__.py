"""Citations: a named style (data in ``styles/``) applied to one publication, as rich text with
the owner's names in bold, venues in italics and links.

``cite`` is the one entry point; ``styles.py`` describes the style files, ``values.py`` the
fields they may use, ``write.py`` turns a style into runs, ``names.py`` reads, writes and
recognises names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from grantdocs.cite.csl_cite import cite_csl
from grantdocs.cite.rich import Rich
from grantdocs.formats.citation_styles import is_csl
from grantdocs.formats.records import CitationStyle
from grantdocs.profile.names import Owners, is_owner, owner_names
from grantdocs.profile.records import Publication, Text

__all__ = ["Owners", "cite", "is_owner", "owner_names"]


def cite(
    pub: Publication,
    style: CitationStyle,
    owners: Owners,
    gettext: Callable[[str], str],
    *,
    notes: Sequence[str] | None = None,
    number: int | None = None,
    lang: str = "en",
    locale: str | None = None,
) -> Rich:
    """``pub`` cited in the format's named style with its options.

    ``gettext`` translates the style's words into the document's language. ``notes`` are the
    entry's notes in that language (None: taken from ``pub.notes`` in ``lang``, else English);
    they are shown only if the format's ``show_notes`` is on. ``number`` is the entry's
    position in its list, shown where the style or the format's ``numbered`` asks for it.
    A CSL style (a bundled CSL id or a ``.csl`` file) is rendered in the CSL locale of
    ``lang`` and ``locale`` (the document's CLDR locale, 'de_DE') by ``csl_cite``.
    """
    if is_csl(style.style):
        shown = [_note(n, lang) for n in pub.notes] if notes is None else list(notes)
        return Rich(cite_csl(pub, style, owners, gettext, shown, number, lang, locale))
    # lazy: cite.styles (its pydantic models), cite.values, cite.write load only for a
    # YAML style; a build citing in CSL styles alone does not build those classes
    from grantdocs.cite.styles import load_style
    from grantdocs.cite.values import Item
    from grantdocs.cite.write import Context, write

    data = load_style(style.style)
    numbered = data.numbered if style.numbered is None else style.numbered
    shown_notes = [_note(n, lang) for n in pub.notes] if notes is None else list(notes)
    item = Item(pub, style, shown_notes, number, numbered, lang)
    ctx = Context(data, item, owners, gettext, lang)
    return Rich(write(data, pub.kind, ctx))


def _note(value: Text, lang: str) -> str:
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")
