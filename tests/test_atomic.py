"""Protected folders are checked at write time, on the resolved target of every write."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs import resources
from grantdocs.atomic import write_bytes
from grantdocs.cli.main import cli
from grantdocs.errors import OutputError
from tests.conftest import AS_OF, small_profile
from tests.test_build import snapshot


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A project root of its own (one format, no profiles), so a failing test harms no
    bundled file."""
    root = tmp_path / "home"
    shutil.copytree(
        resources.project_root() / "templates" / "dfg-cv", root / "templates" / "dfg-cv"
    )
    (root / "profiles").mkdir()
    monkeypatch.setenv("GRANTDOCS_HOME", str(root))
    resources.project_root.cache_clear()
    yield root
    resources.project_root.cache_clear()


def build(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["build", "--as-of", AS_OF.isoformat(), "--lang", "de", *map(str, args)]
    )
    return result.exit_code, result.output


def test_a_linked_folder_inside_out_cannot_reach_templates(home: Path, tmp_path: Path) -> None:
    before = snapshot(home)
    out = tmp_path / "out"
    (out / "my").mkdir(parents=True)  # my.yaml extends dfg-cv and builds into out/my/
    (out / "my" / "de").symlink_to(home / "templates" / "dfg-cv", target_is_directory=True)
    fmt = tmp_path / "my.yaml"
    fmt.write_text("extends: dfg-cv\noutput: template\n", encoding="utf-8")
    code, output = build(fmt, "--profile", small_profile(tmp_path, "T"), "--out", out)
    assert code == 3, output
    assert "refusing to write" in output and "templates/ folder" in output
    assert "Traceback" not in output
    assert snapshot(home) == before


def test_a_format_named_templates_cannot_write_into_templates(home: Path, tmp_path: Path) -> None:
    before = snapshot(home)
    fmt = tmp_path / "my.yaml"
    fmt.write_text("extends: dfg-cv\nid: templates\n", encoding="utf-8")
    code, output = build(fmt, "--profile", small_profile(tmp_path, "T"), "--out", home)
    assert code == 3, output
    assert "inside the project's templates/ folder" in output
    assert snapshot(home) == before


def test_write_bytes_refuses_protected_targets_unless_allowed(home: Path) -> None:
    target = home / "profiles" / "x" / "profile.yaml"
    with pytest.raises(OutputError, match="profiles/ folder"):
        write_bytes(target, b"a: 1\n")
    assert not target.parent.exists()
    write_bytes(target, b"a: 1\n", allowed="profiles")
    assert target.read_bytes() == b"a: 1\n"
    with pytest.raises(OutputError, match="templates/ folder"):
        write_bytes(home / "templates" / "x.docx", b"", allowed="profiles")


def test_a_linked_file_is_replaced_not_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_bytes(link, b"new")
    assert real.read_bytes() == b"old" and link.read_bytes() == b"new"
    assert not link.is_symlink()


def test_a_build_never_writes_into_a_users_format_folder(tmp_path: Path) -> None:
    """A link inside --out into a --formats folder, and an output named like the template."""
    from grantdocs.build import BuildOptions, build
    from grantdocs.errors import OutputError
    from grantdocs.formats.registry import FormatSearchPath

    formats = tmp_path / "office"
    (formats / "mine").mkdir(parents=True)
    (formats / "mine" / "format.yaml").write_text(
        'extends: dfg-cv\noutput: "template"\n', encoding="utf-8"
    )
    bundled = Path(__file__).resolve().parents[1] / "templates" / "dfg-cv" / "template.docx"
    template = formats / "mine" / "template.docx"
    template.write_bytes(bundled.read_bytes())
    before = template.read_bytes()
    out = tmp_path / "out"
    (out / "mine").mkdir(parents=True)
    (out / "mine" / "en").symlink_to(formats / "mine")
    search = FormatSearchPath.from_options([formats])
    with pytest.raises(OutputError, match="format folder"):
        build(BuildOptions(formats=["mine"], langs=["en"], out=out, search=search))
    assert template.read_bytes() == before


def test_protecting_a_folder_lasts_for_its_block_only(tmp_path: Path) -> None:
    from grantdocs.atomic import protecting, write_bytes
    from grantdocs.errors import OutputError

    target = tmp_path / "formats" / "mine" / "notes.txt"
    with protecting(tmp_path / "formats"):
        with pytest.raises(OutputError, match="format folder"):
            write_bytes(target, b"inside")
        assert not target.exists()
    write_bytes(target, b"after")
    assert target.read_bytes() == b"after"


def test_a_builds_format_folders_are_not_protected_after_it(tmp_path: Path) -> None:
    """A library caller (or the watch loop) gets a clean state for what comes next."""
    from grantdocs.atomic import write_bytes
    from grantdocs.build import BuildOptions, build
    from grantdocs.formats.registry import FormatSearchPath

    formats = tmp_path / "office"
    (formats / "mine").mkdir(parents=True)
    (formats / "mine" / "format.yaml").write_text("extends: dfg-cv\n", encoding="utf-8")
    search = FormatSearchPath.from_options([formats])
    (report,) = build(
        BuildOptions(formats=["mine"], langs=["en"], out=tmp_path / "out", search=search)
    )
    assert report.path.is_file()
    write_bytes(formats / "mine" / "notes.txt", b"mine")
    assert (formats / "mine" / "notes.txt").read_bytes() == b"mine"
