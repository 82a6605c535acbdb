"""A publication as a CSL-JSON item: kinds to CSL types, status words, names, fields."""

from __future__ import annotations

from typing import get_args

from grantdocs.cite.csl_item import CSL_TYPES, csl_item, csl_name, csl_type
from grantdocs.l10n.formatting import Localizer
from grantdocs.profile.model import Publication, validated
from grantdocs.profile.records import PublicationKind

KNOWN_CSL_TYPES = {
    "article", "article-journal", "paper-conference", "book", "chapter", "review-book",
    "thesis", "patent", "software", "dataset", "report", "manuscript", "periodical",
    "speech", "post-weblog", "document",
}  # fmt: skip


def test_every_kind_of_the_model_has_a_csl_type() -> None:
    for kind in get_args(PublicationKind):
        assert kind in CSL_TYPES, kind
    assert set(CSL_TYPES.values()) <= KNOWN_CSL_TYPES
    assert csl_type("a_kind_added_later") == "document"


def _pub(**more: object) -> Publication:
    data: dict[str, object] = {
        "id": "x",
        "kind": "journal_article",
        "authors": ["Müller K-R", "Doe, Jane", "Consortium of Things", "et al."],
        "title": " Title ",
        "year": 2020,
    }
    return validated(Publication, {**data, **more})


def test_names_families_givens_literals_and_no_et_al() -> None:
    item = csl_item(_pub(), Localizer("en").word)
    assert item["author"] == [
        {"family": "Müller", "given": "K.-R."},
        {"family": "Doe", "given": "Jane"},
        {"literal": "Consortium of Things"},
    ]
    assert csl_name("Brandon Amos") == {"family": "Amos", "given": "Brandon"}


def test_status_words_in_the_documents_language() -> None:
    for status, de, en in (
        ("submitted", "eingereicht", "submitted"),
        ("in_preparation", "in Vorbereitung", "in preparation"),
        ("accepted", "im Erscheinen", "in press"),
    ):
        assert csl_item(_pub(status=status), Localizer("de").word)["status"] == de
        assert csl_item(_pub(status=status), Localizer("en").word)["status"] == en
    assert "status" not in csl_item(_pub(), Localizer("en").word)


def test_edited_book_people_are_editors_and_venues_go_where_csl_wants_them() -> None:
    word = Localizer("en").word
    edited = csl_item(_pub(kind="edited_book", venue="Lecture Notes", publisher="Springer"), word)
    assert "author" not in edited and len(edited["editor"]) == 3
    assert edited["type"] == "book" and edited["collection-title"] == "Lecture Notes"
    both = ["Dotzler B"]  # the BibTeX import lists an edited book's editors as its authors too
    once = csl_item(_pub(kind="edited_book", authors=both, editors=both), word)
    assert "author" not in once and once["editor"] == [{"family": "Dotzler", "given": "B."}]
    other = csl_item(_pub(kind="edited_book", authors=["Kassung C"], editors=both), word)
    assert len(other["author"]) == 1 and len(other["editor"]) == 1  # a foreword's author
    preprint = csl_item(_pub(kind="preprint", venue="CoRR", arxiv="2508.21380"), word)
    assert preprint["type"] == "article" and preprint["publisher"] == "arXiv"
    assert preprint["number"] == "arXiv:2508.21380" and "container-title" not in preprint
    thesis = csl_item(_pub(kind="thesis", thesis_type="phd", institution="TU Berlin"), word)
    assert thesis["genre"] == "PhD thesis" and thesis["publisher"] == "TU Berlin"
    patent = csl_item(_pub(kind="patent", number="WO2019/001", office="WO"), word)
    assert patent["type"] == "patent" and patent["authority"] == "WO"
    journal = csl_item(
        _pub(venue="PLoS ONE", pages="1–5", doi="10.1371/journal.pone.0130140", month=3), word
    )
    assert journal["container-title"] == "PLoS ONE" and journal["page"] == "1–5"
    assert journal["DOI"] == "10.1371/journal.pone.0130140" and journal["issued"] == {
        "date-parts": [[2020, 3]]
    }
    assert journal["title"] == "Title"
