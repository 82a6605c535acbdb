"""Citations: one style, the owner's name in bold under every variant they published under."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from grantdocs.formats.spec import CitationStyle
from grantdocs.profile.model import Person, Publication
from grantdocs.render.rich import Rich, Segment


@lru_cache(maxsize=4096)
def _norm(name: str) -> str:
    text = unicodedata.normalize("NFC", name).casefold().replace(".", " ")
    return re.sub(r"\s+", " ", text).strip()


def owner_names(person: Person) -> frozenset[str]:
    """Normalised author-list forms of the owner: variants, and family/former name + initials."""
    initials = "".join(part[0] for part in re.split(r"[\s-]+", person.given_names) if part)
    forms = {f"{family} {initials}" for family in (person.family_name, *person.former_names)}
    forms |= set(person.name_variants)
    return frozenset(_norm(f) for f in forms)


def is_owner(author: str, owners: Iterable[str]) -> bool:
    return _norm(author) in set(owners)


def cite(
    pub: Publication,
    style: CitationStyle,
    owners: frozenset[str],
    gettext: Callable[[str], str],
) -> Rich:
    """``Authors (Year). Title. In: Venue Volume(Issue):Pages. Publisher, Place. Link [Open
    Access]``; an edited book's authors are its editors: ``Editors (eds.) (Year). Title. ...``."""
    segs: list[Segment] = []
    segs += _authors(pub.authors, style, owners, gettext)
    if pub.kind == "edited_book":
        segs.append(Segment(f" ({gettext('eds.') if len(pub.authors) > 1 else gettext('ed.')})"))
    segs.append(Segment(f" ({pub.year}). "))
    title = pub.title.rstrip()
    segs.append(Segment(title + ("" if title.endswith(("?", "!", ".")) else ".")))
    venue = _venue(pub, gettext)
    if venue:
        segs.append(Segment(f" {gettext('In:')} "))
        segs.append(Segment(venue, italic=True))
        tail = _numbers(pub)
        segs.append(Segment((f" {tail}" if tail else "") + "."))
    publisher = _publisher(pub)
    if publisher:
        segs.append(Segment(f" {publisher}."))
    if pub.status != "published":
        segs.append(Segment(f" ({gettext(pub.status.replace('_', ' '))})"))
    link = pub.link
    if link:
        shown = f"doi:{pub.doi}" if pub.doi else link
        segs.append(Segment(" "))
        segs.append(Segment(shown, url=link))
    if style.show_open_access and pub.open_access:
        segs.append(Segment(f" [{gettext('Open Access')}]"))
    return Rich(tuple(segs))


def _authors(
    authors: list[str], style: CitationStyle, owners: frozenset[str], gettext: Callable[[str], str]
) -> list[Segment]:
    shown = list(authors)
    cut = style.max_authors is not None and len(authors) > style.max_authors
    if cut:
        shown = authors[: style.et_al_after]
        owner_at = next((i for i, a in enumerate(authors) if _norm(a) in owners), None)
        if owner_at is not None and owner_at >= style.et_al_after:
            shown += ["…", authors[owner_at]]
    segs: list[Segment] = []
    for index, author in enumerate(shown):
        if index:
            last = index == len(shown) - 1 and not cut
            segs.append(Segment(f" {gettext('and')} " if last else ", "))
        segs.append(Segment(author, bold=_norm(author) in owners))
    if cut:
        segs.append(Segment(f" {gettext('et al.')}"))
    return segs


def _venue(pub: Publication, gettext: Callable[[str], str]) -> str:
    venue = pub.venue or ""
    if pub.kind == "preprint" and pub.arxiv:
        return f"{venue} abs/{pub.arxiv}" if venue == "CoRR" else f"arXiv:{pub.arxiv}"
    return venue


def _publisher(pub: Publication) -> str:
    """``Publisher, Place`` of books, edited books and chapters; "" for other kinds."""
    if pub.kind not in ("book", "edited_book", "book_chapter"):
        return ""
    return ", ".join(x for x in (pub.publisher, pub.place) if x)


def _numbers(pub: Publication) -> str:
    text = pub.volume or ""
    if pub.issue:
        text += f"({pub.issue})"
    if pub.pages:
        text += f":{pub.pages}" if text else pub.pages
    return text
