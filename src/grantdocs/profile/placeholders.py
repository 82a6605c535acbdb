"""Placeholders ``grantdocs init`` leaves in a new profile, found wherever they remain.

The skeleton marks every example: texts with the word ``EXAMPLE`` or ``BEISPIEL`` (in
capitals), ids starting ``example-``, and its e-mail address ``your.name@example.org``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from grantdocs.errors import Location
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.yamlpos import YamlPath, format_path

MARKER = re.compile(r"\b(?:EXAMPLE|BEISPIEL)\b|^your\.name@example\.org$|^example-")
"""What marks a value as a placeholder of the skeleton."""

ENTRY_DEPTH = {"supervision": 3}
"""Sections whose entries sit deeper than ``(section, index)``: supervised persons."""


@dataclass(frozen=True)
class Placeholder:
    """A value still holding an example of the skeleton."""

    path: YamlPath
    where: Location
    value: str

    @property
    def entry(self) -> YamlPath:
        """The path of the list entry holding it; () for the person and other single values."""
        depth = ENTRY_DEPTH.get(str(self.path[0]), 2) if self.path else 0
        head = self.path[:depth]
        return head if len(head) == depth and isinstance(head[-1], int) else ()

    def __str__(self) -> str:
        return f"{self.where}: {format_path(self.path)}: {self.value[:60]!r}"


_FOUND: list[tuple[LoadedProfile, list[Placeholder]]] = []
"""The last few profiles searched and what was found: a build asks once per document."""
_REMEMBER = 4


def placeholders(loaded: LoadedProfile) -> list[Placeholder]:
    """Every placeholder in the profile, in data order."""
    for seen, found in _FOUND:
        if seen is loaded:  # a loaded profile is immutable
            return list(found)
    found = [
        Placeholder(path, loaded.where(*path), text)
        for path, text in _strings(loaded.profile, ())
        if MARKER.search(text)
    ]
    _FOUND.insert(0, (loaded, found))
    del _FOUND[_REMEMBER:]
    return list(found)


def _strings(value: object, path: YamlPath) -> Iterator[tuple[YamlPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), (*path, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
