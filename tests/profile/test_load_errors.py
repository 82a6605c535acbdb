"""Invalid profiles: each gives file:line:column and a plain message, in one pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.cli.main import cli
from grantdocs.errors import ProfileError
from grantdocs.profile.load import load_profile
from tests.conftest import MINIMAL, write_tree

ALIAS_BOMB = (
    MINIMAL
    + "other_information:\n"
    + '  - &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"  - &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
        f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(8)
    )
)

CASES = [
    ("syntax error", MINIMAL + 'publications: [\n  {id: "x"\n', 4, "started at line 3"),
    ("tab indentation", "person:\n\tgiven_names: Ada\n", 2, "YAML syntax"),
    ("unclosed quote", 'person: {given_names: "Ada, family_name: X}\n', 2, "YAML syntax"),
    (
        "wrong type",
        MINIMAL + "publications:\n  - {id: a, kind: preprint, authors: [X], title: T, year: abc}\n",
        3,
        "valid integer",
    ),
    (
        "impossible date",
        "person: {given_names: A, family_name: B, birth_date: 2019-02-30}\n",
        1,
        "impossible",
    ),
    (
        "impossible month",
        MINIMAL + "projects:\n  - {id: p, acronym: P, title: T, start: 2024-22}\n",
        3,
        "month 22 is impossible",
    ),
    ("unknown key", MINIMAL + "publicatons: []\n", 2, "unknown key 'publicatons'"),
    (
        "duplicate key",
        "person: {given_names: A, family_name: B}\nperson: {given_names: C, family_name: D}\n",
        2,
        "duplicate key 'person'",
    ),
    (
        "duplicate id",
        MINIMAL
        + "projects:\n  - {id: p, acronym: P, title: T}\n  - {id: p, acronym: Q, title: U}\n",
        4,
        "duplicate id 'p'",
    ),
    (
        "python tag",
        MINIMAL + "other_information: [!!python/object/apply:os.system ['echo hi']]\n",
        2,
        "is not allowed",
    ),
    ("alias bomb", ALIAS_BOMB, 0, "alias bomb"),
    ("missing key", "person: {given_names: A}\n", 1, "required key 'family_name' is missing"),
    ("empty file", "", 1, "empty"),
]


@pytest.mark.parametrize(("name", "text", "line", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_profile_is_reported_with_its_position(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    path = write_tree(tmp_path, {"p.yaml": text}) / "p.yaml"
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    rendered = info.value.render()
    assert message in rendered
    if line:
        assert any(
            p.location.line == line and p.location.column >= 1 for p in info.value.problems
        ), rendered
    assert all(p.location.file.endswith("p.yaml") for p in info.value.problems)


@pytest.mark.parametrize(("name", "text", "line", "message"), CASES, ids=[c[0] for c in CASES])
def test_cli_exits_nonzero_without_traceback(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    path = write_tree(tmp_path, {"p.yaml": text}) / "p.yaml"
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert message in result.output


def test_all_problems_in_one_pass(tmp_path: Path) -> None:
    text = (
        "person: {given_names: A, family_name: B, titel: Dr}\n"
        "publications:\n"
        "  - {id: a, kind: jornal, authors: [X], title: T, year: 2020}\n"
        "  - {id: b, kind: preprint, authors: [X], title: T, year: twenty}\n"
    )
    path = write_tree(tmp_path, {"p.yaml": text}) / "p.yaml"
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    where = sorted((p.location.line, p.path) for p in info.value.problems)
    assert where == [(1, "person.titel"), (3, "publications[0].kind"), (4, "publications[1].year")]
    assert "did you mean 'title'?" in info.value.render()


def test_missing_binary_and_huge_files(tmp_path: Path) -> None:
    write_tree(tmp_path, {"bin.yaml": b"\x00\x01\x02", "big.yaml": "x: " + "a" * (6 * 1024 * 1024)})
    for name, message in (
        ("nope.yaml", "file not found"),
        ("bin.yaml", "binary"),
        ("big.yaml", "limit"),
    ):
        with pytest.raises(ProfileError) as info:
            load_profile(tmp_path / name)
        assert message in info.value.render()


def test_included_file_errors_point_into_that_file(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "p.yaml": MINIMAL + "include: [pubs.yaml]\n",
            "pubs.yaml": "publications:\n  - {id: a, kind: preprint, authors: [X], title: T, year: 1}\n",
        },
    )
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "p.yaml")
    (problem,) = info.value.problems
    assert problem.location.file.endswith("pubs.yaml")
    assert problem.location.line == 2
    assert problem.path == "publications[0].year"


def test_includes_append_list_sections(tmp_path: Path) -> None:
    pub = "  - {{id: {0}, kind: preprint, authors: [X], title: T, year: 2020}}\n"
    write_tree(
        tmp_path,
        {
            "p.yaml": MINIMAL + "include: [more.yaml]\npublications:\n" + pub.format("a"),
            "more.yaml": "publications:\n" + pub.format("b"),
        },
    )
    loaded = load_profile(tmp_path / "p.yaml")
    assert [p.id for p in loaded.profile.publications] == ["a", "b"]
    assert loaded.where("publications", 1).file.endswith("more.yaml")
