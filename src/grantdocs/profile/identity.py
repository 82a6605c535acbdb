"""Work identity: when two publication records are one work.

The one rule for team documents (one work listed once, however each member recorded it) and
for ``import`` / ``validate`` within one profile. Two records are **surely** one work when

1. their DOIs are the same once normalised (case, resolver prefixes and LaTeX escapes, as
   ``profile.identifiers`` stores them; and the version suffix of a preprint server's DOI:
   ``10.31219/osf.io/abcde_v2`` is ``10.31219/osf.io/abcde``), or
2. their arXiv ids are the same without version (an arXiv DOI ``10.48550/arXiv.<id>`` gives
   one), or
3. their titles are near-identical (below), at least half of the shorter author list shares
   a family name with the other, and their years are close: at most ``MAX_YEARS_APART``
   apart, or, where one is unpublished (a preprint or working paper, or not yet published)
   and the other is not, the published one at most ``MAX_YEARS_TO_PUBLISH`` years later.

Titles are compared folded (case, accents, braces, punctuation and spacing ignored) and are
near-identical when they are equal, when rapidfuzz's ``fuzz.ratio`` is at least ``SURE`` and
the words they do not share are spelling variants ("behaviour" / "behavior"; not "issue" /
"position") and they hold the same numbers ("Study 1" and "Study 2" are not), or when
every word of the shorter title (of at least ``MIN_WORDS`` words) is in the longer one (a
subtitle or a qualifying word added). Two published records with different DOIs are never
one work by their titles (a conference paper and its journal version are two works), and
records of different kinds only when one is unpublished.

A pair with the same authors and close years whose titles are only similar (``fuzz.ratio``
at least ``ASK``: a retitled version) is **possible**: it is reported, never merged, until
the user settles it.

Candidates are found through indexes (DOI, arXiv id, and each title's rarest words), never
by comparing every record with every other, so the work grows linearly with the records.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

from msgspec import Struct, field
from rapidfuzz import fuzz

from grantdocs.profile.identifiers import doi_key
from grantdocs.profile.names import is_et_al, parse_name
from grantdocs.profile.records import Publication

UNPUBLISHED_KINDS = frozenset({"preprint", "working_paper", "manuscript"})
"""Kinds that are the unpublished side of a work (its published version is another kind)."""
PUBLISHED_STATUS = "published"
"""Any other status (accepted, submitted, ...) is the unpublished side too."""

SURE = 90.0
"""``fuzz.ratio`` of folded titles at or above which they are near-identical (if the words
they do not share are spelling variants of each other)."""
SPELLING = 80.0
"""``fuzz.ratio`` of two words at or above which one is a spelling variant of the other."""
ASK = 75.0
"""``fuzz.ratio`` at or above which two titles of the same authors are a possible pair."""
MIN_WORDS = 4
"""The shorter title needs this many words for 'every word in the other' to count."""
MAX_YEARS_APART = 1
MAX_YEARS_TO_PUBLISH = 6
MIN_AUTHOR_OVERLAP = 0.5
"""Share of the shorter author list whose family names the other list has."""
RARE_WORDS = 3
"""Each title is indexed under its rarest words; candidates share one of them."""
MAX_CANDIDATES = 64
"""A word in more titles than this is not rare; and at most this many records are looked
at per word (a bound against a hang, never reached by a real team)."""

_VERSIONED = (
    (re.compile(r"^(10\.(?:31219|31234|31235|31236|31237|35542)/.+?)_v\d+$"), 1),  # OSF family
    (re.compile(r"^(10\.48550/arxiv\..+?)v\d+$"), 1),  # arXiv
    (re.compile(r"^(10\.(?:1101|21203)/.+?)v\d+$"), 1),  # bioRxiv / medRxiv, Research Square
)
_NUMBER = re.compile(r"\d")
_ROMAN = re.compile(r"^(?=[ivx]+$)x{0,3}(?:ix|iv|v?i{0,3})$")
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$")
_ARXIV_ID = re.compile(r"^(?:arxiv:)?(.+?)(?:v\d+)?$", re.IGNORECASE)


def work_doi(doi: str) -> str:
    """A DOI as works compare it: case-insensitive, without a preprint server's version."""
    key = doi_key(doi)
    for pattern, group in _VERSIONED:
        found = pattern.match(key)
        if found:
            return found.group(group)
    return key


def work_arxiv(pub: Publication) -> str | None:
    """The arXiv id without version, from ``arxiv`` or an arXiv DOI; None if neither."""
    if pub.arxiv:
        found = _ARXIV_ID.match(pub.arxiv.strip())
        if found:
            return found.group(1).lower()
    if pub.doi:
        found = _ARXIV_DOI.match(work_doi(pub.doi))
        if found:
            return found.group(1)
    return None


def title_key(title: str) -> str:
    """A title folded for comparing: case, accents, braces, punctuation and spaces ignored."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare).split())


def unpublished(pub: Publication) -> bool:
    """True for the unpublished side of a work: a preprint-like kind or a status other than
    published."""
    return pub.kind in UNPUBLISHED_KINDS or pub.status != PUBLISHED_STATUS


def family_names(pub: Publication) -> frozenset[str]:
    """The authors' family names, folded ("Müller K-R" and "K.-R. Müller" give one)."""
    names = set()
    for author in pub.authors:
        if is_et_al(author):
            continue
        name = parse_name(author)
        names.add(title_key(name.family if name.parsed else author))
    names.discard("")
    return frozenset(names)


class Record(Struct, frozen=True):
    """One recorded publication: whose it is (``owner``, e.g. a member's index) and where
    it stands (``where``, ``file:line``)."""

    pub: Publication
    owner: int
    where: str


class Link(Struct, frozen=True):
    """Two records (indexes into the records) and why they are, or may be, one work."""

    a: int
    b: int
    reason: str
    sure: bool


class Works(Struct):
    """The records grouped into works, with every merge and every open question.

    ``groups`` lists record indexes per work, the one to show first (see ``shown_first``),
    in the order of each work's first record. ``links`` are the merges that formed the
    groups, ``possible`` the pairs asked about, ``settled`` the pairs the user decided.
    """

    records: Sequence[Record]
    groups: list[list[int]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    possible: list[Link] = field(default_factory=list)
    settled: list[Link] = field(default_factory=list)

    def group_of(self, index: int) -> list[int]:
        """The group holding record ``index``."""
        return self.groups[self._group_index[index]]

    @property
    def _group_index(self) -> dict[int, int]:
        return {r: g for g, members in enumerate(self.groups) for r in members}


class _Groups:
    """Union-find over record indexes, refusing a union that joins a pair said to differ.

    A union looks at the pairs said to differ of the smaller group's records only, so the
    whole grouping stays near-linear however large a work's group grows."""

    def __init__(self, size: int, different: set[tuple[int, int]]) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}
        self.apart: dict[int, list[int]] = defaultdict(list)
        for a, b in different:
            self.apart[a].append(b)
            self.apart[b].append(a)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        if self.apart and any(
            self.find(other) == ra for x in self.members[rb] for other in self.apart.get(x, ())
        ):
            return False
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)
        return True


class _Facts(Struct, frozen=True):
    """What the title rule reads of a record, computed once."""

    pub: Publication
    pre: bool
    names: frozenset[str]
    title: str

    @classmethod
    def of(cls, pub: Publication) -> _Facts:
        return cls(pub, unpublished(pub), family_names(pub), title_key(pub.title))


def compare(a: Publication, b: Publication) -> tuple[str, bool] | None:
    """Why ``a`` and ``b`` are (True) or may be (False) one work by title, authors and year;
    None if they are not. DOIs and arXiv ids are not looked at here (see ``identify``)."""
    return _compare(_Facts.of(a), _Facts.of(b))


def _compare(fa: _Facts, fb: _Facts) -> tuple[str, bool] | None:
    a, b, pre_a, pre_b = fa.pub, fb.pub, fa.pre, fb.pre
    if a.doi and b.doi and not (pre_a or pre_b) and work_doi(a.doi) != work_doi(b.doi):
        return None
    if not _close_years(a, b, pre_a, pre_b):
        return None
    shorter = min(len(fa.names), len(fb.names))
    if not shorter or len(fa.names & fb.names) / shorter < MIN_AUTHOR_OVERLAP:
        return None
    ta, tb = fa.title, fb.title
    score = fuzz.ratio(ta, tb)
    if score < ASK and not _words_contained(ta, tb):
        return None
    kinds_fit = a.kind == b.kind or pre_a != pre_b
    if ta == tb:
        reason = "same title"
    elif _numbers(ta) != _numbers(tb):
        return f"similar title (similarity {score:.0f}) but other numbers", False
    elif score >= SURE and _spelling_only(ta, tb):
        reason = f"near-identical title (similarity {score:.0f})"
    elif _words_contained(ta, tb):
        reason = "one title holds every word of the other"
    else:
        return f"similar title (similarity {score:.0f}), same authors, close years", False
    if a.year is None or b.year is None:
        years = "one without a year"
    elif a.year == b.year:
        years = "same year"
    else:
        years = f"{min(a.year, b.year)}/{max(a.year, b.year)}"
    if not kinds_fit:
        return f"{reason}, same authors, {years}, but kinds {a.kind} and {b.kind}", False
    return f"{reason}, same authors, {years}", True


def _close_years(a: Publication, b: Publication, pre_a: bool, pre_b: bool) -> bool:
    """Whether the years allow the same work; a work without a year (a working paper)
    is close to any."""
    year_a, year_b = a.year, b.year
    if year_a is None or year_b is None:
        return True
    if pre_a != pre_b:
        early, late = (year_a, year_b) if pre_a else (year_b, year_a)
        return -MAX_YEARS_APART <= late - early <= MAX_YEARS_TO_PUBLISH
    return abs(year_a - year_b) <= MAX_YEARS_APART


def _numbers(title: str) -> set[str]:
    """Words with a digit, and roman numerals: 'Study 1' and 'Study 2', 'Part I' and
    'Part II' are alike but not near-identical."""
    return {w for w in title.split() if _NUMBER.search(w) or _ROMAN.match(w)}


def _spelling_only(ta: str, tb: str) -> bool:
    """Every word one title has and the other lacks is a spelling variant of a word the other
    has ('behaviour' / 'behavior'); a word replaced by another ('issue' / 'position') is a
    retitled version, not a spelling."""
    wa, wb = set(ta.split()), set(tb.split())
    only_a, only_b = wa - wb, wb - wa
    if len(only_a) != len(only_b):
        return False
    return all(any(fuzz.ratio(x, y) >= SPELLING for y in only_b) for x in only_a)


def _words_contained(ta: str, tb: str) -> bool:
    wa, wb = set(ta.split()), set(tb.split())
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(short) >= MIN_WORDS and short <= long


def identify(
    records: Sequence[Record],
    same: Iterable[tuple[int, int, str]] = (),
    different: Iterable[tuple[int, int, str]] = (),
) -> Works:
    """Group ``records`` into works by the module's rule.

    ``same`` and ``different`` are the user's decisions on pairs (record indexes and where
    the decision is written): a pair said to be the same work is merged, one said to differ
    is never merged, and neither is asked about.
    """
    works = Works(records)
    decided_same = [(min(a, b), max(a, b), where) for a, b, where in same if a != b]
    decided_diff = [(min(a, b), max(a, b), where) for a, b, where in different if a != b]
    apart = {(a, b) for a, b, _ in decided_diff}
    groups = _Groups(len(records), apart)
    for a, b, where in decided_same:
        if groups.union(a, b):
            works.links.append(Link(a, b, f"the same work ({where})", True))
        works.settled.append(Link(a, b, f"the same work ({where})", True))
    for a, b, where in decided_diff:
        works.settled.append(Link(a, b, f"different works ({where})", False))
    _by_identifier(records, groups, works)
    _by_title(records, groups, works, apart | {(a, b) for a, b, _ in decided_same})
    order: dict[int, list[int]] = defaultdict(list)
    for index in range(len(records)):
        order[groups.find(index)].append(index)
    works.groups = [sorted(g, key=lambda i: shown_first(records, i)) for g in order.values()]
    return works


def _by_identifier(records: Sequence[Record], groups: _Groups, works: Works) -> None:
    seen: dict[tuple[str, str], int] = {}
    for index, record in enumerate(records):
        keys = []
        if record.pub.doi:
            keys.append(("DOI", work_doi(record.pub.doi)))
        arxiv = work_arxiv(record.pub)
        if arxiv:
            keys.append(("arXiv id", arxiv))
        for kind, value in keys:
            first = seen.setdefault((kind, value), index)
            if first != index and groups.union(first, index):
                works.links.append(Link(first, index, f"same {kind} {value}", True))


def _by_title(
    records: Sequence[Record], groups: _Groups, works: Works, decided: set[tuple[int, int]]
) -> None:
    """Compare each record with the records sharing its title, or one of its rarest title
    words (a word in more than ``MAX_CANDIDATES`` titles is not rare)."""
    facts = [_Facts.of(r.pub) for r in records]
    words = [{w for w in f.title.split() if len(w) > 2} for f in facts]
    frequency: dict[str, int] = defaultdict(int)
    for found in words:
        for word in found:
            frequency[word] += 1
    index: dict[str, list[int]] = defaultdict(list)
    rare: list[list[str]] = []
    for i, found in enumerate(words):
        usable = [w for w in found if frequency[w] <= MAX_CANDIDATES]
        chosen = sorted(usable, key=lambda w: (frequency[w], w))[:RARE_WORDS]
        rare.append(chosen)
        for word in chosen:
            index[word].append(i)
        index["\0" + facts[i].title].append(i)  # the same title, however common its words
    for i in range(len(records)):
        candidates: dict[int, None] = {}
        for word in ("\0" + facts[i].title, *rare[i]):
            for j in index[word][:MAX_CANDIDATES]:
                if j > i:
                    candidates[j] = None
        for j in candidates:
            if (i, j) in decided or groups.find(i) == groups.find(j):
                continue
            decision = _compare(facts[i], facts[j])
            if decision is None:
                continue
            reason, sure = decision
            if sure:
                if groups.union(i, j):
                    works.links.append(Link(i, j, reason, True))
            else:
                works.possible.append(Link(i, j, reason, False))
    works.possible = [p for p in works.possible if groups.find(p.a) != groups.find(p.b)]


def shown_first(records: Sequence[Record], index: int) -> tuple[object, ...]:
    """Order within a work: a published record before an unpublished one, one with a DOI
    first, then the owner's order, then the record's order."""
    pub = records[index].pub
    return (unpublished(pub), pub.doi is None, records[index].owner, index)
