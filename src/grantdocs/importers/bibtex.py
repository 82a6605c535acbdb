"""BibTeX import with bibtexparser v2.

The parse stack resolves ``@string`` macros (also inside ``#`` concatenations and the
predefined month macros), removes the enclosing braces and quotes, splits author lists into
name parts *before* LaTeX is decoded (so ``{Corporate Name}`` stays one name), decodes LaTeX
to Unicode and turns months into numbers. Identifiers (DOI, URL, eprint) are taken verbatim,
before LaTeX decoding could eat a ``%`` or ``~``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bibtexparser import middlewares as mw
from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares.middleware import BlockMiddleware
from bibtexparser.middlewares.names import NameParts
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ImplicitComment,
    MiddlewareErrorBlock,
    ParsingFailedBlock,
    String,
)
from pylatexenc.latex2text import LatexNodes2Text

from grantdocs.errors import ImportFileError, Location
from grantdocs.importers.records import ImportResult, Record, compact
from grantdocs.importers.text import (
    clean,
    first_significant_word,
    match_key,
    normalise_pages,
    parse_arxiv,
    parse_month,
    parse_url,
    parse_year,
    short_name,
)
from grantdocs.profile.identifiers import parse_doi

FORMAT = "BibTeX"

_KINDS = {
    "article": "journal_article",
    "inproceedings": "conference_paper",
    "conference": "conference_paper",
    "incollection": "book_chapter",
    "inbook": "book_chapter",
    "book": "book",
    "mvbook": "book",
    "proceedings": "edited_book",
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
    "unpublished": "other",
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
        "series",
        "publisher",
        "organization",
        "address",
        "location",
        "school",
        "institution",
        "howpublished",
        "year",
        "date",
        "month",
        "volume",
        "number",
        "issue",
        "pages",
        "doi",
        "url",
        "eprint",
        "archiveprefix",
        "eprinttype",
        "isbn",
        "pubstate",
    ]
)
"""Fields read from an entry; every other field is counted and ignored (``note`` too, though
its 'to appear' or arXiv id is used)."""

_VERBATIM = ("doi", "url", "eprint", "archiveprefix", "eprinttype")
_META_VERBATIM = "grantdocs_verbatim"
_META_UNRESOLVED = "grantdocs_unresolved"
_META_CASE_DUPLICATES = "grantdocs_case_duplicates"
_MONTH_MACROS = {
    m: name
    for m, name in zip(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        strict=True,
    )
}
_PREPRINT_VENUE = re.compile(r"\b(arxiv|corr|biorxiv|medrxiv|ssrn|preprint)\b", re.IGNORECASE)
_STATUS = (
    (re.compile(r"\b(in press|to appear|accepted|forthcoming|inpress)\b", re.I), "accepted"),
    (re.compile(r"\b(submitted|under review)\b", re.I), "submitted"),
    (re.compile(r"\b(in preparation)\b", re.I), "in_preparation"),
)
_LEADING_COMMAND = re.compile(r"(\s(?:and|AND|And)\s+)\\")
_ENTRY_HEAD = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s]*)")


class _Concatenations(BlockMiddleware):
    """Resolves ``a # " b"`` expressions and bare macros the default stack leaves alone.

    Runs before the enclosing is removed; an undefined macro empties the field and is noted
    in the entry's metadata so that the importer can say why the field is missing.
    """

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True, allow_parallel_execution=True)

    def transform_entry(self, entry: Entry, library: Library) -> Entry:
        strings = {k.lower(): s.value for k, s in library.strings_dict.items()}
        unresolved: dict[str, str] = {}
        for fld in entry.fields:
            value = fld.value
            if not isinstance(value, str) or _enclosed(value) or value.strip().isdigit():
                continue
            text, missing = _evaluate(value, strings, 0)
            if missing:
                unresolved[fld.key.lower()] = missing
                text = ""
            fld.value = "{" + text + "}"
        if unresolved:
            entry.parser_metadata[_META_UNRESOLVED] = unresolved
        return entry


class _Prepare(BlockMiddleware):
    """Keeps identifier fields before LaTeX decoding, notes keys given twice in any case, and
    puts ``{}`` before a name that starts with a command after ``and``: bibtexparser 2.1's
    ``SeparateCoAuthors`` drops that command (``and \\c{C}elik`` gives ``{C}elik``)."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True, allow_parallel_execution=True)

    def transform_entry(self, entry: Entry, library: Library) -> Entry:
        keys = [f.key.lower() for f in entry.fields]
        entry.parser_metadata[_META_CASE_DUPLICATES] = sorted(
            {k for k in keys if keys.count(k) > 1}
        )
        entry.parser_metadata[_META_VERBATIM] = {
            f.key.lower(): f.value
            for f in entry.fields
            if f.key.lower() in _VERBATIM and isinstance(f.value, str)
        }
        for fld in entry.fields:
            if fld.key.lower() in ("author", "editor") and isinstance(fld.value, str):
                fld.value = _LEADING_COMMAND.sub(r"\1{}\\", fld.value)
        return entry


class _DecodeNames(BlockMiddleware):
    """LaTeX to Unicode in name parts (``LatexDecodingMiddleware`` skips lists of names)."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True, allow_parallel_execution=True)
        self._decoder = LatexNodes2Text(math_mode="text")

    def _decode(self, parts: list[str]) -> list[str]:
        return [str(self._decoder.latex_to_text(p)) for p in parts]

    def transform_entry(self, entry: Entry, library: Library) -> Entry:
        for fld in entry.fields:
            if isinstance(fld.value, list):
                for name in fld.value:
                    if isinstance(name, NameParts):
                        name.first = self._decode(name.first)
                        name.von = self._decode(name.von)
                        name.last = self._decode(name.last)
                        name.jr = self._decode(name.jr)
        return entry


def _enclosed(value: str) -> bool:
    value = value.strip()
    if len(value) < 2:
        return False
    if value[0] == '"' and value[-1] == '"':
        return '"' not in _strip_braced(value[1:-1])
    if value[0] == "{" and value[-1] == "}":
        depth = 0
        for i, char in enumerate(value):
            depth += char == "{"
            depth -= char == "}"
            if depth == 0 and i < len(value) - 1:
                return False
        return True
    return False


def _strip_braced(text: str) -> str:
    while True:
        stripped = re.sub(r"\{[^{}]*\}", "", text)
        if stripped == text:
            return text
        text = stripped


def _parts(expression: str) -> Iterator[str]:
    """Top-level ``#``-separated parts of a BibTeX value expression."""
    depth, quoted, start = 0, False, 0
    for i, char in enumerate(expression):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            yield expression[start:i].strip()
            start = i + 1
    yield expression[start:].strip()


def _evaluate(expression: str, strings: dict[str, str], depth: int) -> tuple[str, str]:
    """The text of a value expression, and the first undefined macro (empty if none)."""
    out = []
    for part in _parts(expression):
        if _enclosed(part):
            out.append(part.strip()[1:-1])
        elif part.isdigit():
            out.append(part)
        elif part.lower() in strings and depth < 20:
            text, missing = _evaluate(strings[part.lower()], strings, depth + 1)
            if missing:
                return "", missing
            out.append(text)
        elif part.lower() in _MONTH_MACROS:
            out.append(_MONTH_MACROS[part.lower()])
        else:
            return "", part or "(empty)"
    return "".join(out), ""


def _parse_stack() -> list[Any]:
    return [
        mw.ResolveStringReferencesMiddleware(allow_inplace_modification=True),
        _Concatenations(),
        mw.RemoveEnclosingMiddleware(allow_inplace_modification=True),
        _Prepare(),
        mw.NormalizeFieldKeys(allow_inplace_modification=True),
        mw.SeparateCoAuthors(allow_inplace_modification=True),
        mw.SplitNameParts(allow_inplace_modification=True),
        _DecodeNames(),
        mw.LatexDecodingMiddleware(allow_inplace_modification=True, keep_math_mode=False),
        mw.MonthIntMiddleware(allow_inplace_modification=True),
    ]


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


def _parse(text: str, display: str) -> Library:
    with _quiet_parser():
        try:
            return parse_string(text, parse_stack=_parse_stack())
        except Exception as exc:  # bibtexparser raises on states it cannot recover from
            raise ImportFileError(f"{display}: bibtexparser cannot read this file: {exc}") from None


def read_bibtex(text: str, display: str) -> ImportResult:
    """Read a BibTeX file's text; every entry becomes a record or a reported skip."""
    result = ImportResult(display, FORMAT)
    library = _parse(text, display)
    strings_raw = "\n".join(b.raw for b in library.strings if b.raw)
    first_lines = {e.key: _line(e.start_line) for e in library.entries}
    for block in library.blocks:
        where = Location(display, _line(block.start_line), 1)
        if isinstance(block, Entry):
            _convert(block, where, result)
        elif isinstance(block, DuplicateBlockKeyBlock) and isinstance(
            block.ignore_error_block, String
        ):
            first = _line(block.previous_block.start_line)
            result.notes.append(
                f"line {where.line}: @string {block.key!r} is defined again; "
                f"the first definition (line {first}) is used"
            )
        elif isinstance(block, DuplicateBlockKeyBlock):
            _duplicate_key(block, where, strings_raw, first_lines, result)
        elif isinstance(block, DuplicateFieldKeyBlock):
            keys = ", ".join(sorted(block.duplicate_keys))
            result.skip(where, _label_of_raw(block.raw), f"field {keys} given twice: fix the entry")
        elif isinstance(block, MiddlewareErrorBlock):
            result.skip(where, _label_of_raw(block.raw), f"cannot be read: {block.error}")
        elif isinstance(block, ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", None) or str(block.error)
            result.skip(where, _label_of_raw(block.raw), f"syntax error: {clean(reason)}")
        elif isinstance(block, ImplicitComment):
            _stray_at(block, display, result)
    _redefined_strings(library, result)
    if result.ignored_fields:
        shown = ", ".join(f"{k} ×{n}" for k, n in sorted(result.ignored_fields.items()))
        result.notes.append(f"fields ignored (not part of a profile entry): {shown}")
    return result


def _redefined_strings(library: Library, result: ImportResult) -> None:
    """Macros defined again in other case: BibTeX, and the parser, use the later one."""
    seen: dict[str, String] = {}
    for string in library.strings:
        first = seen.get(string.key.lower())
        if first is not None and first.value != string.value:
            result.notes.append(
                f"line {_line(string.start_line)}: @string {string.key!r} redefines "
                f"{first.key!r} (line {_line(first.start_line)}); the later definition is used"
            )
        seen[string.key.lower()] = string


def _line(start_line: int | None) -> int:
    """bibtexparser counts lines from 0."""
    return start_line + 1 if start_line is not None else 0


def _label_of_raw(raw: str | None) -> str:
    m = _ENTRY_HEAD.search(raw or "")
    if m is None:
        return "entry"
    return f"@{m.group(1).lower()}{{{m.group(2)}}}" if m.group(2) else f"@{m.group(1).lower()}"


def _stray_at(block: ImplicitComment, display: str, result: ImportResult) -> None:
    """Text outside entries that starts with ``@`` is a broken entry, not a comment."""
    for offset, line in enumerate(block.comment.splitlines()):
        if line.lstrip().startswith("@"):
            where = Location(display, _line(block.start_line) + offset, 1)
            text = line.strip()
            shown = text if len(text) <= 30 else text[:27] + "..."
            result.skip(where, "stray '@'", f"{shown!r} is not a complete entry")


def _duplicate_key(
    block: DuplicateBlockKeyBlock,
    where: Location,
    strings_raw: str,
    first_lines: dict[str, int],
    result: ImportResult,
) -> None:
    """A second entry with a used key: parsed on its own; the merge finds true duplicates."""
    label = _label_of_raw(block.raw)
    library = _parse(strings_raw + "\n" + (block.raw or ""), where.file)
    entries = library.entries
    if len(entries) != 1:
        result.skip(where, label, f"citation key {block.key!r} is used twice and cannot be read")
        return
    before = len(result.records)
    _convert(entries[0], where, result)
    if len(result.records) > before:
        first = first_lines.get(block.key, 0)
        result.records[-1].warnings.append(
            f"citation key {block.key!r} is also used at line {first}; read as its own entry"
        )


def _text(fields: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = fields.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and clean(value):
            return clean(value)
    return None


def _people(value: Any, warnings: list[str], role: str) -> tuple[list[str], str]:
    """Short author forms and the first person's family name (for the id)."""
    if not isinstance(value, list):
        return [], ""
    names: list[str] = []
    first_family = ""
    for index, parts in enumerate(value):
        if not isinstance(parts, NameParts):
            continue
        last = clean(" ".join(parts.last))
        first = clean(" ".join(parts.first))
        von = clean(" ".join(parts.von))
        jr = clean(" ".join(parts.jr))
        if not (last or first):
            continue
        if last.lower() == "others" and not (first or von or jr):
            if index == len(value) - 1:
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
    return names, first_family


def _kind(
    entry_type: str, fields: dict[str, Any], has_authors: bool, arxiv: str | None
) -> str | None:
    kind = _KINDS.get(entry_type)
    if kind is None:
        return None
    venue = _text(fields, "journal", "journaltitle", "howpublished") or ""
    if kind == "journal_article" and _PREPRINT_VENUE.search(venue):
        return "preprint"
    if kind == "conference_paper" and "workshop" in (_text(fields, "booktitle") or "").lower():
        return "workshop_paper"
    if kind == "book" and not has_authors:
        return "edited_book"
    if kind == "other" and arxiv:
        return "preprint"
    return kind


def _arxiv(fields: dict[str, Any], verbatim: dict[str, str]) -> str | None:
    """The arXiv id: the eprint if its archive is arXiv (or not given), else found in the URL,
    the venue or the note, or DBLP's CoRR volume ``abs/2106.13200``."""
    archive = (verbatim.get("archiveprefix") or verbatim.get("eprinttype") or "").lower()
    eprint = verbatim.get("eprint")
    if eprint and archive in ("arxiv", ""):
        found = parse_arxiv(eprint)
        if found:
            return found
    for text in (
        verbatim.get("url"),
        _text(fields, "journal", "journaltitle"),
        _text(fields, "howpublished"),
        _text(fields, "note"),
    ):
        if text and "arxiv" in text.lower():
            found = parse_arxiv(text)
            if found:
                return found
    volume = _text(fields, "volume") or ""
    if volume.lower().startswith("abs/"):
        return parse_arxiv(volume)
    return None


def _convert(entry: Entry, where: Location, result: ImportResult) -> None:
    """Turn one parsed entry into a publication record, or a reported skip."""
    entry_type = entry.entry_type.lower()
    label = f"@{entry_type}{{{entry.key}}}"
    case_duplicates = entry.parser_metadata.get(_META_CASE_DUPLICATES) or []
    if case_duplicates:
        keys = ", ".join(case_duplicates)
        result.skip(where, label, f"field {keys} given twice (in different case): fix the entry")
        return
    unresolved: dict[str, str] = entry.parser_metadata.get(_META_UNRESOLVED) or {}
    fields: dict[str, Any] = {f.key: f.value for f in entry.fields}
    verbatim: dict[str, str] = entry.parser_metadata.get(_META_VERBATIM) or {}
    warnings: list[str] = []
    for key in sorted(fields):
        if key not in USED_FIELDS:
            result.ignored_fields[key] += 1

    authors, family = _people(fields.get("author"), warnings, "author")
    editors, editor_family = _people(fields.get("editor"), warnings, "editor")
    title = _text(fields, "title")
    year = parse_year(fields.get("year")) or parse_year(fields.get("date"))
    arxiv = _arxiv(fields, verbatim)
    kind = _kind(entry_type, fields, bool(authors), arxiv)
    if kind == "edited_book" and not authors:
        authors, family = editors, editor_family
    missing = [
        name + (f" (undefined macro {unresolved[name]!r})" if name in unresolved else "")
        for name, value in (("title", title), ("author", authors), ("year", year))
        if not value
    ]
    if missing:
        result.skip(where, label, "no " + ", no ".join(missing))
        return
    assert title is not None and year is not None
    if kind is None:
        warnings.append(f"entry type @{entry_type} is not known: imported as kind 'other'")
        kind = "other"
    for key, macro in sorted(unresolved.items()):
        warnings.append(f"field {key} uses the undefined macro {macro!r}: left out")

    month = fields.get("month")
    month_number = parse_month(month) if month is not None else None
    if month_number is None and fields.get("date"):
        m = re.match(r"\s*\d{4}-(\d{1,2})", str(fields["date"]))
        month_number = parse_month(m.group(1)) if m else None
    if month is not None and month_number is None:
        warnings.append(f"month {clean(str(month))!r} is not a month: left out")

    doi = None
    if verbatim.get("doi"):
        doi = parse_doi(verbatim["doi"])
        if doi is None:
            warnings.append(f"doi {clean(verbatim['doi'])!r} is not a DOI: left out")
    url = None
    if verbatim.get("url"):
        url = parse_url(verbatim["url"])
        if url is None:
            warnings.append(f"url {clean(verbatim['url'])!r} is not an http(s) URL: left out")
        elif doi is None and parse_doi(url):
            doi = parse_doi(url)
    if url and (
        (doi and parse_doi(url) and parse_doi(url) == doi)
        or (arxiv and parse_arxiv(url) == arxiv and "arxiv.org" in url)
    ):
        url = None  # the DOI or arXiv link says the same

    venue = _venue(kind, fields, arxiv)
    status = "published"
    for text in (_text(fields, "pubstate"), _text(fields, "note")):
        for pattern, value in _STATUS:
            if text and pattern.search(text):
                status = value
                break
        if status != "published":
            break
    pages = _text(fields, "pages")
    isbn = _text(fields, "isbn")
    entry_data = compact(
        {
            "kind": kind,
            "authors": authors,
            "editors": editors,
            "title": title,
            "venue": venue,
            "publisher": _publisher(kind, fields),
            "place": _text(fields, "address", "location"),
            "year": year,
            "month": month_number,
            "volume": _volume(fields, venue),
            "issue": _text(fields, "number", "issue"),
            "pages": normalise_pages(pages) if pages else None,
            "doi": doi,
            "url": url,
            "arxiv": arxiv,
            "isbn": [clean(i) for i in re.split(r"[,;]", isbn) if clean(i)] if isbn else [],
            "peer_reviewed": False,
            "status": status if status != "published" else None,
        }
    )
    result.records.append(
        Record("publications", entry_data, where, label, (family, year, title), warnings)
    )


def _venue(kind: str, fields: dict[str, Any], arxiv: str | None) -> str | None:
    if kind == "journal_article":
        return _text(fields, "journal", "journaltitle")
    if kind in ("conference_paper", "workshop_paper", "book_chapter"):
        return _text(fields, "booktitle", "series")
    if kind in ("book", "edited_book"):
        return _text(fields, "series")
    if kind == "thesis":
        return _text(fields, "school", "institution")
    if kind == "report":
        return _text(fields, "institution", "series")
    if kind == "preprint":
        venue = _text(fields, "journal", "journaltitle", "howpublished")
        if venue and parse_url(venue):
            venue = None
        if venue and re.search(r"arxiv\s*(preprint)?\s*:?\s*\S*\d", venue, re.IGNORECASE):
            venue = "arXiv"  # 'arXiv preprint arXiv:2106.13200' says no more than the arxiv id
        return venue or ("arXiv" if arxiv else None)
    venue = _text(fields, "journal", "journaltitle", "booktitle", "howpublished")
    return None if venue and parse_url(venue) else venue


def _publisher(kind: str, fields: dict[str, Any]) -> str | None:
    if kind in ("thesis", "report"):
        return _text(fields, "publisher")
    return _text(fields, "publisher", "organization")


def _volume(fields: dict[str, Any], venue: str | None) -> str | None:
    volume = _text(fields, "volume")
    if volume and venue and match_key(venue) == "corr" and volume.lower().startswith("abs/"):
        return None  # DBLP's 'abs/2106.13200' is the arXiv id, kept as arxiv
    return volume
