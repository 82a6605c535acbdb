"""Placeholders ``grantdocs init`` leaves in a new profile, found wherever they remain.

The skeleton marks every example: texts with the word ``EXAMPLE`` or ``BEISPIEL`` (in
capitals), ids starting ``example-``, and its e-mail address ``your.name@example.org``.

Finding them reads every text of the profile, on every build; what was found is kept on
disk by the loaded profile's ``identity`` (``profile.cache``) and this module's code, so a
build of an unchanged profile from the disk cache does not read them again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from msgspec import Struct

from grantdocs import usercache
from grantdocs.errors import Location
from grantdocs.profile.cache import identity
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.records import Record
from grantdocs.profile.yamlpos import YamlPath, format_path

MARKER = re.compile(r"\b(?:EXAMPLE|BEISPIEL)\b|^your\.name@example\.org$|^example-")
"""What marks a value as a placeholder of the skeleton."""

ENTRY_DEPTH = {"supervision": 3}
"""Sections whose entries sit deeper than ``(section, index)``: supervised persons."""


class Placeholder(Struct, frozen=True):
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
_MAX_ENTRY = 16 * 1024 * 1024
"""A kept list larger than this is not read (nor written)."""


def placeholders(loaded: LoadedProfile) -> list[Placeholder]:
    """Every placeholder in the profile, in data order."""
    for seen, found in _FOUND:
        if seen is loaded:  # a loaded profile is immutable
            return list(found)

    def search() -> list[Placeholder]:
        return [
            Placeholder(path, loaded.where(*path), text)
            for path, text in _strings(loaded.profile, ())
            if MARKER.search(text)
        ]

    name = _disk_name(loaded)
    found = search() if name is None else usercache.remembered(name, search, _list, _MAX_ENTRY)
    _FOUND.insert(0, (loaded, found))
    del _FOUND[_REMEMBER:]
    return list(found)


def _list(kept: object) -> list[Placeholder] | None:
    """``kept`` if it is a list of placeholders."""
    if isinstance(kept, list) and all(isinstance(p, Placeholder) for p in kept):
        return kept
    return None


def _disk_name(loaded: LoadedProfile) -> str | None:
    """The disk-cache name of the placeholders of ``loaded``: its identity and this
    module's code; None where it has no identity."""
    held = identity(loaded)
    if held is None:
        return None
    return usercache.entry_name("placeholders", held, usercache.code_digest((__name__,)))


def _strings(value: object, path: YamlPath) -> Iterator[tuple[YamlPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Record):
        for name in value.__struct_fields__:
            yield from _strings(getattr(value, name), (*path, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
