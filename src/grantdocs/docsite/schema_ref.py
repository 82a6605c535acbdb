"""Reference pages of YAML files from their JSON Schema: every record and field.

Each field gets its type, whether it is required, its description and an example; examples
are the first value the bundled data holds at that place (so they are real and validate).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import yaml

from grantdocs.docsite.markdown import code, table

Schema = Mapping[str, Any]
Examples = dict[tuple[str, str], Any]
"""(record name, field name) -> the first value found there."""

ROOT = "(top level)"
MAX_EXAMPLE = 70


def _ref_name(node: Schema) -> str | None:
    ref = node.get("$ref")
    return str(ref).rsplit("/", 1)[-1] if isinstance(ref, str) else None


DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
"""The pattern of a partial date's text form in the schema."""


def _branches(node: Schema) -> list[Schema]:
    """The alternatives of ``node`` without ``null``, nested alternatives flattened."""
    options = node.get("anyOf") or node.get("oneOf")
    if not options:
        return [node]
    return [b for o in options if o.get("type") != "null" for b in _branches(o)]


def _is_date(node: Schema) -> bool:
    """A partial date: a year as a number, or a year, month or day as text."""
    return any(b.get("pattern") == DATE_PATTERN for b in _branches(node))


def _is_text(node: Schema) -> bool:
    """A string or a ``{en: ..., de: ...}`` mapping: a translatable text."""
    types = {o.get("type") for o in _branches(node)}
    return types == {"string", "object"} and any("patternProperties" in o for o in _branches(node))


def type_words(node: Schema) -> str:
    """A field's type in a few words; records are Markdown links to their section."""
    if _is_text(node):
        return "text (a string, or `{en: ..., de: ...}`)"
    if _is_date(node):
        return "date"
    branches = _branches(node)
    if len(branches) > 1:
        return " or ".join(type_words(b) for b in branches)
    node = branches[0]
    name = _ref_name(node)
    if name:
        return f"[{name}](#{name.lower()})"
    if "enum" in node:
        return "one of " + ", ".join(code(str(v)) for v in node["enum"])
    if "const" in node:
        return code(str(node["const"]))
    kind = node.get("type")
    if kind == "array":
        return "list of " + type_words(node.get("items", {}))
    if kind == "object":
        values = node.get("additionalProperties")
        if isinstance(values, Mapping):
            return "mapping to " + type_words(values)
        return "mapping"
    words = {"string": "string", "integer": "integer", "number": "number", "boolean": "true/false"}
    out = words.get(str(kind), str(kind or "any"))
    if node.get("format") == "date":
        out = "date (`2025-09-20`)"
    bounds = [
        f"{word} {node[key]}"
        for key, word in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "at most"))
        if key in node
    ]
    if "maxLength" in node:
        bounds[-1] += " characters"
    if "pattern" in node and kind == "string":
        bounds.append("pattern " + code(str(node["pattern"])))
    return out + (f" ({', '.join(bounds)})" if bounds else "")


def _records(schema: Schema) -> list[str]:
    """Record names in the order a reader meets them: breadth-first from the top."""
    defs: Mapping[str, Schema] = schema.get("$defs", {})
    order: list[str] = []
    queue: list[Schema] = [schema]
    while queue:
        node = queue.pop(0)
        for name in _refs_in(node):
            if name not in order and name in defs:
                order.append(name)
                queue.append(defs[name])
    return order + sorted(set(defs) - set(order))


def _refs_in(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, Mapping):
        name = _ref_name(node)
        if name:
            found.append(name)
        for key, value in node.items():
            if key in ("properties",):
                for prop in value.values():
                    found += _refs_in(prop)
            elif key in ("items", "anyOf", "oneOf", "allOf", "additionalProperties"):
                found += _refs_in(value)
    elif isinstance(node, list):
        for item in node:
            found += _refs_in(item)
    return found


def collect_examples(schema: Schema, data: Any, examples: Examples | None = None) -> Examples:
    """The first value of every (record, field) in ``data``, walked along ``schema``."""
    out: Examples = {} if examples is None else examples
    _walk(schema, schema, ROOT, data, out)
    return out


def _walk(schema: Schema, node: Schema, record: str, data: Any, out: Examples) -> None:
    defs: Mapping[str, Schema] = schema.get("$defs", {})
    if not isinstance(data, Mapping):
        return
    props: Mapping[str, Schema] = node.get("properties", {})
    for key, value in data.items():
        prop = props.get(key)
        if prop is None or value in (None, [], {}, ""):
            continue
        out.setdefault((record, key), value)
        for branch in _branches(prop):
            items = branch.get("items") if branch.get("type") == "array" else None
            target = _ref_name(items if isinstance(items, Mapping) else branch)
            if target is None or target not in defs:
                continue
            for element in value if isinstance(value, list) else [value]:
                _walk(schema, defs[target], target, element, out)


def _is_record(node: Schema) -> bool:
    """A field holding records (or a list of them): their own section shows examples."""
    for branch in _branches(node):
        items = branch.get("items") if branch.get("type") == "array" else branch
        if isinstance(items, Mapping) and _ref_name(items):
            return True
    return False


def _example(value: Any) -> str:
    if isinstance(value, list) and value and isinstance(value[0], Mapping):
        value = value[:1]
    text = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000
    ).strip()
    text = text.removesuffix("\n...").removesuffix("...").strip()
    if len(text) > MAX_EXAMPLE:
        text = text[: MAX_EXAMPLE - 1].rstrip() + "…"
    return code(text)


def _record_description(schema: Schema, node: Schema) -> str:
    """The description of the record a field holds, for a field without its own."""
    for branch in _branches(node):
        items = branch.get("items") if branch.get("type") == "array" else branch
        name = _ref_name(items) if isinstance(items, Mapping) else None
        if name:
            record = schema.get("$defs", {}).get(name, {})
            return " ".join(str(record.get("description", "")).split())
    return ""


def _fields(schema: Schema, node: Schema, record: str, examples: Examples) -> list[str]:
    required = set(node.get("required", []))
    rows = []
    for name, prop in node.get("properties", {}).items():
        description = str(prop.get("description", "")).strip()
        description = description or _record_description(schema, prop)
        default = prop.get("default")
        if name not in required and default not in (None, [], {}, "") and "default" in prop:
            description += f" Default: {code(json.dumps(default, ensure_ascii=False))}."
        example = None if _is_record(prop) else examples.get((record, name))
        rows.append(
            [
                code(name),
                type_words(prop),
                "yes" if name in required else "",
                description.strip(),
                _example(example) if example is not None else "",
            ]
        )
    return table(["field", "type", "required", "description", "example"], rows)


def schema_body(schema: Schema, examples: Examples, top_heading: str) -> list[str]:
    """Sections: the top level first, then every record, each a table of its fields."""
    defs: Mapping[str, Schema] = schema.get("$defs", {})
    body = [f"## {top_heading}", ""]
    if schema.get("description"):
        body += [str(schema["description"]).strip(), ""]
    body += [*_fields(schema, schema, ROOT, examples), ""]
    for name in _records(schema):
        node = defs[name]
        body += [f"## {name}", ""]
        if node.get("description"):
            body += [" ".join(str(node["description"]).split()), ""]
        if "properties" in node:
            body += [*_fields(schema, node, name, examples), ""]
        else:
            body += [f"Type: {type_words(node)}", ""]
    return body
