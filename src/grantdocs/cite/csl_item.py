"""A publication as a CSL-JSON item: the one mapping from grantdocs' kinds, statuses and fields
to the Citation Style Language's item types and variables.

Kinds map to CSL types by ``CSL_TYPES``; a kind the table does not name (one added to the
model later) is cited as ``document``. Names become ``{"family", "given"}`` where
``parse_name`` recognises them, else ``{"literal"}``; a final "et al." is left out (CSL has no
open name list; the style's own et-al. rule applies). Works whose kind is edited (edited
books, proceedings volumes, special issues) without separate editors have their authors as
editors; where their authors are their editors (the BibTeX import lists an edited book's
editors in both), the names are given once, as editors. ``status`` is the status in the
document's language (``status_text``); a published work has none. Private-use characters
(U+E000-U+F8FF) are removed from every value: the renderer uses them as marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from grantdocs.cite.rich import RESERVED_MARKS
from grantdocs.l10n.catalog import N_
from grantdocs.profile.names import is_et_al, parse_name
from grantdocs.profile.records import EDITED_KINDS, Publication

CSL_TYPES: Mapping[str, str] = {
    "journal_article": "article-journal",
    "conference_paper": "paper-conference",
    "workshop_paper": "paper-conference",
    "preprint": "article",
    "book": "book",
    "edited_book": "book",
    "proceedings": "book",
    "book_chapter": "chapter",
    "book_review": "review-book",
    "thesis": "thesis",
    "patent": "patent",
    "software": "software",
    "dataset": "dataset",
    "report": "report",
    "working_paper": "report",
    "manuscript": "manuscript",
    "special_issue": "periodical",
    "presentation": "speech",
    "blog_post": "post-weblog",
    "other": "document",
}
"""grantdocs' publication kind -> CSL item type. A working paper is a CSL ``report`` with the
genre "Working Paper" (as Zotero and citeproc-js cite them), a preprint an ``article``."""

STATUS_MSGIDS: Mapping[str, str] = {
    "accepted": N_("in press"),
    "in_press": N_("in press"),
    "submitted": N_("submitted"),
    "under_review": N_("under review"),
    "in_preparation": N_("in preparation"),
}
"""Status -> the words cited (a gettext msgid); a published work has no status text."""

THESIS_GENRES: Mapping[str, str] = {
    "phd": N_("PhD thesis"),
    "master": N_("Master's thesis"),
    "bachelor": N_("Bachelor's thesis"),
    "diploma": N_("Diploma thesis"),
    "habilitation": N_("Habilitation thesis"),
}
"""Thesis type -> its CSL genre (a gettext msgid)."""

_VENUE_VARIABLE: Mapping[str, str] = {
    "book": "collection-title",
    "edited_book": "collection-title",
    "proceedings": "collection-title",
    "thesis": "publisher",
    "report": "publisher",
    "working_paper": "publisher",
    "preprint": "publisher",
    "software": "publisher",
    "dataset": "publisher",
    "presentation": "event",
}
"""Kinds whose ``venue`` is not the container: a book's series, a thesis' or report's
institution, a preprint's server, a talk's event."""

_PRIVATE_USE = re.compile(f"[{RESERVED_MARKS}]")


def clean(value: str) -> str:
    """``value`` without the renderer's marks (reserved private-use characters) and outer
    spaces."""
    return _PRIVATE_USE.sub("", value).strip()


def csl_name(printed: str) -> dict[str, str]:
    """One name as CSL-JSON: family and given names where recognised, else a literal."""
    name = parse_name(clean(printed))
    if not name.parsed or not name.given:
        return {"literal": clean(name.original)}
    given = " ".join(
        "-".join(f"{part}." if len(part) == 1 else part for part in names) for names in name.given
    )
    return {"family": clean(name.family), "given": given}


def csl_names(printed: list[str]) -> list[dict[str, str]]:
    """A name list as CSL-JSON, a final "et al." left out."""
    return [csl_name(n) for n in printed if not is_et_al(n)]


def csl_type(kind: str) -> str:
    """The CSL item type of ``kind``."""
    return CSL_TYPES.get(kind, "document")


def status_text(status: str, gettext: Callable[[str], str]) -> str:
    """The words a citation shows for ``status`` ("" when published)."""
    msgid = STATUS_MSGIDS.get(status)
    return gettext(msgid) if msgid else ""


def csl_item(
    pub: Publication, gettext: Callable[[str], str], item_id: str = "item"
) -> dict[str, Any]:
    """``pub`` as one CSL-JSON item with id ``item_id``; ``gettext`` words its status and
    thesis genre in the document's language."""
    kind = str(pub.kind)
    item: dict[str, Any] = {"id": item_id, "type": csl_type(kind), "title": clean(pub.title)}
    authors, editors = csl_names(pub.authors), csl_names(pub.editors)
    if kind in EDITED_KINDS and (not editors or editors == authors):
        editors, authors = editors or authors, []  # an importer may have copied them over
    if authors:
        item["author"] = authors
    if editors:
        item["editor"] = editors
    issued = pub.when().start
    if issued is not None:  # without it, the style prints its "no date" term (no_date)
        date = [issued.year] if issued.month is None else [issued.year, issued.month]
        item["issued"] = {"date-parts": [date]}
    text = _texts(pub)
    venue = clean(pub.venue or "")
    if venue:
        item[_VENUE_VARIABLE.get(kind, "container-title")] = venue
    if pub.arxiv:  # as Zotero exports an arXiv preprint: repository and its number
        item["publisher" if kind == "preprint" else "archive"] = "arXiv"
        item["number"] = f"arXiv:{clean(pub.arxiv)}"
        if kind == "preprint":
            item.pop("container-title", None)
    for key, value in text.items():
        if value and key not in item:
            item[key] = value
    if pub.doi:
        item["DOI"] = clean(pub.doi)
    elif pub.url or (pub.link and not pub.arxiv):  # an arXiv id is its own link: once
        item["URL"] = clean(pub.url or pub.link or "")
    if pub.isbn:
        item["ISBN"] = clean(pub.isbn[0])
    status = status_text(str(pub.status), gettext)
    if status:
        item["status"] = status
    if kind == "thesis" and pub.thesis_type:
        item["genre"] = gettext(THESIS_GENRES[pub.thesis_type])
    if kind == "working_paper" and "genre" not in item:
        item["genre"] = "Working Paper"
    return item


def _texts(pub: Publication) -> dict[str, str]:
    """The plain text variables, those the model may not have yet read as absent."""

    def get(name: str) -> str:
        value = getattr(pub, name, None)
        return clean(str(value)) if value not in (None, "") else ""

    return {
        "publisher": get("publisher") or get("institution"),
        "publisher-place": get("place"),
        "volume": get("volume"),
        "issue": get("issue"),
        "page": get("pages"),
        "number": get("number"),
        "version": get("version"),
        "authority": get("office"),
        "collection-title": get("series"),
        "collection-number": get("series_number"),
        "archive": get("repository"),
        "genre": get("genre"),
        "edition": get("edition"),
        "event": get("event"),  # CSL 1.0.1's name, read by citeproc-py 0.11 (1.0.2: event-title)
        "language": get("language"),
    }
