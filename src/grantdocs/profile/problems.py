"""Map pydantic validation errors on YAML data back to file, line and column."""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from grantdocs.errors import GrantdocsError, Location, Problem
from grantdocs.paths import display_path
from grantdocs.profile.model import DUPLICATE_ID
from grantdocs.profile.yamlpos import (
    Positions,
    YamlPath,
    YamlProblems,
    format_path,
    load_yaml,
    read_text,
)


def problems_from(
    exc: ValidationError, positions: Positions, display: str, root: type[BaseModel]
) -> list[Problem]:
    """One located problem per offending value (pydantic's union branches merged)."""
    grouped: dict[YamlPath, list[dict[str, Any]]] = {}
    for error in exc.errors(include_url=False):
        if str(error.get("msg", "")).startswith(f"Value error, {DUPLICATE_ID}"):
            continue  # the loader reports these with both positions
        path = _data_path(error["loc"], positions, root)
        grouped.setdefault(path, []).append(dict(error))
    problems = []
    for path, errors in grouped.items():
        problems.append(_problem(path, errors, positions, display, root))
    return problems


def _data_path(loc: tuple[Any, ...], positions: Positions, root: type[BaseModel]) -> YamlPath:
    """Drop pydantic's union tags (``str``, ``dict[str,str]``) from an error location."""
    path: YamlPath = ()
    for part in loc:
        candidate = (*path, part)
        if isinstance(part, int) or positions.has(candidate) or _is_field_name(path, part, root):
            path = candidate
    return path


def _is_field_name(path: YamlPath, part: object, root: type[BaseModel]) -> bool:
    if not isinstance(part, str):
        return False
    fields = allowed_keys(path, root)
    return fields is not None and part in fields


def _problem(
    path: YamlPath,
    errors: list[dict[str, Any]],
    positions: Positions,
    display: str,
    root: type[BaseModel],
) -> Problem:
    first = errors[0]
    kind = first["type"]
    where = positions.nearest(path, key=kind == "extra_forbidden") or Location(display)
    shown = format_path(path)
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        allowed = sorted(allowed_keys(path[:-1], root) or [])
        # lazy: difflib loads only to suggest a name for a mistake
        import difflib

        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        hint += "valid keys here: " + ", ".join(allowed) if allowed else ""
        return Problem(where, f"unknown key {key!r}", shown, hint=hint or None)
    if kind == "missing":
        return Problem(where, f"required key {path[-1]!r} is missing", format_path(path[:-1]))
    messages = []
    for error in errors:
        msg = str(error["msg"]).removeprefix("Value error, ")
        if msg not in messages:
            messages.append(msg)
    message = messages[0] if len(messages) == 1 else "; or ".join(messages)
    if len(errors) > 1 and any(e["type"] in ("string_type", "dict_type") for e in errors):
        message = "expected a text, or a mapping of language to text such as {en: ..., de: ...}"
    value = _short(first.get("input"))
    return Problem(where, message, shown, value=value)


def _short(value: object) -> str | None:
    if isinstance(value, dict | list):
        return None
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def allowed_keys(path: YamlPath, root: type[BaseModel]) -> list[str] | None:
    """Field names valid at ``path`` below ``root``, or None if no model stands there."""
    current: Any = root
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            if typing.get_origin(current) is list and args:
                current = args[0]
                continue
            return None
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return None
            current = info.annotation
            continue
        return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return None


def _unwrap(annotation: Any) -> Any:
    """From ``X | None`` (or a union holding one model) take the model or list type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            arg = _unwrap(arg)
            if (isinstance(arg, type) and issubclass(arg, BaseModel)) or typing.get_origin(
                arg
            ) is list:
                return arg
    return annotation


M = typing.TypeVar("M", bound=BaseModel)


def read_mapping(
    path: Path, error: type[GrantdocsError], what: str
) -> tuple[dict[str, Any], Positions]:
    """The YAML mapping in ``path`` with its positions; ``error`` (with every problem)
    when the file cannot be read or is not a mapping. ``what`` names the file
    ("a format file")."""
    display = display_path(path)
    try:
        data, positions = load_yaml(read_text(path, display), display)
    except YamlProblems as exc:
        raise error(f"{display}: cannot read {what}", exc.problems) from None
    if not isinstance(data, dict):
        where = positions.nearest(()) or Location(display, 1, 1)
        raise error(f"{display}: {what} is a mapping", [Problem(where, "not a mapping")])
    return data, positions


def validate_mapping(
    data: dict[str, Any],
    positions: Positions,
    display: str,
    model: type[M],
    error: type[GrantdocsError],
    what: str,
) -> M:
    """``data`` as ``model``; ``error`` listing every problem, in file order, if invalid."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = problems_from(exc, positions, display, model)
        problems.sort(key=lambda p: (p.location.file, p.location.line, p.location.column))
        raise error(f"{display}: {what} is not valid", problems) from None
