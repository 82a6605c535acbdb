"""The team file: validated with file:line:col, member profiles found relative to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.cli.main import cli
from grantdocs.team.load import TeamError, load_team
from tests.team.conftest import person, team_file, write_team


def test_a_team_file_names_its_members_relative_to_itself(tmp_path: Path) -> None:
    path = write_team(
        tmp_path / "t",
        {
            "team.yaml": team_file([("a", "applicant"), ("../b.yaml", "key_person")]),
            "a/profile.yaml": person("Ada", "Lovelace", "Lovelace A"),
        },
    )
    write_team(tmp_path, {"b.yaml": person("Emmy", "Noether", "Noether E")})
    team = load_team(path)
    assert [m.profile.name for m in team.members] == ["profile.yaml", "b.yaml"]
    assert [m.member.role for m in team.members] == ["applicant", "key_person"]
    assert load_team(tmp_path / "t").path == path  # a folder holding team.yaml


def test_unknown_key_and_bad_role_point_at_their_line(tmp_path: Path) -> None:
    text = team_file([("a", "boss")]) + "acronyn: X\n"
    path = write_team(tmp_path, {"team.yaml": text, "a/profile.yaml": person("A", "B", "B A")})
    with pytest.raises(TeamError) as info:
        load_team(path)
    rendered = info.value.render()
    assert "team.yaml:4:" in rendered and "boss" in rendered
    assert "team.yaml:5:1" in rendered and "'acronyn'" in rendered and "acronym" in rendered


def test_a_missing_member_profile_is_named_with_its_position(tmp_path: Path) -> None:
    path = write_team(tmp_path, {"team.yaml": team_file([("nobody", "applicant")])})
    with pytest.raises(TeamError) as info:
        load_team(path)
    assert "team.yaml:4:" in info.value.render() and "nobody" in info.value.render()


def test_a_bad_team_file_exits_1_with_its_position(tmp_path: Path) -> None:
    path = write_team(tmp_path, {"team.yaml": "title: x\nacronym: [\n"})
    for command in (
        ["build", "--team", str(path), "--out", str(tmp_path / "o")],
        ["validate", "--team", str(path)],
        ["explain", "dfg-cv", "--team", str(path)],
        ["context", "dfg-cv", "--team", str(path)],
    ):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1, (command, result.output)
        assert "team.yaml:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").rglob("*.docx"))


def test_a_folder_of_profile_folders_is_a_team(tmp_path: Path) -> None:
    write_team(
        tmp_path,
        {
            "b/profile.yaml": person("Emmy", "Noether", "Noether E"),
            "a/profile.yaml": person("Ada", "Lovelace", "Lovelace A"),
            "notes/readme.txt": "not a member",
        },
    )
    team = load_team(tmp_path)
    assert [m.profile.parent.name for m in team.members] == ["a", "b"]
    assert {m.member.role for m in team.members} == {"key_person"}


@pytest.mark.parametrize(
    ("name", "said"),
    [("/dev/zero", "not a regular file"), (".", "a folder, not a file"), ("gone.bib", "not found")],
)
def test_a_cited_file_that_cannot_be_read_is_named_for_what_it_is(
    tmp_path: Path, name: str, said: str
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "profile.yaml").write_text(
        "person: {given_names: Ada, family_name: Lovelace}\n", encoding="utf-8"
    )
    team = tmp_path / "team.yaml"
    team.write_text(
        "title: T\nacronym: T\nmembers:\n  - {profile: a, role: applicant}\n"
        f"cited: {{bibliography: [{name!r}]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(TeamError) as caught:
        load_team(team)
    assert said in caught.value.render()
    assert "team.yaml:5:" in caught.value.render()
