"""The bundled example team: one command builds every team document, every member's CV in
the annex, and (with LibreOffice) one PDF with a bookmark per person."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.build import BuildOptions, build
from grantdocs.cli.main import cli
from grantdocs.formats.registry import bundled_ids, load_format
from grantdocs.render.pdf import find_soffice
from grantdocs.resources import example_team
from tests.conftest import AS_OF

TEAM_FORMATS = [n for n in bundled_ids() if load_format(n).spec.scope == "team"]


def test_build_team_writes_every_members_and_every_team_document(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", "--team", str(example_team()), "--out", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    documents = [p.relative_to(out) for p in out.rglob("*") if p.suffix in (".docx", ".xlsx")]
    expected = {(name, lang) for name in TEAM_FORMATS for lang in load_format(name).spec.languages}
    assert {(p.parts[0], p.parts[1]) for p in documents if len(p.parts) == 3} == expected
    members = {p.parts[0] for p in documents if len(p.parts) == 4}
    assert members == {"Lapuschkin", "Musterfrau", "Beispiel", "Exempel"}
    per_member = {m: sum(1 for p in documents if p.parts[0] == m) for m in members}
    assert len(set(per_member.values())) == 1 and per_member["Exempel"] >= 12
    assert len(TEAM_FORMATS) == 4


def test_example_texts_in_a_member_stop_the_annex(tmp_path: Path) -> None:
    from tests.team.conftest import person, team_file, write_team

    path = write_team(
        tmp_path,
        {
            "team.yaml": team_file([("a", "applicant"), ("b", "key_person")]),
            "a/profile.yaml": person("Ada", "Lovelace", "Lovelace A"),
            "b/profile.yaml": person(
                "Emmy",
                "Noether",
                "Noether E",
                [{"id": "n1", "authors": ["Noether E"], "title": "EXAMPLE: your best paper"}],
            ),
        },
    )
    result = CliRunner().invoke(
        cli,
        ["build", "cv-annex", "--lang", "en", "--team", str(path), "--out", str(tmp_path / "o")],
    )
    assert result.exit_code == 1, result.output
    assert "b/profile.yaml" in result.output and "EXAMPLE: your best paper" in result.output


def test_a_team_format_named_without_a_team_is_built_for_the_example_team(
    tmp_path: Path,
) -> None:
    reports = build(
        BuildOptions(formats=["cv-annex", "dfg-cv"], langs=["en"], as_of=AS_OF, out=tmp_path)
    )
    assert {(r.format_id, r.scope) for r in reports} == {("cv-annex", "team"), ("dfg-cv", "person")}
    (annex,) = [r for r in reports if r.scope == "team"]
    assert [p.title.split(" (")[0] for p in annex.parts[1:]] == [
        "Dr. rer. nat. Sebastian Lapuschkin",
        "Dr. med. Erika Musterfrau",
        "Dr.-Ing. Jan Beispiel",
        "Dr. Alva Exempel",
    ]


def test_a_team_format_without_a_team_is_skipped_and_said(tmp_path: Path) -> None:
    from grantdocs.build import build_all
    from tests.conftest import small_profile

    path = small_profile(tmp_path, "Title")
    result = build_all(
        BuildOptions(formats=["cv-annex"], as_of=AS_OF, profiles=[path], out=tmp_path / "o")
    )
    assert result.reports == [] and "--team" in result.skipped[0]


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_annex_pdf_has_a_bookmark_per_person(tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "cv-annex",
            "--lang",
            "en",
            "--team",
            str(example_team()),
            "--out",
            str(out),
            "--pdf",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    (pdf,) = out.rglob("CV_Annex_*.pdf")
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    marks = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert [title.split(" (")[0] for title, _ in marks] == [
        "Curricula vitae",
        "Dr. rer. nat. Sebastian Lapuschkin",
        "Dr. med. Erika Musterfrau",
        "Dr.-Ing. Jan Beispiel",
        "Dr. Alva Exempel",
    ]
    pages = [page for _, page in marks]
    assert pages[0] == 0 and pages == sorted(set(pages)) and len(reader.pages) > pages[-1]


def test_the_default_build_is_the_bundled_profiles_documents_only(tmp_path: Path) -> None:
    reports = build(BuildOptions(as_of=AS_OF, out=tmp_path))
    assert reports and {r.scope for r in reports} == {"person"}
