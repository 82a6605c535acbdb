"""What ``grantdocs build --watch`` watches, and which documents a change affects.

The profile's files (the profile, its includes, any YAML file beside them: an include added
by an edit is seen at once) affect every document; a format's ``format.yaml`` or template
affects that format's documents only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct, field

from grantdocs.errors import GrantdocsError

if TYPE_CHECKING:
    from grantdocs.formats.registry import FormatSearchPath

YAML_SUFFIXES = (".yaml", ".yml")


class Watched(Struct):
    """The files a build depends on, by what they affect. Paths are resolved."""

    profile_files: set[Path] = field(default_factory=set)
    profile_folders: set[Path] = field(default_factory=set)
    format_files: dict[Path, str] = field(default_factory=dict)
    """A format file or template -> the format name as the build was asked for it."""

    def folders(self) -> set[Path]:
        """The folders to watch (editors save by replacing a file, so files are not enough)."""
        return (
            set(self.profile_folders)
            | {p.parent for p in self.profile_files}
            | {p.parent for p in self.format_files}
        )

    def affected(self, changed: Iterable[Path]) -> tuple[bool, list[str]]:
        """``(every document, [format names])`` that ``changed`` files affect."""
        formats: dict[str, None] = {}
        for changed_path in changed:
            for path in _names_of(changed_path):
                if path in self.format_files:
                    formats[self.format_files[path]] = None
                elif path in self.profile_files or (
                    path.parent in self.profile_folders and path.suffix in YAML_SUFFIXES
                ):
                    return True, []
        return False, list(formats)


def _names_of(path: Path) -> tuple[Path, ...]:
    """``path`` in its folder (a link restored in place of a file is that file) and
    resolved (an edit of a link's target)."""
    try:
        here = path.parent.resolve() / path.name
        return (here, path.resolve()) if path.is_symlink() else (here,)
    except (OSError, RuntimeError):
        return (path.absolute(),)


def watched(
    profiles: Sequence[Path],
    format_names: Sequence[str],
    previous: Watched | None = None,
    search: FormatSearchPath | None = None,
) -> Watched:
    """The files of ``profiles`` (with includes) and of ``format_names`` (looked up along
    ``search``); where one cannot be read (an invalid edit), what ``previous`` knew of it is
    kept."""
    # lazy: formats.registry, profile.load, profile.locate load only when this runs
    from grantdocs.formats.registry import default_search_path
    from grantdocs.profile.load import load_profile
    from grantdocs.profile.locate import locate_profile

    result = Watched()
    old = previous or Watched()
    for given in profiles or [None]:  # type: ignore[list-item]
        try:
            path = locate_profile(given)
        except GrantdocsError:  # the file is gone for now (moved, or deleted by a save)
            folder = Path.cwd() if given is None else Path(given)
            result.profile_folders.add((folder if folder.is_dir() else folder.parent).resolve())
            result.profile_files |= old.profile_files
            result.profile_folders |= old.profile_folders
            continue
        result.profile_files |= set(_names_of(path))
        result.profile_folders |= {p.parent for p in _names_of(path)}
        try:
            files = load_profile(path).files
        except GrantdocsError:
            result.profile_files |= old.profile_files
            continue
        result.profile_files |= {name for f in files for name in _names_of(f)}
    path_of_formats = search or default_search_path()
    for name in format_names:
        try:
            fmt = path_of_formats.load(name)
        except GrantdocsError:
            result.format_files.update({p: n for p, n in old.format_files.items() if n == name})
            continue
        sources = {fmt.source, *(fmt.template_path(lang) for lang in fmt.spec.languages)}
        result.format_files.update({f.resolve(): name for f in sources})
    return result
