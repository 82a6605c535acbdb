"""Writing: the one-line include edit, appending to imported.yaml, validation before writing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from grantdocs.errors import ImportFileError, Location
from grantdocs.importers.merge import MergePlan, plan_merge
from grantdocs.importers.records import ImportResult, Record
from grantdocs.importers.writer import HEADER, add_include, append_entries, write_import
from grantdocs.profile.load import load_profile
from tests.conftest import MINIMAL, write_tree


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
