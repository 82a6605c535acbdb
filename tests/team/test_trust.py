"""What a team build trusts of a member's profile (issue 24): a member's profile and its
includes are read only inside the member's folder (links resolved) unless the command line
says ``--trust-members``; then every file read from outside is named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.cli.main import cli
from grantdocs.errors import ProfileError
from grantdocs.profile.load import load_profile
from tests.conftest import SMALL, write_tree

SECRET = "talks:\n  - {title: 'the office secret 4711', event: x, date: 2020-01-01}\n"


def team(tmp_path: Path, include: str) -> Path:
    write_tree(
        tmp_path,
        {
            "office/private.yaml": SECRET,
            "team/ada/profile.yaml": SMALL.format(title="T") + f"include: [{include}]\n",
            "team/team.yaml": "title: T\nacronym: T\nmembers:\n  - profile: ada\n",
        },
    )
    return tmp_path / "team" / "team.yaml"


def build(team_file: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["build", "dfg-cv", "--lang", "en", "--team", str(team_file), "--out", str(out), *extra],
        env={"GRANTDOCS_CACHE": "off"},
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("include", ["../../office/private.yaml", "ABSOLUTE", "link.yaml"])
def test_a_member_include_outside_its_folder_is_not_read(tmp_path: Path, include: str) -> None:
    secret = tmp_path / "office" / "private.yaml"
    if include == "ABSOLUTE":
        include = str(secret)
    path = team(tmp_path, include)
    if include == "link.yaml":
        os.symlink(secret, path.parent / "ada" / "link.yaml")
    code, output = build(path, tmp_path / "out")
    assert code == 1, output
    assert "outside the member's folder" in output and "4711" not in output
    assert not list((tmp_path / "out").rglob("*.docx"))
    with pytest.raises(ProfileError):
        load_profile(path.parent / "ada" / "profile.yaml", confined=True)
    assert load_profile(path.parent / "ada" / "profile.yaml").profile.talks  # alone: as before


def test_trust_members_reads_it_and_names_the_file(tmp_path: Path) -> None:
    path = team(tmp_path, "../../office/private.yaml")
    code, output = build(path, tmp_path / "out", "--trust-members")
    assert code == 0, output
    secret = (tmp_path / "office" / "private.yaml").resolve()
    assert f"read {secret}, outside its folder" in output
    assert list((tmp_path / "out").rglob("*.docx"))


def test_validate_of_a_team_reads_as_the_build_does(tmp_path: Path) -> None:
    path = team(tmp_path, "../../office/private.yaml")
    result = CliRunner().invoke(cli, ["validate", "--team", str(path)])
    assert result.exit_code == 1 and "outside the member's folder" in result.output


def test_an_include_inside_the_members_folder_is_read(tmp_path: Path) -> None:
    path = team(tmp_path, "more.yaml")
    write_tree(path.parent / "ada", {"more.yaml": "talks: []\n"})
    code, output = build(path, tmp_path / "out")
    assert code == 0, output
    assert "outside its folder" not in output
