"""Selection rules on the bundled profile and on generated data."""

from __future__ import annotations

import datetime as dt
import random

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.model import Profile, Project, Publication, validated
from grantdocs.select.engine import select, window_bounds
from grantdocs.select.rules import SlotRule, Window
from tests.conftest import AS_OF


def rule(**kw: object) -> SlotRule:
    return validated(SlotRule, kw)


def test_leading_role_projects_are_exactly_the_five_in_the_seed(bundled: LoadedProfile) -> None:
    sel = select(
        bundled.profile, "lead", rule(section="projects", where={"leading_role": True}), AS_OF
    )
    assert sorted(p.acronym for p in sel.kept) == ["ACHILLES", "EPIBMI", "TEMA", "iToBoS", "xJuRAG"]
    dropped = [d for d in sel.decisions if not d.kept]
    assert len(dropped) == 4
    assert all(d.reason == "leading_role is false, wants true" for d in dropped)


def test_last_five_years_keeps_what_the_documentation_says(bundled: LoadedProfile) -> None:
    # As of 2025-09-20 the window is 2020-09-20 .. 2025-09-20; publications are dated by
    # year only, so a 2020 paper (all of 2020) overlaps it and is kept; 2019 is not.
    sel = select(
        bundled.profile, "recent", rule(section="publications", window={"last_years": 5}), AS_OF
    )
    expected = {p.id for p in bundled.profile.publications if p.year >= 2020}
    assert {p.id for p in sel.kept} == expected
    assert window_bounds(Window(last_years=5), AS_OF) == (dt.date(2020, 9, 20), AS_OF)
    old = next(d for d in sel.decisions if not d.kept)
    assert old.reason.startswith("outside the window 2020-09-20 – 2025-09-20 (dated 20")


def test_month_precision_decides_at_the_window_edge() -> None:
    pubs = [_pub("aug", 2020, 8), _pub("sep", 2020, 9), _pub("year", 2020, None)]
    sel = select(
        _profile(pubs), "s", rule(section="publications", window={"last_years": 5}), AS_OF, pubs
    )
    assert {p.id for p in sel.kept} == {"sep", "year"}


def test_a_period_overlapping_the_window_is_kept() -> None:
    projects = [
        validated(
            Project,
            {"id": "old", "acronym": "O", "title": "T", "start": "2014-01", "end": "2016-12"},
        ),
        validated(
            Project,
            {"id": "over", "acronym": "V", "title": "T", "start": "2014-01", "end": "2021-03"},
        ),
        validated(Project, {"id": "open", "acronym": "P", "title": "T", "start": "2012-01"}),
    ]
    sel = select(
        _profile([]), "s", rule(section="projects", window={"since": 2020}), AS_OF, projects
    )
    assert {p.id for p in sel.kept} == {"over", "open"}


def test_top_ten_puts_the_owners_marks_first(bundled: LoadedProfile) -> None:
    sel = select(
        bundled.profile,
        "top",
        rule(section="publications", order=["rank", "newest"], limit=10),
        AS_OF,
    )
    assert len(sel.kept) == 10
    ranked = sorted((p for p in bundled.profile.publications if p.rank), key=lambda p: p.rank or 0)
    assert [p.id for p in sel.kept][: len(ranked)] == [p.id for p in ranked[:10]]
    over = [d for d in sel.decisions if not d.kept]
    assert over and all(d.reason.startswith("over the limit of 10 as number") for d in over)
    assert any(d.reason == "over the limit of 10 as number 14 of 95" for d in over)


def test_pin_and_exclude(bundled: LoadedProfile) -> None:
    r = rule(
        section="publications",
        order=["newest"],
        limit=3,
        pin=["bach2015pixel"],
        exclude=["dreyer2025mechanistic"],
    )
    sel = select(bundled.profile, "s", r, AS_OF)
    assert sel.kept[0].id == "bach2015pixel"
    assert "dreyer2025mechanistic" not in {p.id for p in sel.kept}
    reasons = {d.key: d.reason for d in sel.decisions}
    assert reasons["dreyer2025mechanistic"] == "excluded by the owner"
    assert reasons["bach2015pixel"].startswith("pinned by the owner")


def test_conditions() -> None:
    pubs = [
        _pub("a", 2020, None, tags=["xai"]),
        _pub("b", 2021, None, tags=["ml"]),
        _pub("c", 2022, None),
    ]
    r = rule(section="publications", where={"tags": {"contains": "xai"}})
    assert [p.id for p in select(_profile(pubs), "s", r, AS_OF, pubs).kept] == ["a"]
    r = rule(section="publications", where={"year": {"gte": 2021, "lt": 2022}})
    assert [p.id for p in select(_profile(pubs), "s", r, AS_OF, pubs).kept] == ["b"]


def test_decisions_are_made_once_when_asked_and_agree_with_the_selection(
    bundled: LoadedProfile,
) -> None:
    r = rule(
        section="publications",
        where={"peer_reviewed": True},
        order=["rank", "newest"],
        limit=5,
        pin=["bach2015pixel"],
        exclude=["dreyer2025mechanistic"],
    )
    sel = select(bundled.profile, "s", r, AS_OF)
    assert sel.decisions is sel.decisions
    assert sel.total == len(sel.decisions) == len(bundled.profile.publications)
    assert [d.key for d in sel.decisions] == sorted(p.id for p in bundled.profile.publications)
    kept = sorted((d for d in sel.decisions if d.kept), key=lambda d: d.rank or 0)
    assert tuple(d.entry for d in kept) == sel.kept
    assert sum(d.rank is not None for d in sel.decisions) == sel.eligible
    assert {d.reason for d in sel.decisions if not d.kept and d.rank is None} >= {
        "excluded by the owner",
        "peer_reviewed is false, wants true",
    }


def test_a_selection_with_decisions_made_keeps_them_and_leaves_the_original_alone(
    bundled: LoadedProfile,
) -> None:
    r = rule(section="publications", order=["newest"], limit=3)
    sel = select(bundled.profile, "s", r, AS_OF)
    before = sel.decisions
    dropped = sel.kept[0]
    decisions = tuple(
        d if d.entry is not dropped else msgspec.structs.replace(d, kept=False, reason="cut")
        for d in before
    )
    fitted = sel.with_decisions(sel.kept[1:], decisions)
    assert fitted.kept == sel.kept[1:] and fitted.slot == sel.slot and fitted.rule is sel.rule
    assert fitted.decisions is decisions  # not decided again
    assert [d.reason for d in fitted.decisions if d.entry is dropped] == ["cut"]
    assert sel.decisions is before and sel.kept[0] is dropped
    assert len(sel.kept) == 3 and fitted.truncated


# --- properties -------------------------------------------------------------------------


def _pub(pid: str, year: int, month: int | None, **kw: object) -> Publication:
    return validated(
        Publication,
        {
            "id": pid,
            "kind": "journal_article",
            "authors": ["X"],
            "title": pid,
            "year": year,
            "month": month,
            **kw,
        },
    )


def _profile(pubs: list[Publication]) -> Profile:
    return validated(
        Profile, {"person": {"given_names": "A", "family_name": "B"}, "publications": []}
    )


pubs_strategy = st.lists(
    st.builds(
        lambda i, year, month, rank, kind: validated(
            Publication,
            {
                "id": f"p{i}",
                "kind": kind,
                "authors": ["X"],
                "title": "t",
                "year": year,
                "month": month,
                "rank": rank,
            },
        ),
        st.integers(0, 10_000),
        st.integers(2000, 2026),
        st.one_of(st.none(), st.integers(1, 12)),
        st.one_of(st.none(), st.integers(1, 5)),
        st.sampled_from(["journal_article", "preprint", "conference_paper"]),
    ),
    max_size=40,
    unique_by=lambda p: p.id,
)


@settings(max_examples=150, deadline=None)
@given(
    pubs=pubs_strategy,
    years=st.integers(1, 10),
    limit=st.one_of(st.none(), st.integers(1, 15)),
    seed=st.integers(),
)
def test_selection_properties(
    pubs: list[Publication], years: int, limit: int | None, seed: int
) -> None:
    profile = _profile(pubs)
    r = rule(
        section="publications",
        where={"kind": ["journal_article", "conference_paper"]},
        window={"last_years": years},
        order=["rank", "newest"],
        limit=limit,
    )
    sel = select(profile, "s", r, AS_OF, pubs)
    kept = [p.id for p in sel.kept]
    assert set(kept) <= {p.id for p in pubs}
    assert limit is None or len(kept) <= limit
    assert len(sel.decisions) == len(pubs)
    shuffled = list(pubs)
    random.Random(seed).shuffle(shuffled)
    assert [p.id for p in select(profile, "s", r, AS_OF, shuffled).kept] == kept
    wider = rule(
        section="publications",
        where={"kind": ["journal_article", "conference_paper"]},
        window={"last_years": years + 3},
        order=["rank", "newest"],
    )
    narrower = rule(
        section="publications",
        where={"kind": ["journal_article", "conference_paper"]},
        window={"last_years": years},
        order=["rank", "newest"],
    )
    assert {p.id for p in select(profile, "s", narrower, AS_OF, pubs).kept} <= {
        p.id for p in select(profile, "s", wider, AS_OF, pubs).kept
    }
