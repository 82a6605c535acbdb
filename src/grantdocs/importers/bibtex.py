"""BibTeX import: bibtexparser v2 splits the file into blocks; each entry becomes a profile
publication here (its field values come from ``bibtex_values``).

Author lists are split into name parts *before* LaTeX is decoded (so ``{Corporate Name}``
stays one name) and markers of equal contribution or affiliation are removed from names.
Identifiers (DOI, URL, eprint) are taken before decoding could eat a ``%`` or ``~``. The kind
comes from the entry type, or from the venue (``venues``) where the type does not say it.
Import time grows linearly with the file.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ImplicitComment,
    ParsingFailedBlock,
    String,
)
from msgspec import Struct

from grantdocs.errors import ImportFileError, Location
from grantdocs.importers.bibtex_values import (
    EXPANSION_FACTOR,
    MAX_VALUE,
    EntryReader,
    Expander,
    inherit_crossref,
    line_of,
    note_repeats,
    read_fields,
    shown,
)
from grantdocs.importers.latex import decode
from grantdocs.importers.records import (
    UNDATED_NOTE,
    ImportResult,
    Record,
    compact,
    repository_name,
    store_citation_fields,
    thesis_type,
)
from grantdocs.importers.review import OWNER_MARK
from grantdocs.importers.status import STATUS_FIELDS, StatusFinding, read_status
from grantdocs.importers.text import (
    clean,
    first_significant_word,
    match_key,
    normalise_pages,
    parse_arxiv,
    parse_month,
    parse_url,
    parse_year,
    selected_value,
    short_name,
    strip_name_markers,
)
from grantdocs.importers.venues import classify, introduced_venue, strip_introduction
from grantdocs.importers.worksources import (
    PATENT_TEXT,
    WORKING_PAPER_REPOSITORIES,
    patent_office,
    repository,
)
from grantdocs.profile.identifiers import doi_in_url, doi_key, parse_doi
from grantdocs.profile.records import EDITED_KINDS

FORMAT = "BibTeX"

_KINDS = {
    "article": "journal_article",
    "inproceedings": "conference_paper",
    "conference": "conference_paper",
    "incollection": "book_chapter",
    "inbook": "book_chapter",
    "book": "book",
    "mvbook": "book",
    "proceedings": "proceedings",
    "collection": "edited_book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "patent": "patent",
    "software": "software",
    "dataset": "dataset",
    "data": "dataset",
    "misc": "other",
    "online": "other",
    "electronic": "other",
    "unpublished": "manuscript",
    "review": "book_review",
    "workingpaper": "working_paper",
    "periodical": "special_issue",
    "manual": "other",
    "booklet": "other",
    "preprint": "preprint",
}
USED_FIELDS = frozenset(
    [
        "author",
        "editor",
        "title",
        "journal",
        "journaltitle",
        "booktitle",
        "eventtitle",
        "venue",
        "_venue",
        "series",
        "publisher",
        "organization",
        "address",
        "location",
        "school",
        "institution",
        "howpublished",
        "type",
        "year",
        "date",
        "month",
        "volume",
        "number",
        "issue",
        "pages",
        "doi",
        "url",
        "html",
        "pdf",
        "eprint",
        "arxiv",
        "archiveprefix",
        "eprinttype",
        "openreview",
        "codeurl",
        "code",
        "github",
        "isbn",
        "pubstate",
        "note",
        "selected",
        "version",
        "abbr",
        "crossref",
        "status",
        "annote",
        "annotation",
        "keywords",
        "website",
        "page",
        "arxiv-id",
        "assignee",
        "holder",
        "country",
        "nationality",
        "edition",
        "issuetitle",
    ]
)
"""Fields read from an entry; every other field is counted and ignored. ``note`` is read for
a status ("to appear") or a venue ("In ICML 2021"), never copied."""

VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "eventtitle", "venue", "_venue")
"""Fields that name a venue, in the order they are tried; then ``howpublished`` and a note."""
CODE_FIELDS = ("codeurl", "code", "github")
"""Fields with a link to the work's code (``github = {user/repo}`` is read as a GitHub link)."""
LINK_FIELDS = ("url", "html", "website", "pdf")
"""Fields tried, in order, for the work's web link."""

_LEADING_COMMAND = re.compile(r"(\s(?:and|AND|And)\s+)\\")
_ENTRY_HEAD = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s]*)")
_JOURNAL_PROCEEDINGS = re.compile(r"^\s*(?:Proceedings|Proc\.)\s+in\b", re.IGNORECASE)
"""An @article journal named 'Proceedings in ...' (PAMM) is a journal, not a conference."""
_ANCHOR = re.compile(r"<a\s[^>]{0,200}?href\s*=\s*[\"']([^\"'>]{1,2000})", re.IGNORECASE)
_RESOLVER_LINK = re.compile(r"^https?://(?:www\.|dx\.)?doi\.org/", re.IGNORECASE)
_GITHUB_REPO = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_OPENREVIEW = re.compile(r"(?:openreview\.net/(?:forum|pdf)\?id=)?([A-Za-z0-9_-]{6,})$")
_REPORT_IN_INSTITUTION = re.compile(
    r"^\s*(?:technical\s+report|tech(?:nical)?\.?\s*rep(?:ort)?\.?|TR)\s+"
    r"([\w./-]*\d[\w./-]*)\s*,\s*(\S.*)$",
    re.IGNORECASE,
)
_THESIS_TYPES = {"phdthesis": "phd", "mastersthesis": "master"}
_PATENT_OFFICES = {
    f"patent{code.lower()}": code for code in ("US", "EP", "DE", "GB", "FR", "JP", "WO")
} | {"patentuk": "GB", "patenteu": "EP"}
_MISC_TYPES = frozenset({"misc", "online", "electronic", "unpublished", "preprint", "manual",
                         "booklet", "workingpaper"})  # fmt: skip
_BOOK_REVIEW_TITLE = re.compile(
    r"^\s*(?:Rezension|Besprechung|Buchbesprechung|Book\s+review)\b|^\s*Review\s+of\s+\\emph\{",
    re.IGNORECASE,
)
"""A title that says the work reviews a book: 'Rezension von \\emph{...}', 'Book review: ...'."""
_WORKING_PAPER_TYPE = re.compile(r"\b(?:working|discussion)\s+paper\b|\barbeitspapier", re.I)
_SERIES_KINDS = ("book", "edited_book", "proceedings", "book_chapter")
"""Kinds whose ``series`` is a book series, and ``volume`` its number there."""


@contextmanager
def _quiet_parser() -> Iterator[None]:
    """bibtexparser logs each syntax error; this importer reports them itself."""
    logger = logging.getLogger("bibtexparser")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


def _split(text: str, display: str) -> Library:
    """The file's blocks; no middleware runs (each entry's used fields are read here)."""
    with _quiet_parser():
        try:
            return parse_string(text, parse_stack=[])
        except Exception as exc:  # bibtexparser raises on states it cannot recover from
            raise ImportFileError(f"{display}: bibtexparser cannot read this file: {exc}") from None


def read_bibtex(text: str, display: str) -> ImportResult:
    """Read a BibTeX file's text; every entry becomes a record or a reported skip."""
    result = ImportResult(display, FORMAT)
    library = _split(text, display)
    expander = Expander(library.strings, max(8_000_000, EXPANSION_FACTOR * len(text)), display)
    first_lines = {e.key: line_of(e.start_line) for e in library.entries}
    targets = {e.key.lower(): e for e in library.entries}
    blocks = library.blocks
    for number, block in enumerate(blocks):
        where = Location(display, line_of(block.start_line), 1)
        if isinstance(block, Entry):
            _convert(block, where, result, expander, targets)
        elif isinstance(block, DuplicateBlockKeyBlock) and isinstance(
            block.ignore_error_block, String
        ):
            first = line_of(block.previous_block.start_line)
            result.notes.append(
                f"line {where.line}: @string {block.key!r} is defined again; "
                f"the first definition (line {first}) is used"
            )
        elif isinstance(block, DuplicateBlockKeyBlock) and isinstance(
            block.ignore_error_block, Entry
        ):
            before = len(result.records)
            _convert(block.ignore_error_block, where, result, expander, targets)
            if len(result.records) > before:
                first = first_lines.get(block.key, 0)
                result.records[-1].warnings.append(
                    f"citation key {block.key!r} is also used at line {first}; "
                    "read as its own entry"
                )
        elif isinstance(block, DuplicateFieldKeyBlock) and isinstance(
            block.ignore_error_block, Entry
        ):
            _convert(block.ignore_error_block, where, result, expander, targets)
        elif isinstance(block, ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", None) or str(block.error)
            result.skip(where, _label_of_raw(block.raw), f"syntax error: {clean(reason)}")
        elif isinstance(block, ImplicitComment):
            following = blocks[number + 1] if number + 1 < len(blocks) else None
            _stray_at(block, display, result, following)
    _redefined_strings(library, result)
    if result.ignored_fields:
        shown = ", ".join(f"{k} ×{n}" for k, n in sorted(result.ignored_fields.items()))
        result.notes.append(f"fields ignored (not part of a profile entry): {shown}")
    return result


def _redefined_strings(library: Library, result: ImportResult) -> None:
    """Macros defined again in other case: BibTeX, and this reader, use the later one."""
    seen: dict[str, String] = {}
    for string in library.strings:
        first = seen.get(string.key.lower())
        if first is not None and first.value != string.value:
            result.notes.append(
                f"line {line_of(string.start_line)}: @string {string.key!r} redefines "
                f"{first.key!r} (line {line_of(first.start_line)}); the later definition is used"
            )
        seen[string.key.lower()] = string


def _label_of_raw(raw: str | None) -> str:
    m = _ENTRY_HEAD.search((raw or "")[:500])
    if m is None:
        return "entry"
    return f"@{m.group(1).lower()}{{{m.group(2)}}}" if m.group(2) else f"@{m.group(1).lower()}"


def _stray_at(
    block: ImplicitComment, display: str, result: ImportResult, following: object
) -> None:
    """Text outside entries that starts with ``@`` is a broken entry, not a comment; an ``@``
    doubled right before an entry (``@@inproceedings{``) is noted, and the entry read."""
    lines = block.comment.splitlines()
    for offset, line in enumerate(lines):
        if line.lstrip().startswith("@"):
            where = Location(display, line_of(block.start_line) + offset, 1)
            next_line = line_of(getattr(following, "start_line", None))
            if offset == len(lines) - 1 and set(line.strip()) == {"@"} and next_line == where.line:
                result.notes.append(
                    f"line {where.line}: '@' doubled before an entry: the entry is read"
                )
                continue
            text = line.strip()
            shown = text if len(text) <= 30 else text[:27] + "..."
            result.skip(where, "stray '@'", f"{shown!r} is not a complete entry")


def _people(
    raw: str | None, warnings: list[str], notes: list[str], role: str
) -> tuple[list[str], str]:
    """Short author forms and the first person's family name (for the id)."""
    if raw is None:
        return [], ""
    raw = _LEADING_COMMAND.sub(r"\1{}\\", raw)
    names: list[str] = []
    first_family = ""
    persons = split_multiple_persons_names(raw)
    _check_name_list(persons, warnings, role)
    marked: list[str] = []
    for index, person in enumerate(persons):
        person = person.strip().rstrip(",").strip()  # 'Torralba-Agell, Adrià, and ...'
        try:
            parts = parse_single_name_into_parts(person)
        except InvalidNameError:
            written = strip_name_markers(clean(decode(person)))
            if written:
                names.append(written)
                words = written.split(",")[0].split() or [written]
                first_family = first_family or words[-1]
                warnings.append(
                    f"{role} {shown(written)} cannot be split into name parts: kept as written"
                )
            continue
        decoded = [
            [clean(decode(p)) for p in part]
            for part in (parts.first, parts.von, parts.last, parts.jr)
        ]
        stripped = [[strip_name_markers(p) for p in part] for part in decoded]
        if stripped != decoded:
            marked.append(clean(" ".join(" ".join(p) for p in decoded)))
        first, von, last, jr = (clean(" ".join(p for p in part if p)) for part in stripped)
        if not (last or first):
            continue
        if last.lower() == "others" and not (first or von or jr):
            if index == len(persons) - 1:
                names.append("et al.")
                warnings.append(
                    f"{role} list ends in 'and others': stored as 'et al.'; complete it by hand"
                )
            else:
                warnings.append(f"'others' in the middle of the {role} list left out")
            continue
        if not first and not von and not jr:
            names.append(last)  # a corporate name ({Deutsche Forschungsgemeinschaft}) or one word
            family = first_significant_word(last) or last
        else:
            names.append(short_name(last or first, first if last else "", von, jr))
            family = last or first
        if not first_family:
            first_family = family
    if marked:
        notes.append(
            f"{role} markers (equal contribution, affiliation) removed: "
            + ", ".join(shown(m, 40) for m in marked[:5])
            + (f" and {len(marked) - 5} more" if len(marked) > 5 else "")
        )
    return names, first_family


def _check_name_list(persons: list[str], warnings: list[str], role: str) -> None:
    """Warn of a name list that was probably typed wrong: a doubled comma ('Doe,, Jane'),
    or 'Family, Given' names beside one-word names ('Roe, Ann and Poe and Zoé and Moe, Sam':
    an 'and' where a comma belongs)."""
    for person in persons:
        if re.search(r",\s*,", person):
            warnings.append(
                f"field {role}: {shown(clean(decode(person)))} has a doubled comma; check the name"
            )
    named = [p.strip() for p in persons if p.strip() and p.strip().lower() != "others"]
    single = [p for p in named if "," not in p and " " not in p and "~" not in p]
    if single and len(single) < len(named) and any("," in p for p in named):
        shown_names = ", ".join(shown(clean(decode(p)), 30) for p in single[:3])
        warnings.append(
            f"field {role}: 'Family, Given' names stand beside one-word names ({shown_names}); "
            "an 'and' may stand where a comma belongs: check the list"
        )


def _arxiv(reader: EntryReader) -> str | None:
    """The arXiv id: the eprint if its archive is arXiv (or not given), an ``arxiv`` field,
    else found in the URL, the venue or the note, or DBLP's CoRR volume ``abs/2106.13200``."""
    for key in ("arxiv-id",):  # DBLP
        found = parse_arxiv(reader.verbatim(key) or "")
        if found:
            return found
    archive = (reader.verbatim("archiveprefix") or reader.verbatim("eprinttype") or "").lower()
    eprint = reader.verbatim("eprint")
    if eprint and archive in ("arxiv", ""):
        found = parse_arxiv(eprint)
        if found:
            return found
    for text in (
        reader.verbatim("arxiv"),
        reader.verbatim("url"),
        reader.text("journal", "journaltitle"),
        reader.text("howpublished"),
        reader.text("note"),
    ):
        if text and ("arxiv" in text.lower() or text is reader.verbatim("arxiv")):
            found = parse_arxiv(text)
            if found:
                return found
    volume = reader.text("volume") or ""
    if volume.lower().startswith("abs/"):
        return parse_arxiv(volume)
    return None


class _Kind(Struct):
    kind: str
    venue: str | None
    note: str | None = None
    warning: str | None = None
    number: str | None = None
    """A patent's number, where a venue or note gave it ('US Patent App. 19/012,313')."""
    under_review: bool = False
    """The venue says the work is under review ('US Patent, Under Review,')."""


def _refine_kind(found: _Kind, reader: EntryReader) -> None:
    """What the title or a venue says beyond the entry type: a book review ('Rezension von
    ...'), a patent ('EP Patent EP4296898A1' as booktitle, 'US Patent App. ...' as note)."""
    if found.kind in ("journal_article", "other", "manuscript") and _BOOK_REVIEW_TITLE.search(
        reader.raw("title") or ""
    ):
        found.kind = "book_review"
        found.note = f"kind book_review: title {shown(reader.text('title') or '')}"
        return
    if found.kind == "patent":
        return
    if found.kind == "report" and _WORKING_PAPER_TYPE.search(reader.text("type") or ""):
        found.kind = "working_paper"
        found.note = f"kind working_paper: type {shown(reader.text('type') or '')}"
        return
    if found.kind in ("journal_article", "other", "manuscript") and re.fullmatch(
        r"\s*preprint\s*", reader.text("type") or ""
    ):
        found.kind, found.note = "preprint", "kind preprint: type 'preprint'"
        if found.venue is None and (reader.text("journal") or "").lower().startswith("arxiv"):
            found.venue = "arXiv"
        return
    for key in ("journal", "booktitle", "howpublished", "note", "type"):
        text = reader.text(key)
        match = PATENT_TEXT.match(text) if text else None
        if match:
            found.kind, found.venue = "patent", None
            found.number = clean(match.group("number") or "").rstrip(",.") or None
            found.under_review = (match.group("state") or "").lower().startswith("under")
            found.note = f"kind patent: {key} {shown(text or '')}"
            return


def _kind_from_status(found: _Kind, finding: StatusFinding, kind: str, notes: list[str]) -> str:
    """The kind a status code names (al-folio ``wp``: a working paper), where the entry type
    left it open; an unpublished work without venue under review is a manuscript."""
    if finding.kind and kind in ("other", "manuscript", "report"):
        notes.append(f"kind {finding.kind}: status code {shown(finding.text or '')}")
        return finding.kind
    if kind == "other" and found.venue is None and finding.status in ("under_review", "submitted"):
        notes.append(f"kind manuscript: {finding.status.replace('_', ' ')}, no venue")
        return "manuscript"
    return kind


def _venue_candidates(reader: EntryReader, keys: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """``(field, venue)`` for each field of ``keys`` that holds a venue (not a link)."""
    for key in keys:
        text = reader.text(key)
        if not text:
            continue
        venue = introduced_venue(text) if key == "note" else strip_introduction(text)
        if venue and not parse_url(venue) and not venue.lower().startswith("\\url"):
            yield key, venue


def _from_custom_venue(reader: EntryReader, arxiv: str | None, fallback: _Kind) -> _Kind:
    """The kind of an entry whose type does not say it, from the first venue that does."""
    preprint_venue: tuple[str, str] | None = None
    keys = (*VENUE_FIELDS, "howpublished", "note", "abbr")
    for key, venue in _venue_candidates(reader, keys):
        found = classify(venue)
        if found is None and key in ("journal", "journaltitle"):
            found = "journal_article"
        elif found is None and key in ("booktitle", "eventtitle"):
            found = "conference_paper"
        if found == "talk":
            return _Kind("other", venue, None, (
                f"{key} {shown(venue)} looks like an interview or a broadcast, not a "
                "publication: move it to talks, or delete it"
            ))  # fmt: skip
        if found in ("book_review", "presentation", "blog_post"):
            return _Kind(found, venue, f"kind {found}: {key} {shown(venue)}")
        if found == "preprint":
            preprint_venue = preprint_venue or (key, venue)
        elif found is not None:
            return _Kind(found, venue, f"kind {found}: venue {shown(venue)} in field {key}")
    if arxiv or preprint_venue or fallback.kind == "preprint":
        name = fallback.venue if fallback.kind == "preprint" else None
        if preprint_venue and not name:
            name = _preprint_venue_name(preprint_venue[1])
        name = name or ("arXiv" if arxiv else None)
        why = f"arXiv {arxiv}" if arxiv else f"venue {shown(name or '')}"
        return _Kind("preprint", name, f"kind preprint: {why}, no conference or journal venue")
    return fallback


def _preprint_venue_name(venue: str) -> str | None:
    if parse_url(venue):
        return None
    if re.search(r"\barxiv\b", venue, re.IGNORECASE):
        return "arXiv"  # 'arXiv preprint arXiv:2106.13200', 'arXiv Feb.': the arxiv id says more
    return venue


def _kind(entry_type: str, reader: EntryReader, has_authors: bool, arxiv: str | None) -> _Kind:
    """The kind and venue of an entry, with a note where the venue decided the kind."""
    kind = _KINDS.get(entry_type, "other")
    if kind == "journal_article":
        key, venue = next(_venue_candidates(reader, VENUE_FIELDS), ("journal", None))
        decided = classify(venue) if venue else None
        if venue and decided == "preprint":
            fallback = _Kind("preprint", _preprint_venue_name(venue))
            found = _from_custom_venue(reader, arxiv, fallback)
            if found.kind == "preprint":
                found.note = f"kind preprint: {key} {shown(venue)} is a preprint server"
            return found
        if venue and key in ("booktitle", "eventtitle") and decided != "journal_article":
            paper = "workshop_paper" if decided == "workshop_paper" else "conference_paper"
            return _Kind(paper, venue, (
                f"kind {paper}: @{entry_type} has {key} {shown(venue)} and no journal"
            ))  # fmt: skip
        if (
            venue
            and decided in ("conference_paper", "workshop_paper")
            and (decided == "workshop_paper" or not _JOURNAL_PROCEEDINGS.match(venue))
        ):
            return _Kind(decided, venue, f"kind {decided}: venue {shown(venue)} in field {key}")
        return _Kind(kind, venue)
    if kind == "book_review":
        return _Kind(kind, reader.text("journal", "journaltitle", "booktitle", "howpublished"))
    if kind == "special_issue":
        return _Kind(kind, reader.text("journal", "journaltitle", "title"))
    if kind in ("conference_paper", "book_chapter"):
        venue = reader.text(
            "booktitle", "eventtitle", "venue", "_venue", "journal", "journaltitle", "series"
        )
        if kind == "conference_paper" and venue:
            decided = classify(venue)
            if decided == "workshop_paper":
                return _Kind("workshop_paper", venue)
            if decided == "preprint":
                return _Kind("preprint", _preprint_venue_name(venue), (
                    f"kind preprint: booktitle {shown(venue)} is a preprint server"
                ))  # fmt: skip
        return _Kind(kind, venue)
    if kind == "book":
        return _Kind("book" if has_authors else "edited_book", None)
    if kind in ("edited_book", "proceedings"):
        return _Kind(kind, None)
    if kind == "thesis":
        return _Kind(kind, reader.text("school", "institution"))
    if kind == "report":
        return _Kind(kind, reader.text("institution", "series"))
    if kind == "patent":
        return _Kind(kind, None)
    if kind in ("software", "dataset"):
        return _Kind(kind, reader.text("howpublished", "organization", "journal"))
    if entry_type in _MISC_TYPES or entry_type not in _KINDS:
        other = reader.text(*VENUE_FIELDS, "howpublished")
        fallback = _Kind(kind, None if other and parse_url(other) else other)
        if kind == "preprint":
            fallback.venue = _preprint_venue_name(other) if other else None
        return _from_custom_venue(reader, arxiv, fallback)
    return _Kind(kind, reader.text(*VENUE_FIELDS, "howpublished"))


def _links(
    reader: EntryReader, doi: str | None, arxiv: str | None, warnings: list[str],
    notes: list[str], ignored: Callable[[str], None],
) -> tuple[str | None, list[str], str | None]:  # fmt: skip
    """The work's web link, its code links, and its DOI (``doi``, else one found in a link:
    a resolver or publisher link, also inside an HTML ``<a href>``)."""
    url = None
    for key in LINK_FIELDS:
        value = reader.verbatim(key)
        if not value:
            continue
        anchor = _ANCHOR.search(value)
        parsed = parse_url(anchor.group(1) if anchor else value)
        if parsed is None:
            if key == "url":
                warnings.append(f"url {shown(value)} is not an http(s) URL: left out")
            else:
                ignored(f"{key} (a file name, not a link)")
            continue
        found = doi_in_url(parsed)
        if found and doi is None:
            doi = found
            notes.append(f"doi {found} taken from the link in field {key}")
        if (found and doi and doi_key(found) == doi_key(doi) and _RESOLVER_LINK.match(parsed)) or (
            arxiv and parse_arxiv(parsed) == arxiv and "arxiv.org" in parsed
        ):
            continue  # the DOI or arXiv link says the same
        url = url or parsed
    code: list[str] = []
    for key in CODE_FIELDS:
        value = reader.verbatim(key)
        if not value:
            continue
        parsed = parse_url(value)
        if parsed is None and key == "github" and _GITHUB_REPO.match(value):
            parsed = f"https://github.com/{value}"
        if parsed is None:
            warnings.append(f"{key} {shown(value)} is not an http(s) URL: left out")
        elif parsed not in code:
            code.append(parsed)
    return url, code, doi


def _convert(
    entry: Entry,
    where: Location,
    result: ImportResult,
    expander: Expander,
    targets: dict[str, Entry],
) -> None:
    """Turn one parsed entry into a publication record, or a reported skip."""
    entry_type = entry.entry_type.lower()
    label = f"@{entry_type}{{{entry.key}}}"
    fields = read_fields(entry)
    reader = EntryReader(fields, expander)
    warnings: list[str] = []
    notes: list[str] = []
    for key in sorted(fields.values):
        if key not in USED_FIELDS:
            result.ignored_fields[key] += 1
    note_repeats(fields, reader, warnings, notes)
    inherit_crossref(fields, targets, notes, warnings)

    authors, family = _people(reader.raw("author"), warnings, notes, "author")
    editors, editor_family = _people(reader.raw("editor"), warnings, notes, "editor")
    title = reader.text("title")
    year = parse_year(reader.text("year")) or parse_year(reader.text("date"))
    arxiv = _arxiv(reader)
    found = _kind(entry_type, reader, bool(authors), arxiv)
    _refine_kind(found, reader)
    kind = found.kind
    if kind in EDITED_KINDS and not authors:
        authors, family = editors, editor_family
    if kind == "special_issue" and reader.text("issuetitle"):
        title = reader.text("issuetitle")
    missing = [
        name
        + (f" ({reader.unresolved[name]})" if name in reader.unresolved else "")
        + (f" (longer than {MAX_VALUE:,} characters)" if name in reader.too_long else "")
        for name, value in (("title", title), ("author", authors))
        if not value
    ]
    if missing:
        result.skip(where, label, "no " + ", no ".join(missing))
        return
    assert title is not None
    if year is None:
        notes.append(UNDATED_NOTE)
    if entry_type not in _KINDS:
        warnings.append(f"entry type @{entry_type} is not known: imported as kind 'other'")
    if found.note:
        notes.append(found.note)
    if found.warning:
        warnings.append(found.warning)
    for key, problem in sorted(reader.unresolved.items()):
        warnings.append(f"field {key} uses the {problem}: left out")
    for key in reader.too_long:
        warnings.append(f"field {key} is longer than {MAX_VALUE:,} characters: left out")

    month_text = reader.text("month")
    month_number = parse_month(month_text) if month_text is not None else None
    date = reader.text("date")
    if month_number is None and date:
        m = re.match(r"\s*\d{4}-(\d{1,2})", date)
        month_number = parse_month(m.group(1)) if m else None
    if month_text is not None and month_number is None:
        warnings.append(f"month {month_text!r} is not a month: left out")

    doi = None
    raw_doi = reader.verbatim("doi")
    if raw_doi:
        doi = parse_doi(raw_doi)
        if doi is None:
            warnings.append(f"doi {shown(raw_doi)} is not a DOI: left out")
    url, code_urls, doi = _links(
        reader, doi, arxiv, warnings, notes, lambda key: result.ignored_fields.update([key])
    )

    finding = read_status({name: reader.text(name) or "" for name in STATUS_FIELDS})
    status = finding.status or ("under_review" if found.under_review else "published")
    if finding.status:
        notes.append(f"status {status}: {finding.field} {shown(finding.text or '')}")
    kind = _kind_from_status(found, finding, kind, notes)
    repo = repository(
        doi,
        [v for v in (reader.verbatim(k) for k in ("url", *LINK_FIELDS)) if v],
        [v for v in (reader.text(k) for k in ("howpublished", "publisher", "note")) if v],
    )
    if repo in WORKING_PAPER_REPOSITORIES and kind in ("other", "manuscript", "report"):
        notes.append(f"kind working_paper: posted on {repo}")
        kind = "working_paper"
    if kind == "manuscript" and status == "published" and (doi or url):
        kind = "working_paper"
        notes.append("kind working_paper: an unpublished paper with a public link")
    selected = _selected(reader, warnings, notes)
    citation = _citation_fields(entry_type, kind, reader, url or code_urls[:1], found.number)
    pages = reader.text("pages") or reader.text("page")
    series = reader.text("series") if kind in _SERIES_KINDS else None
    number_in_series = reader.text("number") or reader.text("volume") if series else None
    isbn = reader.text("isbn")
    venue = found.venue
    entry_data = compact(
        {
            "kind": kind,
            "authors": authors,
            "editors": editors,
            "title": title,
            "venue": venue,
            "publisher": _publisher(kind, reader),
            "place": reader.text("address", "location") if kind != "patent" else None,
            "year": year,
            "month": month_number,
            "volume": None if series else _volume(reader, venue),
            "issue": reader.text("issue")
            if kind in ("report", "patent", "working_paper") or series
            else reader.text("number", "issue"),
            "series": series,
            "series_number": number_in_series,
            "edition": reader.text("edition"),
            "event": reader.text("eventtitle") if kind != "presentation" else None,
            "repository": repo if kind in ("working_paper", "preprint", "manuscript") else None,
            "assignee": reader.text("assignee", "holder") if kind == "patent" else None,
            "pages": normalise_pages(pages) if pages else None,
            "doi": doi,
            "url": url,
            "arxiv": arxiv,
            "openreview": _openreview(reader),
            "isbn": [clean(i) for i in re.split(r"[,;]", isbn) if clean(i)] if isbn else [],
            "code_urls": code_urls,
            "peer_reviewed": bool(finding.peer_reviewed_mark),
            "status": status if status != "published" else None,
            "selected": True if selected else None,
        }
    )
    store_citation_fields(entry_data, citation)
    if finding.peer_reviewed_mark:
        notes.append(f"{OWNER_MARK}: {finding.peer_reviewed_mark}")
    result.records.append(
        Record(
            "publications",
            entry_data,
            where,
            label,
            (family, year, title),
            warnings,
            notes,
            source_key=entry.key or None,
        )
    )


def _selected(reader: EntryReader, warnings: list[str], notes: list[str]) -> bool:
    """The owner's mark ``selected = {true}``; a value that is not yes or no is a warning."""
    expression = reader.fields.values.get("selected")
    if expression is None:
        return False
    raw = clean(expression).strip('{}"')  # 'selected = true' is a bare word, not a macro
    value = selected_value(raw)
    if value is None:
        warnings.append(f"selected = {shown(raw)} is neither true nor false: left out")
        return False
    if value:
        notes.append(f"selected: the owner's mark (selected = {raw})")
    return value


def _openreview(reader: EntryReader) -> str | None:
    value = reader.verbatim("openreview")
    if not value:
        return None
    m = _OPENREVIEW.search(value)
    return m.group(1) if m else None


def _citation_fields(
    entry_type: str,
    kind: str,
    reader: EntryReader,
    links: str | list[str] | None,
    patent_number: str | None = None,
) -> dict[str, str | None]:
    """What a citation of a thesis, report, patent, software or data set needs besides the
    common fields: institution, thesis type, number, office, version, repository (venue)."""
    if kind == "thesis":
        return {
            "institution": reader.text("school", "institution"),
            "thesis_type": _THESIS_TYPES.get(entry_type) or thesis_type(reader.text("type")),
        }
    if kind in ("report", "working_paper"):
        institution, number = reader.text("institution"), reader.text("number")
        found = _REPORT_IN_INSTITUTION.match(institution or "")
        if found and not number:  # 'Technical Report CMU-CS-16-118, CMU School of CS'
            number, institution = found.group(1), found.group(2)
        genre = reader.text("type") if kind == "working_paper" else None
        return {"institution": institution, "number": number, "genre": genre}
    if kind == "patent":
        raw_type = (reader.text("type") or "").lower()
        number = reader.text("number") or patent_number
        texts = [
            reader.text(k) or ""
            for k in ("type", "country", "nationality", "location", "journal", "booktitle", "note")
        ]
        office = _PATENT_OFFICES.get(raw_type.replace(" ", "")) or patent_office(number, texts)
        return {"number": number, "office": office}  # fmt: skip
    if kind in ("software", "dataset"):
        link = links[0] if isinstance(links, list) and links else links
        repository = reader.text("howpublished", "publisher", "organization")
        if not repository and isinstance(link, str):
            repository = repository_name(link)
        return {"version": reader.text("version"), "venue": repository}
    return {}


def _publisher(kind: str, reader: EntryReader) -> str | None:
    if kind in ("thesis", "report"):
        return reader.text("publisher")
    if kind == "dataset" or kind == "software":
        return reader.text("publisher", "organization", "howpublished")
    return reader.text("publisher", "organization")


def _volume(reader: EntryReader, venue: str | None) -> str | None:
    volume = reader.text("volume")
    if volume and venue and match_key(venue) == "corr" and volume.lower().startswith("abs/"):
        return None  # DBLP's 'abs/2106.13200' is the arXiv id, kept as arxiv
    return volume
