"""Which profile a command uses: the named file or folder, ./profile.yaml, the bundled one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.cli.main import cli
from grantdocs.errors import ProfileError
from grantdocs.profile.locate import locate_profile
from grantdocs.resources import default_profile
from tests.conftest import MINIMAL, write_tree


def test_a_folder_means_its_profile_yaml(tmp_path: Path) -> None:
    write_tree(tmp_path, {"cv/profile.yaml": MINIMAL})
    assert locate_profile(tmp_path / "cv") == tmp_path / "cv" / "profile.yaml"


def test_a_folder_without_profile_yaml_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"without profile\.yaml"):
        locate_profile(tmp_path)


def test_the_working_folder_profile_wins_over_the_bundled_one(tmp_path: Path) -> None:
    assert locate_profile(None, cwd=tmp_path) == default_profile()
    write_tree(tmp_path, {"profile.yaml": MINIMAL})
    assert locate_profile(None, cwd=tmp_path) == tmp_path / "profile.yaml"


def test_commands_say_which_profile_they_use_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"cv/profile.yaml": MINIMAL})
    runner = CliRunner()
    here = write_tree(tmp_path / "here", {"profile.yaml": MINIMAL})
    with monkeypatch.context() as patch:
        patch.chdir(here)
        result = runner.invoke(cli, ["validate"])
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[0] == "profile: profile.yaml (Ada Lovelace)"
        result = runner.invoke(cli, ["explain", "dfg-cv", "--as-of", "2025-09-20"])
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[0] == "profile: profile.yaml (Ada Lovelace)"
    result = runner.invoke(
        cli, ["build", "erc-cv", "--profile", str(tmp_path / "cv"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("profile: ")
    assert "(Ada Lovelace)" in result.output.splitlines()[0]
    assert (tmp_path / "o" / "erc-cv" / "en" / "CV_TrackRecord_Lovelace.docx").is_file()
