"""Which documents a saved change affects (``grantdocs.watch``)."""

from __future__ import annotations

from pathlib import Path

from grantdocs.resources import templates_dir
from grantdocs.watch import watched
from tests.conftest import SMALL, write_tree


def test_profile_includes_and_formats_are_watched(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "cv/p.yaml": SMALL.format(title="T") + "include: [../shared/more.yaml]\n",
            "shared/more.yaml": "talks: []\n",
        },
    )
    files = watched([tmp_path / "cv" / "p.yaml"], ["dfg-cv", "erc-cv"])
    assert (tmp_path / "shared" / "more.yaml").resolve() in files.profile_files
    assert files.affected([tmp_path / "shared" / "more.yaml"]) == (True, [])
    # a YAML file beside the profile (perhaps a new include) rebuilds everything
    assert files.affected([tmp_path / "cv" / "new.yaml"]) == (True, [])
    assert files.affected([tmp_path / "cv" / "notes.txt"]) == (False, [])
    dfg = templates_dir() / "dfg-cv"
    assert files.affected([dfg / "format.yaml", dfg / "template.docx"]) == (False, ["dfg-cv"])
    assert files.affected([templates_dir() / "fraunhofer-cv" / "format.yaml"]) == (False, [])
    assert files.folders() >= {(tmp_path / "shared").resolve(), dfg.resolve()}


def test_an_invalid_profile_keeps_what_was_known(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {"p.yaml": SMALL.format(title="T") + "include: [more.yaml]\n", "more.yaml": "talks: []\n"},
    )
    before = watched([tmp_path / "p.yaml"], [])
    (tmp_path / "p.yaml").write_text("person: [", encoding="utf-8")
    after = watched([tmp_path / "p.yaml"], [], before)
    assert after.profile_files == before.profile_files


def test_a_profile_folder_stays_watched_while_its_file_is_gone(tmp_path: Path) -> None:
    """Issue 24: ``mv profile.yaml x; cp x profile.yaml`` (many editors save so)."""
    folder = write_tree(tmp_path / "cv", {"profile.yaml": SMALL.format(title="T")})
    before = watched([folder], [])
    (folder / "profile.yaml").rename(tmp_path / "x")
    during = watched([folder], [], before)
    assert folder.resolve() in during.folders()
    assert during.affected([folder / "profile.yaml"]) == (True, [])


def test_a_profile_restored_as_a_link_or_touched_is_a_change(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "cv", {"profile.yaml": SMALL.format(title="T")})
    files = watched([folder / "profile.yaml"], [])
    saved = tmp_path / "elsewhere" / "kept.yaml"
    saved.parent.mkdir()
    (folder / "profile.yaml").rename(saved)
    (folder / "profile.yaml").symlink_to(saved)
    assert files.affected([folder / "profile.yaml"]) == (True, [])
    again = watched([folder / "profile.yaml"], [], files)
    assert saved.resolve() in again.profile_files  # an edit of the link's target counts too
    assert saved.parent.resolve() in again.folders()
    assert again.affected([saved]) == (True, [])
