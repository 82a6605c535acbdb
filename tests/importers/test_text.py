"""Names, ids and identifiers as the importers normalise them."""

from __future__ import annotations

import pytest

from grantdocs.importers.text import (
    acronym_of,
    degree_level,
    first_significant_word,
    initials,
    make_id,
    match_key,
    normalise_pages,
    parse_arxiv,
    parse_month,
    short_name,
    split_plain_name,
)
from grantdocs.profile.identifiers import parse_doi


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Klaus-Robert", "K-R"),
        ("J.-P.", "J-P"),
        ("Andrea M.", "A M"),
        ("Émile", "É"),
        ("L. van der", "L"),
        ("", ""),
    ],
)
def test_initials(given: str, expected: str) -> None:
    assert initials(given) == expected


def test_short_name() -> None:
    assert short_name("Müller", "Klaus-Robert") == "Müller K-R"
    assert short_name("Maaten", "Laurens", "van der") == "van der Maaten L"
    assert short_name("King", "Martin Luther", suffix="Jr") == "King M L Jr"


def test_ids_are_ascii_stable_and_suffixed_on_collision() -> None:
    taken = {"bach2015pixel"}
    assert make_id("Bach", 2015, first_significant_word("On Pixel-Wise ..."), taken) == (
        "bach2015pixelb"
    )
    assert make_id("Bach", 2015, "pixel", taken) == "bach2015pixelc"
    assert make_id("Müller", 2019, first_significant_word("Über die Straße"), set()) == (
        "mueller2019ueber"
    )
    assert make_id("Storås", 2025, first_significant_word("The Exploring"), set()) == (
        "storas2025exploring"
    )
    assert make_id("", None, "", set()) == "entry"


def test_match_key_ignores_case_accents_and_punctuation() -> None:
    assert match_key("Layer-Wise  Relevance: Propagation!") == match_key(
        "layer wise relevance propagation"
    )
    assert match_key("Müller") == match_key("MULLER")


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("https://doi.org/10.1371/journal.pone.0130140", "10.1371/journal.pone.0130140"),
        ("http://dx.doi.org/10.1000/ABC", "10.1000/ABC"),
        ("doi:10.1000/x.", "10.1000/x"),
        ("https://doi.org/10.1000%2Fencoded", "10.1000/encoded"),
        ("10.12/too-short-prefix", None),
        ("not a doi", None),
    ],
)
def test_parse_doi(text: str, doi: str | None) -> None:
    assert parse_doi(text) == doi


@pytest.mark.parametrize(
    ("text", "arxiv"),
    [
        ("2106.13200", "2106.13200"),
        ("arXiv:2106.13200v2", "2106.13200v2"),
        ("arXiv preprint arXiv:2106.13200", "2106.13200"),
        ("https://arxiv.org/pdf/1409.8035.pdf", "1409.8035"),
        ("hep-th/9901001", "hep-th/9901001"),
        ("abs/2203.10087", "2203.10087"),
        ("12345", None),
    ],
)
def test_parse_arxiv(text: str, arxiv: str | None) -> None:
    assert parse_arxiv(text) == arxiv


def test_months_pages_names_levels_acronyms() -> None:
    assert [parse_month(m) for m in ("jul", "July", "Juli", "07", 7, "13", "Sommer")] == [
        7, 7, 7, 7, 7, None, None,
    ]  # fmt: skip
    assert normalise_pages("247--278") == "247–278"
    assert normalise_pages("e0130140") == "e0130140"
    assert split_plain_name("Grace Brewster Hopper") == ("Grace Brewster", "Hopper")
    assert split_plain_name("Hopper, Grace") == ("Grace", "Hopper")
    assert [degree_level(d) for d in ("PhD", "M.Sc.", "Bachelor of Arts", "Diplom", "Course")] == [
        "doctorate", "master", "bachelor", "diploma", None,
    ]  # fmt: skip
    assert acronym_of("XAI-Med: Explaining Medicine") == ("XAI-Med", False)
    assert acronym_of("Explaining Medicine (XAIMED)") == ("XAIMED", False)
    assert acronym_of("Bernoulli numbers for everyone") == ("BNE", True)
