"""Example values of ``grantdocs init``: listed by validate, refused by build."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.cli.main import cli
from grantdocs.profile.load import load_profile
from grantdocs.profile.placeholders import placeholders
from tests.conftest import write_tree

CLEAN = """\
person: {given_names: Ada, family_name: Lovelace, name_variants: [Lovelace A]}
publications:
  - id: real
    kind: journal_article
    authors: [Lovelace A]
    title: Notes on the Analytical Engine
    year: 2024
    peer_reviewed: true
"""

OLD_EXAMPLE = """\
  - id: example-article
    kind: journal_article
    authors: [Lovelace A]
    title: "EXAMPLE: A Study of Examples"
    year: 1990
"""


def _skeleton(tmp_path: Path) -> Path:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "cv"), "--name", "Ada Lovelace"])
    assert result.exit_code == 0, result.output
    return tmp_path / "cv"


def test_the_skeleton_is_full_of_placeholders_and_each_has_its_line(tmp_path: Path) -> None:
    folder = _skeleton(tmp_path)
    found = placeholders(load_profile(folder / "profile.yaml"))
    assert len(found) > 20
    lines = (folder / "profile.yaml").read_text(encoding="utf-8").splitlines()
    for item in found:
        assert item.where.line is not None
        assert (
            item.value.split(":")[0][:20] in lines[item.where.line - 1]
            or item.value in (lines[item.where.line - 1])
        )


def test_validate_lists_every_placeholder(tmp_path: Path) -> None:
    folder = _skeleton(tmp_path)
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 0
    found = placeholders(load_profile(folder / "profile.yaml"))
    assert f"example values of 'grantdocs init' left: {len(found)}" in result.output
    assert "publications[0].title: 'EXAMPLE: A Study of Examples'" in result.output


def test_build_refuses_placeholders_and_writes_nothing(tmp_path: Path) -> None:
    folder = _skeleton(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", "dfg-cv", "--profile", str(folder), "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert "--allow-examples" in result.output and "Traceback" not in result.output
    assert "profile.yaml:" in result.output and "would appear in dfg-cv" in result.output
    assert not list(out.rglob("*.docx"))


def test_allow_examples_builds_and_warns(tmp_path: Path) -> None:
    folder = _skeleton(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "dfg-cv",
            "--lang",
            "de",
            "--profile",
            str(folder),
            "--out",
            str(out),
            "--allow-examples",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "example text of 'grantdocs init' left" in result.output
    assert len(list(out.rglob("*.docx"))) == 1


def test_a_placeholder_no_document_selects_does_not_block(tmp_path: Path) -> None:
    """An example publication outside every window of the chosen format stays out."""
    write_tree(tmp_path, {"p.yaml": CLEAN + OLD_EXAMPLE})
    out = tmp_path / "out"
    assert placeholders(load_profile(tmp_path / "p.yaml"))
    fmt = (
        write_tree(
            tmp_path,
            {
                "recent.yaml": "extends: dfg-cv\nid: dfg-recent\nslots:\n"
                "  category_a: {window: {since: 2020}}\n  category_b: {window: {since: 2020}}\n"
            },
        )
        / "recent.yaml"
    )
    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(fmt),
            "--lang",
            "en",
            "--profile",
            str(tmp_path / "p.yaml"),
            "--out",
            str(out),
            "--as-of",
            "2025-09-20",
        ],
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "dfg-cv",
            "--lang",
            "en",
            "--profile",
            str(tmp_path / "p.yaml"),
            "--out",
            str(out),
            "--as-of",
            "2025-09-20",
        ],
    )
    assert result.exit_code == 1 and "publications[1].title" in result.output


def test_what_was_found_is_kept_on_disk_for_the_same_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A profile from the disk cache has its placeholders from there too (the texts are not
    read again); a changed include is a profile read anew, and its placeholders too."""
    from grantdocs import usercache
    from grantdocs.profile import cache as profile_cache
    from grantdocs.profile import placeholders as module

    monkeypatch.setenv(usercache.ENV_VAR, str(tmp_path / "cache"))
    monkeypatch.setattr(profile_cache, "_STORED", set())
    monkeypatch.setattr(module, "_FOUND", [])
    write_tree(tmp_path, {"p.yaml": CLEAN + "include: [more.yaml]\n", "more.yaml": "talks: []\n"})
    path = tmp_path / "p.yaml"

    def new_process() -> None:
        profile_cache._STORED.clear()
        module._FOUND.clear()

    assert placeholders(load_profile(path)) == []
    new_process()
    (tmp_path / "more.yaml").write_text("publications:\n" + OLD_EXAMPLE, encoding="utf-8")
    first = load_profile(path)  # an include changed: loaded anew, and searched anew
    found = placeholders(first)
    assert [p.value for p in found] == ["example-article", "EXAMPLE: A Study of Examples"]
    assert len(list((tmp_path / "cache").glob("placeholders-*.bin"))) == 2

    def unread(*_: object) -> None:
        raise AssertionError("the profile's texts were read again")

    new_process()
    with monkeypatch.context() as patched:
        patched.setattr(module, "_strings", unread)
        again = load_profile(path)
        assert again is not first and profile_cache.identity(again) is not None
        assert placeholders(again) == found
    new_process()
    monkeypatch.setenv(usercache.ENV_VAR, "off")
    assert profile_cache.identity(load_profile(path)) is None
    assert placeholders(load_profile(path)) == found
    usercache._trusted.cache_clear()
