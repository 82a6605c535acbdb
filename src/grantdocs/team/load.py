"""Find and load a team: a team file (``team.yaml``), or a folder of profile folders.

Errors carry file:line:col like a profile's; member profiles are checked to exist here, and
loaded later (one failing member does not stop the others).
"""

from __future__ import annotations

import os
from pathlib import Path

from msgspec import Struct

from grantdocs.errors import Location, Problem, ProfileError
from grantdocs.paths import display_path
from grantdocs.profile.locate import PROFILE_FILE, locate_profile, profile_folders
from grantdocs.profile.problems import read_mapping, validate_mapping
from grantdocs.profile.yamlpos import Positions
from grantdocs.team.model import Cited, Member, Team

TEAM_FILE = "team.yaml"
"""The file a team folder holds."""


class TeamError(ProfileError):
    """The team file cannot be read or does not validate."""


class MemberRef(Struct, frozen=True):
    """A member as the team file names them: where the profile is, and their choices."""

    index: int
    profile: Path
    member: Member
    where: Location

    @property
    def pins(self) -> tuple[tuple[str, str], ...]:
        return tuple((slot, i) for slot, ids in self.member.pin.items() for i in ids)


class LoadedTeam(Struct, frozen=True):
    """A validated team, the file it came from (None for a folder), and its members."""

    team: Team
    path: Path | None
    members: tuple[MemberRef, ...]
    base: Path

    def resolve(self, name: str) -> Path:
        """A file the team file names, relative to the team file's folder."""
        return Path(os.path.normpath(self.base / name))

    positions: Positions | None = None

    @property
    def display(self) -> str:
        """The team file (or folder) as the user should see it."""
        return display_path(self.path or self.base)

    def where(self, *path: str | int) -> Location:
        """Location of a value of the team file (the file alone if unknown)."""
        found = self.positions.nearest(path) if self.positions else None
        return found or Location(self.display)


def locate_team(path: Path) -> Path:
    """The team file (or folder of profile folders) that ``path`` names."""
    if path.is_dir() and (path / TEAM_FILE).is_file():
        return path / TEAM_FILE
    return path


def load_team(path: Path) -> LoadedTeam:
    """A team file, a folder holding ``team.yaml``, or a folder of profile folders."""
    path = locate_team(path)
    if path.is_dir():
        return team_of_folder(path)
    display = display_path(path)
    data, positions = read_mapping(path, TeamError, "a team file")
    team = validate_mapping(data, positions, display, Team, TeamError, "the team file")
    base = path.parent
    problems = []
    members = []
    for index, member in enumerate(team.members):
        where = positions.nearest(("members", index, "profile")) or Location(display)
        try:
            profile = _member_profile(Path(os.path.normpath(base / member.profile)))
        except ValueError as exc:
            problems.append(Problem(where, str(exc), path=f"members[{index}].profile"))
            continue
        members.append(MemberRef(index, profile, member, where))
    for field in ("bibliography", "proposal"):
        for index, name in enumerate(getattr(team.cited, field)):
            target = base / name
            if not target.is_file():
                what = (
                    "a folder, not a file"
                    if target.is_dir()
                    else "not a regular file (a device or a pipe)"
                    if target.exists()
                    else "file not found (relative to the team file)"
                )
                problems.append(
                    Problem(
                        positions.nearest(("cited", field, index)) or Location(display),
                        f"{name}: {what}",
                        path=f"cited.{field}[{index}]",
                    )
                )
    if problems:
        raise TeamError(f"{display}: the team file names files that cannot be read", problems)
    return LoadedTeam(team, path, tuple(members), base, positions)


def _member_profile(path: Path) -> Path:
    """A member's profile file (``path`` may be a profile folder), which must exist."""
    try:
        path = locate_profile(path)
    except ProfileError as exc:
        raise ValueError(exc.message) from None
    if not path.is_file():
        raise ValueError(f"{display_path(path)}: profile not found (relative to the team file)")
    return path


def team_of_folder(folder: Path) -> LoadedTeam:
    """A folder whose sub-folders each hold a ``profile.yaml``: a team of those, by name."""
    found = [profile.parent for profile in profile_folders(folder)]
    if not found:
        raise TeamError(
            f"{display_path(folder)}: neither a {TEAM_FILE} nor folders holding {PROFILE_FILE}"
        )
    name = folder.resolve().name or "team"
    members = [Member(profile=p.name) for p in found]
    team = Team(title=name, acronym=name[:40], members=members, cited=Cited())
    refs = tuple(
        MemberRef(i, p / PROFILE_FILE, m, Location(display_path(p)))
        for i, (p, m) in enumerate(zip(found, members, strict=True))
    )
    return LoadedTeam(team, None, refs, folder)
