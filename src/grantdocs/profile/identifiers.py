"""Identifiers as they arrive (resolver links, LaTeX escapes) and their one stored form.

``normalise_doi`` is used both by the importers and by the profile model (a ``BeforeValidator``
on ``Publication.doi``), so a DOI is stored, compared and linked in one form whichever way it
entered the profile.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
"""A DOI: the directory indicator ``10.``, a registrant code, ``/`` and a suffix."""

_DOI = re.compile(DOI_PATTERN)
_URL_WRAPPER = re.compile(r"^\\(?:url|href|doi)\{(.*)\}$", re.DOTALL)
_RESOLVER = re.compile(
    r"^(?:https?://)?(?:www\.|dx\.)?doi\.org/+|^https?://hdl\.handle\.net/+", re.IGNORECASE
)
_DOI_LABEL = re.compile(r"^(?:doi|DOI|Doi)\s*:?\s*(?=10\.)")
_ESCAPE = re.compile(r"\\([_%&#$~{}])")
_TRAILING = ".,;:"
MAX_DOI_INPUT = 2_000
"""Longer text is not read as a DOI (real ones have a few dozen characters)."""


def normalise_doi(value: str) -> str:
    """The DOI in ``value`` in its stored form; ``ValueError`` if ``value`` is not one.

    Strips whitespace, ``\\url{...}``, resolver prefixes (``https://doi.org/``,
    ``http://dx.doi.org/``, ``doi.org/``) and labels (``doi:``, ``DOI ``), undoes LaTeX
    escapes (``\\_``, ``\\%``) and protecting braces, decodes ``%2F``-style escapes of a
    resolver link, and trims punctuation that ends a sentence (``.``, ``,``, ``;``, ``:``) and
    a closing parenthesis that has no opening one. The case is kept: DOIs compare
    case-insensitively (``doi_key``).
    """
    if len(value) > MAX_DOI_INPUT:
        raise ValueError(f"{value[:40]!r}... is not a DOI ({len(value):,} characters)")
    text = " ".join(value.split())
    wrapped = _URL_WRAPPER.match(text)
    if wrapped:
        text = wrapped.group(1).strip()
    text = _ESCAPE.sub(r"\1", text.replace("{", "").replace("}", "")).strip()
    resolver = _RESOLVER.match(text)
    if resolver:
        text = unquote(text[resolver.end() :])
    text = _DOI_LABEL.sub("", text)
    opened, closed = text.count("("), text.count(")")
    while text and (text[-1] in _TRAILING or (text[-1] == ")" and opened < closed)):
        closed -= text[-1] == ")"
        text = text[:-1]
    if not _DOI.match(text):
        shown = value if len(value) <= 80 else value[:77] + "..."
        raise ValueError(
            f"{shown!r} is not a DOI (expected 10.<registrant>/<suffix>, "
            "e.g. 10.1371/journal.pone.0130140)"
        )
    return text


def parse_doi(value: str) -> str | None:
    """``normalise_doi(value)``, or None if ``value`` is not a DOI."""
    try:
        return normalise_doi(value)
    except ValueError:
        return None


def doi_key(doi: str) -> str:
    """The form two DOIs are compared in: DOIs are case-insensitive (ASCII case)."""
    return doi.lower()


def doi_before_validator(value: object) -> object:
    """Pydantic ``BeforeValidator``: a text becomes its stored DOI; anything else is left to
    the type check."""
    return normalise_doi(value) if isinstance(value, str) else value


DOI_IN_URL: tuple[re.Pattern[str], ...] = (
    re.compile(r"^https?://(?:www\.|dx\.)?doi\.org/+(10\..+)$", re.IGNORECASE),
    re.compile(r"^https?://dl\.acm\.org/doi/(?:abs/|pdf/|full/|epdf/|fullHtml/)?(10\.[^?#]+)"),
    re.compile(r"^https?://(?:www\.)?(?:bio|med)rxiv\.org/content/(10\.1101/(?:[\d.]{10}\.)?\d+)"),
    re.compile(r"^https?://link\.springer\.com/(?:article|chapter|book)/(10\.[^?#]+)"),
    re.compile(r"^https?://onlinelibrary\.wiley\.com/doi/(?:abs/|full/|pdf/|epdf/)?(10\.[^?#]+)"),
    re.compile(r"^https?://(?:www\.)?tandfonline\.com/doi/(?:abs/|full/|pdf/)?(10\.[^?#]+)"),
    re.compile(r"^https?://journals\.plos\.org/\w+/article\?id=(10\.[^&#]+)"),
    re.compile(r"^https?://(?:www\.)?pnas\.org/doi/(?:abs/|full/|pdf/)?(10\.[^?#]+)"),
    re.compile(r"^https?://(?:www\.)?science\.org/doi/(?:abs/|full/|pdf/)?(10\.[^?#]+)"),
)
"""Links whose path holds the work's DOI: resolvers and publishers' DOI-based pages."""
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/\w+/(https?://.+)$")


def doi_in_url(url: str) -> str | None:
    """The DOI in a resolver or publisher link (also inside a web.archive.org copy)."""
    archived = _ARCHIVED.match(url)
    if archived:
        url = archived.group(1)
    for pattern in DOI_IN_URL:
        found = pattern.match(url)
        if found:
            return parse_doi(unquote(found.group(1)))
    return None
