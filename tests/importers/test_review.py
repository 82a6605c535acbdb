"""peer_reviewed on import: clear evidence only (auto), or all, or none; a reason per entry."""

from __future__ import annotations

from typing import Any

import pytest

from grantdocs.errors import Location
from grantdocs.importers.records import ImportResult, Record
from grantdocs.importers.review import apply_peer_review, infer


@pytest.mark.parametrize(
    ("entry", "flag", "reason"),
    [
        ({"kind": "journal_article", "venue": "PLoS ONE"}, True, "journal article in 'PLoS ONE'"),
        ({"kind": "conference_paper", "venue": "ICML"}, True, "conference paper in 'ICML'"),
        (
            {"kind": "workshop_paper", "venue": "NeurIPS OTML Workshop", "status": "accepted"},
            True,
            "workshop paper in 'NeurIPS OTML Workshop', accepted",
        ),
        ({"kind": "journal_article", "venue": "arXiv"}, False, "venue 'arXiv' is a preprint"),
        ({"kind": "journal_article"}, False, "journal article without a venue"),
        ({"kind": "conference_paper", "venue": "ICML", "status": "submitted"}, False, "status"),
        ({"kind": "preprint", "venue": "arXiv"}, False, "kind preprint"),
        ({"kind": "book_chapter", "venue": "Springer LNCS"}, False, "kind book_chapter"),
        ({"kind": "thesis", "venue": "TU Berlin"}, False, "kind thesis"),
        ({"kind": "other", "venue": "Blog"}, False, "kind other"),
    ],
)
def test_infer(entry: dict[str, Any], flag: bool, reason: str) -> None:
    found, why = infer(entry)
    assert found is flag
    assert reason in why


def _result() -> ImportResult:
    result = ImportResult("in.bib", "BibTeX")
    for line, entry in enumerate(
        [
            {"kind": "journal_article", "venue": "PLoS ONE", "peer_reviewed": False},
            {"kind": "preprint", "venue": "arXiv", "peer_reviewed": False},
        ],
        start=1,
    ):
        result.records.append(
            Record("publications", entry, Location("in.bib", line), f"@x{{{line}}}", ("D", 1, "T"))
        )
    result.records.append(
        Record("positions", {"title": "Postdoc"}, Location("in.bib", 9), "pos", ("P", 1, "T"))
    )
    return result


@pytest.mark.parametrize(
    ("mode", "flags", "first_note"),
    [
        ("auto", [True, False], "peer_reviewed true: journal article in 'PLoS ONE'"),
        ("all", [True, True], "peer_reviewed true: --peer-reviewed all"),
        ("none", [False, False], "peer_reviewed false: --peer-reviewed none"),
    ],
)
def test_modes_set_every_publication_and_say_why(
    mode: Any, flags: list[bool], first_note: str
) -> None:
    result = _result()
    apply_peer_review(result, mode)
    pubs = [r for r in result.records if r.section == "publications"]
    assert [r.entry["peer_reviewed"] for r in pubs] == flags
    assert pubs[0].notes == [first_note]
    assert all(len(r.notes) == 1 for r in pubs)
    position = result.records[-1]
    assert "peer_reviewed" not in position.entry and not position.notes
