"""Which CSL style and locale a citation uses: a bundled style by its id (``csl/<id>.csl``), or
a ``.csl`` file; the CSL locale of the document's language.

A style file is checked before citeproc-py reads it: at most ``MAX_BYTES``, well-formed XML
without a DOCTYPE (so no entity can read a file or grow without bound), a CSL ``<style>``
with a ``<bibliography>``. Each problem is a FormatError with the file and line.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from grantdocs import usercache
from grantdocs.errors import FormatError, Location, Problem

CITE_DIR = Path(__file__).parent.parent / "cite"
CSL_DIR = CITE_DIR / "csl"
STYLES_DIR = CITE_DIR / "styles"
"""The bundled YAML styles (``cite/styles.py`` reads them)."""
CSL_NS = "{http://purl.org/net/xbiblio/csl}"
MAX_BYTES = 2 * 1024 * 1024
"""A style file larger than this is refused (the largest maintained style is ~200 KB)."""

DEFAULT_LOCALES = {"de": "de-DE", "en": "en-US", "fr": "fr-FR"}
"""A language's CSL locale where the document names none that citeproc-py has."""


@cache
def _bundled() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in CSL_DIR.glob("*.csl")))


def style_names() -> list[str]:
    """The names of the bundled YAML styles, sorted."""
    return sorted(p.stem for p in STYLES_DIR.glob("*.yaml"))


def csl_style_ids() -> list[str]:
    """The ids of the bundled CSL styles, sorted (read once)."""
    return list(_bundled())


def is_csl(name: str) -> bool:
    """True if ``name`` is a bundled CSL style id or a ``.csl`` file."""
    return name.lower().endswith(".csl") or name in _bundled()


def style_path(name: str) -> Path:
    """The file of the CSL style ``name`` (a bundled id, else a path)."""
    return CSL_DIR / f"{name}.csl" if name in _bundled() else Path(name)


@cache
def citeproc_folder() -> Path | None:
    """citeproc-py's package folder (its version file, ``data/locales``), found without
    importing it: a build whose citations all come from the disk cache or the compiled
    styles never loads it; None where it is not installed."""
    spec = importlib.util.find_spec("citeproc")
    return Path(spec.origin).parent if spec is not None and spec.origin is not None else None


@cache
def _locale_names() -> frozenset[str]:
    """The CSL locales citeproc-py has files for (its ``data/locales``)."""
    folder = citeproc_folder()
    if folder is None:
        return frozenset()
    files = (folder / "data" / "locales").glob("locales-*.xml")
    return frozenset(p.name[len("locales-") : -len(".xml")] for p in files)


def csl_locale(lang: str, locale: str | None = None) -> str:
    """The CSL locale for a document in ``lang`` with the CLDR ``locale`` ('de_DE' -> 'de-DE');
    the language's usual one where citeproc-py has no file for ``locale``; else en-US."""
    known = _locale_names()
    if locale:
        wanted = locale.replace("_", "-")
        if wanted in known:
            return wanted
    primary = DEFAULT_LOCALES.get(lang)
    if primary in known:
        return primary
    same = sorted(name for name in known if name.split("-")[0] == lang)
    return same[0] if same else "en-US"


def check_style(path: Path, display: str) -> None:
    """Raise a FormatError (with ``display`` and the line) unless ``path`` is a CSL style
    grantdocs may read."""
    # lazy: lxml loads only when this runs
    from lxml import etree

    def fail(message: str, line: int | None = None, hint: str | None = None) -> FormatError:
        where = Location(display, line) if line else Location(display)
        return FormatError(f"{display}: {message}", [Problem(where, message, hint=hint)])

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(f"the style file has {size} bytes; at most {MAX_BYTES} are read")
        data = path.read_bytes()
    except FormatError:
        raise
    except OSError as exc:
        raise fail(
            f"cannot read the CSL style: {exc.strerror or exc}",
            hint="give a bundled style id (" + ", ".join(csl_style_ids()) + ") or a .csl file",
        ) from None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        raise fail(f"the CSL style is not well-formed XML: {exc.msg}", exc.lineno) from None
    if tree.docinfo.doctype:
        raise fail("a CSL style may not have a DOCTYPE (entities are not read)", 1)
    root = tree.getroot()
    if root.tag != f"{CSL_NS}style":
        raise fail(
            "not a CSL style: the root element is not <style> in the CSL namespace",
            root.sourceline,
        )
    if root.find(f"{CSL_NS}bibliography") is None:
        raise fail("the CSL style has no <bibliography>: grantdocs cites reference-list entries")


_NUMERIC_ENTRY = "grantdocs-numeric-1"
"""Changes when what decides ``is_numeric`` changes (its cache entries then no longer match)."""


@cache
def is_numeric(path: Path) -> bool:
    """True if the style at ``path`` is numeric (its ``<category citation-format>``): its
    entries start with their number, which grantdocs then sets. The answer is kept in the
    disk cache (``usercache``) by a hash of the file's bytes, so a build whose citations
    come from the disk cache does not parse the style."""
    data = path.read_bytes()
    name = usercache.entry_name("numeric", _NUMERIC_ENTRY, data)
    return usercache.remembered(name, lambda: _numeric(data), usercache.instance_of(bool), 64)


def _numeric(data: bytes) -> bool:
    """``is_numeric`` of a style's bytes, read by lxml."""
    # lazy: lxml loads only when this runs
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    found = root.find(f"{CSL_NS}info/{CSL_NS}category[@citation-format]")
    return found is not None and found.get("citation-format") == "numeric"
