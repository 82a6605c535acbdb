"""A publication cited by a CSL style, with what grantdocs adds to every citation.

The text is the CSL processor's, in the CSL locale of the document. Where the format sets
``max_authors``, its rule replaces the style's et-al. rule (lists of more than ``max_authors``
names cut after ``et_al_after``, then the style's "et al."). Where the et-al. rule would cut
the owner's name, the entry is written by the same style with its et-al. options removed
(every name shown), so the owner stays visible. grantdocs adds, in this
order and only these: the entry's number ("[3] ") where the format numbers citations, or
the style is numeric (its own "[1]" of an entry rendered alone is replaced); for a patent,
"Patent EP 3920103 B1 (2024)" where the style prints not its number (the year where the
text has none) and "Inhaber: Robert Bosch GmbH" / "Assignee: ..." (CSL 1.0.2 has no
variable for the assignee, so no style prints it); the status ("(eingereicht)") where the
style does not print the ``status`` variable; the DOI
(else the link) where the style prints neither; "[Open Access]" where the format shows it;
the notes (" – Best paper award") where the format shows them. The owner's names are bold,
URLs and DOIs are links.

Rendered entries are kept for the process, by style file, locale and item, so a second
document citing the same work in the same language does not render it again; and on disk, in
the cache folder of compiled templates, under its trust rule (``usercache``: a private
folder, entries signed with this user's key and read bounded; ``GRANTDOCS_CACHE=off`` turns
it off), one entry named by a hash of the citeproc-py version, the style file's bytes, the
locale and the item, so a new process does not render an unchanged entry again. A missing,
forged, corrupt or unreadable entry is rendered anew; an unusable folder is skipped.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from grantdocs import usercache
from grantdocs.cite.csl_item import csl_item, csl_name
from grantdocs.cite.csl_render import (
    OWNER_START,
    Cut,
    mark_owners,
    owner_spans,
    render_marked,
    to_segments,
)
from grantdocs.cite.no_date import date_or_no_date
from grantdocs.cite.rich import Segment
from grantdocs.formats.citation_styles import (
    citeproc_folder,
    csl_locale,
    is_numeric,
    style_path,
)
from grantdocs.formats.records import CitationStyle
from grantdocs.profile.names import Owners, is_et_al
from grantdocs.profile.records import Publication

_NUMBER_ONE = re.compile("^[\ue010-\ue01f]*\\[?1\\]?\\.?[\ue010-\ue01f]*\\s*")
"""The number a numeric style gives an entry rendered alone ("[1]", "1.")."""
_RENDERED: dict[tuple[str, str, str], str] = {}
"""Rendered entries by style file, locale (``|whole``: every name; ``|cut``: the format's
et-al. rule) and item."""
_MAX_KEPT = 100_000
"""Rendered entries kept per process at most (then the memo starts again)."""
_MAX_ENTRY = 1024 * 1024
"""A cached entry larger than this is not read."""
_FORMAT_VERSION = "grantdocs-csl-2"
"""Changes when what ``render_marked`` writes changes (the marks)."""


def owner_csl_names(pub: Publication, owners: Owners) -> dict[str, str]:
    """The owner's names in ``pub`` as CSL family -> given names."""
    found: dict[str, str] = {}
    for name in (*pub.authors, *pub.editors):
        if is_et_al(name) or name not in owners:
            continue
        csl = csl_name(name)
        if "family" in csl:
            found[csl["family"]] = csl["given"]
    return found


def rendered(
    path: Path, locale: str, item: dict[str, Any], whole_names: bool = False, cut: Cut = None
) -> str:
    """``item`` rendered with marks, from the memo or the disk cache when it was rendered
    before."""
    variant = f"{locale}|whole" if whole_names else locale
    if cut is not None and not whole_names:
        variant += f"|cut {cut[0]} {cut[1]}"
    key = (str(path), variant, json.dumps(item, sort_keys=True, ensure_ascii=False))
    found = _RENDERED.get(key)
    if found is None:
        if len(_RENDERED) >= _MAX_KEPT:
            _RENDERED.clear()
        name = _disk_name(path, variant, key[2])
        found = _disk_load(name)
        if found is None:
            found = render_marked(path, locale, item, whole_names, cut)
            _disk_store(name, found)
        _RENDERED[key] = found
    return found


@lru_cache(maxsize=64)
def _style_digest(path: Path) -> str:
    digest = hashlib.sha256(f"{_FORMAT_VERSION}|{_citeproc_version()}|".encode())
    own = Path(__file__).parent  # grantdocs' corrections and marks: a change renders anew
    for module in ("citeproc_fast.py", "csl_render.py", "csl_compile.py"):
        digest.update((own / module).read_bytes())
    digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _citeproc_version() -> str:
    """citeproc-py's version file, read without importing citeproc-py (and lxml's parser):
    a build whose entries all come from the disk cache never loads the processor."""
    folder = citeproc_folder()
    if folder is None:
        return "citeproc missing"
    try:
        return (folder / "_version.py").read_text(encoding="utf-8")
    except OSError:
        return "citeproc " + folder.as_posix()


def _disk_name(path: Path, locale: str, item_json: str) -> str:
    return usercache.entry_name("csl", _style_digest(path), locale, item_json)


def _disk_load(name: str) -> str | None:
    payload = usercache.load_bytes(name, _MAX_ENTRY)
    if payload is None:
        return None
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _disk_store(name: str, text: str) -> None:
    usercache.store_bytes(name, text.encode("utf-8", "surrogatepass"))


@lru_cache(maxsize=16384)
def _runs(
    marked: str, givens: tuple[tuple[str, str], ...], arxiv: str, arxiv_id: str
) -> tuple[tuple[Segment, ...], str]:
    """The runs of a rendered entry and their text (once per entry and owner)."""
    links = {arxiv: f"https://arxiv.org/abs/{arxiv_id}"} if arxiv else {}
    segments = to_segments(marked, owner_spans(marked, dict(givens)), links)
    return segments, "".join(s.text for s in segments)


def patent_designation(pub: Publication) -> str:
    """'EP 3920103 B1': the office (unless the number starts with it) and the number; ''
    for a patent with neither."""
    number, office = (pub.number or "").strip(), (pub.office or "").strip()
    if office and number.upper().startswith(office.upper()):
        office = ""
    return " ".join(part for part in (office, number) if part)


def _patent(pub: Publication, text: str, gettext: Callable[[str], str]) -> list[Segment]:
    """What a patent's citation lacks of its designation (with the year where the text has
    none) and its assignee (CSL 1.0.2 has no variable for it)."""
    if pub.kind != "patent":
        return []
    added: list[str] = []
    designation = patent_designation(pub)
    folded = text.casefold()
    shown_as = re.escape((pub.number or designation).strip())  # a word, not "us" in "thus"
    if designation and not re.search(f"(?<!\\w){shown_as}(?!\\w)", text, re.IGNORECASE):
        year = getattr(pub, "year", None)
        word = gettext("Patent")
        shown = f"{word} {designation}"
        added.append(f"{shown} ({year})" if year and str(year) not in text else shown)
    if pub.assignee and pub.assignee.casefold() not in folded:
        # Translators: a patent's holder, in a citation: "Assignee: Robert Bosch GmbH"
        label = gettext("Assignee")
        added.append(f"{label}: {pub.assignee}")
    return [Segment(" " + ". ".join(added))] if added else []


def cite_csl(
    pub: Publication,
    style: CitationStyle,
    owners: Owners,
    gettext: Callable[[str], str],
    notes: Sequence[str],
    number: int | None,
    lang: str,
    locale: str | None = None,
) -> tuple[Segment, ...]:
    """``pub`` cited by the CSL style ``style.style`` in ``lang`` (CLDR ``locale``), with
    grantdocs' additions (see the module)."""
    path = style_path(style.style)
    item = date_or_no_date(csl_item(pub, gettext), path, csl_locale(lang, locale))
    givens = owner_csl_names(pub, owners)
    marked_item = mark_owners(item, givens.items())
    cut = None if style.max_authors is None else (style.max_authors + 1, style.et_al_after)
    marked = rendered(path, csl_locale(lang, locale), marked_item, cut=cut)
    if givens and OWNER_START not in marked:  # the style's et-al. rule cut the owner
        marked = rendered(path, csl_locale(lang, locale), marked_item, whole_names=True)
    if is_numeric(path):  # the entry rendered alone is number 1: grantdocs numbers it
        marked = _NUMBER_ONE.sub("", marked, count=1)
        numbered = style.numbered is not False
    else:
        numbered = bool(style.numbered)
    arxiv = f"arXiv:{pub.arxiv}" if pub.arxiv else ""
    runs, text = _runs(marked, tuple(givens.items()), arxiv, pub.arxiv or "")
    segments = list(runs)
    if numbered and number is not None:
        segments.insert(0, Segment(f"[{number}] "))
    segments += _patent(pub, text, gettext)
    status = item.get("status")
    if status and status.casefold() not in text.casefold():
        segments.append(Segment(f" ({status})"))
    if pub.doi and pub.doi.casefold() not in text.casefold():
        if not (pub.link and pub.link in text):
            segments += [Segment(" "), Segment(f"doi:{pub.doi}", url=f"https://doi.org/{pub.doi}")]
    elif (
        not pub.doi
        and pub.link
        and pub.link not in text
        and not (arxiv and arxiv.casefold() in text.casefold())
    ):
        segments += [Segment(" "), Segment(pub.link, url=pub.link)]
    if style.show_open_access and pub.open_access:
        segments.append(Segment(f" [{gettext('Open Access')}]"))
    shown_notes = "; ".join(n for n in notes if n) if style.show_notes else ""
    if shown_notes:
        segments.append(Segment(f" – {shown_notes}"))
    return tuple(segments)
