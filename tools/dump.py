"""A reviewable text dump of a Word or Excel template, and the command that writes it.

The bundled ``templates/<format>/template*.docx|xlsx`` files are the source: they are edited
in Word, Excel or LibreOffice. Beside each lies ``template*.dump.txt``, a plain-text account
of what the file holds, so that a change to a template shows up in a diff and in review.
A test fails when a dump no longer matches its template.

Word files are read as XML (no python-docx), Excel files through openpyxl's public model;
every length is printed in cm or pt, every list in the file's order or sorted, so a dump
depends on the template alone.

Run from the repository root after changing a template: ``python tools/dump.py``
(``--check`` only reports stale dumps, exit 1; ``FILE...`` prints the dump of any template).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from grantdocs.render.docx import HYPERLINK_STYLE
from grantdocs.resources import templates_dir

REGENERATE = "python tools/dump.py"
"""The one command that rewrites every bundled template's dump."""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TWIPS_PER_CM = 1440 / 2.54
NOISE = ("rsid", "paraId", "textId")
"""Attribute names (prefixes) Word writes on every edit; they say nothing about the look."""
STYLE_META = {"name", "basedOn", "next", "link", "uiPriority", "qFormat", "rsid", "semiHidden",
              "unhideWhenUsed", "locked", "autoRedefine", "hidden", "personal", "aliases"}
"""Children of ``w:style`` that are bookkeeping, not formatting."""
PAPER = {"1": "Letter", "8": "A3", "9": "A4", "11": "A5"}
"""Excel's paper size codes (ECMA-376 ``ST_PaperSize``) shown by name."""
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def dump_path(template: Path) -> Path:
    """Where the dump of ``template`` lives: ``template.de.xlsx`` -> ``template.de.dump.txt``."""
    return template.with_name(f"{template.stem}.dump.txt")


def dump_template(template: Path, shown_as: str | None = None) -> str:
    """The text dump of a .docx or .xlsx file; ``shown_as`` is the name in its first line."""
    data = template.read_bytes()
    name = shown_as or template.name
    head = [f"# {name}: text dump of the template, for review.",
            f"# Written by `{REGENERATE}`; edit the template, not this file."]
    if template.suffix.lower() == ".docx":
        body = _docx_lines(data)
    elif template.suffix.lower() == ".xlsx":
        body = _xlsx_lines(data)
    else:
        raise ValueError(f"{template}: not a .docx or .xlsx file")
    return "\n".join([*head, *body]) + "\n"


def bundled_templates(root: Path | None = None) -> list[Path]:
    """Every bundled template file, sorted."""
    base = root or templates_dir()
    found = [*base.glob("*/*.docx"), *base.glob("*/*.xlsx")]
    # Word's owner files ("~$mplate.docx") and hidden files are not templates
    return sorted(p for p in found if not p.name.startswith(("~$", ".")))


def stale_dumps(root: Path | None = None) -> list[Path]:
    """The bundled templates whose committed dump is missing or differs."""
    base = root or templates_dir()
    out = []
    for template in bundled_templates(base):
        expected = dump_template(template, _shown(template, base))
        target = dump_path(template)
        if not target.is_file() or target.read_text(encoding="utf-8") != expected:
            out.append(template)
    return out


def orphaned_dumps(root: Path | None = None) -> list[Path]:
    """Dumps whose template is gone (deleted or renamed)."""
    base = root or templates_dir()
    dumps = {dump_path(t) for t in bundled_templates(base)}
    return sorted(p for p in base.glob("*/*.dump.txt") if p not in dumps)


def write_dumps(root: Path | None = None) -> list[Path]:
    """Rewrite every stale dump and delete orphaned ones; the dumps written or deleted."""
    base = root or templates_dir()
    changed = []
    for template in stale_dumps(base):
        text = dump_template(template, _shown(template, base))
        dump_path(template).write_text(text, encoding="utf-8", newline="\n")
        changed.append(dump_path(template))
    for orphan in orphaned_dumps(base):
        orphan.unlink()
        changed.append(orphan)
    return changed


def _shown(template: Path, base: Path) -> str:
    return f"templates/{template.relative_to(base).as_posix()}"


def main(argv: Sequence[str] | None = None) -> int:
    """``[--check]``: rewrite (or only check) the bundled dumps; ``FILE...``: print dumps."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args != ["--check"]:
        if any(a.startswith("-") for a in args):
            print(f"usage: {REGENERATE} [--check | FILE.docx|FILE.xlsx ...]", file=sys.stderr)
            return 2
        for name in args:
            try:
                sys.stdout.write(dump_template(Path(name)))
            except Exception as exc:  # any broken package: zipfile, lxml, openpyxl errors
                print(f"{name}: cannot dump this file ({exc})", file=sys.stderr)
                return 1
        return 0
    base = templates_dir()
    if args == ["--check"]:
        stale = [dump_path(t) for t in stale_dumps(base)]
        orphans = orphaned_dumps(base)
        for path in stale:
            print(f"stale: {path.relative_to(base.parent).as_posix()}")
        for path in orphans:
            print(f"without a template: {path.relative_to(base.parent).as_posix()}")
        if stale or orphans:
            print(f"run: {REGENERATE}", file=sys.stderr)
        return 1 if stale or orphans else 0
    for path in write_dumps(base):
        verb = "wrote" if path.exists() else "deleted"
        print(f"{verb} {path.relative_to(base.parent).as_posix()}")
    return 0


# --- Word -------------------------------------------------------------------------------


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _cm(twips: str | None) -> str:
    return "?" if twips is None else f"{int(twips) / TWIPS_PER_CM:.2f} cm"


def _pt(twips: str | None) -> str:
    return "?" if twips is None else f"{_number(int(twips) / 20)} pt"


def _attrs(el: Any) -> dict[str, str]:
    return {
        _local(k): v for k, v in sorted(el.attrib.items())
        if not _local(k).startswith(NOISE)
    }


def _on(el: Any) -> bool:
    return el.get(_w("val")) not in ("0", "false", "off", "none")


def _generic(el: Any) -> str:
    attrs = _attrs(el)
    inner = ", ".join(f"{k}={v}" for k, v in attrs.items())
    children = "; ".join(_prop(c) for c in el if isinstance(c.tag, str))
    text = _local(el.tag)
    if inner:
        text += f"({inner})"
    if children:
        text += f" {{{children}}}"
    return text


def _width(el: Any) -> str:
    kind, value = el.get(_w("type")), el.get(_w("w"))
    if kind == "dxa" or kind is None:
        return _cm(value)
    return f"{value} {kind}"


def _fonts(el: Any) -> str:
    attrs = _attrs(el)
    names = {v for k, v in attrs.items() if k in ("ascii", "hAnsi", "cs", "eastAsia")}
    if len(names) == 1 and all(k in ("ascii", "hAnsi", "cs", "eastAsia") for k in attrs):
        return f"font {names.pop()}"
    return _generic(el)


def _spacing(el: Any) -> str:
    attrs = _attrs(el)
    parts = []
    for key in ("before", "after"):
        if key in attrs:
            parts.append(f"{key} {_pt(attrs.pop(key))}")
    if "line" in attrs:
        rule = attrs.pop("lineRule", "auto")
        line = attrs.pop("line")
        parts.append(f"line {_number(int(line) / 240)}" if rule == "auto"
                     else f"line {rule} {_pt(line)}")
    parts += [f"{k}={v}" for k, v in attrs.items()]
    return "spacing " + ", ".join(parts)


def _indent(el: Any) -> str:
    return "indent " + ", ".join(f"{k} {_cm(v)}" for k, v in _attrs(el).items())


def _tabs(el: Any) -> str:
    stops = [f"{t.get(_w('val'))} {_cm(t.get(_w('pos')))}" for t in el if _local(t.tag) == "tab"]
    return "tabs " + ", ".join(stops)


def _borders(el: Any) -> str:
    sides = []
    for side in el:
        if not isinstance(side.tag, str):
            continue
        attrs = _attrs(side)
        style = attrs.pop("val", "?")
        size = attrs.pop("sz", None)
        text = f"{_local(side.tag)} {style}"
        if size is not None:
            text += f" {_number(int(size) / 8)} pt"
        if "color" in attrs:
            text += f" {attrs.pop('color')}"
        text += "".join(f" {k}={v}" for k, v in attrs.items())
        sides.append(text)
    return f"{_local(el.tag)} " + ", ".join(sides)


def _margins(el: Any) -> str:
    sides = [f"{_local(s.tag)} {_width(s)}" for s in el if isinstance(s.tag, str)]
    return f"{_local(el.tag)} " + ", ".join(sides)


def _toggle(label: str) -> Callable[[Any], str]:
    return lambda el: label if _on(el) else f"{label} off"


def _valued(label: str, convert: Callable[[str], str] = str) -> Callable[[Any], str]:
    def show(el: Any) -> str:
        value = el.get(_w("val"))
        return f"{label} {'?' if value is None else convert(value)}"

    return show


_PROPS: dict[str, Callable[[Any], str]] = {
    "rFonts": _fonts,
    "sz": _valued("size", lambda v: f"{_number(int(v) / 2)} pt"),
    "szCs": _valued("size (complex script)", lambda v: f"{_number(int(v) / 2)} pt"),
    "b": _toggle("bold"), "bCs": _toggle("bold (complex script)"),
    "i": _toggle("italic"), "iCs": _toggle("italic (complex script)"),
    "caps": _toggle("all caps"), "smallCaps": _toggle("small caps"),
    "strike": _toggle("strike"), "vanish": _toggle("hidden"),
    "keepNext": _toggle("keep with next"), "keepLines": _toggle("keep lines together"),
    "pageBreakBefore": _toggle("page break before"), "widowControl": _toggle("widow control"),
    "tblHeader": _toggle("repeat as header row"), "cantSplit": _toggle("row not split"),
    "u": _valued("underline"), "color": _valued("colour"), "jc": _valued("align"),
    "outlineLvl": _valued("outline level", lambda v: str(int(v) + 1)),
    "spacing": _spacing, "ind": _indent, "tabs": _tabs,
    "pBdr": _borders, "tblBorders": _borders, "tcBorders": _borders,
    "tblCellMar": _margins, "tcMar": _margins,
    "tblW": lambda el: f"width {_width(el)}", "tcW": lambda el: f"width {_width(el)}",
    "tblInd": lambda el: f"indent {_width(el)}",
    "tblLayout": lambda el: f"layout {el.get(_w('type'), 'autofit')}",
    "gridSpan": _valued("spans columns"), "vMerge": lambda el: f"merged down {_attrs(el)}",
}


def _prop(el: Any) -> str:
    show = _PROPS.get(_local(el.tag))
    if show is not None:
        try:
            return show(el)
        except (TypeError, ValueError):  # a value this dump cannot convert: shown as is
            pass
    return _generic(el)


def _props(container: Any, skip: Iterable[str] = ()) -> list[str]:
    if container is None:
        return []
    skipped = set(skip)
    return [_prop(c) for c in container if isinstance(c.tag, str) and _local(c.tag) not in skipped]


class _Docx:
    """One Word package, read as XML."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = set(self.zip.namelist())
        self.document = self.part("word/document.xml")
        styles = self.part("word/styles.xml") if "word/styles.xml" in self.names else None
        self.styles = {s.get(_w("styleId")): s for s in styles.iter(_w("style"))} if (
            styles is not None) else {}
        self.defaults = styles.find(_w("docDefaults")) if styles is not None else None
        self.rels = self.relationships("word/document.xml")
        self.used: set[str] = set()
        defaults = [sid for sid, s in self.styles.items() if s.get(_w("type")) == "paragraph"
                    and s.get(_w("default")) in ("1", "true")]
        self.default_style = defaults[0] if defaults else None

    def part(self, name: str) -> Any:
        return etree.fromstring(self.zip.read(name), _XML)

    def relationships(self, part: str) -> dict[str, str]:
        path = PurePosixPath(part)
        rels = path.parent / "_rels" / f"{path.name}.rels"
        if str(rels) not in self.names:
            return {}
        root = self.part(str(rels))
        out = {}
        for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
            target = rel.get("Target", "")
            out[rel.get("Id", "")] = str(path.parent / target) if rel.get(
                "TargetMode") != "External" else target
        return out

    def style_name(self, style_id: str | None) -> str:
        if style_id is None:
            return "?"
        self.used.add(style_id)
        style = self.styles.get(style_id)
        name = style.find(_w("name")) if style is not None else None
        return style_id if name is None else str(name.get(_w("val")))


def _docx_lines(data: bytes) -> list[str]:
    doc = _Docx(data)
    body = doc.document.find(_w("body"))
    content = list(_blocks(doc, body, 0)) if body is not None else []
    out = ["", "[sections]"]
    sections = [] if body is None else [
        *(p.find(f"{_w('pPr')}/{_w('sectPr')}") for p in body.iter(_w("p"))),
        body.find(_w("sectPr")),
    ]
    parts: list[tuple[str, str]] = []
    for number, sect in enumerate([s for s in sections if s is not None], 1):
        out.append(f"section {number}")
        out += [f"  {line}" for line in _section(sect)]
        for ref in sect:
            if _local(ref.tag) in ("headerReference", "footerReference"):
                part = doc.rels.get(ref.get(f"{{{R}}}id", ""), "?")
                kind = _local(ref.tag).removesuffix("Reference")
                label = f"{kind} {ref.get(_w('type'), 'default')} of section {number}"
                out.append(f"  {label}: {part}")
                parts.append((label, part))
    for label, part in parts:
        if part in doc.names:
            root = doc.part(part)
            content += ["", f"[{label}]", *_blocks(doc, root, 0)]
    styles = _style_lines(doc)
    return [*out, "", "[styles]", *styles, "", "[body]", *content[0:]]


def _section(sect: Any) -> list[str]:
    lines = []
    size = sect.find(_w("pgSz"))
    if size is not None:
        orient = size.get(_w("orient"), "portrait")
        lines.append(f"page {_cm(size.get(_w('w')))} x {_cm(size.get(_w('h')))}, {orient}")
    margins = sect.find(_w("pgMar"))
    if margins is not None:
        attrs = _attrs(margins)
        order = ["top", "right", "bottom", "left", "header", "footer", "gutter"]
        keys = [k for k in order if k in attrs] + [k for k in attrs if k not in order]
        lines.append("margins " + ", ".join(f"{k} {_cm(attrs[k])}" for k in keys))
    skip = {"pgSz", "pgMar", "headerReference", "footerReference"}
    lines += _props(sect, skip)
    return lines


def _style_lines(doc: _Docx) -> list[str]:
    lines = []
    if doc.defaults is not None:
        for kind in ("rPrDefault", "pPrDefault"):
            holder = doc.defaults.find(_w(kind))
            found = [] if holder is None else [p for c in holder for p in _props(c)]
            lines.append(f"defaults ({'text' if kind == 'rPrDefault' else 'paragraph'}): "
                         + "; ".join(found))
    wanted = {*doc.used, HYPERLINK_STYLE}
    for sid, style in doc.styles.items():
        if style.get(_w("default")) in ("1", "true") and style.get(_w("type")) == "paragraph":
            wanted.add(sid)
    closed: list[str] = []
    todo = sorted(wanted)
    while todo:
        sid = todo.pop()
        if sid in closed or sid not in doc.styles:
            continue
        closed.append(sid)
        based = doc.styles[sid].find(_w("basedOn"))
        if based is not None:
            todo.append(str(based.get(_w("val"))))
    if HYPERLINK_STYLE not in doc.styles:
        lines.append(f"{HYPERLINK_STYLE}: MISSING, no style has this id; grantdocs gives links "
                     "this character style (LibreOffice renames its id to InternetLink)")
    for sid in sorted(closed, key=lambda s: doc.style_name(s).lower()):
        style = doc.styles[sid]
        head = f"{doc.style_name(sid)} ({style.get(_w('type'))}"
        for key, label in (("basedOn", "based on"), ("next", "next")):
            ref = style.find(_w(key))
            if ref is not None:
                head += f", {label} {doc.style_name(ref.get(_w('val')))}"
        props: list[str] = []
        for child in style:
            if not isinstance(child.tag, str) or _local(child.tag) in STYLE_META:
                continue
            if _local(child.tag) in ("pPr", "rPr", "tblPr", "trPr", "tcPr"):
                props += _props(child)
            else:
                props.append(_generic(child))
        lines.append(f"{head}): " + "; ".join(props) if props else f"{head})")
    return lines


def _blocks(doc: _Docx, parent: Any, depth: int) -> Iterator[str]:
    pad = "  " * depth
    for child in parent:
        tag = _local(child.tag) if isinstance(child.tag, str) else ""
        if tag == "p":
            yield from (pad + line for line in _paragraph(doc, child))
        elif tag == "tbl":
            yield from _table(doc, child, depth)
        elif tag == "sdt":
            yield f"{pad}content control"
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(doc, content, depth + 1)


def _table(doc: _Docx, tbl: Any, depth: int) -> Iterator[str]:
    pad = "  " * depth
    props = tbl.find(_w("tblPr"))
    style = props.find(_w("tblStyle")) if props is not None else None
    name = doc.style_name(style.get(_w("val"))) if style is not None else "no style"
    grid = [_cm(c.get(_w("w"))) for c in tbl.iter(_w("gridCol")) if c.getparent().getparent()
            is tbl]
    details = _props(props, {"tblStyle", "tblLook"})
    yield f"{pad}table [{name}]: " + "; ".join([f"columns {' | '.join(grid)}", *details])
    for number, row in enumerate(tbl.findall(_w("tr")), 1):
        row_props = _props(row.find(_w("trPr")))
        yield f"{pad}  row {number}" + (": " + "; ".join(row_props) if row_props else "")
        for col, cell in enumerate(row.findall(_w("tc")), 1):
            cell_props = _props(cell.find(_w("tcPr")))
            yield f"{pad}    cell {col}" + (": " + "; ".join(cell_props) if cell_props else "")
            yield from _blocks(doc, cell, depth + 3)


def _paragraph(doc: _Docx, p: Any) -> list[str]:
    props = p.find(_w("pPr"))
    style = props.find(_w("pStyle")) if props is not None else None
    name = doc.style_name(style.get(_w("val")) if style is not None else doc.default_style)
    direct = _props(props, {"pStyle", "rPr", "sectPr"})
    head = f"p [{name}]" + "".join(f" +{d}" for d in direct)
    segments = _segments(doc, p)
    if not segments:
        return [head]
    if len(segments) == 1:
        look, text = segments[0]
        return [f"{head}{f' <{look}>' if look else ''} {_quoted(text)}"]
    return [head, *(f"    <{look}> {_quoted(text)}" for look, text in segments)]


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False) if text != text.strip() or not text else text


def _run_noise(el: Any) -> bool:
    """Run properties Word adds while typing that do not change the look."""
    name = _local(el.tag)
    if name in ("rStyle", "lang", "noProof", "proofErr"):
        return True
    return name == "rFonts" and set(_attrs(el)) <= {"hint"}


def _segments(doc: _Docx, p: Any) -> list[tuple[str, str]]:
    """The paragraph's text as (look, text) pieces; runs of one look are joined."""
    out: list[tuple[str, str]] = []
    field_depth = 0
    in_result: list[bool] = []

    def add(look: str, text: str) -> None:
        if out and out[-1][0] == look:
            out[-1] = (look, out[-1][1] + text)
        else:
            out.append((look, text))

    for run in p.iter(_w("r"), _w("fldSimple")):
        if _local(run.tag) == "fldSimple":
            add("", f"«{(run.get(_w('instr')) or '').strip()}»")
            continue
        if any(_local(a.tag) == "fldSimple" for a in run.iterancestors()):
            continue
        rpr = run.find(_w("rPr"))
        look = "; ".join(
            [doc.style_name(s.get(_w("val"))) for s in rpr.findall(_w("rStyle"))]
            + [_prop(c) for c in rpr if isinstance(c.tag, str) and not _run_noise(c)]
        ) if rpr is not None else ""
        if any(_local(a.tag) == "hyperlink" for a in run.iterancestors()):
            look = f"link; {look}" if look else "link"
        for item in run:
            tag = _local(item.tag) if isinstance(item.tag, str) else ""
            if tag == "fldChar":
                kind = item.get(_w("fldCharType"))
                if kind == "begin":
                    field_depth += 1
                    in_result.append(False)
                elif kind == "separate" and in_result:
                    in_result[-1] = True
                elif kind == "end" and in_result:
                    field_depth -= 1
                    in_result.pop()
            elif in_result and in_result[-1]:
                continue
            elif tag == "instrText":
                add(look, f"«{(item.text or '').strip()}»")
            elif tag == "t":
                add(look, item.text or "")
            elif tag == "tab":
                add(look, "<tab>")
            elif tag in ("br", "cr"):
                kind = item.get(_w("type"), "line")
                add(look, "<br>" if kind == "line" else f"<{kind} break>")
            elif tag in ("drawing", "pict", "object"):
                add(look, f"<{tag}>")
            elif tag == "sym":
                add(look, f"<sym {item.get(_w('char'))}>")
    return [(look, text) for look, text in out if text]


# --- Excel ------------------------------------------------------------------------------


def _colour(colour: Any) -> str:
    if colour is None:
        return "none"
    kind = getattr(colour, "type", None)
    value = getattr(colour, kind, None) if isinstance(kind, str) else None
    tint = getattr(colour, "tint", 0) or 0
    text = f"{kind} {value}" if kind != "rgb" else str(value)
    return text + (f" tint {_number(tint)}" if tint else "")


def _value(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    text = getattr(value, "text", None)  # array formulas
    return f"{type(value).__name__} {json.dumps(str(text if text is not None else value))}"


def _font(font: Any) -> str:
    parts = [str(font.name or "(default)")]
    if font.sz:
        parts.append(f"{_number(float(font.sz))} pt")
    parts += [flag for flag in ("b", "i", "strike") if getattr(font, flag)]
    if font.u:
        parts.append(f"underline {font.u}")
    if font.color is not None:
        parts.append(f"colour {_colour(font.color)}")
    return " ".join(parts)


def _fill(fill: Any) -> str:
    kind = getattr(fill, "fill_type", None) or getattr(fill, "patternType", None)
    if kind is None:
        return "none"
    return f"{kind} {_colour(fill.fgColor)}"


def _border(border: Any) -> str:
    sides = []
    for side in ("left", "right", "top", "bottom"):
        edge = getattr(border, side)
        if edge is not None and edge.style:
            sides.append(f"{side} {edge.style} {_colour(edge.color)}")
    return ", ".join(sides) or "none"


def _alignment(al: Any) -> str:
    parts = [f"{k} {getattr(al, k)}" for k in ("horizontal", "vertical") if getattr(al, k)]
    parts += [k for k in ("wrap_text", "shrink_to_fit") if getattr(al, k)]
    if al.indent:
        parts.append(f"indent {_number(al.indent)}")
    if al.text_rotation:
        parts.append(f"rotation {al.text_rotation}")
    return ", ".join(parts) or "default"


def _cell_style(cell: Any) -> str:
    parts = [f"font {_font(cell.font)}"]
    fill = _fill(cell.fill)
    if fill != "none":
        parts.append(f"fill {fill}")
    border = _border(cell.border)
    if border != "none":
        parts.append(f"border {border}")
    align = _alignment(cell.alignment)
    if align != "default":
        parts.append(f"align {align}")
    if cell.number_format != "General":
        parts.append(f"format {json.dumps(cell.number_format, ensure_ascii=False)}")
    if not cell.protection.locked or cell.protection.hidden:
        parts.append(f"locked {cell.protection.locked}, hidden {cell.protection.hidden}")
    return "; ".join(parts)


def _xlsx_lines(data: bytes) -> list[str]:
    wb = load_workbook(io.BytesIO(data))
    out = ["", "[workbook]", f"sheets: {', '.join(json.dumps(n) for n in wb.sheetnames)}"]
    for name, dn in sorted(wb.defined_names.items()):
        out.append(f"name {name} = {dn.attr_text}")
    for ws in wb.worksheets:
        out += ["", f"[sheet {json.dumps(ws.title)}]"]
        if ws.sheet_state != "visible":
            out.append(f"state {ws.sheet_state}")
        for name, dn in sorted(ws.defined_names.items()):
            out.append(f"name {name} = {dn.attr_text}")
        if ws.freeze_panes:
            out.append(f"freeze panes at {ws.freeze_panes}")
        if ws.print_area:
            out.append(f"print area {ws.print_area}")
        if ws.print_title_rows:
            out.append(f"print title rows {ws.print_title_rows}")
        if ws.print_title_cols:
            out.append(f"print title columns {ws.print_title_cols}")
        setup = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        out.append(
            f"page {setup.orientation or 'default'}, paper "
            f"{PAPER.get(str(setup.paperSize), setup.paperSize or 'default')}"
            + (f", fit to {setup.fitToWidth or 1} wide x {setup.fitToHeight or 1} tall"
               if fit is not None and fit.fitToPage else "")
        )
        if ws.auto_filter.ref:
            out.append(f"auto filter {ws.auto_filter.ref}")
        for key in sorted(ws.tables):
            out.append(f"table {key} {ws.tables[key].ref}")
        widths = sorted(
            (dim.min or 0, dim.max or 0, dim.width, dim.hidden)
            for dim in ws.column_dimensions.values() if dim.customWidth or dim.hidden
        )
        for first, last, width, hidden in widths:
            span = get_column_letter(first) + (f":{get_column_letter(last)}" if last > first
                                               else "")
            out.append(f"column {span} width {_number(width)}" + (" hidden" if hidden else ""))
        for index in sorted(ws.row_dimensions):
            dim = ws.row_dimensions[index]
            if dim.ht is not None or dim.hidden:
                out.append(f"row {index} height {_number(dim.ht or 0)}"
                           + (" hidden" if dim.hidden else ""))
        for merged in sorted(str(r) for r in ws.merged_cells.ranges):
            out.append(f"merged {merged}")
        for dv in ws.data_validations.dataValidation:
            out.append(
                f"validation {dv.sqref}: {dv.type} {dv.operator or ''}".rstrip()
                + f" {json.dumps(dv.formula1)}" + (f" {json.dumps(dv.formula2)}"
                                                    if dv.formula2 else "")
                + f"; blank {'allowed' if dv.allow_blank else 'refused'}"
                + (f"; error {dv.errorStyle or 'stop'}" if dv.showErrorMessage else "")
                + "".join(f"; {label} {json.dumps(text, ensure_ascii=False)}" for label, text in (
                    ("error title", dv.errorTitle), ("error", dv.error),
                    ("prompt title", dv.promptTitle), ("prompt", dv.prompt)) if text)
            )
        rules = sorted(
            (str(cf.sqref), rule) for cf in ws.conditional_formatting for rule in cf.rules
        )
        for ref, rule in sorted(rules, key=lambda item: (item[0], item[1].priority or 0)):
            look = ""
            if rule.dxf is not None and rule.dxf.fill is not None:
                fill = rule.dxf.fill
                look = f"; fill {_colour(fill.bgColor)}"
            out.append(f"conditional {ref}: {rule.type} {rule.operator or ''}".rstrip()
                       + f" {json.dumps(list(rule.formula))}{look}")
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue
                line = f"{cell.coordinate} {_value(cell.value)}"
                if cell.data_type == "s" and isinstance(cell.value, str) and (
                        cell.value.startswith("=")):
                    line += " (text)"
                out.append(f"{line} | {_cell_style(cell)}")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
