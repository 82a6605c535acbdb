"""Format folders of one's own: --formats DIR, GRANTDOCS_FORMATS, extends, shadowing, and
bare ids that always mean formats."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.cli.main import cli
from grantdocs.errors import FormatError
from grantdocs.formats.registry import ENV_VAR, FormatSearchPath, load_format
from tests.conftest import write_tree

SMALL_DFG = "extends: dfg-cv\nslots:\n  category_a: {limit: 3}\n"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_a_users_folder_adds_formats_named_by_their_folders(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tu-dfg/format.yaml": SMALL_DFG})
    search = FormatSearchPath.from_options([tmp_path], environ={})
    assert "tu-dfg" in search.ids() and "dfg-cv" in search.ids()
    fmt = search.load("tu-dfg")
    assert fmt.id == "tu-dfg"
    assert fmt.spec.slots["category_a"].limit == 3
    assert fmt.template_path() == load_format("dfg-cv").template_path()
    assert fmt.origin == str(tmp_path) or fmt.origin.endswith(tmp_path.name)


def test_folders_of_the_environment_variable_follow_the_options(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_tree(first, {"mine/format.yaml": SMALL_DFG})
    write_tree(second, {"mine/format.yaml": "extends: erc-cv\n", "other/format.yaml": SMALL_DFG})
    search = FormatSearchPath.from_options([first], environ={ENV_VAR: str(second)})
    assert search.load("mine").spec.kind == "docx"
    assert search.load("mine").spec.page_limit == 4
    assert search.load("mine").spec.slots["category_a"].limit == 3  # the option's folder wins
    assert search.load("other").id == "other"
    both = FormatSearchPath.from_options(environ={ENV_VAR: f"{first}{os.pathsep}{second}"})
    assert {"mine", "other"} <= set(both.ids())


def test_a_users_format_shadows_a_bundled_one_with_a_notice_and_may_extend_it(
    tmp_path: Path,
) -> None:
    write_tree(tmp_path, {"dfg-cv/format.yaml": SMALL_DFG})
    notices: list[str] = []
    search = FormatSearchPath.from_options([tmp_path], environ={}, notify=notices.append)
    fmt = search.load("dfg-cv")
    assert fmt.spec.slots["category_a"].limit == 3
    assert fmt.spec.slots["category_b"].limit == 10  # the rest from the bundled dfg-cv
    search.load("dfg-cv")
    (notice,) = notices
    assert "'dfg-cv'" in notice and "shadows" in notice and "bundled" in notice
    (found,) = [f for f in search.all() if f.id == "dfg-cv"]
    assert found.shadows == ("bundled",)


def test_extends_cycle_and_id_mismatch_are_errors(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "a/format.yaml": "extends: b\n",
            "b/format.yaml": "extends: a\n",
            "c/format.yaml": "extends: dfg-cv\nid: not-c\n",
        },
    )
    search = FormatSearchPath.from_options([tmp_path], environ={})
    with pytest.raises(FormatError, match="cycle"):
        search.load("a")
    with pytest.raises(FormatError) as info:
        search.load("c")
    (problem,) = info.value.problems
    assert problem.location.line == 2 and "'not-c'" in problem.message


def test_a_missing_format_folder_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("formats", "--formats", str(tmp_path / "nope"))
    assert code == 1 and "format folder(s) not found" in err and "nope" in err
    with pytest.raises(FormatError, match="format folder"):
        FormatSearchPath.from_options(environ={ENV_VAR: str(tmp_path / "nope")})


def test_formats_lists_where_each_comes_from(tmp_path: Path) -> None:
    write_tree(tmp_path, {"dfg-cv/format.yaml": SMALL_DFG, "tu-dfg/format.yaml": SMALL_DFG})
    code, out, _ = run("formats", "--formats", str(tmp_path))
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert lines["erc-cv"].rstrip().endswith("bundled")
    assert str(tmp_path) in lines["tu-dfg"] or tmp_path.name in lines["tu-dfg"]
    assert "(shadows bundled)" in lines["dfg-cv"]


def test_formats_reports_a_broken_format_and_lists_the_rest(tmp_path: Path) -> None:
    write_tree(tmp_path, {"broken/format.yaml": "extends: dfg-cv\nslots: {nope: {limit: 1}}\n"})
    code, out, err = run("formats", "--formats", str(tmp_path))
    assert code == 1
    assert "dfg-cv" in out and "broken" not in out
    assert "format.yaml:2" in err and "unknown slot 'nope'" in err


# --- a bare id is a format, a path is a path (issue 14, item 13) -------------------------


def test_a_folder_named_like_a_format_does_not_hide_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"dfg-cv/de/CV_PubList_Lapuschkin.docx": b"not a format"})
    monkeypatch.chdir(tmp_path)
    assert load_format("dfg-cv").origin == "bundled"
    code, out, err = run("explain", "dfg-cv", "--as-of", "2025-09-20", "--json")
    assert code == 0, err
    assert '"category_a"' in out
    with pytest.raises(FormatError) as info:
        load_format("./dfg-cv")  # a path: the folder holds no format.yaml
    assert "dfg-cv/format.yaml: file not found" in info.value.render()


def test_a_path_to_a_folder_or_a_yaml_file_is_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"mine/format.yaml": SMALL_DFG, "mine.yml": SMALL_DFG})
    monkeypatch.chdir(tmp_path)
    assert load_format("./mine").spec.slots["category_a"].limit == 3
    assert load_format("mine.yml").spec.slots["category_a"].limit == 3
    with pytest.raises(FormatError, match=r"unknown format 'mine'.*write \./mine"):
        load_format("mine")


@pytest.mark.parametrize("name", ["..", "DFG-CV", "dfg\x00cv", "-x", ""])
def test_a_name_that_is_no_id_is_never_looked_up_as_a_folder(name: str) -> None:
    with pytest.raises(FormatError, match="unknown format"):
        load_format(name)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["explain", "tu-dfg", "--json", "--as-of", "2025-09-20"], '"category_a"'),
        (["context", "tu-dfg", "--as-of", "2025-09-20"], "id: tu-dfg"),
        (["check-template", "tu-dfg"], "OK"),
    ],
)
def test_every_command_that_takes_a_format_takes_format_folders(
    tmp_path: Path, command: list[str], expected: str
) -> None:
    write_tree(tmp_path, {"tu-dfg/format.yaml": SMALL_DFG})
    code, out, err = run(*command, "--formats", str(tmp_path))
    assert code == 0, err
    assert expected in out
    code, _, err = run(*command, env={ENV_VAR: str(tmp_path)})
    assert code == 0, err
    code, _, err = run(*command)
    assert code == 1 and "unknown format 'tu-dfg'" in err


@pytest.mark.parametrize("name", ["Odd Id", "x;rm", "UPPER"])
def test_a_folder_whose_name_is_no_id_is_skipped_with_a_warning(tmp_path: Path, name: str) -> None:
    formats = write_tree(
        tmp_path / "formats", {f"{name}/format.yaml": SMALL_DFG, "good/format.yaml": SMALL_DFG}
    )
    code, out, err = run("formats", "--formats", str(formats))
    assert code == 0, out + err
    assert "good" in out and name not in out
    assert "skipped the format folder" in err and f"formats/{name}" in err
    assert "is not a format id" in err
    code, out, err = run(
        "build", "good", "--formats", str(formats), "--out", str(tmp_path / "out"), "-q",
        env={"GRANTDOCS_CACHE": "off"},
    )
    assert code == 0, out + err
    code, out, err = run("build", name, "--formats", str(formats), "--out", str(tmp_path / "o"))
    assert code != 0 and "Traceback" not in out + err
    known = (out + err).split("known formats:")[-1]
    assert name not in known.split("(")[0]  # never 'unknown format X; known formats: X'


@pytest.mark.parametrize("template", ["../elsewhere/t.docx", "ABSOLUTE", "link.docx"])
def test_a_users_format_reads_its_template_only_inside_its_folder(
    tmp_path: Path, template: str
) -> None:
    """Issue 24: a format from a colleague's folder names no file elsewhere."""
    elsewhere = tmp_path / "elsewhere" / "t.docx"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(load_format("dfg-cv").template_path().read_bytes())
    if template == "ABSOLUTE":
        template = str(elsewhere)
    formats = write_tree(
        tmp_path / "formats", {"mine/format.yaml": f"extends: dfg-cv\ntemplate: {template}\n"}
    )
    if template == "link.docx":
        os.symlink(elsewhere, formats / "mine" / "link.docx")
    with pytest.raises(FormatError, match="outside the format's folder"):
        FormatSearchPath.from_options([formats], environ={}).load("mine")
