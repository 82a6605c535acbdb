"""Make Office packages (zip files) byte-stable: fixed entry times, fixed order."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path

from msgspec import Struct

from grantdocs.errors import TemplateError

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_DOS_TIME = FIXED_TIME[3] << 11 | FIXED_TIME[4] << 5 | FIXED_TIME[5] // 2
_DOS_DATE = (FIXED_TIME[0] - 1980) << 9 | FIXED_TIME[1] << 5 | FIXED_TIME[2]
"""``FIXED_TIME`` as a zip record stores it (MS-DOS time and date)."""

_LOCAL = struct.Struct("<4s2B4HL2L2H")
"""A zip entry's local header (the layout ``zipfile`` reads and writes)."""
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
"""A zip entry's central directory record."""
_END = struct.Struct("<4s4H2LH")
"""The end of the central directory."""
_ENTRIES = 0xFFFF
"""From this many entries on, ``zipfile`` writes a zip64 end record."""
_VERSION = 20
"""The version needed to extract, and made by: 2.0 (deflate), as ``zipfile`` writes it."""
_SYSTEM = zipfile.ZipInfo("x").create_system
"""The system an entry is "made by" on (3, Unix; 0 on Windows), as ``zipfile`` sets it."""


class Deflated(Struct, frozen=True):
    """A part's content as a zip entry holds it: deflated as ``zipfile`` deflates at its
    default level, with the CRC and size of the content."""

    raw: bytes
    crc: int
    size: int


def deflate(content: bytes) -> Deflated:
    """``content`` deflated as ``zipfile`` writes an entry at its default level."""
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Deflated(packer.compress(content) + packer.flush(), zlib.crc32(content), len(content))


def normalise_zip(data: bytes, replace: Mapping[str, bytes | Deflated] | None = None) -> bytes:
    """Rewrite a .docx/.xlsx so the same content always gives the same bytes: every entry
    deflated, dated ``FIXED_TIME``, ``-rw-r--r--``; ``[Content_Types].xml`` first (Office
    expects it), the others in their order; the parts named in ``replace`` with new content,
    given as bytes or deflated already (``deflate``).

    The bytes are those ``zipfile`` writes for such entries (``tests/render/test_package.py``
    compares them). A part already deflated is copied as it is compressed, not inflated and
    deflated again (each compression of a document's parts took about a tenth of filling
    it): python-docx and openpyxl deflate through ``zipfile`` at its default level, which
    writes the same stream; a part deflated at another level is copied as that level wrote
    it (the same input still gives the same bytes).
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = source.infolist()
    infos.sort(key=lambda i: i.filename != "[Content_Types].xml")
    replace = replace or {}
    new_bytes = sum(
        v.size + len(v.raw) if isinstance(v, Deflated) else len(v) for v in replace.values()
    )
    unpacked = sum(i.file_size for i in infos) + new_bytes
    if len(infos) >= _ENTRIES or len(data) + unpacked >= zipfile.ZIP64_LIMIT // 2:
        return _by_zipfile(source, infos, replace)  # where zipfile may write zip64
    out = io.BytesIO()
    central = []
    for info in infos:
        name, flags = _encoded(info.filename)
        new = replace.get(info.filename)
        raw = _deflated(data, info) if new is None else None
        if raw is not None:
            crc, size = info.CRC, info.file_size
        else:
            if not isinstance(new, Deflated):
                new = deflate(source.read(info) if new is None else new)
            raw, crc, size = new.raw, new.crc, new.size
        offset = out.tell()
        fields = (flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, crc, len(raw), size, len(name))
        out.write(_LOCAL.pack(b"PK\x03\x04", _VERSION, 0, *fields, 0))
        out.write(name)
        out.write(raw)
        central.append((fields, name, offset))
    start = out.tell()
    for fields, name, offset in central:
        out.write(
            _CENTRAL.pack(
                b"PK\x01\x02",
                _VERSION,
                _SYSTEM,
                _VERSION,
                0,
                *fields,
                0,
                0,
                0,
                0,
                0o644 << 16,
                offset,
            )
        )
        out.write(name)
    end = out.tell()
    out.write(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), end - start, start, 0))
    return out.getvalue()


def _deflated(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The entry's data as stored in the package ``data``, if it is deflated and not
    encrypted, after a local header where the central directory says; else None."""
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 1:
        return None
    if info.header_offset + _LOCAL.size > len(data):
        return None
    header = _LOCAL.unpack_from(data, info.header_offset)
    if header[0] != b"PK\x03\x04":
        return None
    start = info.header_offset + _LOCAL.size + header[-2] + header[-1]  # name, extra field
    raw = data[start : start + info.compress_size]
    return raw if len(raw) == info.compress_size else None


def _encoded(name: str) -> tuple[bytes, int]:
    """An entry's name as ``zipfile`` writes it, and its flag bits: ASCII, else UTF-8 with
    the language encoding flag (0x800)."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800


def _by_zipfile(
    source: zipfile.ZipFile, infos: list[zipfile.ZipInfo], replace: Mapping[str, bytes | Deflated]
) -> bytes:
    """``normalise_zip`` written by ``zipfile`` itself (a package so large that it may
    need zip64)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            new = replace.get(info.filename)
            if isinstance(new, Deflated):
                new = zlib.decompress(new.raw, -15)
            target.writestr(entry, source.read(info) if new is None else new)
    return out.getvalue()


# --- checking a template package before it is opened ------------------------------------

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
"""Size of a template file."""
MAX_PARTS = 1_000
"""Parts (zip entries) of a template package."""
MAX_XML_BYTES = 10 * 1024 * 1024
"""Unpacked size of a template's XML parts together (a 100-page document has about 2 MB)."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""Unpacked size of all parts together, pictures included."""

_MAIN_TYPES = {
    "docx": (
        "wordprocessingml.document.main+xml",
        "wordprocessingml.template.main+xml",
        "ms-word.document.macroEnabled.main+xml",
        "ms-word.template.macroEnabledTemplate.main+xml",
    ),
    "xlsx": (
        "spreadsheetml.sheet.main+xml",
        "spreadsheetml.template.main+xml",
        "ms-excel.sheet.macroEnabled.main+xml",
        "ms-excel.template.macroEnabled.main+xml",
    ),
}
_NAMES = {"docx": "a Word document (.docx)", "xlsx": "an Excel workbook (.xlsx)"}
_DECLARATION = (b"<!DOCTYPE", b"<!ENTITY")


def read_checked(path: Path, kind: str) -> bytes:
    """The bytes of the template ``path`` once ``check_data`` accepts them: read once, so
    what was checked is what is opened."""
    data = read_template(path)
    check_data(data, path, kind)
    return data


def read_template(path: Path) -> bytes:
    """The bytes of the template file ``path`` (a regular file of at most
    ``MAX_TEMPLATE_BYTES``); ``TemplateError`` otherwise."""
    # lazy: paths, textfile load only when this runs
    from grantdocs.paths import display_path
    from grantdocs.textfile import UnreadableText, read_limited

    try:
        return read_limited(path, MAX_TEMPLATE_BYTES)
    except UnreadableText as exc:
        raise TemplateError(f"{display_path(path)}: {exc.message}") from None


def check_data(data: bytes, path: Path, kind: str) -> None:
    """Raise ``TemplateError`` unless ``data``, read from ``path`` (which messages name), is
    a ``kind`` package ("docx" or "xlsx") within the bounds above, whose XML declares no
    document type or entities (Office never writes them; entity expansion is how an XML bomb
    works)."""
    # lazy: paths loads only when this runs
    from grantdocs.paths import display_path

    shown = display_path(path)
    wanted = _NAMES[kind]
    if not data:
        raise TemplateError(f"{shown}: an empty file, not {wanted}")
    if data.startswith(b"%PDF"):
        raise TemplateError(
            f"{shown}: a PDF file, not {wanted}; a template is the Word or Excel file itself"
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise TemplateError(
            f"{shown}: not {wanted}: not a zip package, or a truncated one"
        ) from None
    if len(infos) > MAX_PARTS:
        raise TemplateError(f"{shown}: {len(infos):,} parts; a template may have {MAX_PARTS:,}")
    total = sum(i.file_size for i in infos)
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    if total > MAX_UNPACKED_BYTES or xml > MAX_XML_BYTES:
        raise TemplateError(
            f"{shown}: unpacks to {total:,} bytes ({xml:,} of XML); a template may unpack to "
            f"{MAX_UNPACKED_BYTES:,} bytes with {MAX_XML_BYTES:,} of XML"
        )
    try:
        types = package.read("[Content_Types].xml")
    except KeyError:
        raise TemplateError(
            f"{shown}: a zip file, but not {wanted} (no [Content_Types].xml)"
        ) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise TemplateError(f"{shown}: a damaged package ({exc})") from None
    if not any(t.encode() in types for t in _MAIN_TYPES[kind]):
        other = next(
            (k for k, ts in _MAIN_TYPES.items() if any(t.encode() in types for t in ts)), None
        )
        got = _NAMES[other] if other else "another kind of Office file"
        raise TemplateError(f"{shown}: {got}, not {wanted} as the format needs")
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            part = package.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise TemplateError(f"{shown}: a damaged package: {info.filename}: {exc}") from None
        if any(marker in part for marker in _DECLARATION):
            raise TemplateError(
                f"{shown}: {info.filename} declares a document type or entities, which Office "
                "files never do; refused (XML entity expansion)"
            )
