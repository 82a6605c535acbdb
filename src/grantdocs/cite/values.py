"""The fields a citation style may use: each a value of one publication, as runs of text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from msgspec import Struct

from grantdocs.cite.no_date import no_date_for
from grantdocs.formats.records import CitationStyle
from grantdocs.l10n.formatting import Localizer
from grantdocs.profile.dates import PartialDate
from grantdocs.profile.records import Publication

Run = tuple[str, bool, bool, str | None]
"""One run of text while a citation is written: text, bold, italic, link (``Segment``'s
fields, as a plain tuple)."""
Runs = tuple[Run, ...]


class Item(Struct, frozen=True):
    """What a field is computed from: the publication, the format's options, and what the
    document adds (its localised notes, the entry's number)."""

    pub: Publication
    options: CitationStyle
    notes: Sequence[str]
    number: int | None
    numbered: bool
    lang: str = "en"


Field = Callable[[Item], Runs]


def _text(value: str | None) -> Runs:
    return ((value, False, False, None),) if value else ()


def _link(shown: str | None, url: str | None) -> Runs:
    return ((shown, False, False, url),) if shown and url else ()


def _eprint(item: Item) -> Runs:
    """ "arXiv:2508.21380", or "CoRR abs/2508.21380" where the venue is DBLP's CoRR."""
    pub = item.pub
    if not pub.arxiv:
        return ()
    return _text(f"CoRR abs/{pub.arxiv}" if pub.venue == "CoRR" else f"arXiv:{pub.arxiv}")


def _link_field(item: Item) -> Runs:
    """The DOI as "doi:10...", else the URL, else the arXiv or OpenReview page; linked."""
    pub = item.pub
    return _link(f"doi:{pub.doi}" if pub.doi else pub.link, pub.link)


def _repository(item: Item) -> Runs:
    """The first code URL (else the URL) that the ``link`` field does not show already."""
    pub = item.pub
    for url in (*pub.code_urls, pub.url):
        if url and url != pub.link:
            return _link(url, url)
    return ()


@lru_cache(maxsize=16)
def _dates(lang: str) -> Callable[[PartialDate], str] | None:
    try:
        return Localizer(lang).date
    except ValueError:  # a language whose catalog lives with a format: years only
        return None


def _year(item: Item) -> Runs:
    """The year; the CSL locale's "no date" term ("o. J.", "n.d.") for a work without one."""
    issued = item.pub.when().start
    return _text(str(issued.year) if issued is not None else no_date_for(item.lang))


def _date(item: Item) -> Runs:
    """ "March 2021" / "März 2021" where the month is known, else the year."""
    issued = item.pub.when().start
    if issued is None or issued.month is None:
        return _year(item)
    dates = _dates(item.lang)
    return _text(dates(issued)) if dates is not None else _year(item)


def _number_in_list(item: Item) -> Runs:
    if not item.numbered or item.number is None:
        return ()
    return _text(str(item.number))


NAME_FIELDS = ("authors", "editors")
"""Fields that are name lists; the interpreter writes them in the style's name form."""

FIELDS: dict[str, Field] = {
    "authors": lambda i: (),  # written by the interpreter
    "editors": lambda i: (),
    "year": _year,
    "date": _date,
    "title": lambda i: _text(i.pub.title.rstrip()),
    "venue": lambda i: _text(i.pub.venue),
    "eprint": _eprint,
    "volume": lambda i: _text(i.pub.volume),
    "issue": lambda i: _text(i.pub.issue),
    "pages": lambda i: _text(i.pub.pages),
    "publisher": lambda i: _text(i.pub.publisher),
    "place": lambda i: _text(i.pub.place),
    "institution": lambda i: _text(i.pub.institution),
    "number": lambda i: _text(i.pub.number),
    "version": lambda i: _text(i.pub.version),
    "office": lambda i: _text(i.pub.office),
    "isbn": lambda i: _text(", ".join(i.pub.isbn)),
    "kind": lambda i: _text(i.pub.kind),
    "status": lambda i: _text(i.pub.status),
    "thesis_type": lambda i: _text(i.pub.thesis_type),
    "open_access": lambda i: _text(i.pub.open_access if i.options.show_open_access else None),
    "notes": lambda i: _text("; ".join(n for n in i.notes if n) if i.options.show_notes else ""),
    "link": _link_field,
    "link_url": lambda i: _link(i.pub.link, i.pub.link),
    "doi": lambda i: _link(f"doi:{i.pub.doi}", f"https://doi.org/{i.pub.doi}") if i.pub.doi else (),
    "url": lambda i: _link(i.pub.url, i.pub.url),
    "repository": _repository,
    "number_in_list": _number_in_list,
}
"""Every field a style may name. ``status``, ``kind`` and ``thesis_type`` give the model's
code ("in_preparation", "phd") for ``switch``; ``link`` shows a DOI as "doi:10...",
``link_url`` as its https://doi.org/ address; ``open_access`` and ``notes`` are empty unless
the format's ``show_open_access`` / ``show_notes`` is on; ``number_in_list`` is the entry's
number in a numbered citation."""
