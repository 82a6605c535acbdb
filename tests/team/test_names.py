"""Output names: one per person, decided before writing; the same person twice refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantdocs.errors import ProfileError
from grantdocs.profile.model import Person, validated
from grantdocs.team.names import same_person_check, unique_names


def _p(given: str, family: str, orcid: str | None = None) -> Person:
    return validated(
        Person, {"given_names": given, "family_name": family, "identifiers": {"orcid": orcid}}
    )


def test_family_name_then_given_names_then_folder() -> None:
    people = [
        (Path("x/anna/profile.yaml"), _p("Anna", "Müller")),
        (Path("x/bernd/profile.yaml"), _p("Bernd", "Müller")),
        (Path("x/one/profile.yaml"), _p("Carl", "Schmidt")),
        (Path("y/one/profile.yaml"), _p("Carl", "Schmidt")),
        (Path("z/profile.yaml"), _p("Ada", "Lovelace")),
    ]
    names = unique_names(people)
    assert names[:2] == ["Müller_Anna", "Müller_Bernd"]
    assert names[2] != names[3] and all(n.startswith("Schmidt_Carl") for n in names[2:4])
    assert names[4] == "Lovelace"
    assert len({n.casefold() for n in names}) == len(names)


def test_names_that_differ_only_in_case_or_punctuation_are_kept_apart() -> None:
    people = [
        (Path("a/profile.yaml"), _p("Ada", "Love lace")),
        (Path("b/profile.yaml"), _p("Ada", "Love_lace")),
        (Path("c/profile.yaml"), _p("Ada", "LOVE-LACE")),
        (Path("d/profile.yaml"), _p("Ada", "love-lace")),
    ]
    names = unique_names(people)
    assert len({n.casefold() for n in names}) == 4


def test_a_name_never_takes_a_format_folder() -> None:
    names = unique_names([(Path("p.yaml"), _p("Ada", "team"))], reserved=["dfg-cv"])
    assert names[0].casefold() != "team"
    names = unique_names([(Path("p.yaml"), _p("Ada", "dfg-cv"))], reserved=["dfg-cv"])
    assert names[0] != "dfg-cv"


def test_the_same_orcid_twice_names_both_files() -> None:
    people = [
        (Path("a.yaml"), _p("Ada", "Lovelace", "0000-0002-1825-0097")),
        (Path("b.yaml"), _p("A.", "Lovelace-King", "0000-0002-1825-0097")),
    ]
    with pytest.raises(ProfileError) as info:
        same_person_check(people)
    assert "a.yaml" in info.value.render() and "b.yaml" in info.value.render()


def test_the_same_file_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("x")
    with pytest.raises(ProfileError):
        same_person_check([(path, _p("Ada", "L")), (tmp_path / "." / "p.yaml", _p("Ada", "L"))])
