"""The works a proposal cites: keys from the team file, from the proposal's own text, and
third-party works from a bibliography file (read by grantdocs' importers)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from msgspec import Struct, field

from grantdocs.errors import ImportFileError, TemplateError
from grantdocs.paths import display_path
from grantdocs.profile.records import Publication

_CITE_COMMAND = re.compile(r"\\(?=[A-Za-z]*cite)[A-Za-z]+\*?")
"""A LaTeX command whose name holds ``cite``: ``\\cite{a,b}``, ``\\citep[see][p. 3]{a}``,
``\\textcite{a}``, ``\\parencite*{a}`` ... (the lookahead cannot backtrack into the name,
so a run of letters is scanned a bounded number of times)."""
_SPACE = re.compile(r"\s*")
_PANDOC_CITE = re.compile(r"(?<![\w@.])-?@([A-Za-z0-9_][\w:.#$%&+?<>~/-]*)")
"""Pandoc citations ``[@key]``, ``[see @a; @b, p. 3]``, ``@key``; e-mail addresses are not."""
_TEX_COMMENT = re.compile(r"(?<!\\)%.*$", re.MULTILINE)
"""A LaTeX comment: from an unescaped % to the end of the line."""
_BIBTEX_LABEL = re.compile(r"^@\w+\{(.+)\}$")
_CSL_LABEL = re.compile(r"^item \d+ \((.+)\)$")
MAX_MEMBERS = 10_000
"""Parts of a .docx read for citation keys; enough for any proposal."""


def keys_in_text(text: str) -> list[str]:
    """Citation keys in LaTeX or pandoc Markdown text, in order of first use, once each.
    Linear in the length of ``text`` (no pattern with nested repetition)."""
    found, rest = _latex_citations(text)
    for match in _PANDOC_CITE.finditer(rest):
        found.append(match.group(1).rstrip(".:;,?!/-"))
    return list(dict.fromkeys(k for k in found if k))


class _NextOf:
    """Where ``char`` next occurs in ``text`` at or after a position; positions asked for
    only grow, so every character is searched at most once."""

    def __init__(self, text: str, char: str) -> None:
        self.text, self.char, self.found = text, char, -1

    def at(self, start: int) -> int:
        if self.found < start and self.found != len(self.text):
            at = self.text.find(self.char, start)
            self.found = len(self.text) if at < 0 else at
        return self.found


def _skip_space(text: str, at: int) -> int:
    space = _SPACE.match(text, at)
    return space.end() if space else at


def _latex_citations(text: str) -> tuple[list[str], str]:
    """The keys of LaTeX citation commands (``\\name*[opt][opt]{keys}`` where ``name`` holds
    ``cite``), and ``text`` with each such command replaced by a space."""
    keys: list[str] = []
    kept: list[str] = []
    closing, closing_bracket = _NextOf(text, "}"), _NextOf(text, "]")
    done = pos = 0
    while match := _CITE_COMMAND.search(text, pos):
        pos = match.end()
        at = _skip_space(text, pos)
        for _ in range(2):  # up to two [options]
            if not text.startswith("[", at):
                break
            end = closing_bracket.at(at + 1)
            if end == len(text):
                break
            at = _skip_space(text, end + 1)
        if not text.startswith("{", at):
            continue
        end = closing.at(at + 1)
        if end == len(text):
            continue
        keys += [k.strip() for k in text[at + 1 : end].split(",") if k.strip()]
        kept += [text[done : match.start()], " "]
        done = pos = end + 1
    kept.append(text[done:])
    return keys, "".join(kept)


def keys_in_file(path: Path) -> list[str]:
    """Citation keys in a proposal file: .docx (its text), else text (.tex, .md, ...)."""
    display = display_path(path)
    if path.suffix.lower() == ".docx":
        return keys_in_text(_docx_text(path, display))
    # lazy: importers.detect loads only when this runs
    from grantdocs.importers.detect import read_text

    text = read_text(path, display)  # the bounds of an import file: size, kind, encoding
    if path.suffix.lower() in (".tex", ".ltx", ".sty", ".bib"):
        text = _TEX_COMMENT.sub("", text)
    return keys_in_text(text)


def _docx_text(path: Path, display: str) -> str:
    # lazy: io, zipfile, docx, render.package load only when this runs
    import io
    import zipfile

    from docx import Document

    from grantdocs.render.package import read_checked

    try:
        data = read_checked(path, "docx")  # the bounds of a template: size, parts, unpacked
    except TemplateError as exc:
        raise ImportFileError(exc.message, exc.problems) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if len(package.infolist()) > MAX_MEMBERS:
                raise ImportFileError(f"{display}: too many parts for a Word document")
        document = Document(io.BytesIO(data))
    except ImportFileError:
        raise
    except Exception as exc:  # python-docx raises several types for a broken package
        raise ImportFileError(f"{display}: not a readable Word document ({exc})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


class Bibliography(Struct):
    """Third-party works by citation key, and what could not be read."""

    works: dict[str, Publication] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read_bibliography(paths: Iterable[Path]) -> Bibliography:
    """Works of BibTeX / CSL-JSON files by their citation key (the first file wins)."""
    # lazy: importers.detect, pydantic and the profile model load only when this runs
    from pydantic import ValidationError

    from grantdocs.importers.detect import read_import_file
    from grantdocs.profile import model

    result = Bibliography()
    for path in paths:
        display = display_path(path)
        imported = read_import_file(path, display=display)
        for skip in imported.skipped:
            result.problems.append(f"{skip.location}: {skip.label}: {skip.reason}")
        for record in imported.records:
            if record.section != "publications":
                continue
            key = _key(record.label)
            if key is None or key in result.works:
                continue
            try:
                pub: Publication = model.as_record(
                    model.Publication.model_validate(
                        {**record.entry, "id": _entry_id(key), "aliases": [key]}
                    )
                )
            except ValidationError as exc:
                first = exc.errors(include_url=False)[0]
                result.problems.append(f"{record.location}: {record.label}: {first['msg']}")
                continue
            result.works[key] = pub
    return result


def _key(label: str) -> str | None:
    for pattern in (_BIBTEX_LABEL, _CSL_LABEL):
        match = pattern.match(label)
        if match:
            return match.group(1).strip()
    return None


def _entry_id(key: str) -> str:
    """A profile id for a citation key (keys may hold characters ids do not)."""
    text = re.sub(r"[^A-Za-z0-9_.:-]", "-", key).lstrip("_.:-")[:80]
    return text or "work"
