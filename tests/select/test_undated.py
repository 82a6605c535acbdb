"""Works without a year, on a real list (Georgiy Syunyaev's, tests/fixtures/real): they count
as current (the as-of date) in windows, sort as the newest, and ``explain`` says so."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from grantdocs.profile.model import Profile, Publication, validated
from grantdocs.select.engine import select
from grantdocs.select.explain import explain_json
from grantdocs.select.rules import SlotRule
from tests.importers.test_real_kinds import _imported

AS_OF = dt.date(2026, 6, 30)


def _profile(tmp_path: Path) -> tuple[Profile, list[Publication]]:
    pubs, _ = _imported("georgiy-syunyaev_papers.bib", "Georgiy Syunyaev", tmp_path)
    profile = validated(
        Profile,
        {"person": {"given_names": "Georgiy", "family_name": "Syunyaev"}, "publications": []},
    )
    return profile, pubs


def _key(pub: Publication) -> str:
    return pub.aliases[0] if pub.aliases else pub.id


def test_a_window_up_to_the_as_of_date_keeps_works_without_a_year(tmp_path: Path) -> None:
    profile, pubs = _profile(tmp_path)
    rule = validated(SlotRule, {"section": "publications", "window": {"last_years": 5}})
    sel = select(profile, "recent", rule, AS_OF, pubs)
    kept = {_key(p) for p in sel.kept}
    undated = {_key(p) for p in pubs if p.year is None}
    assert len(undated) == 12
    # 2021-06-30 .. 2026-06-30: the undated works, the 2025 and 2021 articles; not 2014/2015
    assert kept == undated | {"syunyaev2022federalism", "solis2021covid"}
    reasons = {_key(d.entry): d.reason for d in sel.decisions}
    assert reasons["baranov2015not"] == ("outside the window 2021-06-30 – 2026-06-30 (dated 2015)")


def test_a_window_in_the_past_leaves_them_out_and_says_why(tmp_path: Path) -> None:
    profile, pubs = _profile(tmp_path)
    rule = validated(SlotRule, {"section": "publications", "window": {"between": [2014, 2016]}})
    sel = select(profile, "past", rule, AS_OF, pubs)
    assert {_key(p) for p in sel.kept} == {
        "baranov2015not",
        "polishchuk2015ruling",
        "syunyaev2014climate",
        "polishchuk2015property",
    }
    reasons = {_key(d.entry): d.reason for d in sel.decisions}
    assert reasons["syunyaev2022bias"] == (
        "outside the window 2014-01-01 – 2016-12-31 (undated, counted as of 2026-06-30)"
    )


def test_newest_first_puts_them_first_and_oldest_first_last(tmp_path: Path) -> None:
    profile, pubs = _profile(tmp_path)
    undated = sorted(p.id for p in pubs if p.year is None)  # ties: by id
    newest = select(profile, "n", SlotRule(section="publications", order=["newest"]), AS_OF, pubs)
    assert [p.id for p in newest.kept][:12] == undated
    assert [p.year for p in newest.kept][12:] == [2025, 2021, 2015, 2015, 2015, 2014]
    oldest = select(profile, "o", SlotRule(section="publications", order=["oldest"]), AS_OF, pubs)
    assert [p.year for p in oldest.kept][:6] == [2014, 2015, 2015, 2015, 2021, 2025]
    assert {p.id for p in oldest.kept[6:]} == set(undated)


def test_explain_shows_them_as_undated_and_counted_as_current(tmp_path: Path) -> None:
    profile, pubs = _profile(tmp_path)
    rule = validated(SlotRule, {"section": "publications", "window": {"last_years": 5}})
    data = json.loads(explain_json("x", AS_OF, {"recent": select(profile, "r", rule, AS_OF, pubs)}))
    when = {e["id"]: e["when"] for e in data["slots"]["recent"]["kept"]}
    bias = next(p.id for p in pubs if _key(p) == "syunyaev2022bias")
    assert when[bias] == "undated (counts as current)"
    federalism = next(p.id for p in pubs if _key(p) == "syunyaev2022federalism")
    assert when[federalism] == "2025"
