"""The team's works: every member's publication records grouped by the one work-identity rule
(``profile.identity``), the pairs the team file settles, and what the report says about them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from msgspec import Struct, field, structs

from grantdocs.notices import POSSIBLE_DUPLICATE, UNKNOWN_CITATION, Notice
from grantdocs.profile.identity import Record, Works, identify, unpublished, work_doi
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.records import Publication

if TYPE_CHECKING:
    from grantdocs.team.load import LoadedTeam


class MemberLike(Protocol):
    """What the works read of a team member (``team.prepare.TeamMember``): the profile."""

    @property
    def loaded(self) -> LoadedProfile: ...


MAX_DECIDED = 100_000
"""Pairs of records the team file's ``works`` lines may name in all (a line names every
record holding each of its two ids or aliases): a bound against a hang."""


class TeamWorks(Struct):
    """Every member's records grouped into works, and the notices about them."""

    works: Works
    by_key: dict[str, list[int]]
    """Publication id or alias -> the records holding it."""
    notices: list[Notice] = field(default_factory=list)

    @property
    def records(self) -> Sequence[Record]:
        return self.works.records

    def describe(self, index: int) -> str:
        """``id (file:line)`` of a record."""
        record = self.records[index]
        return f"{record.pub.id} ({record.where})"

    def merges(self) -> list[str]:
        """Every merge and why, one line each, in the order the works were grouped."""
        return [
            f"{self.describe(link.a)} = {self.describe(link.b)}: {link.reason}"
            for link in self.works.links
        ]


def team_works(
    team: LoadedTeam,
    members: Sequence[MemberLike],
    others: Mapping[str, Publication] | None = None,
    others_where: str = "",
) -> TeamWorks:
    """Group the members' publications (and ``others``, third parties' works by citation
    key, owned by no member: owner ``len(members)``) into works, with the team file's
    decisions."""
    records: list[Record] = []
    by_key: dict[str, list[int]] = {}
    for owner, member in enumerate(members):
        for pub in member.loaded.profile.publications:
            index = len(records)
            where = member.loaded.where_is(pub)
            shown = f"{where.file}:{where.line}" if where.line else where.file
            records.append(Record(pub, owner, shown))
            for key in dict.fromkeys((pub.id, *pub.aliases)):
                by_key.setdefault(key, []).append(index)
    for pub in (others or {}).values():
        records.append(Record(pub, len(members), others_where))
    notices: list[Notice] = []
    decided: dict[str, list[tuple[int, int, str]]] = {"same": [], "different": []}
    for name in decided:
        for number, (first, second) in enumerate(getattr(team.team.works, name)):
            location = team.where("works", name, number)
            at = f"{location.file}:{location.line}" if location.line else location.file
            missing = [k for k in (first, second) if k not in by_key]
            if missing:
                notices.append(
                    Notice(
                        UNKNOWN_CITATION,
                        f"works.{name} names no member's publication: {', '.join(missing)}",
                        where=at,
                    )
                )
                continue
            pairs = [(a, b, at) for a in by_key[first] for b in by_key[second]]
            if sum(map(len, decided.values())) + len(pairs) > MAX_DECIDED:
                notices.append(
                    Notice(
                        UNKNOWN_CITATION,
                        f"works.{name}: more than {MAX_DECIDED:,} pairs of records in all; "
                        "the rest of the team file's decisions are not used",
                        where=at,
                    )
                )
                break
            decided[name] += pairs
    works = identify(records, decided["same"], decided["different"])
    result = TeamWorks(works, by_key, notices)
    for link in works.possible:
        a, b = records[link.a].pub, records[link.b].pub
        notices.append(
            Notice(
                POSSIBLE_DUPLICATE,
                f"possibly one work, listed twice: {result.describe(link.a)} and "
                f"{result.describe(link.b)} ({link.reason}); settle it in the team file: "
                f"works: same: - [{a.id}, {b.id}] (or different:)",
                where=records[link.a].where,
                subject=f"{a.id}|{b.id}",
            )
        )
    return result


def merged_publication(
    works: TeamWorks, group: Sequence[int], label: dict[str, str]
) -> Publication:
    """The record shown for a work (the first of ``group``), carrying every other record's
    notes and, where they differ, links: an unpublished version's as "<kind>: link".
    ``label`` gives the shown word for a kind (translated)."""
    first = works.records[group[0]].pub
    if len(group) == 1:
        return first
    notes = list(first.notes)
    links = {_link_key(first)}
    for index in group[1:]:
        pub = works.records[index].pub
        for note in pub.notes:
            if note not in notes:
                notes.append(note)
        link = pub.link
        if link and _link_key(pub) not in links:
            links.add(_link_key(pub))
            notes.append(f"{label[pub.kind]}: {link}" if unpublished(pub) else link)
    if notes == list(first.notes):
        return first
    return structs.replace(first, notes=notes)


def _link_key(pub: Publication) -> str | None:
    """A record's link as compared: its DOI as works compare DOIs, else the link."""
    return work_doi(pub.doi) if pub.doi else pub.link
