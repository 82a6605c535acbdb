"""The venue table: each row's example is read as its kind; real venue names from exports."""

from __future__ import annotations

import pytest

from grantdocs.importers.venues import (
    VENUE_PATTERNS,
    classify,
    introduced_venue,
    strip_introduction,
)


@pytest.mark.parametrize("row", VENUE_PATTERNS, ids=lambda row: row.example)
def test_every_rows_example_is_its_kind(row: object) -> None:
    assert classify(row.example) == row.kind  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("venue", "kind"),
    [
        ("ICML", "conference_paper"),
        ("ICML 2021", "conference_paper"),
        ("NeurIPS Datasets and Benchmarks Track", "conference_paper"),
        ("Advances in Neural Information Processing Systems", "conference_paper"),
        ("Conference on Neural Information Processing Systems (NeurIPS)", "conference_paper"),
        ("Interspeech", "conference_paper"),
        ("ACM Multimedia 2022", "conference_paper"),
        ("Proceedings of Machine Learning Research", "conference_paper"),
        ("NeurIPS OTML Workshop", "workshop_paper"),
        ("1st Workshop on Trustworthy Learning on Graphs", "workshop_paper"),
        ("ICML 2021 Workshop on Interpretable ML", "workshop_paper"),
        ("arXiv", "preprint"),
        ("arXiv preprint arXiv:2106.13200", "preprint"),
        ("arXiv Feb. (Survey Paper)", "preprint"),
        ("CoRR", "preprint"),
        ("bioRxiv", "preprint"),
        ("JMLR", "journal_article"),
        ("Journal of Machine Learning Research", "journal_article"),
        ("Proceedings of the National Academy of Sciences", "journal_article"),
        ("Proceedings of the ACM on Human-Computer Interaction", "journal_article"),
        ("Proceedings of the VLDB Endowment", "journal_article"),
        ("Proceedings of the AAAI Conference on Artificial Intelligence", "conference_paper"),
        ("IEEE/ACM TCBB", "journal_article"),
        ("ACM TOMS", "journal_article"),
        ("Security & Privacy, IEEE", "journal_article"),
        ("Nature Machine Intelligence", "journal_article"),
        ("Vortrag im Rahmen der Tagung »Der verweigerte Friede«", "presentation"),
        ("Interview im DeutschlandRadio Berlin", "talk"),
        ("Blog", "blog_post"),
        ("Rezension in: H-Soz-Kult", "book_review"),
        ("CMU", None),
        ("Ph.D. Thesis", None),
        ("Some Obscure Venue", None),
        # acronyms are matched as words, in their case
        ("Oracle Press", None),
        ("date of the meeting", "conference_paper"),  # 'meeting' is a conference word
        ("up to date", None),
    ],
)
def test_classify(venue: str, kind: str | None) -> None:
    assert classify(venue) == kind


@pytest.mark.parametrize(
    ("note", "venue"),
    [
        ("In ICML 2021", "ICML 2021"),
        ("In: NeurIPS 2020.", "NeurIPS 2020"),
        ("Accepted at NeurIPS 2022", "NeurIPS 2022"),
        ("Accepted to ICLR 2023", "ICLR 2023"),
        ("To appear in JMLR", "JMLR"),
        ("Published in Nature", "Nature"),
        ("Presented at the ICML Workshop on X", "the ICML Workshop on X"),
        ("Oral presentation at CVPR", "CVPR"),
        ("Code available on GitHub", None),
        ("Best Paper", None),
        ("Under review at ICML", None),
    ],
)
def test_a_note_introduces_a_venue(note: str, venue: str | None) -> None:
    assert introduced_venue(note) == venue


def test_strip_introduction_keeps_a_plain_venue() -> None:
    assert strip_introduction("ICML") == "ICML"
    assert strip_introduction("In ICML 2021") == "ICML 2021"
