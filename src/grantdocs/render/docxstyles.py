"""A Word template's styles parts kept out of python-docx's reading and writing.

python-docx parses a template's ``styles.xml`` when it opens it and serialises it again when
it saves; the bundled templates' styles parts (with Word's ``stylesWithEffects.xml``) are
about 750 KB of XML, and parsing, serialising and deflating them is about 27 ms of every
Word document built, for a part no document changes but for its default language.

``open_template`` makes, once per template and language, the template with its styles parts
emptied (what python-docx opens) and those parts as they would be saved, deflated already
(what ``normalise_zip`` puts back in their place): the same bytes, as
``tests/render/test_docxstyles.py`` checks. Both are kept in the disk cache (``usercache``)
by a hash of the template's bytes, the language, this code and the versions of
python-docx, lxml and zlib; with the cache off, nothing is set aside.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from msgspec import Struct

from grantdocs.render.package import (
    MAX_TEMPLATE_BYTES,
    Deflated,
    check_data,
    deflate,
    read_checked,
    read_template,
)

ASIDE_ENTRY = "grantdocs-aside-1"
"""Changes when what a kept ``Aside`` holds changes."""
STYLES_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "application/vnd.ms-word.stylesWithEffects+xml",
)
"""Content types of the parts set aside: styles (the document's and a glossary's) and
Word 2010's styles with effects."""
PLACEHOLDER = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
)
"""What a part set aside holds in the package python-docx opens."""
_CODE = (__name__, "grantdocs.render.docxlang", "grantdocs.render.package")


class Aside(Struct, frozen=True):
    """A Word template as python-docx is to open it: ``package``, with ``PLACEHOLDER`` in
    place of each part in ``parts``, which holds what python-docx would save for that part,
    by zip member name (empty: nothing set aside, ``package`` is the template itself)."""

    package: bytes
    parts: dict[str, Deflated]


def open_template(template: Path, tag: str | None) -> Aside:
    """``template`` read once and checked (``check_data``), its styles parts set aside with
    the document's default language set to ``tag`` (``de-DE``; None keeps the template's).
    Nothing is set aside with the cache off, nor in a template whose styles python-docx
    would make anew. Raises ``TemplateError`` for a template ``check_data`` refuses."""
    # lazy: usercache loads only when this runs
    from grantdocs import usercache

    if usercache.folder() is None:
        return Aside(read_checked(template, "docx"), {})
    data = read_template(template)
    name = usercache.entry_name(
        "aside",
        ASIDE_ENTRY,
        usercache.code_digest(_CODE),
        f"python-docx {usercache.library_version('python-docx', 'docx')}",
        f"lxml {usercache.library_version('lxml', 'lxml')}",
        f"zlib {zlib.ZLIB_RUNTIME_VERSION}",
        tag or "",
        data,
    )

    def made() -> Aside:  # kept only once these bytes were checked
        check_data(data, template, "docx")
        return _made(data, tag)

    return usercache.remembered(name, made, usercache.instance_of(Aside), 2 * MAX_TEMPLATE_BYTES)


def _made(data: bytes, tag: str | None) -> Aside:
    """``open_template`` for a template's checked bytes."""
    # lazy: python-docx loads only when this runs
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.part import XmlPart

    from grantdocs.render.docxlang import set_default_language

    nothing = Aside(data, {})
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several types for a broken package
        return nothing  # fill_docx reports it
    try:
        main = document.part.part_related_by(RELATIONSHIP_TYPE.STYLES)
    except KeyError:
        main = None
    parts: dict[str, Deflated] = {}
    for part in document.part.package.iter_parts():
        if part.content_type not in STYLES_TYPES:
            continue
        if part is main and tag:
            if not isinstance(part, XmlPart):
                return nothing  # styles python-docx cannot read: fill_docx reports it
            set_default_language(part.element, tag)
        parts[part.partname.membername] = deflate(part.blob)
    if tag and (main is None or main.partname.membername not in parts):
        return nothing  # python-docx makes the styles anew to set the language
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            content = PLACEHOLDER if info.filename in parts else source.read(info)
            target.writestr(info.filename, content)
    return Aside(out.getvalue(), parts)
