"""DOIs: one stored form, whether they come from an import or from the profile's YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantdocs.errors import ProfileError
from grantdocs.profile.identifiers import doi_key, normalise_doi, parse_doi
from grantdocs.profile.load import load_profile
from tests.conftest import MINIMAL, write_tree


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        ("10.1371/journal.pone.0130140", "10.1371/journal.pone.0130140"),
        ("https://doi.org/10.1371/journal.pone.0130140", "10.1371/journal.pone.0130140"),
        ("http://dx.doi.org/10.1000/ABC", "10.1000/ABC"),
        ("https://www.doi.org/10.1000/abc", "10.1000/abc"),
        ("doi.org/10.1000/abc", "10.1000/abc"),
        ("dx.doi.org/10.1000/abc", "10.1000/abc"),
        ("doi:10.1000/x.", "10.1000/x"),
        ("DOI: 10.1000/x;", "10.1000/x"),
        ("doi 10.1000/x", "10.1000/x"),
        ("https://doi.org/10.1000%2Fencoded", "10.1000/encoded"),
        ("10.1007/978-3-032-08707-2\\_10", "10.1007/978-3-032-08707-2_10"),
        ("{10.1007/978-3-032-08707-2{\\_}10}", "10.1007/978-3-032-08707-2_10"),
        ("10.1000/50\\%off", "10.1000/50%off"),
        ("\\url{https://doi.org/10.1000/a\\_b}", "10.1000/a_b"),
        ("  10.1000/abc  ", "10.1000/abc"),
        ("(doi:10.1000/abc)", None),  # an opening parenthesis before the label is not a DOI
        ("10.1016/0167-2789(92)90242-F", "10.1016/0167-2789(92)90242-F"),
        ("10.1000/abc(1)).", "10.1000/abc(1)"),
        ("not a doi", None),
        ("10.12/abc", None),
        ("https://example.org/10.1000/abc", None),
        ("", None),
    ],
)
def test_normalise_doi(text: str, doi: str | None) -> None:
    assert parse_doi(text) == doi
    if doi is None:
        with pytest.raises(ValueError, match="is not a DOI"):
            normalise_doi(text)
    else:
        assert normalise_doi(doi) == doi  # the stored form is a fixed point


def test_dois_compare_case_insensitively() -> None:
    assert doi_key("10.5555/WS.2021.42") == doi_key("10.5555/ws.2021.42")


PUB = "publications:\n  - {{id: a, kind: journal_article, authors: [X], title: T, year: 2020, doi: {doi}}}\n"


@pytest.mark.parametrize(
    "written",
    [
        '"https://doi.org/10.1000/a_b"',
        "doi:10.1000/a_b",
        '"10.1000/a\\\\_b"',  # YAML "\\_" is a backslash and an underscore
        "'10.1000/a_b.'",
    ],
)
def test_the_profile_stores_the_normalised_doi(tmp_path: Path, written: str) -> None:
    path = write_tree(tmp_path, {"p.yaml": MINIMAL + PUB.format(doi=written)}) / "p.yaml"
    publication = load_profile(path).profile.publications[0]
    assert publication.doi == "10.1000/a_b"
    assert publication.link == "https://doi.org/10.1000/a_b"


def test_a_profile_doi_that_is_none_is_an_error_with_its_position(tmp_path: Path) -> None:
    text = MINIMAL + PUB.format(doi="see-website")
    path = write_tree(tmp_path, {"p.yaml": text}) / "p.yaml"
    column = text.splitlines()[2].index("see-website") + 1
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    [problem] = info.value.problems
    assert (problem.location.line, problem.location.column) == (3, column)
    assert "'see-website' is not a DOI" in info.value.render()
    assert problem.location.file.endswith("p.yaml")


def test_long_input_is_no_doi_and_costs_little() -> None:
    assert parse_doi("10.1000/a" + ")" * 100_000) is None
    assert parse_doi("10.1000/a" + ")" * 1_000) == "10.1000/a"  # unbalanced ')' trimmed
