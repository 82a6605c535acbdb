"""``grantdocs import`` and ``grantdocs init`` end to end, on copies of the bundled profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grantdocs.importers.skeleton import SCHEMA_HINT, schema_line
from grantdocs.profile.load import load_profile
from grantdocs.profile.records import dump
from grantdocs.resources import project_root, schema_path
from tests.conftest import write_tree
from tests.importers.conftest import FIXTURES, line_of, run

MINIMAL_PROFILE = (
    "person: {given_names: Brandon, family_name: Amos, name_variants: [Amos B]}\npublications: []\n"
)
ALL_FIXTURES = ("messy.bib", "messy-csl.json", "orcid-record.json", "resume.json")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_dry_run_reports_by_line_and_writes_nothing(bundled_copy: Path) -> None:
    before = snapshot(bundled_copy.parent)
    result = run("import", FIXTURES / "messy.bib", "--profile", bundled_copy)
    assert result.exit_code == 0, result.output
    out = result.output
    bach = line_of(FIXTURES / "messy.bib", "@Article{Bach2015,")
    assert (
        f"messy.bib:{bach}  @article{{Bach2015}} -> publications: bach2015pixel "
        "(same title and year; "
    ) in out
    assert "only in the import, not copied: month, doi" in out
    assert f"messy.bib:{line_of(FIXTURES / 'messy.bib', '@@')}  stray '@'" in out
    assert "read 17, imported 12, merged (already present) 2, skipped 3" in out
    assert "dry run, nothing written: add --write to append 12 entries to" in out
    assert snapshot(bundled_copy.parent) == before


def test_write_changes_the_users_files_by_one_include_line(bundled_copy: Path) -> None:
    folder = bundled_copy.parent
    before = snapshot(folder)
    result = run("import", FIXTURES / "messy.bib", "--profile", bundled_copy, "--write")
    assert result.exit_code == 0, result.output
    assert "imported.yaml: 12 new entries" in result.output
    after = snapshot(folder)
    assert set(after) == set(before) | {"imported.yaml"}
    for name in before:
        if name.startswith("publications-"):
            assert after[name] == before[name], name
    old_lines = before["profile.yaml"].decode().splitlines(keepends=True)
    new_lines = after["profile.yaml"].decode().splitlines(keepends=True)
    assert len(new_lines) == len(old_lines) + 1
    added = [i for i, line in enumerate(new_lines) if line not in old_lines]
    assert [new_lines[i] for i in added] == ["  - imported.yaml\n"]
    assert new_lines[: added[0]] + new_lines[added[0] + 1 :] == old_lines

    profile = load_profile(bundled_copy).profile
    ids = [p.id for p in profile.publications]
    assert len(ids) == 95 + 12  # 11, and the paper without a year
    assert "deutsche2020dfg" in ids and "bach2015pixelb" not in ids


def test_importing_the_same_files_twice_adds_nothing(bundled_copy: Path) -> None:
    for name in ALL_FIXTURES:
        result = run("import", FIXTURES / name, "--profile", bundled_copy, "--write")
        assert result.exit_code == 0, result.output
    folder = bundled_copy.parent
    first = snapshot(folder)
    loaded = load_profile(bundled_copy)
    assert len(loaded.profile.publications) == 95 + 12 + 4 + 2 + 2  # messy.bib and resume.json each hold a work without a year
    for name in ALL_FIXTURES:
        result = run("import", FIXTURES / name, "--profile", bundled_copy, "--write")
        assert result.exit_code == 0, result.output
        assert ", imported 0, " in result.output
        assert "nothing new to add" in result.output
    assert snapshot(folder) == first


def test_write_needs_a_named_profile() -> None:
    result = run("import", FIXTURES / "messy.bib", "--write")
    assert result.exit_code == 2
    assert "name the profile to write into with --profile" in result.output


@pytest.mark.parametrize(
    ("content", "messages"),
    [
        ("[{,]", ("broken.json: not valid JSON", "broken.json:1:3: Expecting property name")),
        ('{"nothing": 1}', ("broken.json: JSON, but not a format grantdocs imports",)),
    ],
)
def test_bad_input_is_a_message_not_a_traceback(
    tmp_path: Path, content: str, messages: tuple[str, ...]
) -> None:
    path = write_tree(tmp_path, {"broken.json": content}) / "broken.json"
    result = run("import", path)
    assert result.exit_code == 1
    first, second = result.output.splitlines()[:2]
    assert first.startswith("profile: ")  # every command says which profile it uses
    assert second.startswith("error: ")
    for message in messages:
        assert message in result.output
    assert "Traceback" not in result.output


def test_a_missing_profile_is_a_message(tmp_path: Path) -> None:
    result = run("import", FIXTURES / "messy.bib", "--profile", tmp_path / "nope.yaml")
    assert result.exit_code == 1
    assert "nope.yaml: file not found" in result.output


def test_an_include_that_cannot_be_edited_is_left_alone_and_explained(tmp_path: Path) -> None:
    minimal = "person: {given_names: Ada, family_name: Lovelace}\ninclude: other.yaml\n"
    folder = write_tree(tmp_path, {"profile.yaml": minimal, "other.yaml": "talks: []\n"})
    result = run(
        "import", FIXTURES / "messy-csl.json", "--profile", folder / "profile.yaml", "--write"
    )
    assert result.exit_code == 0, result.output
    assert (
        "was left untouched; to use the new entries, "
        "change line 2 to 'include: [other.yaml, imported.yaml]'"
    ) in result.output
    assert (folder / "profile.yaml").read_text() == minimal
    again = run(
        "import", FIXTURES / "messy-csl.json", "--profile", folder / "profile.yaml", "--write"
    )
    assert ", imported 0, " in again.output  # the written but not included entries still count


def test_init_writes_a_skeleton_that_validates(tmp_path: Path) -> None:
    result = run("init", tmp_path / "me", "--name", "Ada Lovelace")
    assert result.exit_code == 0, result.output
    target = tmp_path / "me" / "profile.yaml"
    text = target.read_text(encoding="utf-8")
    # outside the checkout: no path into the installation, but how to get a schema
    assert text.startswith(SCHEMA_HINT)
    assert str(schema_path().resolve()) not in text and "$schema=/" not in text
    profile = load_profile(target).profile
    assert (profile.person.given_names, profile.person.family_name) == ("Ada", "Lovelace")
    assert profile.person.name_variants == ["Lovelace A"]
    assert profile.languages == ["en", "de"]
    sections = [
        "positions", "education", "teaching", "talks", "invited_lectures", "projects", "awards",
        "patents", "service", "memberships", "spoken_languages", "metrics", "career_breaks",
        "other_information", "publications",
    ]  # fmt: skip
    for section in sections:
        (example,) = getattr(profile, section)
        data = example if isinstance(example, str | dict) else dump(example)
        assert "EXAMPLE" in json.dumps(data, ensure_ascii=False), section
        if isinstance(data, dict) and data.get("id"):
            assert data["id"].startswith("example-"), section
    assert profile.supervision.cases[0].name.startswith("EXAMPLE")
    assert '{en: "' in text and ', de: "' in text  # both languages shown


def test_init_never_overwrites(tmp_path: Path) -> None:
    folder = write_tree(tmp_path, {"profile.yaml": "mine\n"})
    result = run("init", folder)
    assert result.exit_code == 3
    assert "exists; init never overwrites a file" in result.output
    assert (folder / "profile.yaml").read_text() == "mine\n"


def test_init_from_a_bibtex_file(tmp_path: Path) -> None:
    result = run(
        "init", tmp_path / "me", "--from", FIXTURES / "messy.bib", "--name", "Sebastian Lapuschkin"
    )
    assert result.exit_code == 0, result.output
    assert "read 17, imported 13, merged (already present) 1, skipped 3" in result.output
    loaded = load_profile(tmp_path / "me" / "profile.yaml")
    assert [f.name for f in loaded.files] == ["profile.yaml", "imported.yaml"]
    assert len(loaded.profile.publications) == 1 + 13


def test_init_from_orcid_takes_name_and_id_from_the_record(tmp_path: Path) -> None:
    result = run("init", tmp_path / "ada", "--from", FIXTURES / "orcid-record.json")
    assert result.exit_code == 0, result.output
    person = load_profile(tmp_path / "ada" / "profile.yaml").profile.person
    assert (person.family_name, person.identifiers.orcid) == ("Lovelace", "0000-0002-1825-0097")


def test_schema_line_uses_a_schema_beside_the_profile(tmp_path: Path) -> None:
    code = run("schema", "-o", tmp_path / "profile.schema.json").exit_code
    assert code == 0
    result = run("init", tmp_path, "--name", "Ada Lovelace")
    assert result.exit_code == 0, result.output
    first = (tmp_path / "profile.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=profile.schema.json"


def test_schema_line_is_relative_inside_the_checkout() -> None:
    inside = project_root() / "profiles" / "someone" / "profile.yaml"
    assert (
        schema_line(inside) == "# yaml-language-server: $schema=../../schema/profile.schema.json\n"
    )


def test_building_still_works_after_an_import(bundled_copy: Path, tmp_path: Path) -> None:
    for name in ALL_FIXTURES:
        assert run("import", FIXTURES / name, "--profile", bundled_copy, "--write").exit_code == 0
    out = tmp_path / "out"
    result = run("build", "dfg-cv", "--lang", "en", "--profile", bundled_copy, "--out", out)
    assert result.exit_code == 0, result.output
    assert list(out.rglob("*.docx"))


def test_a_new_skeleton_builds_when_examples_are_allowed(tmp_path: Path) -> None:
    """Every example section of the skeleton renders; without --allow-examples the build
    refuses (tests/profile/test_placeholders.py)."""
    assert run("init", tmp_path / "me", "--name", "Ada Lovelace").exit_code == 0
    out = tmp_path / "out"
    result = run(
        "build",
        "dfg-cv",
        "--lang",
        "de",
        "--profile",
        tmp_path / "me" / "profile.yaml",
        "--out",
        out,
        "--allow-examples",
    )
    assert result.exit_code == 0, result.output
    assert list(out.rglob("*.docx"))


SHAPES = """\
@misc{amos2023meta,
  title = {Meta Optimal Transport},
  author = {Amos*, Brandon and Cohen, Samuel},
  year = {2023},
  url = {https://arxiv.org/abs/2206.05262},
  _venue = {ICML},
  selected = {true},
}

@article{amos2019limited,
  title = {The Limited Multi-Label Projection Layer},
  author = {Brandon Amos and Vladlen Koltun},
  journal = {arXiv preprint arXiv:1906.08707},
  year = {2019},
}
"""


def _publications(folder: Path) -> dict[str, dict[str, object]]:
    import yaml

    data = yaml.safe_load((folder / "imported.yaml").read_text(encoding="utf-8"))
    return {p["id"]: p for p in data["publications"]}


@pytest.mark.parametrize(
    ("option", "flags"),
    [((), (True, False)), (("--peer-reviewed", "all"), (True, True)),
     (("--peer-reviewed", "none"), (False, False))],
)  # fmt: skip
def test_import_sets_peer_reviewed_and_says_why(
    tmp_path: Path, option: tuple[str, ...], flags: tuple[bool, bool]
) -> None:
    folder = write_tree(tmp_path, {"profile.yaml": MINIMAL_PROFILE, "refs.bib": SHAPES})
    result = run(
        "import", folder / "refs.bib", "--profile", folder / "profile.yaml", "--write", *option
    )
    assert result.exit_code == 0, result.output
    pubs = _publications(folder)
    assert (
        pubs["amos2023meta"]["peer_reviewed"],
        pubs["amos2019limited"]["peer_reviewed"],
    ) == flags
    out = result.output
    if not option:
        assert "note: kind conference_paper: venue 'ICML' in field _venue" in out
        assert "note: peer_reviewed true: conference paper in 'ICML'" in out
        assert "note: peer_reviewed false: kind preprint" in out
    else:
        assert f"note: peer_reviewed {str(flags[0]).lower()}: --peer-reviewed {option[1]}" in out
    assert pubs["amos2023meta"]["selected"] is True
    assert pubs["amos2023meta"]["authors"] == ["Amos B", "Cohen S"]
    assert "aliases" not in pubs["amos2023meta"]  # the id is the key
    text = (folder / "imported.yaml").read_text(encoding="utf-8")
    assert "# note: selected: the owner's mark (selected = true)" in text
    assert load_profile(folder / "profile.yaml").profile.publications[0].selected is True


def test_init_takes_the_peer_reviewed_option(tmp_path: Path) -> None:
    source = write_tree(tmp_path, {"refs.bib": SHAPES}) / "refs.bib"
    result = run(
        "init",
        tmp_path / "me",
        "--from",
        source,
        "--name",
        "Brandon Amos",
        "--peer-reviewed",
        "none",
    )
    assert result.exit_code == 0, result.output
    assert "peer_reviewed false: --peer-reviewed none" in result.output
    assert all(p["peer_reviewed"] is False for p in _publications(tmp_path / "me").values())


def test_a_bad_peer_reviewed_value_is_a_usage_error(tmp_path: Path) -> None:
    source = write_tree(tmp_path, {"refs.bib": SHAPES}) / "refs.bib"
    result = run("import", source, "--peer-reviewed", "some")
    assert result.exit_code == 2
    assert "'some' is not one of 'auto', 'all', 'none'" in result.output


def test_the_report_shows_the_bibtex_key_kept_as_alias(tmp_path: Path) -> None:
    folder = write_tree(
        tmp_path,
        {"profile.yaml": MINIMAL_PROFILE, "refs.bib": SHAPES.replace("amos2023meta", "Amos:2023")},
    )
    result = run("import", folder / "refs.bib", "--profile", folder / "profile.yaml")
    assert result.exit_code == 0, result.output
    assert "-> publications: amos2023meta (alias Amos:2023)" in result.output


def test_a_huge_json_integer_exits_1_without_traceback(tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"big.json": "[" + "1" * 5000 + "]"}) / "big.json"
    result = run("import", path)
    assert result.exit_code == 1
    assert "a number too long to read" in result.output
    assert "Traceback" not in result.output


def test_a_file_whose_macros_explode_is_refused_and_nothing_written(tmp_path: Path) -> None:
    chain = '@string{a0 = "xxxxxxxxxxxxxxxxxxxx"}\n' + "".join(
        f"@string{{a{i} = a{i - 1} # a{i - 1}}}\n" for i in range(1, 14)
    )
    entries = "".join(
        f"@article{{k{n}, author = {{Doe, J}}, title = a13, year = 2020}}\n" for n in range(600)
    )
    folder = write_tree(tmp_path, {"profile.yaml": MINIMAL_PROFILE, "bomb.bib": chain + entries})
    before = snapshot(folder)
    result = run("import", folder / "bomb.bib", "--profile", folder / "profile.yaml", "--write")
    assert result.exit_code == 1
    assert "bomb.bib: its @string macros expand to more text than the file could hold" in (
        result.output
    )
    assert "Traceback" not in result.output
    assert snapshot(folder) == before


def test_a_profile_folder_and_the_working_folder_profile_are_import_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--profile my-cv`` (a folder) works, and so does ``--write`` inside the CV's folder."""
    assert run("init", tmp_path / "cv", "--name", "Ada Lovelace").exit_code == 0
    result = run("import", FIXTURES / "messy.bib", "--profile", tmp_path / "cv", "--write")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cv" / "imported.yaml").is_file()
    monkeypatch.chdir(tmp_path / "cv")
    again = run("import", FIXTURES / "messy.bib", "--write")
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[0] == "profile: profile.yaml (Ada Lovelace)"
    assert "imported 0" in again.output
def test_json_resume_person_is_reported_as_taken_by_init_and_not_by_import(
    tmp_path: Path,
) -> None:
    result = run("init", tmp_path / "me", "--from", FIXTURES / "resume.json")
    assert result.exit_code == 0, result.output
    assert (
        "person (Grace Brewster Hopper): took the name and e-mail for the person section"
        in result.output
    )
    assert "read but not imported" not in result.output
    person = load_profile(tmp_path / "me" / "profile.yaml").profile.person
    assert (person.family_name, person.contact.email) == ("Hopper", ["grace@example.org"])
    again = run("import", FIXTURES / "resume.json", "--profile", tmp_path / "me" / "profile.yaml")
    assert (
        "person (Grace Brewster Hopper) read but not imported: an import never changes the "
        "person section"
    ) in again.output
