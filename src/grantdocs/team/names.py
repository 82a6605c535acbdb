"""Output names of a multi-profile build: one distinct folder and file name per person.

Decided before anything is written: the family name; where two people share it, the family
and given names; where those are shared too, the profile folder's name as well; last, a
number. Names are compared case-insensitively, as macOS and Windows file systems do. The
same person given twice (the same profile file, or the same ORCID iD) is an error.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from grantdocs.errors import Location, Problem, ProfileError
from grantdocs.paths import display_path
from grantdocs.profile.records import Person

RESERVED = frozenset({"team"})
"""Folder names a member may not take (``team`` holds the team documents)."""


MAX_NAME = 60
"""Characters of a name in a file name: file systems allow 255 bytes a name, and a name may
stand twice in a path (folder and file) beside the format's own words."""


def file_safe(text: str) -> str:
    """``text`` with every character but letters, digits, ``-`` and ``_`` made ``_``, cut to
    ``MAX_NAME`` characters."""
    composed = unicodedata.normalize("NFC", text)  # "Müller" typed as "u" + combining umlaut
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in composed)[:MAX_NAME] or "CV"


def same_person_check(people: Sequence[tuple[Path, Person]]) -> None:
    """Raise ``ProfileError`` naming both files when one person is given twice."""
    problems = []
    by_file: dict[Path, Path] = {}
    by_orcid: dict[str, Path] = {}
    for path, person in people:
        resolved = path.resolve()
        orcid = person.identifiers.orcid
        if resolved in by_file:
            problems.append(
                Problem(
                    Location(display_path(path)),
                    f"the same profile is given twice ({person.given_names} "
                    f"{person.family_name}; first as {display_path(by_file[resolved])})",
                )
            )
        elif orcid and orcid in by_orcid:
            problems.append(
                Problem(
                    Location(display_path(path)),
                    f"{person.given_names} {person.family_name} has ORCID iD {orcid}, as has "
                    f"{display_path(by_orcid[orcid])}: the same person twice",
                    hint="remove one of the two profiles from the build",
                )
            )
        by_file.setdefault(resolved, path)
        if orcid:
            by_orcid.setdefault(orcid, path)
    if problems:
        raise ProfileError("the same person is in the build twice", problems)


def _levels(path: Path, person: Person) -> list[str]:
    family = file_safe(person.family_name)
    full = file_safe(f"{person.family_name}_{person.given_names}")
    folder = path.parent.name if path.stem == "profile" else f"{path.parent.name}_{path.stem}"
    return [family, full, f"{full}_{file_safe(folder)}"]


def unique_names(people: Sequence[tuple[Path, Person]], reserved: Iterable[str] = ()) -> list[str]:
    """One distinct output name per person, in order (see the module's docstring); no
    name is one of ``reserved`` (the format folders beside the member folders)."""
    taboo = RESERVED | {r.casefold() for r in reserved}
    candidates = [_levels(path, person) for path, person in people]
    level = [0] * len(people)

    def name(i: int) -> str:
        return candidates[i][level[i]]

    while True:
        groups = _collisions([name(i) for i in range(len(people))], taboo)
        movable = [i for group in groups for i in group if level[i] < 2]
        if not movable:
            break
        for i in movable:
            level[i] += 1
    names = [name(i) for i in range(len(people))]
    return _numbered(names, taboo)


def _collisions(names: list[str], taboo: frozenset[str] | set[str]) -> list[list[int]]:
    seen: dict[str, list[int]] = {}
    for i, n in enumerate(names):
        seen.setdefault(n.casefold(), []).append(i)
    return [group for key, group in seen.items() if len(group) > 1 or key in taboo]


def _numbered(names: list[str], taboo: frozenset[str] | set[str]) -> list[str]:
    """Names still shared get ``_2``, ``_3`` ... after their first holder."""
    taken = {n.casefold() for n in names}
    used: set[str] = set()
    result = []
    for i in range(len(names)):
        base = candidate = names[i]
        number = 1
        while (
            candidate.casefold() in used
            or candidate.casefold() in taboo
            or (candidate != base and candidate.casefold() in taken)
        ):
            number += 1
            candidate = f"{base}_{number}"
        used.add(candidate.casefold())
        result.append(candidate)
    return result
