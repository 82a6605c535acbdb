"""Babel extractors for the labels in Word templates and format files.

``extract_docx`` reads a .docx template's body, headers, footers, footnotes and endnotes,
joins the text of each paragraph (Word splits it across runs) and yields each
``_("...")`` or ``gettext("...")`` call found inside a Jinja tag (``{{ }}`` or ``{% %}``,
including docxtpl's ``{%p``, ``{%tr``, ``{{r`` forms). Typographic quotes typed by Word are
read as straight quotes, as docxtpl does. The line number of a message is the number of its
paragraph, counted through the body first, then the other parts in name order.

``extract_format_yaml`` yields the string values of every ``label`` or ``title`` key of a
``templates/<format>/format.yaml`` file, at their line numbers.

Both follow babel's extractor protocol: ``(fileobj, keywords, comment_tags, options)``
yielding ``(lineno, funcname, message, comments)``.
"""

from __future__ import annotations

import ast
import re
import zipfile
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any, Final
from xml.etree import ElementTree

import yaml

Extracted = tuple[int, str | None, str, list[str]]
"""One message as babel expects it from an extractor: line, function, message, comments."""

WORD_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARAGRAPH: Final = f"{{{WORD_NS}}}p"
_TEXT: Final = f"{{{WORD_NS}}}t"
_OTHER_PARTS: Final = re.compile(r"^word/(header\d*|footer\d*|footnotes|endnotes)\.xml$")
_JINJA_TAG: Final = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_STRING: Final = r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
_SMART_QUOTES: Final = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})
_CALL_NAMES: Final = ("_", "gettext")
"""Single-argument translation functions recognised in templates (when among the keywords)."""

LABEL_KEYS: Final = frozenset({"label", "title"})
_YAML_STR: Final = "tag:yaml.org,2002:str"


def extract_docx(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yield the translatable strings of a .docx template (see the module docstring)."""
    names = [name for name in _CALL_NAMES if name in keywords]
    if not names:
        return
    call = re.compile(
        r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")\(\s*" + _STRING + r"\s*\)"
    )
    for lineno, text in enumerate(_docx_paragraphs(fileobj), start=1):
        for tag in _JINJA_TAG.finditer(text):
            for match in call.finditer(tag.group(0).translate(_SMART_QUOTES)):
                message = ast.literal_eval(match.group(2))
                if isinstance(message, str) and message:
                    yield lineno, match.group(1), message, []


def _docx_paragraphs(fileobj: IO[bytes]) -> Iterator[str]:
    """The text of every paragraph of the body, then of the headers, footers and notes."""
    with zipfile.ZipFile(fileobj) as archive:
        names = archive.namelist()
        parts = ["word/document.xml"] if "word/document.xml" in names else []
        parts += sorted(name for name in names if _OTHER_PARTS.match(name))
        for part in parts:
            root = ElementTree.fromstring(archive.read(part))
            yield from _paragraph_texts(root, [])


def _paragraph_texts(element: ElementTree.Element, buffer: list[str]) -> Iterator[str]:
    """Join ``w:t`` texts per ``w:p``; a paragraph nested in another (text box) is its own."""
    for child in element:
        if child.tag == _PARAGRAPH:
            own: list[str] = []
            yield from _paragraph_texts(child, own)
            yield "".join(own)
        elif child.tag == _TEXT:
            buffer.append(child.text or "")
        else:
            yield from _paragraph_texts(child, buffer)


def extract_format_yaml(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yield the string value of every ``label`` or ``title`` key, at any depth.

    Values that are not plain strings (numbers, ``{en: ..., de: ...}`` mappings) are skipped.
    The file is only composed, never constructed, so YAML tags cannot run code.
    """
    root = yaml.compose(fileobj, Loader=yaml.SafeLoader)
    if root is None:
        return
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    found: list[tuple[int, int, str]] = []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if (
                    isinstance(key, yaml.ScalarNode)
                    and key.value in LABEL_KEYS
                    and isinstance(value, yaml.ScalarNode)
                    and value.tag == _YAML_STR
                    and value.value
                ):
                    mark = value.start_mark
                    found.append((mark.line + 1, mark.column, value.value))
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    for line, _column, message in sorted(found):
        yield line, None, message, []
