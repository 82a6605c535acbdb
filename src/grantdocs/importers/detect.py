"""Read an import file: its format from the extension and content, then the right reader."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from grantdocs.errors import ImportFileError, Location, Problem
from grantdocs.importers.jsonpos import JsonDoc, parse_json
from grantdocs.importers.records import ImportResult
from grantdocs.importers.review import PeerReviewMode, apply_peer_review
from grantdocs.textfile import UnreadableText, read_user_text

FORMATS = ("bibtex", "csl-json", "orcid", "json-resume", "europass")
KNOWN = (
    "BibTeX (.bib), CSL-JSON, an ORCID record (JSON), a JSON Resume, or a Europass CV "
    "(XML v3, root 'SkillsPassport')"
)
"""The formats an import reads, in words, for messages."""
MAX_BYTES = 20 * 1024 * 1024
_BIBTEX_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
_RESUME_KEYS = {"basics", "work", "education", "awards", "publications", "projects"}


def read_text(path: Path, display: str) -> str:
    """The file's text (UTF-8); ``ImportFileError`` if missing, binary, huge, not a regular
    file or not UTF-8. At most ``MAX_BYTES + 1`` bytes are read."""
    try:
        return read_user_text(path, MAX_BYTES, "BibTeX or JSON")
    except UnreadableText as exc:
        where = (
            "first byte that is not UTF-8" if exc.message == "is not UTF-8 text" else exc.message
        )
        problems = (
            [Problem(Location(display, exc.line, 1), where, hint=exc.hint)] if exc.line else []
        )
        raise ImportFileError(f"{display}: {exc.message}", problems) from None


def detect_format(path: Path, text: str, display: str) -> str:
    """One of ``FORMATS``, from the extension (``.bib``) or the content."""
    return _detect(path, text, display)[0]


def _detect(path: Path, text: str, display: str) -> tuple[str, JsonDoc | None]:
    if path.suffix.lower() in (".bib", ".bibtex"):
        return "bibtex", None
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        # lazy: importers.europass loads only when this runs
        from grantdocs.importers.europass import looks_like_europass

        if looks_like_europass(text):
            return "europass", None
        raise ImportFileError(
            f"{display}: XML, but not a format grantdocs imports",
            [Problem(Location(display, 1, 1), "no Europass root element", hint=f"known: {KNOWN}")],
        )
    if text.lstrip().startswith(("[", "{")):
        doc = parse_json(text, display)
        if isinstance(doc.data, list):
            return "csl-json", doc
        if isinstance(doc.data, dict):
            # lazy: importers.orcid loads only when this runs
            from grantdocs.importers.orcid import is_works_list

            if "activities-summary" in doc.data or "orcid-identifier" in doc.data:
                return "orcid", doc
            if is_works_list(doc.data):
                return "orcid", doc
            if "type" in doc.data and "title" in doc.data:
                return "csl-json", doc
            if _RESUME_KEYS & set(doc.data):
                return "json-resume", doc
        raise ImportFileError(
            f"{display}: JSON, but not a format grantdocs imports",
            [
                Problem(
                    Location(display, 1, 1),
                    "expected a CSL-JSON list of items, an ORCID record (with "
                    "'activities-summary') or a JSON Resume (with 'basics')",
                )
            ],
        )
    if _BIBTEX_ENTRY.search(text):
        return "bibtex", None
    raise ImportFileError(
        f"{display}: cannot tell the format",
        [
            Problem(
                Location(display),
                "neither BibTeX (@article{...}) nor JSON nor XML",
                hint=f"grantdocs imports {KNOWN}; name it .bib, .json or .xml, or give --format",
            )
        ],
    )


def read_import_file(
    path: Path,
    *,
    display: str,
    fmt: str | None = None,
    owner: str | None = None,
    peer_reviewed: PeerReviewMode = "auto",
) -> ImportResult:
    """Read ``path`` as ``fmt`` (None: detect it). ``owner`` is the author form given to works
    without author lists (ORCID, JSON Resume); None means the name in the file itself.
    ``peer_reviewed`` sets the publications' flag (``review.apply_peer_review``)."""
    result = _read(path, display, fmt, owner)
    apply_peer_review(result, peer_reviewed)
    return result


def _is_pdf(path: Path) -> bool:
    """True if ``path`` is a regular file starting like a PDF (a pipe is never opened)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False  # read_text names the problem


def require_entries(result: ImportResult) -> None:
    """``ImportFileError`` if ``result`` read no entry at all (not even a skipped one)."""
    if result.read == 0:
        raise ImportFileError(
            f"{result.display}: nothing to import: read as {result.format}, "
            "it holds no publication, position, education, award or project",
            result_notes(result),
        )


def result_notes(result: ImportResult) -> list[Problem]:
    """The notes of ``result`` as problems at its file (shown under an error)."""
    return [Problem(Location(result.display), note) for note in result.notes]


def _read(path: Path, display: str, fmt: str | None, owner: str | None) -> ImportResult:
    if fmt in (None, "europass") and _is_pdf(path):
        # lazy: importers.europass loads only when this runs
        from grantdocs.importers.europass import read_europass_pdf
        from grantdocs.textfile import read_limited

        try:
            data = read_limited(path, MAX_BYTES)
        except UnreadableText as exc:
            raise ImportFileError(f"{display}: {exc.message}") from None
        return read_europass_pdf(data, display)
    text = read_text(path, display)
    doc = None
    if fmt is None:
        fmt, doc = _detect(path, text, display)
    if fmt not in FORMATS:
        raise ImportFileError(f"unknown import format {fmt!r}; known: {', '.join(FORMATS)}")
    if fmt == "bibtex":
        # lazy: importers.bibtex loads only when this runs
        from grantdocs.importers.bibtex import read_bibtex

        return read_bibtex(text, display)
    if fmt == "europass":
        # lazy: importers.europass loads only when this runs
        from grantdocs.importers.europass import read_europass

        return read_europass(text, display)
    doc = doc or parse_json(text, display)
    if fmt == "csl-json":
        # lazy: importers.csljson loads only when this runs
        from grantdocs.importers.csljson import read_csljson

        return read_csljson(doc)
    if fmt == "orcid":
        # lazy: importers.orcid loads only when this runs
        from grantdocs.importers.orcid import read_orcid

        return read_orcid(doc, owner)
    # lazy: importers.jsonresume loads only when this runs
    from grantdocs.importers.jsonresume import read_jsonresume

    return read_jsonresume(doc, owner)
