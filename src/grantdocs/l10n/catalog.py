"""The gettext catalogs of grantdocs' labels: the package's own, and a format's own on top.

Message ids are the English labels (``"Personal Data"``). The package catalogs live in
``l10n/locale/<lang>/LC_MESSAGES/grantdocs.po`` and are compiled to ``.mo`` next to it;
``l10n/locale/grantdocs.pot`` is the extracted template (see CONTRIBUTING.md, "Translations").

A format may bring catalogs of its own in ``<format folder>/locale/<lang>/LC_MESSAGES/``
(``grantdocs.po``, read and compiled on load, or a compiled ``grantdocs.mo``). Its messages
override and extend the package's. A language has a catalog when either exists; which
languages those are is read from the folders, never listed in code.

A compiled catalog is read by ``mo_messages`` here, which gives the messages that babel's
reader gives (babel's catalog machinery loads the email parser, and building its catalog
took longer than the rest of a cached build's labels); babel reads a ``.po``.
"""

from __future__ import annotations

import codecs
import functools
import io
import re
import struct
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

from msgspec import Struct

from grantdocs.errors import FormatError, Location, Problem
from grantdocs.paths import display_path

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

DOMAIN: Final = "grantdocs"
LOCALE_DIR: Final = Path(__file__).parent / "locale"
POT_FILE: Final = LOCALE_DIR / f"{DOMAIN}.pot"
SOURCE_LANGUAGE: Final = "en"
"""The language of the message ids: a label without translation reads as its id."""
MAX_CATALOG_BYTES: Final = 5 * 1024 * 1024
"""A format's catalog larger than this is refused (the package's are about 20 KiB)."""


def po_file(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Path of the editable catalog of ``lang`` below ``locale_dir``."""
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_file(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Path of the compiled catalog of ``lang`` below ``locale_dir``."""
    return po_file(lang, locale_dir).with_suffix(".mo")


def catalog_languages(locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """Languages with a catalog (``.po`` or ``.mo``) below ``locale_dir``, sorted."""
    if not locale_dir.is_dir():
        return ()
    return tuple(
        sorted(
            sub.name
            for sub in locale_dir.iterdir()
            if po_file(sub.name, locale_dir).exists() or mo_file(sub.name, locale_dir).exists()
        )
    )


def package_languages() -> tuple[str, ...]:
    """Languages of the package's own catalogs."""
    return catalog_languages(LOCALE_DIR)


def has_catalog(lang: str, locale_dirs: Iterable[Path] = ()) -> bool:
    """True if the package or one of ``locale_dirs`` has a catalog for ``lang``."""
    return any(lang in catalog_languages(d) for d in (LOCALE_DIR, *locale_dirs))


class Messages(Struct, frozen=True):
    """The translated labels of one language: message id -> translation."""

    lang: str
    strings: Mapping[str, str]

    def gettext(self, msgid: str) -> str:
        """The translation of ``msgid``; ``msgid`` itself where there is none."""
        return self.strings.get(msgid) or msgid

    def __contains__(self, msgid: object) -> bool:
        return msgid in self.strings


def translations(lang: str, locale_dirs: Iterable[Path] = ()) -> Messages:
    """The package catalog of ``lang``, overridden in order by the catalogs in ``locale_dirs``.

    Cached per language and folders. Raises ValueError when none of them has a catalog for
    ``lang``, and FormatError when a format's catalog cannot be read.
    """
    dirs = tuple(d.resolve() for d in locale_dirs)
    if not has_catalog(lang, dirs):
        raise ValueError(f"no catalog for language {lang!r}")
    return _load(lang, dirs)


@functools.cache
def _load(lang: str, locale_dirs: tuple[Path, ...]) -> Messages:
    strings: dict[str, str] = {}
    for locale_dir in (LOCALE_DIR, *locale_dirs):
        strings.update(_read_catalog(lang, locale_dir, own=locale_dir == LOCALE_DIR))
    return Messages(lang, strings)


def _read_catalog(lang: str, locale_dir: Path, *, own: bool) -> dict[str, str]:
    """The translated, non-fuzzy messages of one catalog (``{}`` if there is none).

    The package reads its compiled ``.mo``; a format's ``.po`` is preferred over its ``.mo``
    so that an edit takes effect without a compile step.
    """
    po, mo = po_file(lang, locale_dir), mo_file(lang, locale_dir)
    if own:
        if not mo.is_file():
            if po.is_file():
                raise FileNotFoundError(f"compiled catalog missing: {mo} (run pybabel compile)")
            return {}
        return mo_messages(mo.read_bytes())
    path = po if po.exists() else mo
    if not path.exists():
        return {}
    data = _read_bounded(path)
    try:
        return _cached_po(data, lang, path) if path is po else mo_messages(data)
    except LookupError as exc:  # an unknown charset= in the header
        raise _unreadable(path, f"unknown encoding ({exc})") from None
    except struct.error:  # a .mo whose tables point past its end
        raise _unreadable(path, "a truncated or damaged compiled catalog") from None
    except (ValueError, UnicodeDecodeError, OSError, IndexError, KeyError) as exc:
        raise _unreadable(path, str(exc) or repr(exc)) from None


_PO_CODE = ("grantdocs.l10n.catalog",)
"""The code whose change reads a format's ``.po`` anew (with babel's version)."""


def _cached_po(data: bytes, lang: str, path: Path) -> dict[str, str]:
    """``_read_po``, from the user cache where the same bytes were read for ``lang`` by the
    same code and babel: babel's parser (and the email parser it loads) cost a French
    build 40-75 ms each time."""
    # lazy: usercache loads only when a format's .po is read
    from grantdocs import usercache

    babel = f"babel {usercache.library_version('babel', 'babel')}"
    name = usercache.entry_name("po", usercache.code_digest(_PO_CODE), babel, lang, data)
    return usercache.remembered(
        name, lambda: _read_po(data, lang, path), _string_map, MAX_CATALOG_BYTES * 4
    )


def _string_map(kept: object) -> dict[str, str] | None:
    """``kept`` if it maps strings to strings."""
    if isinstance(kept, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in kept.items()
    ):
        return kept
    return None


def _read_po(data: bytes, lang: str, path: Path) -> dict[str, str]:
    """The messages of a format's ``.po`` as ``pybabel compile`` would keep them."""
    # lazy: babel.messages (and the email parser it loads) only when a .po is read
    from babel.messages.pofile import PoFileError, read_po

    try:
        catalog = read_po(io.BytesIO(data), locale=lang, abort_invalid=True)
    except PoFileError as exc:  # babel counts lines from 0
        where = Location(display_path(path), exc.lineno + 1, 1)
        raise FormatError(
            f"cannot read the catalog {where.file}",
            [Problem(where, re.sub(r" on \d+$", "", str(exc.args[0])))],
        ) from None
    return _messages(catalog)


_MO_ORDER = {0x950412DE: "<", 0xDE120495: ">"}
"""A compiled catalog's magic number, as read little-endian -> its byte order."""


def mo_messages(data: bytes) -> dict[str, str]:
    """The messages of the compiled catalog ``data`` that ``_messages`` keeps of babel's
    ``read_mo``: translated singular messages by id (a message with a context under its
    id too; the first of two with the same id and context; none where the id is also a
    plural's). Decoded in the header's charset (UTF-8 before it). Raises ValueError (not a
    catalog, a table pointing past the end), struct.error (truncated), LookupError (an
    unknown charset) or UnicodeDecodeError."""
    order = _MO_ORDER.get(struct.unpack_from("<I", data)[0])
    if order is None:
        raise ValueError("not a compiled catalog (bad magic number)")
    _version, count, ids, strings = struct.unpack_from(order + "4I", data, 4)
    pair = struct.Struct(order + "II")
    charset = "utf-8"
    kept: dict[tuple[str | None, str], str | None] = {}
    for index in range(count):
        length, start = pair.unpack_from(data, ids + 8 * index)
        string_length, string_start = pair.unpack_from(data, strings + 8 * index)
        if start + length >= len(data) or string_start + string_length >= len(data):
            raise ValueError("a compiled catalog whose tables point past its end")
        raw = data[start : start + length]
        raw_string = data[string_start : string_start + string_length]
        context_or_id, separated, raw_id = raw.partition(b"\x04")
        context = context_or_id.decode(charset) if separated else None
        if not separated:
            raw_id = context_or_id
        if b"\x00" in raw_id:  # a plural: babel keys it by its first id, and keeps none
            kept[(context, raw_id.split(b"\x00")[0].decode(charset))] = None
            continue
        msgid, string = raw_id.decode(charset), raw_string.decode(charset)
        if not msgid:  # the header
            charset = _header_charset(string) or charset
            codecs.lookup(charset)  # LookupError for an unknown one
            continue
        kept.setdefault((context, msgid), string)
    return {msgid: string for (_, msgid), string in kept.items() if string}


def _header_charset(header: str) -> str | None:
    """The ``charset`` of a catalog header's ``Content-Type`` (lower case; None where it
    names none, or gettext's placeholder ``CHARSET``)."""
    for line in header.splitlines():
        name, colon, value = line.partition(":")
        if not colon or name.strip().lower() != "content-type":
            continue
        for param in value.split(";")[1:]:
            key, equals, setting = param.partition("=")
            if equals and key.strip().lower() == "charset":
                charset = setting.strip().strip('"').lower()
                return charset if charset and charset != "charset" else None
    return None


def _unreadable(path: Path, reason: str) -> FormatError:
    where = Location(display_path(path))
    return FormatError(f"cannot read the catalog {where.file}: {reason}", [Problem(where, reason)])


def _read_bounded(path: Path) -> bytes:
    """At most ``MAX_CATALOG_BYTES`` of a regular file; FormatError beyond that or for a
    folder, device or pipe (named as such, never opened for reading)."""
    # lazy: textfile loads only when this runs
    from grantdocs.textfile import TooLarge, UnreadableText, read_limited

    try:
        return read_limited(path, MAX_CATALOG_BYTES)
    except TooLarge:
        size = MAX_CATALOG_BYTES // 1024 // 1024
        raise _unreadable(path, f"catalog larger than {size} MiB") from None
    except UnreadableText as exc:
        raise _unreadable(path, exc.message) from None


def _messages(catalog: Catalog) -> dict[str, str]:
    """What ``pybabel compile`` keeps: translated, non-fuzzy, singular messages."""
    return {
        m.id: m.string
        for m in catalog
        if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def N_(msgid: str) -> str:
    """Mark ``msgid`` for extraction without translating it; returns it unchanged."""
    return msgid
