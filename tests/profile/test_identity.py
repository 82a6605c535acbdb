"""The work-identity rule: which records are one work, which are asked about."""

from __future__ import annotations

from typing import Any

import pytest

from grantdocs.profile.identity import (
    MAX_CANDIDATES,
    Record,
    compare,
    identify,
    title_key,
    work_doi,
)
from grantdocs.profile.model import Publication, validated
from grantdocs.profile.records import dump


def pub(id: str, title: str, year: int = 2022, **more: Any) -> Publication:
    data: dict[str, Any] = {
        "id": id,
        "kind": "journal_article",
        "authors": ["Krause W", "Cohen D"],
        "title": title,
        "year": year,
    }
    return validated(Publication, data | more)


def groups(*pubs: Publication, **decided: Any) -> list[list[str]]:
    records = [Record(p, i, f"f{i}.yaml:1") for i, p in enumerate(pubs)]
    works = identify(records, **decided)
    return sorted(sorted(records[i].pub.id for i in g) for g in works.groups)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("10.31219/osf.io/ABCDE", "https://doi.org/10.31219/osf.io/abcde\\_v2"),
        ("10.48550/arXiv.2101.00001v3", "10.48550/ARXIV.2101.00001"),
        ("doi:10.1101/2020.01.01.123456v2", "10.1101/2020.01.01.123456"),
    ],
)
def test_doi_versions_and_escapes_compare_equal(a: str, b: str) -> None:
    first = validated(Publication, {**dump(pub("a", "x")), "doi": a})
    second = validated(Publication, {**dump(pub("b", "y")), "doi": b})
    assert work_doi(first.doi or "") == work_doi(second.doi or "")
    assert groups(first, second) == [["a", "b"]]


def test_a_journal_doi_keeps_its_version_like_suffix() -> None:
    assert work_doi("10.1000/abc_v2") == "10.1000/abc_v2"


def test_title_with_braces_spaces_and_capitals_is_the_same_title() -> None:
    assert title_key("The {ABC} Database") == title_key("the ABC  database")
    one = pub("a", "The {ABC} Database", doi="10.1000/abc")
    other = pub("b", "The ABC  Database")  # no DOI in the co-author's copy
    assert groups(one, other) == [["a", "b"]]


def test_an_added_qualifier_is_the_same_work() -> None:
    one = pub("a", "Can strategy X cross-cut the far-right vote?")
    other = pub("b", "Can Strategy X Cross-Cut the Anti-Y Far-Right Vote?", year=2023)
    assert groups(one, other) == [["a", "b"]]


def test_working_paper_and_article_years_apart_are_one_work_article_first() -> None:
    paper = pub("wp", "Parties and voters", 2022, kind="preprint", doi="10.31219/osf.io/zzzzz")
    article = pub("art", "Parties and Voters", 2025, doi="10.1017/s000305542500001x")
    records = [Record(paper, 0, "a:1"), Record(article, 1, "b:1")]
    works = identify(records)
    assert works.groups == [[1, 0]]  # the published version is shown first


def test_two_published_works_with_different_dois_stay_apart() -> None:
    conf = pub("c", "Learning things", doi="10.1000/conf", kind="conference_paper")
    journal = pub("j", "Learning things", doi="10.1000/journal")
    assert groups(conf, journal) == [["c"], ["j"]]


def test_same_title_by_other_authors_or_years_apart_stays_apart() -> None:
    one = pub("a", "Introduction to the special issue on elections")
    others = pub("b", "Introduction to the special issue on elections", authors=["Ng B"])
    later = pub("c", "Introduction to the special issue on elections", year=2026)
    assert groups(one, others, later) == [["a"], ["b"], ["c"]]


def test_retitled_version_is_asked_not_merged_and_a_decision_settles_it() -> None:
    one = pub("a", "Parties' Issue Adaptation Between Elections")
    other = pub("b", "Parties' Position Adaptation Between Elections")
    records = [Record(one, 0, "a.yaml:3"), Record(other, 1, "b.yaml:9")]
    works = identify(records)
    assert len(works.groups) == 2
    assert [(p.a, p.b, p.sure) for p in works.possible] == [(0, 1, False)]
    assert "similar title" in works.possible[0].reason
    same = identify(records, same=[(0, 1, "team.yaml:12")])
    assert len(same.groups) == 1 and not same.possible
    assert same.links[0].reason == "the same work (team.yaml:12)"
    apart = identify(records, different=[(0, 1, "team.yaml:13")])
    assert len(apart.groups) == 2 and not apart.possible


def test_a_pair_said_to_differ_is_never_merged_even_by_its_doi() -> None:
    one = pub("a", "One", doi="10.1000/x")
    other = pub("b", "Two", doi="10.1000/X")
    assert groups(one, other, different=[(0, 1, "t:1")]) == [["a"], ["b"]]


def test_compare_needs_overlapping_authors() -> None:
    one = pub("a", "A long enough title about voting")
    other = pub("b", "A long enough title about voting", authors=["Smith J", "Doe J"])
    assert compare(one, other) is None
    same_people = pub("c", "A long enough title about voting", authors=["W. Krause"])
    assert compare(one, same_people) == ("same title, same authors, same year", True)


def test_candidates_come_from_rare_words_not_all_pairs() -> None:
    # many records sharing common words; each finds its twin through its rare word
    pubs = []
    for i in range(300):
        word = f"topic{i:03d}"
        pubs.append(pub(f"a{i}", f"Party competition and {word} in Europe"))
        pubs.append(pub(f"b{i}", f"Party Competition and {word.upper()} in Europe"))
    records = [Record(p, 0, "f:1") for p in pubs]
    works = identify(records)
    found = sorted(sorted(records[i].pub.id for i in g) for g in works.groups)
    assert len(found) == 300
    assert all(g == [f"a{g[0][1:]}", f"b{g[0][1:]}"] for g in found)
    # words in more than MAX_CANDIDATES titles are not compared through: no record was
    # compared with the 598 others sharing 'party competition europe'
    assert not works.possible
    assert len(pubs) > MAX_CANDIDATES


def test_a_spelling_variant_is_merged_a_replaced_word_in_a_long_title_is_asked() -> None:
    title = "Electoral behaviour of young voters in thirty European democracies since 1990"
    one = pub("a", title)
    spelled = pub("b", title.replace("behaviour", "behavior"))
    assert compare(one, spelled) == (
        "near-identical title (similarity 99), same authors, same year",
        True,
    )
    replaced = pub("c", title.replace("young", "older"))
    decision = compare(one, replaced)
    assert decision is not None and decision[1] is False  # 'young' -> 'older': asked


def test_part_one_and_part_two_are_not_merged() -> None:
    one = pub("a", "Voting behaviour in Germany, Part I")
    two = pub("b", "Voting behaviour in Germany, Part II")
    assert groups(one, two) == [["a"], ["b"]]
