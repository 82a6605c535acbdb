"""Where the bundled data is found: GRANTDOCS_HOME, the installed package, the checkout;
never the working folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs import resources
from grantdocs.cli.main import cli
from grantdocs.errors import GrantdocsError
from tests.fresh import loaded_below

CHECKOUT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """``project_root`` recomputed for the test and again after it."""
    monkeypatch.delenv(resources.HOME_VARIABLE, raising=False)
    resources.project_root.cache_clear()
    yield monkeypatch
    resources.project_root.cache_clear()


def test_the_checkout_not_the_working_folder(fresh: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "templates" / "fake").mkdir(parents=True)
    (tmp_path / "profiles").mkdir()
    fresh.chdir(tmp_path)
    assert resources.project_root() == CHECKOUT
    assert resources.default_profile() == CHECKOUT / "profiles" / "lapuschkin" / "profile.yaml"
    assert resources.example_team().is_file() and resources.schema_path().is_file()
    assert (resources.templates_dir() / "dfg-cv" / "format.yaml").is_file()


def test_grantdocs_home_is_used_when_it_holds_templates(
    fresh: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "templates").mkdir()
    fresh.setenv(resources.HOME_VARIABLE, str(tmp_path))
    assert resources.templates_dir() == tmp_path / "templates"


def test_a_grantdocs_home_without_templates_is_a_users_mistake(
    fresh: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fresh.setenv(resources.HOME_VARIABLE, str(tmp_path / "typo"))
    with pytest.raises(GrantdocsError, match="no templates/ folder"):
        resources.project_root()
    result = CliRunner().invoke(cli, ["formats"])
    assert result.exit_code == 1, result.output
    assert "GRANTDOCS_HOME=" in result.output and "Traceback" not in result.output


def test_the_package_folder_is_the_one_importlib_resources_gives(fresh: pytest.MonkeyPatch) -> None:
    """Found from the package's own spec, without loading importlib's resource readers (a
    new process) but as ``importlib.resources.files`` finds it."""
    from importlib.resources import files

    assert resources._package_files() == files("grantdocs")
    code = "from grantdocs.resources import project_root\nproject_root()\n"
    readers = loaded_below(code, "importlib.readers", "importlib.resources.readers")
    assert readers == []
