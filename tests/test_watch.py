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
