"""Citations by a CSL style, rendered by grantdocs' compiled styles (``csl_compile``) or by
citeproc-py (the reference CSL processor), and turned into runs: the style's italics and
bold kept, the owner's names bold, DOIs and links linked.

The bundled styles of ``FAST_STYLES`` are rendered by ``csl_compile`` (to the same text as
citeproc-py, which the tests check entry by entry on the real fixtures); every other style,
and an item the compiled style does not render, by citeproc-py. citeproc-py writes through a
formatter module; ``_MARKS`` is one that wraps italic and bold text in private-use characters
instead of HTML tags, and ``csl_compile`` writes the same marks. The owner's family names
are wrapped in two more before rendering (``csl_item`` removes such characters from the
data, so a profile cannot forge them). After rendering, the owner's given names or initials
next to a marked family name join the bold run, wherever the style puts them. Small caps are
kept (DIN 1505-2's author names); underline, superscript and subscript are shown as plain
text.

Each item is rendered alone (no disambiguation, no sorting: grantdocs orders and numbers the
lists), once per style, locale and item: results are kept in memory for the process.
"""

from __future__ import annotations

import io
import re
import types
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grantdocs.cite.rich import RESERVED_MARKS, Segment
from grantdocs.formats.citation_styles import CSL_NS, style_path

if TYPE_CHECKING:
    from grantdocs.cite.csl_compile import Compiled

OWNER_START, OWNER_END = "\ue000", "\ue001"
ITALIC_START, ITALIC_END = "\ue010", "\ue011"
BOLD_START, BOLD_END = "\ue012", "\ue013"
SMALL_CAPS_START, SMALL_CAPS_END = "\ue014", "\ue015"
_FORMAT_MARKS = "\ue010-\ue01f"
_ANY_MARK = re.compile(f"[{RESERVED_MARKS}]")
_TOKEN = re.compile(f"[{RESERVED_MARKS}]|[^{RESERVED_MARKS}]+")
_F = f"[{_FORMAT_MARKS}]*"
_SPACE = "[\\s\u00a0]"
_URL = re.compile(r"https?://[^\s<>\"\ue000-\ue01f]*[^\s<>\"\ue000-\ue01f.,;:)\]]")
_DOI = re.compile(r"(?<![/\w.])10\.\d{4,9}/[^\s<>\"\ue000-\ue01f]*[^\s<>\"\ue000-\ue01f.,;:)\]]")


def _wrapper(start: str, end: str) -> type[str]:
    class Wrapped(str):
        def __new__(cls, text: str) -> Wrapped:
            return super().__new__(cls, f"{start}{text}{end}")

    return Wrapped


def _plain() -> type[str]:
    return _wrapper("", "")


_MARKS = types.SimpleNamespace(
    preformat=str,
    Italic=_wrapper(ITALIC_START, ITALIC_END),
    Oblique=_wrapper(ITALIC_START, ITALIC_END),
    Bold=_wrapper(BOLD_START, BOLD_END),
    Light=_plain(),
    Underline=_plain(),
    Superscript=_plain(),
    Subscript=_plain(),
    SmallCaps=_wrapper(SMALL_CAPS_START, SMALL_CAPS_END),
)
"""A citeproc-py formatter (the interface of ``citeproc.formatter.plain``) writing marks."""


_ET_AL_OPTIONS = (
    "et-al-min",
    "et-al-use-first",
    "et-al-subsequent-min",
    "et-al-subsequent-use-first",
    "et-al-use-last",
)


Cut = tuple[int, int] | None
"""A format's et-al. rule for a CSL style: (et-al-min, et-al-use-first), None: the style's."""


FAST_STYLES = ("din-1505-2", "ieee", "apa")
"""The bundled styles rendered by ``csl_compile`` where it supports them (each compared entry
by entry to citeproc-py by tests/cite/test_csl_compile.py); every other style: citeproc-py."""

_COMPILED_MARKS = {
    "italic": (ITALIC_START, ITALIC_END),
    "bold": (BOLD_START, BOLD_END),
    "small-caps": (SMALL_CAPS_START, SMALL_CAPS_END),
}
"""The marks ``csl_compile`` writes (those of ``_MARKS``)."""


def _style_tree(path: str, whole_names: bool, cut: Cut) -> Any:
    """The parsed style at ``path`` (comments left out); ``whole_names``: its et-al. options
    removed; ``cut``: the format's et-al. rule on ``cs:bibliography`` instead of the style's
    (see ``processor``)."""
    # lazy: lxml loads only when a style is read
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    tree = etree.parse(path, parser)
    if not whole_names and cut is None:
        return tree
    for element in tree.iter():
        for option in _ET_AL_OPTIONS:
            element.attrib.pop(option, None)
    bibliography = tree.getroot().find(f"{CSL_NS}bibliography")
    if cut is not None and not whole_names and bibliography is not None:
        bibliography.set("et-al-min", str(cut[0]))
        bibliography.set("et-al-use-first", str(cut[1]))
    return tree


@lru_cache(maxsize=32)
def processor(path: str, locale: str, whole_names: bool = False, cut: Cut = None) -> Any:
    """The parsed style at ``path`` for the CSL ``locale`` (parsed once per process);
    ``whole_names``: the same style with its et-al. options removed, so that it writes every
    name (for an entry whose owner the style would cut); ``cut``: the same style with the
    format's et-al. rule instead of its own (on ``cs:bibliography``, the names of every
    macro and layout inheriting it)."""
    # lazy: citeproc, lxml, cite.citeproc_fast load only when this runs
    from citeproc import CitationStylesStyle
    from lxml import etree

    from grantdocs.cite import citeproc_fast

    citeproc_fast.enable()
    citeproc_fast.fix_empty_labels()
    if not whole_names and cut is None:
        return CitationStylesStyle(path, locale=locale, validate=False)
    tree = _style_tree(path, whole_names, cut)
    data = io.BytesIO(etree.tostring(tree, xml_declaration=True, encoding="utf-8"))
    return CitationStylesStyle(data, locale=locale, validate=False)


@lru_cache(maxsize=32)
def compiled(path: str, locale: str, whole_names: bool = False, cut: Cut = None) -> Compiled | None:
    """The style at ``path`` compiled by ``csl_compile`` for the CSL ``locale`` and variant
    (as ``processor``), once per process; None for a style not in ``FAST_STYLES`` or one it
    does not support. Its branches are compiled when first taken (most entries take few);
    the whole style is compiled once by ``supported``."""
    if not supported(path):
        return None
    # lazy: the compiled path loads only when an entry is rendered (not from the disk cache)
    from grantdocs.cite import csl_compile

    tree = _style_tree(path, whole_names, cut)
    try:
        return csl_compile.compile_style(tree.getroot(), locale, _COMPILED_MARKS, lazy=True)
    except csl_compile.Unsupported:
        return None


@lru_cache(maxsize=8)
def supported(path: str) -> bool:
    """Whether the style at ``path`` is one of ``FAST_STYLES`` and ``csl_compile`` supports
    every element and attribute of its bibliography (compiled whole, in its default
    locale)."""
    if Path(path).resolve() not in {style_path(name).resolve() for name in FAST_STYLES}:
        return False
    # lazy: the compiled path loads only when an entry is rendered (not from the disk cache)
    from grantdocs.cite import csl_compile

    root = _style_tree(path, False, None).getroot()
    try:
        csl_compile.compile_style(root, root.get("default-locale") or "en-US", _COMPILED_MARKS)
    except csl_compile.Unsupported:
        return False
    return True


def forget() -> None:
    """Drop the parsed and compiled styles and citeproc-py's memos of them: the next entry
    is rendered as in a new process (``benchmarks/run.py`` measures cold so)."""
    # lazy: cite.citeproc_fast, cite.csl_compile load only when this runs
    from grantdocs.cite import citeproc_fast, csl_compile

    processor.cache_clear()
    compiled.cache_clear()
    supported.cache_clear()
    csl_compile.forget()
    citeproc_fast.forget()


def render_marked(
    path: Path, locale: str, item: dict[str, Any], whole_names: bool = False, cut: Cut = None
) -> str:
    """The bibliography entry of ``item`` in the style at ``path`` (every name where
    ``whole_names``; cut by ``cut`` where given), with marks: by ``csl_compile`` where it
    renders the style and the item, else by citeproc-py."""
    fast = compiled(str(path), locale, whole_names, cut)
    if fast is not None:
        # lazy: loaded by ``compiled`` already
        from grantdocs.cite.csl_compile import Unsupported

        try:
            return fast(item)
        except Unsupported:
            pass
    return render_citeproc(path, locale, item, whole_names, cut)


def render_citeproc(
    path: Path, locale: str, item: dict[str, Any], whole_names: bool = False, cut: Cut = None
) -> str:
    """``render_marked`` by citeproc-py (the reference the compiled styles are tested
    against)."""
    return _citeproc_entry(path, locale, item, whole_names, cut, _MARKS)


def reference_text(
    path: Path, locale: str, item: dict[str, Any], whole_names: bool = False, cut: Cut = None
) -> str:
    """The entry as citeproc-py writes it in plain text (the reference the tests compare to)."""
    # lazy: citeproc loads only when this runs
    from citeproc import formatter

    return _citeproc_entry(path, locale, item, whole_names, cut, formatter.plain)


def _citeproc_entry(
    path: Path, locale: str, item: dict[str, Any], whole_names: bool, cut: Cut, writer: Any
) -> str:
    """``item``'s bibliography entry by citeproc-py, written through the formatter
    ``writer``."""
    # lazy: citeproc loads only when this runs
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    style = processor(str(path), locale, whole_names, cut)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), writer)
    bibliography.register(Citation([CitationItem(str(item["id"]))]))
    entries = bibliography.bibliography()
    return str(entries[0]) if entries else ""


def mark_owners(item: dict[str, Any], owners: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """A copy of ``item`` whose names equal to one of ``owners`` ((family, given) pairs) have
    their family name between the owner marks."""
    wanted = set(owners)
    if not wanted:
        return item
    marked = dict(item)
    for role in ("author", "editor"):
        names = item.get(role)
        if not names:
            continue
        marked[role] = [
            {**n, "family": f"{OWNER_START}{n['family']}{OWNER_END}"}
            if (n.get("family"), n.get("given")) in wanted
            else n
            for n in names
        ]
    return marked


def _given_pattern(given: str) -> str:
    initials = [part[0] for part in re.split(r"[\s.\-]+", given) if part]
    full = re.escape(given)
    if not initials:
        return full
    short = "[\\s\u00a0.\\-]*".join(re.escape(i) for i in initials) + r"\.?"
    return f"(?:{full}|{short})"


def owner_spans(marked: str, givens: dict[str, str]) -> list[tuple[int, int]]:
    """Where the owner's names are in ``marked``: from the given names before a marked family
    name, or the family name, to the given names after it, or its end. ``givens`` maps a
    marked family name to the given names passed to the processor."""
    spans: list[tuple[int, int]] = []
    for found in re.finditer(f"{OWNER_START}([^{OWNER_END}]*){OWNER_END}", marked):
        start, end = found.start(), found.end()
        family = _ANY_MARK.sub("", found.group(1))
        given = givens.get(family)
        if given:
            pattern = _given_pattern(given)
            before = re.search(
                f"(?<![^\\W\\d_]){pattern}{_F}{_SPACE}+{_F}$", marked[max(0, start - 80) : start]
            )
            if before is not None:
                start = max(0, start - 80) + before.start()
            else:
                after = re.match(
                    f"{_F}(?:,{_SPACE}*|{_SPACE}+){_F}{pattern}(?![^\\W\\d_])", marked[end:]
                )
                if after is not None:
                    end += after.end()
        spans.append((start, end))
    return spans


def to_segments(
    marked: str, spans: Sequence[tuple[int, int]], links_for: Mapping[str, str] | None = None
) -> tuple[Segment, ...]:
    """``marked`` as runs: italic, bold and small caps from the marks, bold within ``spans``,
    every URL and DOI a link (a DOI to its https://doi.org/ address), the first occurrence of
    each text of ``links_for`` (in any case) a link to its address; marks removed."""
    parts: list[str] = []
    pieces: list[tuple[int, bool, bool, bool]] = []  # start, bold, italic, small caps
    italic = bold = caps = 0
    span_at = 0
    kept = last = 0  # characters kept; the last one kept (0: none yet)
    crossed = False  # a mark since the last character kept
    for found in _TOKEN.finditer(marked):
        token, at = found.group(), found.start()
        if _ANY_MARK.match(token):
            crossed = True
            if token == ITALIC_START:
                italic += 1
            elif token == ITALIC_END:
                italic -= 1
            elif token == BOLD_START:
                bold += 1
            elif token == BOLD_END:
                bold -= 1
            elif token == SMALL_CAPS_START:
                caps += 1
            elif token == SMALL_CAPS_END:
                caps -= 1
            continue
        if crossed and last and chr(last) in ".?!":
            # citeproc-py folds a period after one ('Title.' + '. ') by looking at the text
            # before it, which the marks hide: fold it here as the plain output does
            stripped = token.lstrip(".")
            at += len(token) - len(stripped)
            token = stripped
            if not token:
                continue
        crossed = False
        end = at + len(token)
        while at < end:  # cut where the owner's spans start and end
            while span_at < len(spans) and spans[span_at][1] <= at:
                span_at += 1
            if span_at < len(spans) and spans[span_at][0] <= at:
                owner, upto = True, min(end, spans[span_at][1])
            else:
                owner = False
                upto = min(end, spans[span_at][0]) if span_at < len(spans) else end
            pieces.append((kept, bold > 0 or owner, italic > 0, caps > 0))
            parts.append(marked[at:upto])
            kept += upto - at
            at = upto
        last = ord(token[-1])
    text = "".join(parts)
    if not text:
        return ()
    links: list[str | None] = [None] * len(text)
    edges = {0, len(text)}
    for found in _URL.finditer(text):
        links[found.start() : found.end()] = [found.group()] * (found.end() - found.start())
        edges.update(found.span())
    for found in _DOI.finditer(text):
        if links[found.start()] is None:
            url = f"https://doi.org/{found.group()}"
            links[found.start() : found.end()] = [url] * (found.end() - found.start())
            edges.update(found.span())
    folded = text.casefold()
    for shown, url in (links_for or {}).items():
        at = folded.find(shown.casefold())
        if at >= 0 and links[at] is None:
            links[at : at + len(shown)] = [url] * len(shown)
            edges.update((at, min(at + len(shown), len(text))))
    edges.update(piece[0] for piece in pieces)
    cuts = sorted(edge for edge in edges if edge <= len(text))
    runs: list[list[Any]] = []  # [start, end, bold, italic, url, small caps]
    piece = 0
    for start, end in pairwise(cuts):
        while piece + 1 < len(pieces) and pieces[piece + 1][0] <= start:
            piece += 1
        _start, b, i, c = pieces[piece]
        link = links[start]
        if runs and runs[-1][2:] == [b, i, link, c]:
            runs[-1][1] = end
        else:
            runs.append([start, end, b, i, link, c])
    return tuple(Segment(text[a:z], b, i, link, c) for a, z, b, i, link, c in runs)
