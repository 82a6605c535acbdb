"""The same work twice in one profile (a preprint and its article, two DBLP records), by the
work-identity rule of ``profile.identity``: for ``validate`` and the ``import`` dry run."""

from __future__ import annotations

from grantdocs.profile.identity import Record, identify
from grantdocs.profile.load import LoadedProfile


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
