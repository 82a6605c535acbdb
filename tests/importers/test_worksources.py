"""Repositories of working papers and the offices of patents."""

from __future__ import annotations

import pytest

from grantdocs.importers.worksources import PATENT_TEXT, patent_office, repository


@pytest.mark.parametrize(
    ("doi", "links", "texts", "expected"),
    [
        ("10.31219/osf.io/9rf6p_v2", [], [], "OSF Preprints"),  # Syunyaev's OSF pre-print
        ("10.31235/osf.io/xrgc6_v1", [], [], "SocArXiv"),
        ("10.2139/ssrn.4487202", [], [], "SSRN"),
        ("10.3386/w33714", [], [], "NBER"),
        (None, ["https://osf.io/preprints/socarxiv/dw7np"], [], "SocArXiv"),
        (None, ["https://papers.ssrn.com/sol3/papers.cfm?abstract_id=3789339"], [], "SSRN"),
        (None, ["https://ideas.repec.org/p/abc/wpaper/1.html"], [], "RePEc"),
        (None, [], ["OSF Pre-Print"], "OSF Preprints"),
        ("10.1038/s41591-021-01454-y", ["https://www.nature.com/articles/x"], [], None),
    ],
)
def test_repository(
    doi: str | None, links: list[str], texts: list[str], expected: str | None
) -> None:
    assert repository(doi, links, texts) == expected


@pytest.mark.parametrize(
    ("number", "texts", "office"),
    [
        ("CN 113759710 B", ["China"], "CN"),
        ("EP 3920103 B1", [], "EP"),
        ("US 2021/0383245 A1", [], "US"),
        ("WO2020123456A1", [], "WO"),
        ("19/012,313", ["US Patent App. 19/012,313"], "US"),
        ("EP20178576.3 -- 1203", [], "EP"),
        (None, ["", "European"], "EP"),
        (None, ["Berlin"], None),  # a city is never an office
    ],
)
def test_patent_office(number: str | None, texts: list[str], office: str | None) -> None:
    assert patent_office(number, texts) == office


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("EP Patent, EP4528590A1,", "EP4528590A1,"),
        ("EP Patent EP4296898A1", "EP4296898A1"),
        ("US Patent App. 19/012,313", "19/012,313"),
        ("US Patent 11,567,510", "11,567,510"),
        ("U.S. Patent", None),
        ("US Patent, Under Review,", None),
    ],
)
def test_a_venue_that_is_a_patent(text: str, number: str | None) -> None:
    match = PATENT_TEXT.match(text)
    assert match is not None and match.group("number") == number


@pytest.mark.parametrize("text", ["Patent Law Journal", "Patents and innovation in Europe"])
def test_a_venue_about_patents_is_not_a_patent(text: str) -> None:
    assert PATENT_TEXT.match(text) is None
