"""``grantdocs build``'s report: one screen, every problem once, codes, --ignore, --json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from grantdocs.build import BuildOptions, plan
from grantdocs.cli.main import cli
from grantdocs.notices import CODES
from tests.conftest import SMALL, write_tree

ROOT = Path(__file__).parents[2]
SCHEMA = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("out")
    code, stdout, stderr = run(
        "build", "--out", str(out), "--as-of", "2025-09-20", "--json", str(out / "r.json")
    )
    assert code == 0, stderr
    return out, stdout, json.loads((out / "r.json").read_text(encoding="utf-8"))


def test_bundled_report_fits_one_screen_and_names_each_problem_once(
    bundled_report: tuple[Path, str, dict[str, Any]],
) -> None:
    _out, stdout, data = bundled_report
    documents = len(plan(BuildOptions())[0])
    with_no_doi = sum(
        any(w["code"] == "no-doi" for w in d["warnings"]) for d in data["documents"]
    )
    assert 1 < with_no_doi < documents
    lines = stdout.splitlines()
    assert lines[0].startswith("profile: profiles/lapuschkin/profile.yaml")
    assert len(lines) <= 30
    assert sum("CV_PubList_Lapuschkin.docx" in line for line in lines) == 2  # de and en
    no_doi = [line for line in lines if "[no-doi]" in line]
    assert len(no_doi) == 1
    assert no_doi[0].startswith("  95 publications have no DOI (first at profiles/lapuschkin/")
    assert no_doi[0].endswith(f"— affects {with_no_doi} documents [no-doi]")
    funder = [line for line in lines if "add funder to these projects" in line]
    assert len(funder) == 1 and "affects 4 documents" in funder[0]
    assert lines[-1].startswith(f"{documents} documents in ")
    assert len(lines) == 1 + documents + 1 + len(data["fixes"]) + 1  # nothing else, no wraps


def test_lines_are_not_wrapped_when_piped(
    bundled_report: tuple[Path, str, dict[str, Any]],
) -> None:
    _out, stdout, _data = bundled_report
    long = [line for line in stdout.splitlines() if len(line) > 80]
    assert any("horizon-europe-tables" in line and ".xlsx" in line for line in long)
    assert all(line.startswith(("profile:", "  ", "/", "To fix", "1")) for line in stdout.splitlines())


def test_json_report_is_valid_against_the_committed_schema(
    bundled_report: tuple[Path, str, dict[str, Any]],
) -> None:
    _out, _stdout, data = bundled_report
    jsonschema.validate(data, SCHEMA)
    assert SCHEMA["$defs"]["code"]["enum"] == list(CODES)  # one list of codes
    documents = data["documents"]
    assert isinstance(documents, list) and len(documents) == len(plan(BuildOptions())[0])
    dfg = documents[0]
    category_a = next(s for s in dfg["slots"] if s["slot"] == "category_a")
    assert category_a["chosen"][0] == {"id": "bach2015pixel", "reason": category_a["chosen"][0]["reason"]}
    assert category_a["chosen"][0]["reason"]
    first = dfg["warnings"][0]
    assert first["code"] == "no-doi" and first["where"].startswith("profiles/lapuschkin/")
    fixes = data["fixes"]
    assert isinstance(fixes, list) and fixes[0]["code"] == "no-doi" and fixes[0]["entries"] == 95


def test_json_to_stdout_is_only_json(tmp_path: Path) -> None:
    code, stdout, _ = run("build", "dfg-cv", "--lang", "de", "--out", str(tmp_path), "--json", "-")
    assert code == 0
    jsonschema.validate(json.loads(stdout), SCHEMA)


def test_ignore_silences_a_code_and_quiet_prints_only_problems(tmp_path: Path) -> None:
    code, stdout, _ = run("build", "dfg-cv", "--out", str(tmp_path), "--ignore", "no-doi")
    assert code == 0
    assert "no-doi" not in stdout and "1 thing to fix" in stdout
    assert "[not-shown]" in stdout  # the Abitur: the DFG CV has no school row
    ignore = ("--ignore", "no-doi", "--ignore", "not-shown")
    code, stdout, _ = run("build", "dfg-cv", "--out", str(tmp_path), *ignore)
    assert code == 0 and "nothing to fix" in stdout
    code, stdout, _ = run("build", "dfg-cv", "--out", str(tmp_path), "-q", *ignore)
    assert code == 0 and stdout == ""
    code, stdout, _ = run("build", "dfg-cv", "--out", str(tmp_path), "-q")
    assert stdout.splitlines()[0].startswith("To fix")
    assert len(stdout.splitlines()) == 3


def test_verbose_adds_slot_lines(tmp_path: Path) -> None:
    code, stdout, _ = run("build", "dfg-cv", "--lang", "en", "--out", str(tmp_path), "-v")
    assert code == 0
    assert "  category_a: 10 of 81 eligible (limit 10 applied)" in stdout.splitlines()


def test_unknown_code_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    code, _stdout, stderr = run("build", "--out", str(tmp_path), "--ignore", "no-dio")
    assert code == 2
    assert "unknown warning code 'no-dio'; did you mean 'no-doi'?" in stderr
    assert not any(tmp_path.iterdir())


def test_profile_ignore_list(tmp_path: Path) -> None:
    text = SMALL.format(title="Notes") + "report:\n  ignore: [no-doi]\n"
    write_tree(tmp_path, {"p.yaml": text})
    out = tmp_path / "out"
    code, stdout, _ = run("build", "dfg-cv", "--profile", str(tmp_path / "p.yaml"), "--out", str(out))
    assert code == 0 and "nothing to fix" in stdout
    write_tree(tmp_path, {"p.yaml": SMALL.format(title="Notes")})
    code, stdout, _ = run("build", "dfg-cv", "--profile", str(tmp_path / "p.yaml"), "--out", str(out))
    assert "1 publication has no DOI (first at " in stdout and "p.yaml:8:5" in stdout


def test_profile_with_an_unknown_code_names_its_line(tmp_path: Path) -> None:
    write_tree(tmp_path, {"p.yaml": SMALL.format(title="Notes") + "report:\n  ignore: [no-dio]\n"})
    code, _stdout, stderr = run("validate", str(tmp_path / "p.yaml"))
    assert code == 1
    assert "p.yaml:17:12" in stderr and "did you mean 'no-doi'?" in stderr


def test_one_document_in_a_process_that_ends_leaves_the_collector_paused(tmp_path: Path) -> None:
    """The ``grantdocs`` process of a one-document build does not resume the collector
    after the document (the process's end frees its garbage); with two documents it
    resumes between them, and a build in a process that goes on (here) resumes it too."""
    import gc
    import subprocess
    import sys

    code = (
        "import gc, sys\n"
        "from grantdocs.cli.main import main\n"
        "sys.argv = ['grantdocs', 'build', 'dfg-cv', '--lang', sys.argv[2], '-q', '--out',"
        " sys.argv[1], '--ignore', 'no-doi,not-shown']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(gc.isenabled())\n"
    )
    enabled = [
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / langs), langs],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for langs in ("de", "de,en")
    ]
    assert enabled == ["False", "True"]
    code, _, _ = run("build", "dfg-cv", "--lang", "de", "-q", "--out", str(tmp_path / "here"))
    assert code == 0 and gc.isenabled()
