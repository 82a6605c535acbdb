"""Make Office packages (zip files) byte-stable: fixed entry times, fixed order."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from grantdocs.errors import TemplateError

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a .docx/.xlsx so the same content always gives the same bytes.

    ``[Content_Types].xml`` stays first (Office expects it); other entries keep their order.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    names.sort(key=lambda n: n != "[Content_Types].xml")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
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


def check_package(path: Path, kind: str) -> None:
    """Raise ``TemplateError`` unless ``path`` is a regular file holding a ``kind`` package
    ("docx" or "xlsx") within the bounds above, whose XML declares no document type or
    entities (Office never writes them; entity expansion is how an XML bomb works)."""
    # lazy: paths, textfile load only when this runs
    from grantdocs.paths import display_path
    from grantdocs.textfile import UnreadableText, read_limited

    shown = display_path(path)
    wanted = _NAMES[kind]
    try:
        data = read_limited(path, MAX_TEMPLATE_BYTES)
    except UnreadableText as exc:
        raise TemplateError(f"{shown}: {exc.message}") from None
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
