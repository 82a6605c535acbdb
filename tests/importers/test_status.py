"""A work's status from the fields personal bibliographies keep it in (values as the real
files of tests/fixtures/real write them)."""

from __future__ import annotations

import pytest

from grantdocs.importers.status import read_status


@pytest.mark.parametrize(
    ("values", "status", "kind"),
    [
        ({"status": "review"}, "under_review", None),  # al-folio, Syunyaev 2023
        ({"status": "rar"}, "under_review", None),
        ({"status": "submitted"}, "submitted", None),
        ({"status": "published"}, "published", None),
        ({"status": "wp", "note": "Draft"}, None, "working_paper"),
        ({"status": "wp", "note": "Conditionally Accepted at JSS"}, "under_review",
         "working_paper"),
        ({"status": "jmp"}, None, "working_paper"),
        ({"status": "implementation", "note": "Data Collection"}, "in_preparation", None),
        ({"pubstate": "forthcoming"}, "in_press", None),
        ({"pubstate": "inpress"}, "in_press", None),
        ({"pubstate": "prepublished"}, None, "preprint"),
        ({"annote": "In print"}, "in_press", None),  # Groth
        ({"annote": "Accepted for publication"}, "accepted", None),
        ({"annote": "Submitted for publication"}, "submitted", None),
        ({"annote": "Journal Article. In preparation"}, "in_preparation", None),
        ({"note": "Revise and resubmit"}, "under_review", None),
        ({"note": "R&R at the American Journal of Political Science"}, "under_review", None),
        ({"note": "im Druck"}, "in_press", None),
        ({"note": "to appear"}, "in_press", None),
        ({"keywords": "inprint"}, "in_press", None),
        ({"keywords": "review"}, None, None),  # a keyword 'review' marks a book review
        ({"note": "Working Paper"}, None, "working_paper"),
        ({"note": "Best paper award"}, None, None),
    ],
)  # fmt: skip
def test_status_and_kind(values: dict[str, str], status: str | None, kind: str | None) -> None:
    found = read_status(values)
    assert (found.status, found.kind) == (status, kind)


def test_the_status_field_comes_before_a_note() -> None:
    found = read_status({"status": "accepted", "note": "Submitted for publication"})
    assert (found.status, found.field) == ("accepted", "status")


@pytest.mark.parametrize(
    ("values", "marked"),
    [
        ({"annote": "Peer Reviewed"}, True),
        ({"keywords": "peerreview,specialissue"}, True),
        ({"note": "peer-reviewed"}, True),
        ({"keywords": "review"}, False),
        ({"status": "review"}, False),
    ],
)
def test_the_files_own_peer_review_mark(values: dict[str, str], marked: bool) -> None:
    assert bool(read_status(values).peer_reviewed_mark) is marked
