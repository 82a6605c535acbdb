"""The same work twice in one profile (a preprint and its article, two DBLP records), by the
work-identity rule of ``profile.identity``: for ``validate`` and the ``import`` dry run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from grantdocs.profile.identity import Record, identify
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.model import Publication, as_record


def duplicate_lines(loaded: LoadedProfile) -> list[str]:
    """One line per pair of publications that are (or may be) one work, with both places
    and the proposed merge; [] if there is none."""
    records = [Record(pub, 0, str(loaded.where_is(pub))) for pub in loaded.profile.publications]
    works = identify(records)
    lines: list[str] = []
    if works.links:
        lines.append(f"  the same work twice ({len(works.links)}): merge each pair")
    for link in works.links:
        group = works.group_of(link.a)
        keep, drop = (
            (link.a, link.b) if group.index(link.a) < group.index(link.b) else (link.b, link.a)
        )
        lines.append(
            f"    {_name(records[keep])} and {_name(records[drop])}: {link.reason}; "
            f"proposed: keep {records[keep].pub.id}, add {records[drop].pub.id} to its "
            f"aliases and its link to its notes, delete {records[drop].pub.id}"
        )
    if works.possible:
        lines.append(
            f"  possibly the same work twice ({len(works.possible)}): merge a pair if it is one"
        )
    for link in works.possible:
        lines.append(f"    {_name(records[link.a])} and {_name(records[link.b])}: {link.reason}")
    return lines


def _name(record: Record) -> str:
    return f"{record.pub.id} ({record.where})"


def new_duplicate_lines(
    loaded: LoadedProfile, added: Sequence[tuple[str, dict[str, Any]]]
) -> list[str]:
    """One line per imported publication (``where`` in the import file, entry) that is, or
    may be, a work the profile already has by the work-identity rule, though the import's
    own match (same DOI, or same title and year) did not find it: a preprint whose article
    is in the profile, a title with other braces."""
    records = [Record(pub, 0, str(loaded.where_is(pub))) for pub in loaded.profile.publications]
    first_new = len(records)
    for where, entry in added:
        records.append(Record(as_record(Publication.model_validate(entry)), 1, where))
    works = identify(records)
    lines: list[str] = []
    told: set[int] = set()
    for link, word in [(x, "is") for x in works.links] + [(x, "may be") for x in works.possible]:
        old, new = sorted((link.a, link.b))
        if old >= first_new or new < first_new:
            continue  # two old entries (validate names them) or two new ones
        if link.sure:  # the work's entry shown first (its published version)
            old = next(i for i in works.group_of(new) if i < first_new)
        if new in told:
            continue
        told.add(new)
        lines.append(
            f"  new {_name(records[new])} {word} the same work as {_name(records[old])}: "
            f"{link.reason}; merge it into {records[old].pub.id} instead of adding it"
        )
    return lines
