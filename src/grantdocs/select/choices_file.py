"""The owner's saved decisions: ``choices.yaml`` in the profile's folder.

``grantdocs serve`` writes it when the owner pins or excludes an entry, or sets the as-of
date or a document's language on the page; anyone may edit it by hand. ``build``,
``explain`` and ``build --watch`` read it through ``resolve_choices`` (called by
``prepare.select_slots``), so the page and the command line agree. Its pins and excludes
add to those of the format file and of ``--pin`` / ``--exclude``; an ``--as-of`` given on
the command line wins over its ``as_of``.

```yaml
as_of: 2026-12-01
formats:
  dfg-cv:
    lang: de                      # the language the page shows first
    pin: {category_a: [bach2015pixel]}
    exclude: [lapuschkin2016lrp]
```
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from grantdocs.errors import GrantdocsError, Location
from grantdocs.profile.yamlpos import Positions

if TYPE_CHECKING:
    from grantdocs.select.choices_model import ChoicesData

CHOICES_FILE = "choices.yaml"
"""The file, beside the profile's ``profile.yaml`` (or whichever file was named)."""

HEADER = (
    "# The owner's decisions for grantdocs' documents: pins, excludes, as-of date, language.\n"
    "# Written by 'grantdocs serve'; 'grantdocs build' and 'explain' read it too.\n"
    "# You may edit it by hand; 'serve' rewrites it whole (comments here are not kept).\n"
)


class ChoicesFileError(GrantdocsError):
    """``choices.yaml`` cannot be read or is not valid."""


class SavedChoices(Struct, frozen=True):
    """``choices.yaml`` as read, with where each value stood (None: no such file)."""

    path: Path
    data: ChoicesData
    positions: Positions | None = None

    def where(self, *path: str | int) -> Location:
        """Location of a value in the file; the file alone if unknown."""
        # lazy: paths loads only when this runs
        from grantdocs.paths import display_path

        found = self.positions.nearest(path) if self.positions is not None else None
        return found or Location(display_path(self.path))

    def pins(self, format_id: str) -> list[tuple[str, str, Location]]:
        """``(slot, id, where)`` of every pin saved for ``format_id``."""
        chosen = self.data.formats.get(format_id)
        if chosen is None:
            return []
        return [
            (slot, name, self.where("formats", format_id, "pin", slot, index))
            for slot, names in chosen.pin.items()
            for index, name in enumerate(names)
        ]

    def excludes(self, format_id: str) -> list[tuple[str, Location]]:
        """``(id, where)`` of every exclude saved for ``format_id``."""
        chosen = self.data.formats.get(format_id)
        if chosen is None:
            return []
        return [
            (name, self.where("formats", format_id, "exclude", index))
            for index, name in enumerate(chosen.exclude)
        ]


def choices_path(profile_path: Path) -> Path:
    """Where the decisions for the profile in ``profile_path`` are kept."""
    return profile_path.parent / CHOICES_FILE


def read_choices(profile_path: Path) -> SavedChoices | None:
    """The saved decisions beside ``profile_path``, or None when there are none.

    Raises ``ChoicesFileError`` (with file:line:column) for a file that is not valid."""
    path = choices_path(profile_path)
    if not path.is_file():
        return None
    # lazy: paths, the choices model and profile.problems (pydantic) load only for a file
    from grantdocs.paths import display_path
    from grantdocs.profile.problems import read_mapping, validate_mapping
    from grantdocs.select.choices_model import ChoicesData

    if _blank(path):
        return SavedChoices(path, ChoicesData())
    data, positions = read_mapping(path, ChoicesFileError, "the choices file")
    model = validate_mapping(
        data, positions, display_path(path), ChoicesData, ChoicesFileError, "the choices file"
    )
    return SavedChoices(path, model, positions)


def _blank(path: Path) -> bool:
    """True for a file of nothing but comments and blank lines (every decision undone)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024 + 1)
    except OSError:
        return False  # read_mapping says why
    if len(head) > 64 * 1024:
        return False
    lines = head.decode("utf-8", "replace").splitlines()
    return all(not line.strip() or line.lstrip().startswith("#") for line in lines)


def saved_as_of(profile_path: Path) -> dt.date | None:
    """The as-of date saved beside ``profile_path`` (None: none saved)."""
    saved = read_choices(profile_path)
    return saved.data.as_of if saved is not None else None


def dump_choices(data: ChoicesData) -> str:
    """The file's text: a header, then the decisions, keys sorted (same data, same bytes)."""
    plain = data.model_dump(exclude_defaults=True)  # a date stays a YAML date
    formats = plain.get("formats", {})
    for name in list(formats):
        if not formats[name]:
            del formats[name]
    if not formats:
        plain.pop("formats", None)
    # lazy: PyYAML loads only when this runs (a build that reads no YAML never loads it)
    import yaml

    body = yaml.safe_dump(plain, sort_keys=True, allow_unicode=True, default_flow_style=False)
    return HEADER + ("" if body.strip() == "{}" else body)


def write_choices(profile_path: Path, data: ChoicesData) -> Path:
    """Write ``data`` atomically beside ``profile_path``; returns the file written."""
    # lazy: atomic loads only when this runs
    from grantdocs.atomic import write_text

    path = choices_path(profile_path)
    write_text(path, dump_choices(data))
    return path
