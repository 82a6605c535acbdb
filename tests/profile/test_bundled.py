"""The bundled profile is a faithful, complete transcription of the seed CV."""

from __future__ import annotations

from collections import Counter

from grantdocs.profile.load import LoadedProfile


def test_publication_counts_match_the_seed(bundled: LoadedProfile) -> None:
    kinds = Counter(p.kind for p in bundled.profile.publications)
    assert len(bundled.profile.publications) == 95
    assert kinds["journal_article"] == 32
    assert kinds["conference_paper"] + kinds["workshop_paper"] == 44
    assert kinds["edited_book"] == 1
    assert kinds["book_chapter"] == 4
    assert kinds["preprint"] == 14


def test_edited_book_keeps_its_four_parts(bundled: LoadedProfile) -> None:
    (book,) = [p for p in bundled.profile.publications if p.kind == "edited_book"]
    assert len(book.isbn) == 4


def test_sections_match_the_seed(bundled: LoadedProfile) -> None:
    p = bundled.profile
    assert len(p.projects) == 9
    assert sorted(pr.acronym for pr in p.projects if pr.leading_role) == [
        "ACHILLES",
        "EPIBMI",
        "TEMA",
        "iToBoS",
        "xJuRAG",
    ]
    assert len(p.talks) == 25
    assert len(p.invited_lectures) == 8
    assert len(p.awards) == 8
    assert len(p.patents) == 7
    assert sum(len(f.members) for f in p.patents) >= 12
    assert len(p.education) == 4
    assert p.metrics[0].all.citations == 20413
    assert p.metrics[0].all.publications == 95


def test_owner_published_under_two_names(bundled: LoadedProfile) -> None:
    person = bundled.profile.person
    assert "Bach S" in person.name_variants
    authors = {a for pub in bundled.profile.publications for a in pub.authors}
    assert {"Bach S", "Lapuschkin S"} <= authors
    assert person.identifiers.orcid is None  # the seed has none; nothing is invented


def test_every_publication_lists_the_owner(bundled: LoadedProfile) -> None:
    from grantdocs.cite import is_owner, owner_names

    owners = owner_names(bundled.profile.person)
    missing = [
        p.id
        for p in bundled.profile.publications
        if not any(is_owner(a, owners) for a in p.authors)
    ]
    assert missing == []


def test_german_text_for_a_german_cv(bundled: LoadedProfile) -> None:
    p = bundled.profile
    assert all(isinstance(pos.title, dict) and "de" in pos.title for pos in p.positions)
    assert all(isinstance(e.degree, dict) or e.degree for e in p.education)
    assert all(
        isinstance(pr.role, dict) and pr.role.get("de") for pr in p.projects if pr.leading_role
    )
