"""Prepare a team document's data: every member localised, selected and merged into one
context. The one place team contexts are made (as ``grantdocs.prepare`` is for one person).

The context holds what a person's context holds (``_``, ``word``, ``lang``, ``as_of``,
``format``) plus ``team`` (title, acronym, size), ``members`` (one row per member: the
person's fields, ``person``, ``number``, ``id``, ``role``, ``leading``, ``participant`` and
the member's ``slots`` under the format's own slot rules) and ``slots`` (the document's
merged lists: ``publications`` or ``cited``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from msgspec import Struct, field

from grantdocs.cite import owner_names
from grantdocs.cite.no_date import no_date_for
from grantdocs.context.builder import KIND_LABELS, ContextBuilder, Row, header
from grantdocs.formats.registry import Format
from grantdocs.l10n.catalog import N_
from grantdocs.l10n.formatting import BilingualLocalizer, Localizer
from grantdocs.l10n.language import Language
from grantdocs.notices import HIGHLIGHT_LIMIT, NO_DOI, UNKNOWN_CITATION, Notice
from grantdocs.paths import display_path
from grantdocs.prepare import Choices, fallback_notices, localiser, select_slots
from grantdocs.profile.load import LoadedProfile, load_profile
from grantdocs.profile.records import Publication, today
from grantdocs.resources import example_team
from grantdocs.team.load import LoadedTeam, load_team
from grantdocs.team.model import LEADING_ROLES, ROLE_LABELS, Role

"""A cited key is neither a member's work nor in the bibliography."""
BIBLIOGRAPHY = "bibliography"
"""An entry of the bibliography file could not be read."""
"""More own works are cited than may be highlighted, or a pinned one is not highlighted."""
HIGHLIGHT_ORDER = "pinned (cited.highlight), then rank, then selected, then newest"
"""The rule choosing which of the members' own works are highlighted, in words."""

LEADING = N_("Leading")
TEAM_MEMBER = N_("Team member")


class TeamMember(Struct, frozen=True):
    """A member whose profile loaded: their output name, profile, role and choices."""

    key: str
    loaded: LoadedProfile
    role: Role
    participant: str | None = None
    choices: Choices = field(default_factory=Choices)


class Count(Struct, frozen=True):
    """What a list got: ``count`` of ``eligible``, within ``limit``."""

    name: str
    label: str
    count: int
    eligible: int
    limit: int | None = None


class TeamPrepared(Struct):
    """Everything a renderer needs for one team document, and what preparing it noticed."""

    fmt: Format
    lang: Language
    team: LoadedTeam
    members: list[TeamMember]
    as_of: dt.date
    context: dict[str, Any]
    localizer: Localizer | BilingualLocalizer
    counts: list[Count] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    """Every merge of two records into one work and why (``explain``)."""

    @property
    def title(self) -> str:
        """The document's title property: format title and the team's acronym."""
        return f"{self.context['format']['title']} – {self.context['team']['acronym']}"

    @property
    def locale(self) -> str:
        """The babel locale of the (first) language, e.g. ``de_DE``."""
        return self.localizer.locale


def prepare_team(
    fmt: Format,
    lang: Language,
    team: LoadedTeam,
    members: Sequence[TeamMember],
    as_of: dt.date,
) -> TeamPrepared:
    """Localise, select and merge the context of one team document."""
    assert fmt.spec.team is not None
    loc = localiser(fmt, lang)
    owners = owner_names(*(m.loaded.profile.person for m in members))  # all bold everywhere
    # each member's texts through a localiser of their own, so a fallback names its member
    builders = [
        ContextBuilder(m.loaded.profile, fmt.spec, localiser(fmt, lang), as_of, owners)
        for m in members
    ]
    rows = [
        _member_row(fmt, i, m, b, as_of)
        for i, (m, b) in enumerate(zip(members, builders, strict=True))
    ]
    context: dict[str, Any] = {
        **header(fmt.spec, loc, as_of),
        "team": {
            "title": loc.text(team.team.title, "team.title"),
            "acronym": team.team.acronym,
            "size": len(members),
        },
        "members": rows,
        "slots": {},
    }
    prepared = TeamPrepared(fmt, lang, team, list(members), as_of, context, loc)
    document = fmt.spec.team.document
    if document == "publications":
        context["slots"]["publications"] = _publications(prepared, builders)
    elif document == "cited_works":
        context["slots"]["cited"] = _cited(prepared, builders)
    prepared.notices += fallback_notices(loc.fallbacks, team.where)
    for member, builder in zip(members, builders, strict=True):
        prepared.notices += fallback_notices(builder.loc.fallbacks, member.loaded.where, member.key)
    return prepared


def _member_row(
    fmt: Format, index: int, member: TeamMember, builder: ContextBuilder, as_of: dt.date
) -> Row:
    loc = builder.loc
    person = builder.person()
    selections = select_slots(fmt, member.loaded, as_of, member.choices) if fmt.spec.slots else {}
    return {
        **person,
        "person": person,
        "id": member.key,
        "number": index + 1,
        "role": loc.gettext(ROLE_LABELS[member.role]),
        "role_id": member.role,
        "leading": loc.gettext(LEADING if member.role in LEADING_ROLES else TEAM_MEMBER),
        "participant": member.participant or person["institution"]["name"],
        "slots": {name: builder.slot(sel) for name, sel in selections.items()},
    }


# -- the same work in several profiles ---------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, without accents and punctuation: for comparing and sorting."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"\W+", " ", plain).strip()


def _newest_first(pub: Publication) -> tuple[Any, ...]:
    """Newest first, as the person's ``order: [newest]`` puts them: a work without a year
    (a working paper) first."""
    undated = pub.year is None
    return (not undated, -(pub.year or 0), -(pub.month or 0), fold(pub.title), pub.id)


def _publications(prepared: TeamPrepared, builders: list[ContextBuilder]) -> Row:
    """Every member's publications, each work once (``profile.identity``), newest first,
    grouped."""
    # lazy: team.works loads only when this runs
    from grantdocs.team.works import merged_publication, team_works

    spec = prepared.fmt.spec.team
    assert spec is not None
    loc = prepared.localizer
    found = team_works(prepared.team, prepared.members)
    prepared.notices += found.notices
    prepared.merges += found.merges()
    labels = {kind: loc.gettext(label) for kind, label in KIND_LABELS.items()}
    excluded = [set(m.choices.exclude) for m in prepared.members]
    names = [
        f"{m.loaded.profile.person.given_names} {m.loaded.profile.person.family_name}"
        for m in prepared.members
    ]
    works: list[tuple[Publication, int, list[str]]] = []
    total = 0
    for group in found.works.groups:
        kept = [
            i
            for i in group
            if not _excluded(found.records[i].pub, excluded[found.records[i].owner])
        ]
        if not kept:
            continue
        total += len(kept)
        owners = list(dict.fromkeys(found.records[i].owner for i in kept))
        pub = merged_publication(found, kept, labels)
        works.append((pub, found.records[kept[0]].owner, [names[o] for o in sorted(owners)]))
    ordered = sorted(works, key=lambda w: _newest_first(w[0]))
    if spec.group_by == "kind":
        kinds = list(KIND_LABELS)
        ordered.sort(key=lambda w: kinds.index(w[0].kind))  # stable: newest first within
    rows = []
    for number, (pub, index, members) in enumerate(ordered, start=1):
        row = builders[index].row("publications", pub)
        row["number"] = number
        row["members"] = members
        row["members_text"] = ", ".join(members)
        rows.append(row)
    groups: list[Row] = []
    for row in rows:
        key = row["kind"] if spec.group_by == "kind" else row["year"]
        if not groups or groups[-1]["key"] != key:
            label = row["kind_label"] if spec.group_by == "kind" else _year_label(row, loc.lang)
            groups.append({"key": key, "label": label, "entries": []})
        groups[-1]["entries"].append(row)
    shared = sum(1 for _, _, members in works if len(members) > 1)
    prepared.counts.append(Count("publications", loc.gettext("Publications"), len(rows), total))
    return {
        "label": loc.gettext("Publications"),
        "entries": rows,
        "groups": groups,
        "count": len(rows),
        "shared": shared,
    }


def _year_label(row: Row, lang: str) -> str:
    """A year group's heading: the year, or the "no date" term for works without one."""
    return str(row["year"]) if row["year"] != "" else no_date_for(lang)


def _excluded(pub: Publication, excluded: set[str]) -> bool:
    return pub.id in excluded or bool(excluded.intersection(pub.aliases))


# -- the works a proposal cites ------------------------------------------------------------------


class _Cited(Struct):
    pub: Publication
    key: str
    member: int | None
    """Index of the member whose work it is; None for a third party's work."""
    group: int
    """The work's number among the team's works."""


def cited_keys(team: LoadedTeam) -> list[str]:
    """The keys the team file lists, then those found in the proposal's files, once each."""
    # lazy: team.cited loads only when this runs
    from grantdocs.team.cited import keys_in_file

    keys = list(team.team.cited.keys)
    for name in team.team.cited.proposal:
        keys += keys_in_file(team.resolve(name))
    return list(dict.fromkeys(keys))


def _cited(prepared: TeamPrepared, builders: list[ContextBuilder]) -> Row:
    """The cited works, alphabetical, each work once (``profile.identity``, across the
    members' profiles and the bibliography); the members' own highlighted up to the
    format's limit."""
    # lazy: team.cited, team.works load only when this runs
    from grantdocs.team.cited import read_bibliography
    from grantdocs.team.works import merged_publication, team_works

    spec = prepared.fmt.spec.team
    assert spec is not None
    team = prepared.team
    cited = team.team.cited
    bibliography = read_bibliography(team.resolve(n) for n in cited.bibliography)
    for problem in bibliography.problems:
        prepared.notices.append(Notice(BIBLIOGRAPHY, f"bibliography: {problem}"))
    found = team_works(team, prepared.members, bibliography.works, ", ".join(cited.bibliography))
    prepared.notices += found.notices
    loc = prepared.localizer
    labels = {kind: loc.gettext(label) for kind, label in KIND_LABELS.items()}
    members = len(prepared.members)
    own: dict[str, tuple[Publication, int, int]] = {}
    """key -> (the work as shown, its member, its group)"""
    third: dict[str, tuple[Publication, int]] = {}
    for number, group in enumerate(found.works.groups):
        mine = [i for i in group if found.records[i].owner < members]
        shown = merged_publication(found, mine, labels) if mine else None
        for index in group:
            pub = found.records[index].pub
            names = [pub.id, *pub.aliases] if found.records[index].owner < members else pub.aliases
            for key in names:
                if shown is not None:
                    own.setdefault(key, (shown, found.records[mine[0]].owner, number))
                else:
                    third.setdefault(key, (pub, number))
    keys = cited_keys(team)
    if not keys and not cited.proposal:
        keys = list(bibliography.works)  # no list of keys: the whole bibliography is cited
    works: dict[int, _Cited] = {}
    unknown = []
    for key in keys:
        if key in own:
            pub, member, number = own[key]
            works.setdefault(number, _Cited(pub, key, member, number))
        elif key in third:
            pub, number = third[key]
            works.setdefault(number, _Cited(pub, key, None, number))
        else:
            unknown.append(key)
    for key in unknown:
        prepared.notices.append(
            Notice(
                UNKNOWN_CITATION,
                f"cited key {key!r} is neither a member's work (id or alias) nor in the "
                "bibliography",
                where=_cited_where(team, key),
                subject=key,
            )
        )
    highlighted = _highlighted(prepared, list(works.values()), own)
    items = sorted(works.values(), key=lambda c: _alphabetical(c.pub))
    rows = []
    for number, item in enumerate(items, start=1):
        row = builders[item.member or 0].row("publications", item.pub)
        row["number"] = number
        row["key"] = item.key
        row["own"] = item.member is not None
        row["highlighted"] = item.group in highlighted
        rows.append(row)
        if not item.pub.link:
            prepared.notices.append(
                Notice(NO_DOI, f"cited: {item.key} has no DOI or URL", subject=item.key)
            )
    prepared.merges += found.merges()
    own_count = sum(1 for row in rows if row["own"])
    prepared.counts.append(Count("cited", "works cited", len(rows), len(keys)))
    prepared.counts.append(
        Count(
            "highlighted",
            "own works highlighted",
            len(highlighted),
            own_count,
            spec.highlight_limit,
        )
    )
    return {
        "label": loc.gettext("Project- and subject-related list of publications"),
        "entries": rows,
        "count": len(rows),
        "own": own_count,
        "highlighted": len(highlighted),
        "highlight_limit": spec.highlight_limit,
    }


def _cited_where(team: LoadedTeam, key: str) -> str:
    """Where a cited key was found: ``file:line`` of its first use in a proposal file (a
    Word file: the file alone), else the team file's ``cited.keys`` entry."""
    # lazy: importers.detect loads only when this runs
    from grantdocs.importers.detect import read_text

    if key in team.team.cited.keys:
        return str(team.where("cited", "keys", team.team.cited.keys.index(key)))
    for name in team.team.cited.proposal:
        path = team.resolve(name)
        shown = display_path(path)
        if path.suffix.lower() == ".docx":
            return shown
        try:
            text = read_text(path, shown)
        except Exception:  # read once already for its keys; a race leaves the file alone
            return shown
        at = re.search(rf"(?<![\w:.-]){re.escape(key)}(?![\w:.-])", text)
        if at:
            return f"{shown}:{text.count(chr(10), 0, at.start()) + 1}"
    return team.display


def _alphabetical(pub: Publication) -> tuple[Any, ...]:
    first = pub.authors[0] if pub.authors else ""
    return (fold(first), pub.year or 0, fold(pub.title), pub.id)  # undated first, as APA


def _highlighted(
    prepared: TeamPrepared, works: list[_Cited], own: dict[str, tuple[Publication, int, int]]
) -> set[int]:
    """Which own works are highlighted: pinned first, then by rank, selected, newest."""
    spec = prepared.fmt.spec.team
    assert spec is not None
    cited = prepared.team.team.cited
    pinned = [own[k][2] for k in cited.highlight if k in own]
    never = {own[k][2] for k in cited.no_highlight if k in own}
    strays = [k for k in (*cited.highlight, *cited.no_highlight) if k not in own]
    if strays:
        prepared.notices.append(
            Notice(
                UNKNOWN_CITATION,
                "cited.highlight / no_highlight name key(s) that are no member's work: "
                + ", ".join(strays),
                where=prepared.team.display,
            )
        )
    candidates = [w for w in works if w.member is not None and w.group not in never]

    def order(w: _Cited) -> tuple[Any, ...]:
        pin = pinned.index(w.group) if w.group in pinned else len(pinned)
        rank = w.pub.rank if w.pub.rank is not None else 1 << 30
        return (pin, rank, not w.pub.selected, *_newest_first(w.pub))

    candidates.sort(key=order)
    limit = spec.highlight_limit if spec.highlight_limit is not None else len(candidates)
    chosen = {w.group for w in candidates[:limit]}
    if len(candidates) > limit:
        prepared.notices.append(
            Notice(
                HIGHLIGHT_LIMIT,
                f"{limit} of {len(candidates)} own works cited are highlighted (the limit); "
                f"chosen by: {HIGHLIGHT_ORDER}; change with cited.highlight in the team file",
            )
        )
    unpinned = [p for p in pinned if p not in chosen]
    if unpinned:
        prepared.notices.append(
            Notice(HIGHLIGHT_LIMIT, f"{len(unpinned)} pinned work(s) not cited or over the limit")
        )
    return chosen


def load_members(
    team: LoadedTeam, choices: Choices | None = None, *, confined: bool = True
) -> list[TeamMember]:
    """Every member's profile loaded (the first failure raises), with distinct output names
    and the member's pins and excludes added to ``choices``; ``confined``: read only inside
    each member's folder (see ``load_profile``)."""
    # lazy: team.names loads only when this runs
    from grantdocs.team.names import same_person_check, unique_names

    choices = choices or Choices()
    loaded = [load_profile(ref.profile, confined=confined) for ref in team.members]
    people = [(one.path, one.profile.person) for one in loaded]
    same_person_check(people)
    names = unique_names(people)
    return [
        TeamMember(
            name,
            one,
            ref.member.role,
            ref.member.participant,
            Choices((*choices.pin, *ref.pins), (*choices.exclude, *ref.member.exclude)),
        )
        for ref, one, name in zip(team.members, loaded, names, strict=True)
    ]


def sample_team(fmt: Format, lang: Language | None = None) -> TeamPrepared:
    """``fmt`` prepared with the bundled example team as of its date: for checks."""
    team = load_team(example_team())
    chosen = lang or Language(fmt.spec.languages[0])
    return prepare_team(fmt, chosen, team, load_members(team), team.team.as_of or today())
