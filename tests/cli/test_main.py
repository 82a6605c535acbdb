"""The command line: validate, explain, context, check-template, language errors."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from grantdocs.cli.main import cli


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_validate_bundled_profile_summary() -> None:
    code, out = run("validate")
    assert code == 0
    assert "valid profile of Sebastian Lapuschkin" in out
    assert "publications: 95" in out
    assert "projects with a leading role: 5" in out
    assert "publications without DOI: 95 of 95" in out


def test_explain_json_lists_every_decision() -> None:
    code, out = run("explain", "dfg-cv", "--as-of", "2025-09-20", "--json")
    assert code == 0
    data = json.loads(out)
    a = data["slots"]["category_a"]
    assert len(a["kept"]) == 10 and a["eligible"] == 81
    assert len(a["kept"]) + len(a["dropped"]) == 95
    assert a["kept"][0]["id"] == "bach2015pixel"  # the owner's rank 1
    assert any(d["reason"].startswith("kind is preprint, wants one of") for d in a["dropped"])


def test_explain_table() -> None:
    code, out = run("explain", "dfg-cv", "--as-of", "2025-09-20")
    assert code == 0
    assert "category_a (publications): 10 of 81 eligible" in out
    assert "over the limit of 10" in out


def test_context_is_yaml_with_the_documented_names() -> None:
    code, out = run("context", "dfg-cv", "--lang", "de")
    assert code == 0
    ctx = yaml.safe_load(out)
    assert ctx["person"]["family_name"] == "Lapuschkin"
    assert ctx["lang"] == "de"
    assert set(ctx["slots"]) >= {"category_a", "category_b", "career"}
    doc = (Path(__file__).parents[2] / "docs" / "template-context.md").read_text(encoding="utf-8")
    for name in ctx:
        assert f"`{name}" in doc, f"{name} is not documented"


def test_check_template_of_a_bundled_format() -> None:
    code, out = run("check-template", "dfg-cv")
    assert code == 0, out
    assert "OK" in out


def test_unsupported_language_is_a_clear_error(tmp_path: Path) -> None:
    code, out = run("build", "dfg-cv", "--lang", "fr", "--out", str(tmp_path))
    assert code == 1
    assert "not available in 'fr'" in out and "Traceback" not in out


def test_bad_as_of_is_a_usage_error() -> None:
    code, out = run("explain", "dfg-cv", "--as-of", "20.09.2025")
    assert code == 2
    assert "YYYY-MM-DD" in out


def test_bad_pin_syntax(tmp_path: Path) -> None:
    code, out = run("build", "dfg-cv", "--pin", "nobody", "--out", str(tmp_path))
    assert code == 2 and "SLOT=ID" in out


def test_pin_from_the_command_line(tmp_path: Path) -> None:
    from docx import Document

    code, out = run(
        "build",
        "dfg-cv",
        "--lang",
        "en",
        "--as-of",
        "2025-09-20",
        "--out",
        str(tmp_path),
        "--pin",
        "category_b=schwenk2014detecting",
    )
    assert code == 0, out
    text = "\n".join(
        p.text for p in Document(str(tmp_path / "dfg-cv/en/CV_PubList_Lapuschkin.docx")).paragraphs
    )
    assert "Detecting Behavioural and Structural Anomalies" in text


def test_english_only_format_refuses_german(tmp_path: Path) -> None:
    code, out = run("build", "erc-cv", "--lang", "de", "--out", str(tmp_path))
    assert code == 1
    assert "format 'erc-cv' is not available in 'de'; it supports: en" in out


def test_bilingual_needs_a_format_that_declares_it(tmp_path: Path) -> None:
    code, out = run("build", "erc-cv", "--lang", "en+de", "--out", str(tmp_path))
    assert code == 1 and "Traceback" not in out


def test_all_formats_with_one_language_skip_those_without_it(tmp_path: Path) -> None:
    code, out = run("build", "--lang", "de", "--as-of", "2025-09-20", "--out", str(tmp_path))
    assert code == 0, out
    built = sorted(
        p.relative_to(tmp_path).parts[0]
        for p in tmp_path.rglob("*.*")
        if p.suffix in (".docx", ".xlsx")
    )
    assert "erc-cv" not in built and "dfg-cv" in built
    assert all(p.parent.name == "de" for p in tmp_path.rglob("*.docx"))


def test_consortium_builds_every_member(tmp_path: Path) -> None:
    from tests.conftest import write_tree

    member = "person: {{given_names: {g}, family_name: {f}}}\n"
    write_tree(
        tmp_path,
        {
            "a.yaml": member.format(g="Ada", f="Lovelace"),
            "b.yaml": member.format(g="Emmy", f="Noether"),
        },
    )
    out = tmp_path / "out"
    code, text = run(
        "build",
        "dfg-cv",
        "--lang",
        "de",
        "--as-of",
        "2025-09-20",
        "--out",
        str(out),
        "--profile",
        str(tmp_path / "a.yaml"),
        "--profile",
        str(tmp_path / "b.yaml"),
    )
    assert code == 0, text
    assert (out / "Lovelace/dfg-cv/de/CV_PubList_Lovelace.docx").is_file()
    assert (out / "Noether/dfg-cv/de/CV_PubList_Noether.docx").is_file()


def test_pdf_without_libreoffice_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import grantdocs.render.pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    code, out = run("build", "dfg-cv", "--pdf", "--out", str(tmp_path))
    assert code == 4
    assert "needs LibreOffice" in out and "Traceback" not in out
    assert not any(tmp_path.iterdir()), "nothing is built when the PDF step cannot run"


def test_explain_shows_dates_and_periods_as_given() -> None:
    code, out = run("explain", "dfg-cv", "--as-of", "2025-09-20", "--json")
    assert code == 0
    when = {
        entry["id"]: entry["when"]
        for slot in json.loads(out)["slots"].values()
        for entry in slot["kept"] + slot["dropped"]
    }
    assert when["edu-phd"] == "2018-12-19"
    assert when["award-2022-stanford-top2"] == "2022–2024"
    assert when["pos-hhi-2021"] == "2021–"
    assert when["edu-msc"] == "2010–2013"
    assert when["bach2015pixel"] == "2015"


def test_a_closed_pipe_ends_quietly() -> None:
    """``grantdocs context ... | head -1``: no traceback, no 'internal error'."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "grantdocs",
            "context",
            "publication-list",
            "--as-of",
            "2025-09-20",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert b"internal error" not in err and b"Traceback" not in err, err.decode()
    assert proc.returncode in (0, 1)  # click ends a closed pipe with 1, quietly


def test_an_empty_lang_is_a_usage_error_not_every_language(tmp_path: Path) -> None:
    code, out = run("build", "dfg-cv", "--lang", "", "--out", str(tmp_path))
    assert code == 2 and "name a language" in out
    assert not list(tmp_path.rglob("*.docx"))


def test_the_command_freezes_what_is_alive_when_the_process_exits() -> None:
    """The interpreter's shutdown does not walk every object left (``gc.freeze`` at exit);
    an exit handler registered before the command still runs, after it."""
    import subprocess
    import sys

    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from grantdocs.cli.main import main\n"
        "sys.argv = ['grantdocs', 'formats']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('frozen before exit:', gc.get_freeze_count() > 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-2:] == ["frozen before exit: False", "frozen at exit: True"]
