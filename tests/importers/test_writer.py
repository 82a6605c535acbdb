"""Writing: the one-line include edit, appending to imported.yaml, validation before writing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from grantdocs.errors import ImportFileError, Location
from grantdocs.importers.merge import MergePlan, plan_merge
from grantdocs.importers.records import ImportResult, Record
from grantdocs.importers.writer import (
    HEADER,
    LOCK_NAME,
    add_include,
    append_entries,
    import_lock,
    write_import,
)
from grantdocs.profile.load import load_profile
from tests.conftest import MINIMAL, write_tree
from tests.importers.conftest import FIXTURES, run


def plan_for(*titles: str, existing_ids: set[str] | None = None) -> MergePlan:
    result = ImportResult("refs.bib", "BibTeX")
    for line, title in enumerate(titles, start=1):
        entry = {
            "kind": "preprint",
            "authors": ["Doe J"],
            "title": title,
            "year": 2024,
            "peer_reviewed": False,
        }
        warnings = ["author list ends in 'and others'"] if line == 1 else []
        where = Location("refs.bib", line, 1)
        result.records.append(
            Record(
                "publications", entry, where, f"@misc{{k{line}}}", ("Doe", 2024, title), warnings
            )
        )
    return plan_merge(result, [], existing_ids or set())


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (MINIMAL, MINIMAL + "include:\n  - imported.yaml\n"),
        (MINIMAL.rstrip("\n"), MINIMAL + "include:\n  - imported.yaml\n"),
        (
            "include:   # my files\n  - a.yaml  # first\n\n  # more later\nperson: {given_names: A, family_name: B}\n",
            "include:   # my files\n  - a.yaml  # first\n  - imported.yaml\n\n  # more later\nperson: {given_names: A, family_name: B}\n",
        ),
        (
            "include:\n- a.yaml\n- 'b.yaml'\n" + MINIMAL,
            "include:\n- a.yaml\n- 'b.yaml'\n- imported.yaml\n" + MINIMAL,
        ),
        ("include: [a.yaml]  # x\n" + MINIMAL, "include: [a.yaml, imported.yaml]  # x\n" + MINIMAL),
        ("include: []\n" + MINIMAL, "include: [imported.yaml]\n" + MINIMAL),
        (
            "person: {given_names: A, family_name: B}\r\ninclude:\r\n  - a.yaml\r\n",
            "person: {given_names: A, family_name: B}\r\ninclude:\r\n  - a.yaml\r\n  - imported.yaml\r\n",
        ),
    ],
)  # fmt: skip
def test_include_edit_changes_one_line_only(before: str, after: str) -> None:
    edit = add_include(before, "imported.yaml", "profile.yaml")
    assert (edit.text, edit.instruction) == (after, None)


@pytest.mark.parametrize(
    ("before", "instruction"),
    [
        ("include: a.yaml\n" + MINIMAL, "change line 1 to 'include: [a.yaml, imported.yaml]'"),
        (
            MINIMAL + "include: [a.yaml,\n  b.yaml]\n",
            "add the item '- imported.yaml' to the include: list at line 2",
        ),
        ("{person: {given_names: A, family_name: B}}\n", "add the key 'include: [imported.yaml]'"),
        (
            "include:\n  - >\n    a.yaml\n" + MINIMAL,
            "add the item '- imported.yaml' to the include: list at line 1",
        ),
    ],
)
def test_include_edit_refuses_what_it_cannot_do_safely(before: str, instruction: str) -> None:
    edit = add_include(before, "imported.yaml", "profile.yaml")
    assert edit.text is None
    assert edit.instruction is not None and edit.instruction.startswith(instruction)


def test_new_imported_file_has_header_source_comments_and_warnings() -> None:
    text = append_entries(None, plan_for("A Study", "Another"), "imported.yaml")
    assert text.startswith(HEADER)
    assert (
        "publications:\n"
        "  # from refs.bib:1 @misc{k1}\n"
        "  # check: author list ends in 'and others'\n"
        "  - id: doe2024study\n"
        "    kind: preprint\n"
        '    authors: ["Doe J"]\n'
        '    title: "A Study"\n'
        "    year: 2024\n"
        "    peer_reviewed: false\n"
        "\n"
        "  # from refs.bib:2 @misc{k2}\n"
    ) in text
    data = yaml.safe_load(text)
    assert [p["id"] for p in data["publications"]] == ["doe2024study", "doe2024another"]


def test_appending_keeps_every_byte_of_the_old_file() -> None:
    old = (
        "# my own note\n"
        "publications:\n"
        "    -   id: mine2020\n"
        "        kind: other\n"
        "        authors: [Me]   # corrected by hand\n"
        '        title: "Mine"\n'
        "        year: 2020\n"
        "        notes:\n"
        "          - |\n"
        "            a long\n"
        "            note\n"
        "# trailing comment\n"
        "awards:\n"
        "  - name: Prize\n"
    )
    new = append_entries(old, plan_for("Fresh"), "imported.yaml")
    start = new.index("\n    # from refs.bib:1")
    end = new.index("# trailing comment")
    assert new[:start] + new[end:] == old
    assert new[start:end].endswith("    peer_reviewed: false\n")
    data = yaml.safe_load(new)
    assert [p["id"] for p in data["publications"]] == ["mine2020", "doe2024fresh"]
    assert data["publications"][0]["notes"] == ["a long\nnote\n"]
    assert data["awards"] == [{"name": "Prize"}]


def test_appending_a_new_section_goes_at_the_end() -> None:
    old = "awards:\n  - name: Prize\n"
    new = append_entries(old, plan_for("Fresh"), "imported.yaml")
    assert new.startswith(old)
    assert yaml.safe_load(new)["publications"][0]["id"] == "doe2024fresh"


def test_a_section_that_is_not_a_block_list_is_an_error() -> None:
    with pytest.raises(ImportFileError, match="is not a block list"):
        append_entries("publications: []\n", plan_for("Fresh"), "imported.yaml")


def test_an_invalid_merged_profile_writes_nothing(tmp_path: Path) -> None:
    folder = write_tree(
        tmp_path,
        {
            "profile.yaml": MINIMAL,
            # left behind, not included, and not a valid included file: it repeats 'person'
            "imported.yaml": "person: {given_names: X, family_name: Y}\n",
        },
    )
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(ImportFileError, match="nothing was written") as info:
        write_import(folder / "profile.yaml", plan_for("Fresh"), included=False)
    assert any("imported.yaml" in p.location.file for p in info.value.problems)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_write_then_the_profile_validates(tmp_path: Path) -> None:
    folder = write_tree(tmp_path, {"profile.yaml": MINIMAL})
    outcome = write_import(folder / "profile.yaml", plan_for("Fresh"), included=False)
    assert (outcome.created, outcome.added, outcome.include_added) == (True, 1, True)
    assert (folder / "profile.yaml").read_text() == MINIMAL + "include:\n  - imported.yaml\n"
    loaded = load_profile(folder / "profile.yaml")
    assert [p.id for p in loaded.profile.publications] == ["doe2024fresh"]
    assert sorted(p.name for p in folder.iterdir()) == ["imported.yaml", "profile.yaml"]


# --- concurrent imports, an interrupted import, a linked profile ------------------------


GRANTDOCS = (sys.executable, "-m", "grantdocs")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.is_symlink()}


def test_a_held_lock_makes_a_second_import_fail_after_the_wait(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = bundled_copy.parent
    before = snapshot(folder)
    monkeypatch.setenv("GRANTDOCS_LOCK_WAIT", "0.1")
    with import_lock(bundled_copy):
        result = run("import", FIXTURES / "messy.bib", "--profile", bundled_copy, "--write")
        assert result.exit_code == 1, result.output
        assert f"another import into {folder} is running" in result.output
        assert "waited 0.1 s" in result.output and "Traceback" not in result.output
    assert snapshot(folder) == before
    assert not (folder / LOCK_NAME).exists()


def test_two_imports_at_once_keep_every_entry(bundled_copy: Path) -> None:
    """Two real processes wait on the lock the test holds; released, both write in turn."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    write_into = ("--profile", str(bundled_copy), "--write")
    with import_lock(bundled_copy):
        procs = [
            subprocess.Popen(
                [*GRANTDOCS, "import", str(FIXTURES / name), *write_into],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for name in ("messy.bib", "messy-csl.json")
        ]
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    loaded = load_profile(bundled_copy)
    assert len(loaded.profile.publications) == 95 + 12 + 4
    assert (bundled_copy.read_text().count("- imported.yaml")) == 1
    assert not (bundled_copy.parent / LOCK_NAME).exists()


def test_an_import_stopped_between_its_two_writes_is_reconnected(bundled_copy: Path) -> None:
    folder = bundled_copy.parent
    profile_before = bundled_copy.read_bytes()
    result = run("import", FIXTURES / "messy.bib", "--profile", bundled_copy, "--write")
    assert result.exit_code == 0, result.output
    bundled_copy.write_bytes(profile_before)  # as if killed before the include line
    imported = (folder / "imported.yaml").read_bytes()

    check = run("validate", bundled_copy)
    assert check.exit_code == 0, check.output
    assert "imported.yaml is not in the include: list of" in check.output
    dry = run("import", FIXTURES / "messy.bib", "--profile", bundled_copy)
    assert "imported.yaml is not in the include: list of" in dry.output
    assert bundled_copy.read_bytes() == profile_before

    again = run("import", FIXTURES / "messy.bib", "--profile", bundled_copy, "--write")
    assert again.exit_code == 0, again.output
    assert "added 'imported.yaml' (not included before) to the include: list" in again.output
    assert (folder / "imported.yaml").read_bytes() == imported
    assert len(load_profile(bundled_copy).profile.publications) == 95 + 12
    assert "not in the include: list" not in run("validate", bundled_copy).output


def test_a_linked_profile_is_written_through(bundled_copy: Path) -> None:
    folder = bundled_copy.parent
    real = folder / "real.yaml"
    bundled_copy.rename(real)
    bundled_copy.symlink_to("real.yaml")
    result = run("import", FIXTURES / "messy.bib", "--profile", bundled_copy, "--write")
    assert result.exit_code == 0, result.output
    assert bundled_copy.is_symlink() and bundled_copy.resolve() == real.resolve()
    assert "  - imported.yaml\n" in real.read_text()
    assert len(load_profile(bundled_copy).profile.publications) == 95 + 12


def test_a_link_to_another_folder_is_refused(bundled_copy: Path, tmp_path: Path) -> None:
    link = tmp_path / "link" / "profile.yaml"
    link.parent.mkdir()
    link.symlink_to(bundled_copy)
    before = snapshot(bundled_copy.parent)
    result = run("import", FIXTURES / "messy.bib", "--profile", link, "--write")
    assert result.exit_code == 1, result.output
    assert "is a link to" in result.output
    assert "in another folder; nothing was written" in result.output
    assert f"import with --profile {bundled_copy}" in result.output
    assert snapshot(bundled_copy.parent) == before
    assert link.is_symlink() and sorted(p.name for p in link.parent.iterdir()) == ["profile.yaml"]


def test_an_import_too_large_to_include_names_the_users_files_not_temporary_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merged profile is checked from temporary copies; messages must not show them."""
    from click.testing import CliRunner

    from grantdocs.cli.main import cli
    from grantdocs.profile import yamlpos

    monkeypatch.setattr(yamlpos, "MAX_FILE_BYTES", 20_000)
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["init", str(tmp_path / "cv"), "--name", "Ada Lovelace"]).exit_code == 0
    )
    entries = "".join(
        f"@article{{k{i}, author={{Lovelace, Ada}}, title={{Engines {i}}}, "
        f"journal={{Notes}}, year={{2020}}}}\n"
        for i in range(200)
    )
    bib = tmp_path / "big.bib"
    bib.write_text(entries, encoding="utf-8")
    before = (tmp_path / "cv" / "profile.yaml").read_bytes()
    result = runner.invoke(cli, ["import", str(bib), "--profile", str(tmp_path / "cv"), "--write"])
    assert result.exit_code == 1, result.output
    assert "nothing was written" in result.output
    assert "grantdocs-import-" not in result.output
    assert "imported.yaml" in result.output and "larger than the limit" in result.output
    assert (tmp_path / "cv" / "profile.yaml").read_bytes() == before
    assert not (tmp_path / "cv" / "imported.yaml").exists()
def test_include_goes_into_the_commented_block_init_left(tmp_path: Path) -> None:
    from grantdocs.importers.skeleton import skeleton_text

    text = skeleton_text(tmp_path / "profile.yaml", "Ada", "Lovelace")
    assert "# include:" in text
    edit = add_include(text, "imported.yaml", "profile.yaml")
    assert edit.text is not None and edit.instruction is None
    before, after = text.splitlines(), edit.text.splitlines()
    assert len(after) == len(before)  # uncommented in place: nothing appended at the end
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        (
            "# include:              # grantdocs import --write adds its file here",
            "include:              # grantdocs import --write adds its file here",
        ),
        ("#   - imported.yaml", "  - imported.yaml"),
    ]
    assert not edit.text.rstrip().endswith("imported.yaml")


@pytest.mark.parametrize("kind", ["link", "dangling-link", "fifo"])
def test_a_planted_lock_file_is_never_followed(
    bundled_copy: Path, tmp_path: Path, kind: str
) -> None:
    """Issue 24: a lock that is a link makes no file elsewhere; a pipe is not opened."""
    folder = bundled_copy.parent
    lock = folder / LOCK_NAME
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "file"
    if kind == "link":
        target.write_text("keep")
        lock.symlink_to(target)
    elif kind == "dangling-link":
        lock.symlink_to(target)
    else:
        os.mkfifo(lock)
    before = regular_files(folder)
    result = run("import", FIXTURES / "messy.bib", "--profile", bundled_copy, "--write")
    assert result.exit_code == 1, result.output
    assert LOCK_NAME in result.output and "Traceback" not in result.output
    assert regular_files(folder) == before
    if kind == "link":
        assert target.read_text() == "keep"
    else:
        assert not target.exists()


def regular_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
