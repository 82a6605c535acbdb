"""The babel extractors find the labels of Word templates and format files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.frontend import parse_mapping_cfg
from babel.util import pathmatch

from grantdocs.l10n.extract import extract_docx, extract_format_yaml

ROOT = Path(__file__).resolve().parents[2]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def paragraph(*runs: str) -> str:
    """A ``w:p`` whose text is split into the given runs, as Word does."""
    return (
        "<w:p>"
        + "".join(f"<w:r><w:t xml:space='preserve'>{r}</w:t></w:r>" for r in runs)
        + ("</w:p>")
    )


def part(root: str, *paragraphs: str) -> str:
    return f"<w:{root} xmlns:w='{W}'>" + "".join(paragraphs) + f"</w:{root}>"


def docx(**parts: str) -> io.BytesIO:
    """A .docx-shaped zip holding the given parts (``document``, ``header1`` ...)."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, xml in parts.items():
            archive.writestr(f"word/{name}.xml", xml)
    data.seek(0)
    return data


def messages(
    extractor: Any, fileobj: io.BytesIO, keywords: Mapping[str, Any] = DEFAULT_KEYWORDS
) -> list[tuple[int, str]]:
    """(line, message) of each message babel's ``extract`` gets from ``extractor``."""
    found = extract(extractor, fileobj, keywords=keywords)
    return [(lineno, str(message)) for lineno, message, _comments, _context in found]


def test_docx_labels_split_across_runs_and_parts() -> None:
    body = part(
        "document",
        paragraph('{{ _("Personal', " Data", '") }}'),
        paragraph("Plain text with _(&quot;no tag&quot;) is not a label"),
        paragraph("{%p if x %}{{ _('Stages') }}: {{r _(\u201cDoctorate\u201d) }}"),
        paragraph('{# _("a comment") #}{{ gettext("Teaching") }}{{ foo._("Attribute") }}'),
        '<w:p><w:r><w:t>{{ _("Outer") }}</w:t></w:r><w:r><w:drawing><w:txbxContent>'
        + paragraph('{{ _("In a text box") }}')
        + "</w:txbxContent></w:drawing></w:r></w:p>",
        paragraph('{{ _("Say \\"hi\\"") }}'),
    )
    header = part("hdr", paragraph('{{ _("Page") }} 1 {{ _("of") }} 2'))
    footer = part("ftr", paragraph("{{ _(\u2018Curriculum Vitae\u2019) }}"))
    fileobj = docx(document=body, header1=header, footer1=footer)
    assert messages(extract_docx, fileobj) == [
        (1, "Personal Data"),
        (3, "Stages"),
        (3, "Doctorate"),
        (4, "Teaching"),
        (5, "In a text box"),
        (6, "Outer"),
        (7, 'Say "hi"'),
        (8, "Curriculum Vitae"),
        (9, "Page"),
        (9, "of"),
    ]


def test_docx_honours_the_keywords() -> None:
    body = part("document", paragraph('{{ _("Stages") }}{{ gettext("Teaching") }}'))
    assert messages(extract_docx, docx(document=body), {"gettext": None}) == [(1, "Teaching")]


FORMAT_YAML = """\
id: dfg-cv
title: {en: "Curriculum Vitae (DFG)", de: "Lebenslauf (DFG)"}
slots:
  category_a:
    label: "Category A – Articles"
    limit: 10
  list:
    - {label: Talks, title: Invited Lectures}
    - label: 2020
    - label: ""
notes: |
  label: not a key, just text
other: !!python/object/apply:os.system ["echo unsafe"]
"""


def test_format_yaml_labels_and_titles() -> None:
    assert messages(extract_format_yaml, io.BytesIO(FORMAT_YAML.encode())) == [
        (5, "Category A – Articles"),
        (8, "Talks"),
        (8, "Invited Lectures"),
    ]


def test_format_yaml_empty_file() -> None:
    assert messages(extract_format_yaml, io.BytesIO(b"")) == []


def test_babel_cfg_maps_each_kind_of_file_to_its_extractor() -> None:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, _options = parse_mapping_cfg(f, "babel.cfg")  # type: ignore[no-untyped-call]

    def method(path: str) -> str | None:
        return next((m for pattern, m in method_map if pathmatch(pattern, path)), None)

    assert method("src/grantdocs/l10n/labels.py") == "python"
    assert method("templates/dfg-cv/template.docx") == "grantdocs.l10n.extract:extract_docx"
    assert method("templates/dfg-cv/format.yaml") == "grantdocs.l10n.extract:extract_format_yaml"
    assert method("templates/dfg-cv/notes.yaml") is None
    assert set(DEFAULT_KEYWORDS) >= {"_", "gettext", "N_"}
