"""The public Python API (``grantdocs.__all__``), called as a user would: nothing else is
imported from grantdocs here."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

import grantdocs

AS_OF = dt.date(2025, 9, 20)
BIB = Path(__file__).parent / "fixtures" / "real" / "nicolas-mueller_papers.bib"

OWN = """\
person:
  given_names: Ada
  family_name: Lovelace
  name_variants: [Lovelace A]
positions:
  - {title: "Analyst & <Engine> Designer", organisation: "Analytical Society", start: 2020}
publications:
  - id: notes
    kind: journal_article
    authors: [Lovelace A, Babbage C]
    title: "Sketch of the Analytical Engine"
    venue: "Scientific Memoirs"
    year: 2024
    peer_reviewed: true
    rank: 1
"""


def own_profile(folder: Path) -> Path:
    (folder / "cv").mkdir()
    path = folder / "cv" / "profile.yaml"
    path.write_text(OWN, encoding="utf-8")
    return path


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(texts)


def test_the_public_names_are_the_api_and_resolve_after_every_internal_import() -> None:
    import importlib
    import pkgutil

    for module in pkgutil.walk_packages(grantdocs.__path__, "grantdocs."):
        if module.name.endswith("__main__"):
            continue
        importlib.import_module(module.name)  # grantdocs.build, .render, .formats exist
    for name in ("load_profile", "list_formats", "build_documents", "render_document",
                 "explain", "bundled_profile", "example_team"):
        assert callable(getattr(grantdocs, name)) and not isinstance(
            getattr(grantdocs, name), type(grantdocs)
        ), name
    assert sorted(dir(grantdocs)) == sorted(grantdocs.__all__)
    assert all(hasattr(grantdocs, name) for name in grantdocs.__all__)
    with pytest.raises(AttributeError):
        _ = grantdocs.no_such_name  # type: ignore[attr-defined]


def test_importing_grantdocs_loads_no_document_library() -> None:
    code = (
        "import sys, grantdocs; "
        "print(sorted(m for m in ('docx', 'docxtpl', 'openpyxl', 'pydantic', 'jinja2') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_load_profile_takes_a_str_a_path_or_a_folder(tmp_path: Path) -> None:
    path = own_profile(tmp_path)
    for given in (str(path), path, str(path.parent), path.parent):
        profile = grantdocs.load_profile(given)
        assert isinstance(profile, grantdocs.Profile)
        assert profile.person.family_name == "Lovelace"
    assert grantdocs.load_profile().person.family_name == "Lapuschkin"
    assert grantdocs.bundled_profile().name == "profile.yaml"
    assert grantdocs.load_profile(grantdocs.bundled_profile()).person.family_name == "Lapuschkin"


def test_a_profile_mistake_is_the_problem_list_the_cli_prints(tmp_path: Path) -> None:
    bad = tmp_path / "profile.yaml"
    bad.write_text(OWN.replace("  family_name: Lovelace\n", "  famly_name: Lovelace\n"),
                   encoding="utf-8")
    with pytest.raises(grantdocs.ProfileError) as caught:
        grantdocs.load_profile(str(bad))
    problems = caught.value.problems
    assert any(p.location.line == 3 and "famly_name" in p.message for p in problems), problems
    assert all(isinstance(p, grantdocs.Problem) for p in problems)
    assert f"{bad}:3:3" in caught.value.render()
    with pytest.raises(grantdocs.GrantdocsError, match="cannot read the profile"):
        grantdocs.load_profile(tmp_path / "missing.yaml")


def test_list_formats_lists_the_bundled_and_a_users_own(tmp_path: Path) -> None:
    bundled = grantdocs.list_formats()
    ids = [f.id for f in bundled]
    assert ids == sorted(ids) and {"dfg-cv", "erc-cv", "erc-grants", "cv-annex"} <= set(ids)
    dfg = next(f for f in bundled if f.id == "dfg-cv")
    assert (dfg.kind, dfg.scope, dfg.origin) == ("docx", "person", "bundled")
    assert set(dfg.languages) == {"de", "en"} and dfg.title
    assert next(f for f in bundled if f.id == "cv-annex").scope == "team"
    mine = tmp_path / "formats" / "my-cv"
    mine.mkdir(parents=True)
    (mine / "format.yaml").write_text("extends: dfg-cv\nid: my-cv\n", encoding="utf-8")
    listed = grantdocs.list_formats([str(tmp_path / "formats")])
    assert [f.id for f in listed] == sorted([*ids, "my-cv"])
    assert next(f for f in listed if f.id == "my-cv").origin != "bundled"
    with pytest.raises(grantdocs.FormatError):
        grantdocs.list_formats([tmp_path / "nowhere"])


def test_build_documents_writes_what_the_cli_writes(tmp_path: Path) -> None:
    path = own_profile(tmp_path)
    report = grantdocs.build_documents(
        ["dfg-cv", "fraunhofer-lists"], profile=str(path), out=tmp_path / "out", langs=["de"],
        as_of=AS_OF,
    )
    assert report.ok and not report.failed
    built = {(d.format, d.lang): d for d in report.documents}
    assert set(built) == {("dfg-cv", "de"), ("fraunhofer-lists", "de")}
    assert zipfile.ZipFile(built["fraunhofer-lists", "de"].path).testzip() is None
    cv = built["dfg-cv", "de"]
    assert cv.path.is_file() and cv.path.is_relative_to(tmp_path / "out")
    assert cv.person == "Ada Lovelace" and cv.scope == "person"
    text = docx_text(cv.path.read_bytes())
    assert "Analyst & <Engine> Designer" in text and "Lovelace" in text
    assert any(w.code == "no-doi" for w in cv.warnings)


def test_build_documents_for_the_example_team(tmp_path: Path) -> None:
    report = grantdocs.build_documents(
        ["team-publication-list", "dfg-cv"], team=grantdocs.example_team(), out=tmp_path,
        langs=["en"],
    )
    assert report.ok
    team = [d for d in report.documents if d.scope == "team"]
    assert [d.format for d in team] == ["team-publication-list"] and team[0].person == ""
    people = {d.person for d in report.documents if d.scope == "person"}
    assert len(people) == 4 and "Sebastian Lapuschkin" in people
    with pytest.raises(grantdocs.GrantdocsError, match="not both"):
        grantdocs.build_documents(profile="a", team="b", out=tmp_path)


def test_build_documents_refuses_bad_input_with_the_cli_messages(tmp_path: Path) -> None:
    with pytest.raises(grantdocs.FormatError, match="no-such-format"):
        grantdocs.build_documents(["no-such-format"], out=tmp_path)
    with pytest.raises(grantdocs.FormatError, match="bilingual"):
        grantdocs.build_documents(["dfg-cv"], langs=["de+de"], out=tmp_path)
    with pytest.raises(grantdocs.OutputError, match="refusing"):
        grantdocs.build_documents(["dfg-cv"], out=grantdocs.bundled_profile().parent / "x")
    with pytest.raises(grantdocs.GrantdocsError, match="jobs"):
        grantdocs.build_documents(out=tmp_path, jobs=0)
    assert not list(tmp_path.iterdir())


def test_render_document_gives_the_bytes_build_writes(tmp_path: Path) -> None:
    path = own_profile(tmp_path)
    one = grantdocs.render_document("dfg-cv", "en", profile=path, as_of=AS_OF)
    assert one.kind == "docx" and one.filename.endswith(".docx")
    written = grantdocs.build_documents(
        ["dfg-cv"], profile=path, out=tmp_path / "out", langs=["en"], as_of=AS_OF
    ).documents[0]
    assert one.data == written.path.read_bytes()
    assert one.filename == written.path.name
    assert [w.code for w in one.warnings] == [w.code for w in written.warnings]
    sheet = grantdocs.render_document("erc-grants", profile=path, as_of=AS_OF)
    assert sheet.kind == "xlsx" and zipfile.ZipFile(io.BytesIO(sheet.data)).testzip() is None
    assert not (tmp_path / "output").exists()


def test_render_document_refuses_what_build_refuses(tmp_path: Path) -> None:
    with pytest.raises(grantdocs.FormatError, match="team format"):
        grantdocs.render_document("cv-annex")
    with pytest.raises(grantdocs.FormatError):
        grantdocs.render_document("horizon-europe-profile", "de")  # English only
    with pytest.raises(grantdocs.GrantdocsError) as caught:
        grantdocs.render_document("dfg-cv", "de", pin=[("no-such-slot", "x")], as_of=AS_OF)
    assert "no-such-slot" in caught.value.render()


def test_render_document_refuses_init_examples_unless_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "grantdocs", "init", "mine", "--from", str(BIB), "--name",
         "Nicolas Müller"],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with pytest.raises(grantdocs.ProfileError, match="example value"):
        grantdocs.render_document("dfg-cv", "de", profile="mine", as_of=AS_OF)
    one = grantdocs.render_document(
        "dfg-cv", "de", profile="mine", as_of=AS_OF, allow_examples=True
    )
    assert "Müller" in docx_text(one.data)
    assert any(w.code == "placeholder" for w in one.warnings)


def test_explain_says_what_each_slot_kept_and_why(tmp_path: Path) -> None:
    why = grantdocs.explain("dfg-cv", profile=own_profile(tmp_path), as_of=AS_OF)
    assert why.format == "dfg-cv" and why.as_of == AS_OF
    kept = [d for slot in why.slots for d in slot.kept]
    assert any(d.id == "notes" and d.reason for d in kept), why
    bundled = grantdocs.explain("dfg-cv", as_of=AS_OF, exclude=["bach2015pixel"])
    dropped = {d.id: d.reason for s in bundled.slots for d in s.dropped}
    assert "excluded" in dropped["bach2015pixel"], dropped["bach2015pixel"]
    assert all(len(s.kept) <= (s.limit or len(s.kept)) for s in bundled.slots)


API_SCRIPT = """\
import datetime as dt
from pathlib import Path

import grantdocs


def newest(folder: Path) -> list[str]:
    profile: grantdocs.Profile = grantdocs.load_profile(str(folder))
    formats: list[grantdocs.FormatInfo] = grantdocs.list_formats([folder])
    report: grantdocs.BuildReport = grantdocs.build_documents(
        [f.id for f in formats if f.scope == "person"], profile=folder, out=folder / "out"
    )
    one: grantdocs.RenderedDocument = grantdocs.render_document("dfg-cv", "de+en")
    data: bytes = one.data
    why: grantdocs.Explanation = grantdocs.explain("dfg-cv", as_of=dt.date(2025, 1, 1))
    try:
        grantdocs.load_profile(Path("x"))
    except grantdocs.GrantdocsError as exc:
        problems: list[grantdocs.Problem] = exc.problems
        print(problems, data[:2])
    return [profile.person.family_name, *(str(d.path) for d in report.documents),
            *(s.name for s in why.slots), grantdocs.__version__]
"""


def test_a_script_using_the_api_passes_mypy_strict(tmp_path: Path) -> None:
    script = tmp_path / "use_api.py"
    script.write_text(API_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True, text=True, cwd=tmp_path, timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    wrong = tmp_path / "wrong.py"
    wrong.write_text("import grantdocs\nx: int = grantdocs.load_profile('p')\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(wrong)],
        capture_output=True, text=True, cwd=tmp_path, timeout=900,
    )
    assert done.returncode == 1 and "Profile" in done.stdout, done.stdout
