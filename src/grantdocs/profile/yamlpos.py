"""Safe YAML reading that keeps every value's file, line and column.

PyYAML composes a node tree whose nodes carry marks; ``yamlread`` builds plain Python
values from that tree itself, so that it can refuse what a CV never needs (Python tags,
duplicate keys, alias bombs, merge keys) and remember where each value stood
(``positions``). This module is what the rest of grantdocs uses of them, and imports no
PyYAML: a build whose profile and formats come from the disk cache parses no YAML and
never loads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from grantdocs.errors import Location, Problem
from grantdocs.profile.positions import (
    MAX_VALUES,
    Positions,
    YamlPath,
    YamlProblems,
    format_path,
    parse_path,
)
from grantdocs.textfile import UnreadableText, read_user_text

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_VALUES",
    "Positions",
    "YamlPath",
    "YamlProblems",
    "format_path",
    "load_yaml",
    "parse_path",
    "read_text",
]

MAX_FILE_BYTES = 5 * 1024 * 1024


def read_text(path: Path, display: str) -> str:
    """Read a user's YAML file as UTF-8 text, refusing huge, binary, special and missing files."""
    try:
        return read_user_text(path, MAX_FILE_BYTES, "YAML")
    except UnreadableText as exc:
        raise YamlProblems(
            [Problem(Location(display, exc.line, 1 if exc.line else 0), exc.message, hint=exc.hint)]
        ) from None


def load_yaml(text: str, display: str) -> tuple[Any, Positions]:
    """Parse one YAML document into plain values and their positions.

    Raises ``YamlProblems`` for syntax errors, unsupported tags, duplicate keys, merge keys
    and documents that expand beyond ``MAX_VALUES`` values. An empty document gives None.
    """
    # lazy: yamlread (and PyYAML) load only when a file is parsed
    from grantdocs.profile.yamlread import parse

    return parse(text, display)
