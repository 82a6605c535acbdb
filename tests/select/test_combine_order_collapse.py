"""any_of and not, the owner's importance marks, collapse of repeated entries, title order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from grantdocs.formats.registry import load_format
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.model import Award, Profile, Publication, Talk, validated
from grantdocs.select.engine import section_entries, select
from grantdocs.select.rules import SlotRule
from tests.conftest import AS_OF


def rule(**kw: object) -> SlotRule:
    return validated(SlotRule, kw)


def pub(pid: str, kind: str = "journal_article", **kw: object) -> Publication:
    data = {"id": pid, "kind": kind, "authors": ["X"], "title": pid, "year": 2020, **kw}
    return validated(Publication, data)


def empty() -> Profile:
    return validated(Profile, {"person": {"given_names": "A", "family_name": "B"}})


PEER_REVIEWED = [
    {"kind": ["journal_article", "conference_paper", "workshop_paper"], "peer_reviewed": True},
    {"kind": ["book_chapter", "book", "edited_book"]},
]


def test_any_of_keeps_what_one_case_holds_for_and_not_keeps_the_rest() -> None:
    pubs = [
        pub("reviewed", peer_reviewed=True),
        pub("unreviewed"),
        pub("chapter", "book_chapter"),
        pub("preprint", "preprint", peer_reviewed=True),
        pub("submitted", peer_reviewed=True, status="submitted"),
    ]
    a = rule(
        section="publications",
        where={"status": ["published", "accepted"], "any_of": PEER_REVIEWED},
    )
    b = rule(
        section="publications",
        where={"status": ["published", "accepted"], "not": {"any_of": PEER_REVIEWED}},
    )
    in_a = {p.id for p in select(empty(), "a", a, AS_OF, pubs).kept}
    in_b = {p.id for p in select(empty(), "b", b, AS_OF, pubs).kept}
    assert in_a == {"reviewed", "chapter"}
    assert in_b == {"unreviewed", "preprint"}
    reasons = {d.key: d.reason for d in select(empty(), "a", a, AS_OF, pubs).decisions}
    assert reasons["unreviewed"] == (
        "peer_reviewed is false, wants true; "
        "nor: kind is journal_article, wants one of book_chapter, book, edited_book"
    )
    reasons = {d.key: d.reason for d in select(empty(), "b", b, AS_OF, pubs).decisions}
    assert reasons["chapter"] == "excluded by not: kind is book_chapter"
    assert reasons["reviewed"] == "excluded by not: kind is journal_article, peer_reviewed is true"


def test_dfg_categories_are_complementary_on_the_bundled_profile(bundled: LoadedProfile) -> None:
    slots = load_format("dfg-cv").spec.slots
    cat_a = replace(slots["category_a"], limit=None)
    cat_b = replace(slots["category_b"], limit=None)
    a = {p.id for p in select(bundled.profile, "a", cat_a, AS_OF).kept}
    b = {p.id for p in select(bundled.profile, "b", cat_b, AS_OF).kept}
    published = {
        p.id for p in bundled.profile.publications if p.status in ("published", "accepted")
    }
    assert not a & b and a | b == published
    kinds = {p.id: (p.kind, p.peer_reviewed) for p in bundled.profile.publications}
    assert all(kinds[i][1] or kinds[i][0] in ("book_chapter", "book", "edited_book") for i in a)
    assert len(a) == 81 and len(b) == 14  # as before the flag rule: the seed's headings agree


def test_rank_then_selected_then_the_rest_with_reasons() -> None:
    pubs = [
        pub("new", year=2024),
        pub("picked-old", year=2010, selected=True),
        pub("picked-new", year=2023, selected=True),
        pub("second", year=2000, rank=2),
        pub("first", year=2001, rank=1),
    ]
    sel = select(empty(), "s", rule(section="publications", order=["rank", "newest"]), AS_OF, pubs)
    assert [p.id for p in sel.kept] == ["first", "second", "picked-new", "picked-old", "new"]
    reasons = {d.key: d.reason for d in sel.decisions}
    assert reasons["first"] == "matched (rank 1), number 1 of 5"
    assert reasons["picked-old"] == "matched (marked selected by the owner), number 4 of 5"
    assert reasons["new"] == "matched, number 5 of 5"


marks = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(1, 9)), st.booleans(), st.integers(1990, 2025)),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(marks=marks, limit=st.one_of(st.none(), st.integers(1, 12)))
def test_ranked_before_selected_before_the_rest(
    marks: list[tuple[int | None, bool, int]], limit: int | None
) -> None:
    pubs = [
        pub(f"p{i}", year=year, rank=rank, selected=picked)
        for i, (rank, picked, year) in enumerate(marks)
    ]
    r = rule(section="publications", order=["rank", "newest"], limit=limit)
    kept = select(empty(), "s", r, AS_OF, pubs).kept
    assert limit is None or len(kept) <= limit
    assert len(kept) == (len(pubs) if limit is None else min(limit, len(pubs)))
    tiers = [0 if p.rank is not None else 1 if p.selected else 2 for p in kept]
    assert tiers == sorted(tiers)
    ranks = [p.rank for p in kept if p.rank is not None]
    assert ranks == sorted(ranks)
    # nothing of a better tier is left out while a worse one is kept
    left = [p for p in pubs if p not in kept]
    worst = max(tiers, default=-1)
    assert all((0 if p.rank is not None else 1 if p.selected else 2) >= worst for p in left)


def talk(tid: str, title: str, date: str, **kw: object) -> Talk:
    return validated(Talk, {"id": tid, "title": title, "date": date, "event": "E", **kw})


def test_collapse_keeps_the_newest_and_lists_the_others() -> None:
    talks = [
        talk("t1", "Explaining AI", "2021-03", invited=True),
        talk("t2", "Explaining  A.I.", "2023-05-02", invited=True),
        talk("t3", "explaining ai", "2022", invited=True),
        talk("t4", "Something else", "2020", invited=True),
    ]
    r = rule(section="talks", collapse="title", order=["newest"])
    sel = select(empty(), "s", r, AS_OF, talks)
    assert [t.id for t in sel.kept] == ["t2", "t4"]
    assert [t.id for t in sel.also(sel.kept[0])] == ["t3", "t1"]
    assert sel.also(sel.kept[1]) == ()
    assert sel.eligible == 2
    reasons = {d.key: d.reason for d in sel.decisions}
    assert reasons["t1"] == reasons["t3"] == "collapsed into t2 (same title)"
    assert reasons["t2"] == "matched, also 2022, 2021-03 (same title, collapsed), number 1 of 2"


def test_a_pinned_entry_stands_for_its_title() -> None:
    talks = [talk("old", "Same", "2019"), talk("new", "Same", "2024")]
    r = rule(section="talks", collapse="title", pin=["old"])
    sel = select(empty(), "s", r, AS_OF, talks)
    assert [t.id for t in sel.kept] == ["old"]


def test_title_order_reads_the_documents_language() -> None:
    awards = [
        validated(Award, {"id": "x", "name": {"en": "Zeta prize", "de": "Alpha-Preis"}}),
        validated(Award, {"id": "y", "name": {"en": "Beta prize", "de": "Öko-Preis"}}),
        validated(Award, {"id": "z", "name": "Omega"}),
    ]
    r = rule(section="awards", order=["title"])
    assert [a.id for a in select(empty(), "s", r, AS_OF, awards, lang="en").kept] == [
        "y",
        "z",
        "x",
    ]
    assert [a.id for a in select(empty(), "s", r, AS_OF, awards, lang="de").kept] == [
        "x",
        "y",
        "z",
    ]


def test_talks_include_invited_lectures_read_as_invited(bundled: LoadedProfile) -> None:
    talks = section_entries(bundled.profile, "talks")
    lectures = bundled.profile.invited_lectures
    assert len(talks) == len(bundled.profile.talks) + len(lectures)
    ids = {t.id for t in lectures}
    assert all(t.invited for t in talks if t.id in ids)
    profile = validated(
        Profile,
        {
            "person": {"given_names": "A", "family_name": "B"},
            "invited_lectures": [{"title": "T", "date": "2024", "event": "E", "id": "l"}],
        },
    )
    r = rule(section="talks", where={"invited": True})
    assert [t.id for t in select(profile, "s", r, AS_OF).kept] == ["l"]


def test_amounts_compare_as_numbers() -> None:
    profile = validated(
        Profile,
        {
            "person": {"given_names": "A", "family_name": "B"},
            "projects": [
                {"id": "big", "acronym": "B", "title": "T", "amount": 500000},
                {"id": "small", "acronym": "S", "title": "T", "amount": "1000.50"},
            ],
        },
    )
    r = rule(section="projects", where={"amount": {"gte": 100000}})
    assert [p.id for p in select(profile, "s", r, AS_OF).kept] == ["big"]


KINDS = [
    "journal_article", "conference_paper", "workshop_paper", "preprint", "book", "edited_book",
    "book_chapter", "thesis", "patent", "software", "dataset", "report", "other",
]  # fmt: skip

random_pubs = st.lists(
    st.builds(
        lambda i, kind, reviewed, status: pub(f"p{i}", kind, peer_reviewed=reviewed, status=status),
        st.integers(0, 10_000),
        st.sampled_from(KINDS),
        st.booleans(),
        st.sampled_from(["published", "accepted", "submitted", "in_preparation"]),
    ),
    max_size=40,
    unique_by=lambda p: p.id,
)


@settings(max_examples=150, deadline=None)
@given(pubs=random_pubs)
def test_dfg_categories_split_every_published_work_by_the_flag(pubs: list[Publication]) -> None:
    slots = load_format("dfg-cv").spec.slots
    a, b = (
        {p.id for p in select(empty(), name, replace(slots[name], limit=None), AS_OF, pubs).kept}
        for name in ("category_a", "category_b")
    )
    published = {p.id for p in pubs if p.status in ("published", "accepted")}
    assert not a & b and a | b == published
    for p in pubs:
        if p.id in published:
            counts = p.kind in ("book", "edited_book", "book_chapter") or (
                p.peer_reviewed
                and p.kind in ("journal_article", "conference_paper", "workshop_paper")
            )
            assert (p.id in a) == counts
