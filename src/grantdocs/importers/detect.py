"""Read an import file: its format from the extension and content, then the right reader."""

from __future__ import annotations

import re
from pathlib import Path

from grantdocs.errors import ImportFileError, Location, Problem
from grantdocs.importers.jsonpos import JsonDoc, parse_json
from grantdocs.importers.records import ImportResult

FORMATS = ("bibtex", "csl-json", "orcid", "json-resume")
MAX_BYTES = 20 * 1024 * 1024
_BIBTEX_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
_RESUME_KEYS = {"basics", "work", "education", "awards", "publications", "projects"}


def read_text(path: Path, display: str) -> str:
    """The file's text (UTF-8); ``ImportFileError`` if missing, binary, huge or not UTF-8."""
    try:
        if path.is_dir():
            raise ImportFileError(f"{display}: is a folder, not a file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{display}: file not found") from None
    except OSError as exc:
        raise ImportFileError(f"{display}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise ImportFileError(f"{display}: {len(data):,} bytes; the limit is {MAX_BYTES:,}")
    if b"\x00" in data:
        raise ImportFileError(f"{display}: a binary file, not BibTeX or JSON text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"{display}: not UTF-8 text",
            [
                Problem(
                    Location(display, line, 1),
                    "first byte that is not UTF-8",
                    hint="save it as UTF-8",
                )
            ],
        ) from None


def detect_format(path: Path, text: str, display: str) -> str:
    """One of ``FORMATS``, from the extension (``.bib``) or the content."""
    return _detect(path, text, display)[0]


def _detect(path: Path, text: str, display: str) -> tuple[str, JsonDoc | None]:
    if path.suffix.lower() in (".bib", ".bibtex"):
        return "bibtex", None
    if text.lstrip().startswith(("[", "{")):
        doc = parse_json(text, display)
        if isinstance(doc.data, list):
            return "csl-json", doc
        if isinstance(doc.data, dict):
            if "activities-summary" in doc.data or "orcid-identifier" in doc.data:
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
                "neither BibTeX (@article{...}) nor JSON",
                hint="name it .bib or .json, or give --format",
            )
        ],
    )


def read_import_file(
    path: Path, *, display: str, fmt: str | None = None, owner: str | None = None
) -> ImportResult:
    """Read ``path`` as ``fmt`` (None: detect it). ``owner`` is the author form given to works
    without author lists (ORCID, JSON Resume); None means the name in the file itself."""
    text = read_text(path, display)
    doc = None
    if fmt is None:
        fmt, doc = _detect(path, text, display)
    if fmt not in FORMATS:
        raise ImportFileError(f"unknown import format {fmt!r}; known: {', '.join(FORMATS)}")
    if fmt == "bibtex":
        from grantdocs.importers.bibtex import read_bibtex

        return read_bibtex(text, display)
    doc = doc or parse_json(text, display)
    if fmt == "csl-json":
        from grantdocs.importers.csljson import read_csljson

        return read_csljson(doc)
    if fmt == "orcid":
        from grantdocs.importers.orcid import read_orcid

        return read_orcid(doc, owner)
    from grantdocs.importers.jsonresume import read_jsonresume

    return read_jsonresume(doc, owner)
