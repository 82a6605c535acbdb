"""Owner names: recognised under every printed form, never confused with a namesake."""

from __future__ import annotations

import pytest

from grantdocs.profile.model import Person, validated
from grantdocs.profile.names import is_et_al, owner_names, parse_name, strip_markers


def person(given: str, family: str, **extra: object) -> Person:
    return validated(Person, {"given_names": given, "family_name": family, **extra})


AMOS = person("Brandon", "Amos")
MUELLER = person("Klaus-Robert", "Müller")
LAPUSCHKIN = person("Sebastian", "Lapuschkin", name_variants=["Bach S"])
SCHMIDT_FORMER = person("Anna", "Schmidt", former_names=["Weber"])

OWNER_FORMS = [
    # (owner, printed author, is the owner)
    (AMOS, "Amos B", True),
    (AMOS, "Brandon Amos", True),
    (AMOS, "Amos, Brandon", True),
    (AMOS, "Amos, B.", True),
    (AMOS, "B. Amos", True),
    (AMOS, "AMOS B", True),
    (AMOS, "amos b", True),
    (AMOS, "Amos*, Brandon", True),
    (AMOS, "Brandon Amos$^{\\dagger}$", True),
    (AMOS, "Brandon Amos$^*$", True),
    (AMOS, "Amos^† B", True),
    (AMOS, "Brandon Amos\\textsuperscript{*}", True),
    (AMOS, "Brandon Amos\\footnotemark", True),
    (AMOS, "Brandon Amos\\footnotemark[2]", True),
    (AMOS, "Amos¹ B", True),
    (AMOS, "Brandon Amos‡", True),
    (AMOS, "Amos B*", True),
    (AMOS, "Amos D", False),  # same family name, other initial
    (AMOS, "David Amos", False),
    (AMOS, "Amos, Bernhard", False),  # same initial, other given name
    (AMOS, "Amos BK", False),  # a second initial: not the same person
    (AMOS, "Amos", False),  # a family name alone names nobody
    (AMOS, "Brandon Amoss", False),
    (AMOS, "Brandon", False),
    (MUELLER, "Müller K-R", True),
    (MUELLER, "Müller KR", True),
    (MUELLER, "Müller K.-R.", True),
    (MUELLER, "K.-R. Müller", True),
    (MUELLER, "K-R Müller", True),
    (MUELLER, "Klaus-Robert Müller", True),
    (MUELLER, "Müller, Klaus-Robert", True),
    (MUELLER, "Müller, K.-R.", True),
    (MUELLER, "MÜLLER K-R", True),
    (MUELLER, "Müller K", False),  # one initial of two: list it in name_variants if yours
    (MUELLER, "Müller K-H", False),
    (MUELLER, "Klaus-Peter Müller", False),
    (MUELLER, "Mueller K-R", False),
    (LAPUSCHKIN, "Lapuschkin S", True),
    (LAPUSCHKIN, "Bach S", True),  # a name variant
    (LAPUSCHKIN, "S. Bach", True),
    (LAPUSCHKIN, "Bach, Sebastian", True),
    (LAPUSCHKIN, "Bach M", False),
    (LAPUSCHKIN, "Sebastian Bach", True),
    (LAPUSCHKIN, "Johann Sebastian Bach", False),
    (SCHMIDT_FORMER, "Weber A", True),  # a former family name
    (SCHMIDT_FORMER, "Schmidt A", True),
    (SCHMIDT_FORMER, "Weber L", False),
]


@pytest.mark.parametrize(("owner", "author", "expected"), OWNER_FORMS)
def test_owner_forms(owner: Person, author: str, expected: bool) -> None:
    assert (author in owner_names(owner)) is expected


def test_several_owners_are_all_recognised() -> None:
    owners = owner_names(AMOS, MUELLER)
    assert "Amos B" in owners
    assert "K.-R. Müller" in owners
    assert "Lapuschkin S" not in owners


@pytest.mark.parametrize(
    ("printed", "clean"),
    [
        ("Amos*, Brandon", "Amos, Brandon"),
        ("Brandon Amos$^{\\dagger}$", "Brandon Amos"),
        ("Amos^† B", "Amos B"),
        ("Brandon Amos\\textsuperscript{1,2}", "Brandon Amos"),
        ("Brandon Amos\\footnotemark[1]", "Brandon Amos"),
        ("Amos²³ B", "Amos B"),
        ("Amos‡ B§", "Amos B"),
        ("Müller K-R", "Müller K-R"),
        ("Müller K–R", "Müller K-R"),
    ],
)
def test_markers_are_stripped(printed: str, clean: str) -> None:
    assert strip_markers(printed) == clean


@pytest.mark.parametrize(
    ("printed", "family", "given"),
    [
        ("Lapuschkin S", "Lapuschkin", (("S",),)),
        ("Müller K-R", "Müller", (("K", "R"),)),
        ("Müller KR", "Müller", (("K",), ("R",))),
        ("K.-R. Müller", "Müller", (("K", "R"),)),
        ("Hatefi S M V", "Hatefi", (("S",), ("M",), ("V",))),
        ("Yolcu GÜ", "Yolcu", (("G",), ("Ü",))),
        ("Amos, Brandon", "Amos", (("Brandon",),)),
        ("Ludwig van Beethoven", "van Beethoven", (("Ludwig",),)),
        ("van der Berg J", "van der Berg", (("J",),)),
    ],
)
def test_parse_name(printed: str, family: str, given: tuple[tuple[str, ...], ...]) -> None:
    name = parse_name(printed)
    assert (name.family, name.given, name.parsed) == (family, given, True)


@pytest.mark.parametrize(
    ("printed", "form", "written"),
    [
        ("Müller K-R", "initials_family", "K.-R. Müller"),
        ("Müller K-R", "family_comma_initials", "Müller, K.-R."),
        ("Müller K-R", "family_initials", "Müller KR"),
        ("Müller K-R", "as_printed", "Müller K-R"),
        ("Brandon Amos", "family_comma_initials", "Amos, B."),
        ("Amos*, Brandon", "initials_family", "B. Amos"),
        ("Hatefi S M V", "initials_family", "S. M. V. Hatefi"),
        ("Deep Learning Consortium", "family_comma_initials", "Deep Learning Consortium"),
        ("Plato", "initials_family", "Plato"),
    ],
)
def test_name_forms(printed: str, form: str, written: str) -> None:
    assert parse_name(printed).written(form) == written  # type: ignore[arg-type]


def test_group_names_are_never_the_owner() -> None:
    owners = owner_names(person("Learning", "Consortium"))
    assert "Deep Learning Consortium" not in owners


@pytest.mark.parametrize(
    ("printed", "shown"),
    [
        ("Amos^† B", "Amos† B"),
        ("Brandon Amos$^{*}$", "Brandon Amos*"),
        ("Müller K-R", "Müller K-R"),
    ],
)
def test_latex_remnants_leave_names_as_printed(printed: str, shown: str) -> None:
    assert parse_name(printed).written("as_printed") == shown


@pytest.mark.parametrize("entry", ["et al.", "others", "et al", " Et al. "])
def test_et_al_entries(entry: str) -> None:
    assert is_et_al(entry)
    assert not is_et_al("Etal E")


def test_forms_like_finds_the_owners_other_forms_and_not_other_people() -> None:
    from grantdocs.profile.names import forms_like

    people = ["Müller N M", "Müller T", "Müller N", "Muller N", "Schmidt N", "Müller N M", "Müller"]
    assert forms_like(people, "Nicolas", "Müller") == ["Müller N M"]


def test_owners_of_the_same_forms_share_their_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document's ``Owners`` answers from what an earlier one of the same forms found;
    other forms are asked anew, and the memo starts again when it holds too many."""
    from grantdocs.profile import names

    monkeypatch.setattr(names, "_SEEN", {})
    monkeypatch.setattr(names, "_MAX_SEEN", 2)
    first = names.Owners([names.parse_name("Müller, Klaus-Robert")])
    assert "K.-R. Müller" in first and "Klaus-Robert Müller" in first and "Meier K" not in first
    asked: list[str] = []
    real = names.parse_name

    def counted(printed: str) -> names.ParsedName:
        asked.append(printed)
        return real(printed)

    monkeypatch.setattr(names, "parse_name", counted)
    again = names.Owners([real("Müller, Klaus-Robert")])
    assert "K.-R. Müller" in again and "Meier K" not in again and asked == []
    other = names.Owners([real("Meier, Karl")])
    assert "Meier K" in other and "K.-R. Müller" not in other
    assert asked == ["Meier K", "K.-R. Müller"]
    names.Owners([real("Schulz, Anna")])  # a third set: the memo starts again
    assert list(names._SEEN) == [(real("Schulz, Anna"),)]
