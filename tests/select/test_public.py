"""The one rule of what is public."""

from __future__ import annotations

import pytest

from grantdocs.profile.model import Publication, validated
from grantdocs.select.public import is_public


def pub(**fields: object) -> Publication:
    data = {"id": "p", "kind": "journal_article", "authors": ["Roe A"], "title": "T", "year": 2024}
    return validated(Publication, {**data, **fields})


@pytest.mark.parametrize(
    ("fields", "public"),
    [
        ({"status": "published"}, True),
        ({"status": "in_press"}, True),
        ({"status": "accepted"}, True),
        ({"status": "under_review"}, False),
        ({"status": "submitted"}, False),
        ({"status": "in_preparation"}, False),
        ({"status": "under_review", "doi": "10.31235/osf.io/abcde"}, True),
        ({"status": "submitted", "arxiv": "2406.01234"}, True),
        ({"status": "submitted", "url": "https://example.org/paper.pdf"}, True),
        ({"status": "under_review", "repository": "SSRN"}, True),
        ({"status": "published", "kind": "manuscript"}, False),  # unpublished by its kind
        ({"status": "published", "kind": "manuscript", "url": "https://example.org/m.pdf"}, True),
        ({"status": "published", "kind": "journal_article"}, True),
    ],
)
def test_public(fields: dict[str, object], public: bool) -> None:
    assert is_public(pub(**fields)) is public
