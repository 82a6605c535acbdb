"""Build reliability: bad input changes nothing, output is atomic, odd text survives."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from grantdocs.build import BuildOptions, build
from grantdocs.cli.main import cli
from grantdocs.errors import FormatError, OutputError
from grantdocs.resources import project_root
from tests.conftest import AS_OF, small_profile, write_tree


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def profile(tmp_path: Path, title: str) -> Path:
    return small_profile(tmp_path, title)


def texts(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


BAD_PROFILES = {
    "tabs": "person:\n\tgiven_names: A\n",
    "unclosed quote": 'person: {given_names: "A, family_name: B}\n',
    "bad indentation": "person:\n  given_names: A\n family_name: B\n",
    "wrong type": "person: {given_names: [A], family_name: B}\n",
    "python tag": "person: !!python/object:os.system {}\n",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(BAD_PROFILES))
def test_bad_profile_leaves_output_untouched(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    good = profile(tmp_path, '"Good"')
    runner = CliRunner()
    assert (
        runner.invoke(
            cli,
            ["build", "dfg-cv", "--profile", str(good), "--out", str(out), "--as-of", "2025-09-20"],
        ).exit_code
        == 0
    )
    before = snapshot(out)
    bad = write_tree(tmp_path, {"bad.yaml": BAD_PROFILES[name]}) / "bad.yaml"
    result = runner.invoke(cli, ["build", "dfg-cv", "--profile", str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "bad.yaml:" in result.output
    assert snapshot(out) == before


def test_missing_profile_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", "--profile", str(tmp_path / "nope.yaml"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 1 and "file not found" in result.output


def test_unwritable_output_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(cli, ["build", "dfg-cv", "--out", str(blocker / "sub")])
    assert result.exit_code == 3
    assert "cannot write" in result.output and "Traceback" not in result.output


def test_refuses_to_write_into_templates() -> None:
    with pytest.raises(OutputError, match="refusing"):
        build(BuildOptions(formats=["dfg-cv"], out=project_root() / "templates" / "x"))


@pytest.mark.parametrize(
    "title",
    [
        "Smith & Jones <2020> \"quoted\" 'single' Ünïcödé 🚀",
        "שלום עולם: right-to-left text مرحبا",
        "x" * 100_000,
    ],
    ids=["markup and emoji", "right-to-left", "100k characters"],
)
def test_text_survives_exactly(tmp_path: Path, title: str) -> None:
    import json

    path = profile(tmp_path, json.dumps(title, ensure_ascii=False))
    (report,) = build(
        BuildOptions(
            formats=["dfg-cv"], langs=["en"], as_of=AS_OF, profiles=[path], out=tmp_path / "o"
        )
    )
    assert title in texts(report.path)


def test_control_characters_are_removed_and_reported(tmp_path: Path) -> None:
    path = profile(tmp_path, '"Bell\\a tab\\v null\\0 esc\\e end"')
    (report,) = build(
        BuildOptions(
            formats=["dfg-cv"], langs=["en"], as_of=AS_OF, profiles=[path], out=tmp_path / "o"
        )
    )
    assert "Bell tab null esc end" in texts(report.path)
    assert any("cannot store" in w.message for w in report.warnings)


def test_interrupted_build_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    good = profile(tmp_path, '"First"')
    build(BuildOptions(formats=["dfg-cv"], as_of=AS_OF, profiles=[good], out=out))
    before = snapshot(out)
    calls = {"n": 0}
    real_replace = os.replace

    def interrupting_replace(src: str, dst: str) -> None:
        if Path(dst).is_relative_to(out):  # a document (cache writes replace files too)
            calls["n"] += 1
            if calls["n"] == 2:
                raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupting_replace)
    changed = profile(tmp_path, '"Second"')
    with pytest.raises(KeyboardInterrupt):
        build(BuildOptions(formats=["dfg-cv"], as_of=AS_OF, profiles=[changed], out=out))
    after = snapshot(out)
    assert set(after) == set(before), "no partial or temporary file is left"
    changed_files = [name for name in after if after[name] != before[name]]
    assert len(changed_files) == 1  # the first document was replaced whole, the second kept


def test_same_input_same_bytes(tmp_path: Path) -> None:
    path = profile(tmp_path, '"Same"')
    first = build(
        BuildOptions(formats=["dfg-cv"], as_of=AS_OF, profiles=[path], out=tmp_path / "a")
    )
    second = build(
        BuildOptions(formats=["dfg-cv"], as_of=AS_OF, profiles=[path], out=tmp_path / "b")
    )
    for a, b in zip(first, second, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes()


@pytest.mark.parametrize("enabled", [True, False])
def test_documents_render_with_the_collector_paused_and_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    import gc

    import grantdocs.build.tasks as build_module

    states: list[bool] = []
    real = build_module.build_one

    def watched(*args: object, **kwargs: object) -> object:
        states.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "build_one", watched)
    path = profile(tmp_path, '"Paused"')
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        after: list[bool] = []
        build(
            BuildOptions(formats=["dfg-cv"], as_of=AS_OF, profiles=[path], out=tmp_path / "o"),
            on_document=lambda _: after.append(gc.isenabled()),
        )
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert states and not any(states)
    assert after == [enabled] * len(states)


XML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
    min_size=1,
    max_size=60,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=XML_TEXT)
@example(title="\ue288 \ue87e")  # private use (a symbol font's): kept in every style
@example(title="Mark\ue000ed \ue014title")  # the citation renderer's marks: dropped alike
def test_random_unicode_round_trips_through_every_bundled_format(
    tmp_path: Path, title: str
) -> None:
    import yaml

    from grantdocs.formats.registry import bundled_ids
    from grantdocs.render.xmltext import clean

    quoted = yaml.safe_dump(title, allow_unicode=True, default_style='"', width=10**6).strip()
    path = profile(tmp_path, quoted.removesuffix("...").strip())
    reports = build(
        BuildOptions(formats=bundled_ids(), as_of=AS_OF, profiles=[path], out=tmp_path / "o")
    )
    expected = " ".join(clean(title).split())
    for report in reports:
        if report.path.suffix == ".docx":
            document = " ".join(texts(report.path).split())
            if report.format_id in (
                "dfg-cv",
                "publication-list",
                "erc-cv",
                "fraunhofer-cv",
                "horizon-europe-profile",
            ):
                assert expected in document, report.path
        else:
            import openpyxl

            book = openpyxl.load_workbook(report.path)  # opens cleanly
            cells = {
                " ".join(str(c.value).split())
                for sheet in book.worksheets
                for row in sheet.iter_rows()
                for c in row
                if isinstance(c.value, str)
            }
            if expected and report.format_id in ("fraunhofer-lists", "horizon-europe-tables"):
                assert expected in cells, report.path


def test_killed_build_leaves_no_partial_document(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time
    import zipfile

    pubs = "".join(
        f"  - {{id: p{i}, kind: journal_article, authors: [Lovelace A], title: T{i}, year: 2020}}\n"
        for i in range(3000)
    )
    path = (
        write_tree(
            tmp_path,
            {"p.yaml": "person: {given_names: Ada, family_name: Lovelace}\npublications:\n" + pubs},
        )
        / "p.yaml"
    )
    out = tmp_path / "out"
    args = [
        sys.executable,
        "-m",
        "grantdocs",
        "build",
        "--profile",
        str(path),
        "--out",
        str(out),
        "--as-of",
        "2025-09-20",
        "-q",
    ]
    subprocess.run(args, check=True, capture_output=True)
    before = snapshot(out)
    for delay in (0.4, 0.8, 1.2):
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for doc in out.rglob("*.docx"):
            with zipfile.ZipFile(doc) as z:
                assert z.testzip() is None  # every document is whole: old or new
        assert {p for p in snapshot(out) if not p.split("/")[-1].startswith(".grantdocs-")} == set(
            before
        )
    subprocess.run(args, check=True, capture_output=True)
    assert set(snapshot(out)) == set(before), "the next build clears what a killed one left"
    deadline = time.monotonic() + 5
    while _processes_naming(str(path)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_naming(str(path)) == [], "a killed build's workers end with it"


def _processes_naming(text: str) -> list[int]:
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline and int(proc.name) != os.getpid():
            found.append(int(proc.name))
    return found


def test_worker_processes_give_the_same_documents_and_errors(tmp_path: Path) -> None:
    from docx import Document as NewDocument

    from grantdocs.errors import TemplateError

    serial = build(BuildOptions(as_of=AS_OF, out=tmp_path / "one", workers=1))
    parallel = build(BuildOptions(as_of=AS_OF, out=tmp_path / "two", workers=2))
    assert [r.path.relative_to(tmp_path / "one") for r in serial] == [
        r.path.relative_to(tmp_path / "two") for r in parallel
    ]
    for a, b in zip(serial, parallel, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes()
        assert a.warnings == b.warnings

    broken = NewDocument()
    broken.add_paragraph("{{ person.nmae }}")
    broken.save(str(tmp_path / "broken.docx"))
    write_tree(tmp_path, {"mine.yaml": f"extends: dfg-cv\ntemplate: {tmp_path / 'broken.docx'}\n"})
    with pytest.raises(TemplateError) as info:
        build(
            BuildOptions(
                formats=["dfg-cv", str(tmp_path / "mine.yaml")],
                as_of=AS_OF,
                out=tmp_path / "three",
                workers=2,
            )
        )
    assert "broken.docx" in info.value.message and "nmae" in info.value.message


@pytest.mark.parametrize("command", ["build", "explain"])
@pytest.mark.parametrize("day", ["0001-01-01", "0999-12-31", "10000-01-01"])
def test_an_as_of_date_outside_four_digit_years(tmp_path: Path, command: str, day: str) -> None:
    args = [command, "dfg-cv", "--as-of", day]
    out = tmp_path / "out"
    if command == "build":
        args += ["--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "--as-of" in result.output and (
        "four digits" in result.output or "YYYY-MM-DD" in result.output
    )
    assert not out.exists()


def test_the_earliest_as_of_date_builds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", "dfg-cv", "--lang", "en", "--as-of", "1000-01-01", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(list(out.rglob("*.docx"))) == 1


def test_a_family_name_longer_than_a_core_property(tmp_path: Path) -> None:
    given, family = "Augusta " * 10 + "Ada", "Lovelace" * 20  # a title over 255 characters
    path = tmp_path / "p.yaml"
    path.write_text(f"person: {{given_names: {given}, family_name: {family}}}\n", "utf-8")
    out = tmp_path / "out"
    args = ["--lang", "en", "--as-of", "2025-09-20", "--profile", str(path), "--out", str(out)]
    result = CliRunner().invoke(cli, ["build", "dfg-cv", *args])
    assert result.exit_code == 0, result.output
    (doc,) = out.rglob("*.docx")
    title = Document(str(doc)).core_properties.title
    assert len(title) == 255 and title.endswith("…") and "Augusta Ada Lovelace" in title


def test_a_family_name_longer_than_a_file_name_allows_still_builds(tmp_path: Path) -> None:
    """A 300-character family name: the file name is cut, the document says it whole."""
    from docx import Document

    family = "Lovelace" * 40
    profile = write_tree(
        tmp_path, {"p.yaml": f"person: {{given_names: Ada, family_name: {family}}}\n"}
    )
    [report] = build(
        BuildOptions(
            formats=["dfg-cv"], langs=["en"], profiles=[profile / "p.yaml"], out=tmp_path / "o"
        )
    )
    assert report.path.is_file() and len(report.path.name.encode()) < 255
    assert any(
        family in p.text
        for t in Document(str(report.path)).tables
        for r in t.rows
        for c in r.cells
        for p in c.paragraphs
    )


def test_a_language_one_named_format_lacks_is_left_out_with_a_note_the_rest_is_built(
    tmp_path: Path,
) -> None:
    """``build dfg-cv erc-cv --lang de,en`` (issue 19 changed this from refusing all):
    dfg-cv in both, erc-cv in English, and a note that erc-cv offers no German. Asked only
    for languages no named format offers, the build still stops before writing."""
    from grantdocs.build import build_all

    out = tmp_path / "out"
    result = build_all(
        BuildOptions(formats=["dfg-cv", "erc-cv"], langs=["de", "en"], as_of=AS_OF, out=out)
    )
    built = sorted((r.format_id, r.lang) for r in result.reports)
    assert built == [("dfg-cv", "de"), ("dfg-cv", "en"), ("erc-cv", "en")]
    assert result.skipped == ["erc-cv: not offered in de (it offers en)"]
    with pytest.raises(FormatError, match="not available in 'de'"):
        build(BuildOptions(formats=["erc-cv"], langs=["de"], out=tmp_path / "none"))
    assert not (tmp_path / "none").exists() or not list((tmp_path / "none").rglob("*.docx"))


def test_a_listed_publication_without_the_owner_among_its_authors_is_reported(
    tmp_path: Path,
) -> None:
    """A group's list imported whole: another person's paper in the CV is named, once."""
    profile = write_tree(
        tmp_path,
        {
            "p.yaml": "person: {given_names: Ada, family_name: Lovelace}\n"
            "publications:\n"
            "  - {id: mine, kind: journal_article, authors: [Lovelace A], title: Notes,"
            " year: 2024, peer_reviewed: true}\n"
            "  - {id: theirs, kind: journal_article, authors: [Babbage C], title: Engines,"
            " year: 2024, peer_reviewed: true}\n"
        },
    )
    [report] = build(
        BuildOptions(
            formats=["dfg-cv"], langs=["en"], profiles=[profile / "p.yaml"], out=tmp_path / "o"
        )
    )
    flagged = [n for n in report.warnings if n.code == "owner-not-author"]
    assert [n.subject for n in flagged] == ["theirs"]
    assert "p.yaml:" in (flagged[0].where or "") and "name_variants" in flagged[0].message
