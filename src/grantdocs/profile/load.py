"""Load a profile: YAML with positions -> includes merged -> validated ``Profile``.

Every problem is reported in one pass with file, line and column.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from msgspec import Struct

from grantdocs.errors import Location, Problem, ProfileError
from grantdocs.paths import display_path
from grantdocs.profile.records import ID_SECTIONS, Profile
from grantdocs.profile.yamlpos import (
    Positions,
    YamlPath,
    YamlProblems,
    format_path,
    load_yaml,
    read_text,
)

INCLUDE_KEY = "include"


class LoadedProfile(Struct, frozen=True, dict=True, weakref=True):
    """A validated profile with the file it came from and where each value stood."""

    profile: Profile
    path: Path
    positions: Positions
    files: tuple[Path, ...]

    def where(self, *path: str | int) -> Location:
        """Location of a value, for build warnings; the file alone if unknown."""
        return self.positions.nearest(path) or Location(display_path(self.path))

    def path_of(self, entry: object) -> tuple[str | int, ...]:
        """The data path of an entry of the profile (``("publications", 3)``); () if it is
        not one of its list entries."""
        return self._entry_paths.get(id(entry), ())

    @cached_property
    def _entry_paths(self) -> dict[int, tuple[str | int, ...]]:
        return self.profile.entry_paths()

    def where_is(self, entry: object) -> Location:
        """Location of an entry of the profile, for warnings."""
        return self.where(*self.path_of(entry))


def load_profile(path: Path, *, confined: bool = False) -> LoadedProfile:
    """Read, merge and validate a profile; raise ``ProfileError`` listing every problem.

    ``confined`` (a team member's profile): the profile and its includes are read only
    inside the profile's folder (links resolved); an include outside it is a problem.
    An unchanged profile that loaded before comes from the disk cache (``profile.cache``)."""
    # lazy: profile.cache loads only when this runs
    from grantdocs.profile.cache import cached_load

    return cached_load(path, confined, _load_profile, LoadedProfile)


def _load_profile(path: Path, confined: bool) -> LoadedProfile:
    # lazy: pydantic and the models load only to validate, not for a profile from the cache
    from pydantic import ValidationError

    from grantdocs.profile import model
    from grantdocs.profile.problems import problems_from

    data, positions, files = _read_with_includes(path, confined)
    problems = _duplicate_ids(data, positions)
    profile: Profile | None
    try:
        profile = model.as_record(model.Profile.model_validate(data))
    except ValidationError as exc:
        problems += problems_from(exc, positions, display_path(path), model.Profile)
        profile = None
    if problems or profile is None:
        problems.sort(key=lambda p: (p.location.file, p.location.line, p.location.column))
        noun = "problem" if len(problems) == 1 else "problems"
        raise ProfileError(f"{display_path(path)}: {len(problems)} {noun} in the profile", problems)
    return LoadedProfile(profile, path, positions, tuple(files))


def _read_with_includes(
    path: Path, confined: bool = False
) -> tuple[dict[str, Any], Positions, list[Path]]:
    display = display_path(path)
    root = path.absolute().parent.resolve()
    if confined and not _inside(path.resolve(), root):
        raise ProfileError(
            f"{display}: a link to {path.resolve()}, outside the member's folder "
            f"{display_path(root)}; a team build reads a member's files only inside it "
            "(--trust-members reads them)"
        )
    try:
        data, positions = load_yaml(read_text(path, display), display)
    except YamlProblems as exc:
        raise ProfileError(f"{display}: cannot read the profile", exc.problems) from None
    if data is None:
        raise ProfileError(
            f"{display}: the profile is empty",
            [
                Problem(
                    Location(display, 1, 1), "empty file", hint="run 'grantdocs init' for a start"
                )
            ],
        )
    if not isinstance(data, dict):
        raise ProfileError(
            f"{display}: a profile is a mapping of sections",
            [
                Problem(
                    positions.nearest(()) or Location(display),
                    "expected 'person:', 'publications:' ...",
                )
            ],
        )
    files = [path]
    includes = data.pop(INCLUDE_KEY, [])
    if isinstance(includes, str):
        includes = [includes]
    if not isinstance(includes, list) or not all(isinstance(i, str) for i in includes):
        raise ProfileError(
            f"{display}: bad include",
            [
                Problem(
                    positions.nearest((INCLUDE_KEY,)) or Location(display),
                    "include takes a list of file names",
                )
            ],
        )
    problems: list[Problem] = []
    for index, name in enumerate(includes):
        inc_path = (path.parent / name).resolve()
        inc_display = display_path(inc_path)
        where = positions.nearest((INCLUDE_KEY, index)) or Location(display)
        if inc_path in [f.resolve() for f in files]:
            problems.append(Problem(where, f"{name} is included twice"))
            continue
        if confined and not _inside(inc_path, root):
            problems.append(
                Problem(
                    where,
                    f"include {name}: outside the member's folder {display_path(root)}; not "
                    "read (a team build reads a member's files only inside it)",
                    hint="copy the file into the member's folder, or build with --trust-members",
                )
            )
            continue
        try:
            inc_data, inc_pos = load_yaml(read_text(inc_path, inc_display), inc_display)
        except YamlProblems as exc:
            problems += (
                exc.problems
                if exc.problems[0].location.line
                else [Problem(where, f"include {name}: {exc.problems[0].message}")]
            )
            continue
        files.append(inc_path)
        if inc_data is None:
            continue
        if not isinstance(inc_data, dict) or INCLUDE_KEY in inc_data:
            problems.append(
                Problem(
                    Location(inc_display, 1, 1),
                    "an included file is a mapping of sections, without includes of its own",
                )
            )
            continue
        for key, value in inc_data.items():
            if key in data and isinstance(data[key], list) and isinstance(value, list):
                positions.update(inc_pos.shifted(key, len(data[key])).only(key))
                data[key] = data[key] + value
            elif key in data:
                first = positions.nearest((key,), key=True)
                problems.append(
                    Problem(
                        inc_pos.nearest((key,), key=True) or Location(inc_display),
                        f"section {key!r} is also given in {first}; only list sections "
                        "can be split across files",
                    )
                )
            else:
                positions.update(inc_pos.only(key))
                data[key] = value
    if problems:
        raise ProfileError(f"{display}: cannot read the profile's includes", problems)
    return data, positions, files


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def outside_files(loaded: LoadedProfile) -> list[Path]:
    """The files of ``loaded`` (profile and includes, links resolved) outside its folder."""
    root = loaded.path.absolute().parent.resolve()
    return [f.resolve() for f in loaded.files if not _inside(f.resolve(), root)]


def _duplicate_ids(data: dict[str, Any], positions: Positions) -> list[Problem]:
    problems = []
    seen: dict[str, YamlPath] = {}
    for section in ID_SECTIONS:
        entries = data.get(section)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            entry_id = entry["id"]
            path: YamlPath = (section, index, "id")
            if entry_id in seen:
                first = positions.nearest(seen[entry_id])
                problems.append(
                    Problem(
                        positions.nearest(path) or Location("?"),
                        f"duplicate id {entry_id!r}, first used at {first} "
                        f"({format_path(seen[entry_id][:2])})",
                        path=format_path(path),
                        hint="ids must be unique across the profile",
                    )
                )
            else:
                seen[entry_id] = path
    return problems
