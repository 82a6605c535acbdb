"""Europass CV (XML v3) import on published Europass files."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantdocs.errors import ImportFileError
from grantdocs.importers.detect import read_import_file
from grantdocs.importers.europass import read_europass
from grantdocs.profile.load import load_profile
from tests.importers.conftest import run

REAL = Path(__file__).parents[1] / "fixtures" / "real" / "europass"
NORRIS = REAL / "Europass_CV_V3.3.0_Example.xml"


def woelders_xml() -> str:
    """The CV in the Europass editor's upload test page, as the page's form sends it."""
    page = (REAL / "remote-upload-test-ECV-ECL-ELP.html").read_text(encoding="utf-8")
    return page.split('<textarea name="europass-xml">', 1)[1].split("</textarea>", 1)[0]


def sections(result: object) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in result.records:  # type: ignore[attr-defined]
        counts[record.section] = counts.get(record.section, 0) + 1
    return counts


def test_a_published_cv_with_six_positions_and_four_degrees() -> None:
    result = read_europass(woelders_xml(), "woelders.xml")
    assert result.person is not None
    assert (result.person.given_names, result.person.family_name) == ("Bart Michiel", "Woelders")
    assert result.person.email == "bartwoelders@live.nl"
    assert sections(result) == {"positions": 5, "education": 4}
    [skip] = result.skipped  # the working group membership names no employer
    assert (skip.label, skip.reason) == ("work experience 4", "no employer")
    first = result.records[0].entry
    assert (first["title"], first["organisation"], first["start"]) == (
        "Researcher",
        "Ministry of Foreign Affairs, Evaluation Department",
        "2012-07-04",
    )
    assert "end" not in first  # <Current>true</Current>
    assert first["description"].startswith("I perform research on economic diplomacy")
    degrees = [r.entry for r in result.records if r.section == "education"]
    assert [d.get("level") for d in degrees] == ["master", "master", None, "bachelor"]
    assert degrees[1]["end"] == "2011-07-29"
    [languages] = [n for n in result.notes if n.startswith("languages")]
    assert "Dutch (native)" in languages and "French (B2/C1)" in languages


def test_the_official_v3_3_example() -> None:
    result = read_europass(NORRIS.read_text(encoding="utf-8"), "norris.xml")
    assert result.person is not None and result.person.family_name == "Norris"
    assert sections(result) == {"positions": 1, "education": 1}
    degree = next(r.entry for r in result.records if r.section == "education")
    assert (degree["level"], degree["subject"]) == ("bachelor", "Arts")  # EQF 6, field label
    [publication] = result.skipped
    assert publication.label == "publication 1"
    assert "free text, not a citation ('Bla Bla my publications.')" in publication.reason
    assert publication.location.line == 288


def test_detected_by_content_and_imported_with_the_report(tmp_path: Path) -> None:
    cv = tmp_path / "Europass_CV.xml"
    cv.write_text(woelders_xml(), encoding="utf-8")
    assert run("init", tmp_path / "me", "--name", "Bart Woelders").exit_code == 0
    dry = run("import", cv, "--profile", tmp_path / "me")
    assert dry.exit_code == 0, dry.output
    assert "Europass CV (XML v3)" in dry.output
    assert "read 10, imported 9, merged (already present) 0, skipped 1" in dry.output
    written = run("import", cv, "--profile", tmp_path / "me", "--write")
    assert written.exit_code == 0, written.output
    profile = load_profile(tmp_path / "me" / "profile.yaml").profile
    assert "Member of the Board" in [str(p.title) for p in profile.positions]


def test_init_takes_name_and_email_from_the_cv(tmp_path: Path) -> None:
    result = run("init", tmp_path / "me", "--from", NORRIS)
    assert result.exit_code == 0, result.output
    person = load_profile(tmp_path / "me" / "profile.yaml").profile.person
    assert (person.given_names, person.family_name) == ("Chuck", "Norris")
    assert person.contact.email == ["chuck@chucknorrisfacts.com"]


def test_an_unknown_format_names_the_known_ones(tmp_path: Path) -> None:
    odd = tmp_path / "notes.xml"
    odd.write_text('<?xml version="1.0"?><notes><n>x</n></notes>', encoding="utf-8")
    result = run("import", odd)
    assert result.exit_code == 1
    assert "not a format grantdocs imports" in result.output
    assert "Europass CV (XML v3, root 'SkillsPassport')" in result.output
    plain = tmp_path / "cv.txt"
    plain.write_text("Curriculum vitae\nAda Lovelace\n", encoding="utf-8")
    result = run("import", plain)
    assert result.exit_code == 1 and "JSON Resume, or a Europass CV" in result.output


def test_the_wrong_format_option_reads_nothing_and_is_exit_1(tmp_path: Path) -> None:
    cv = tmp_path / "Europass_CV.xml"
    cv.write_text(woelders_xml(), encoding="utf-8")
    result = run("import", cv, "--format", "bibtex")
    assert result.exit_code == 1, result.output
    assert "nothing to import" in result.output
    assert "Traceback" not in result.output


def test_a_dtd_is_refused_so_entities_cannot_expand(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE SkillsPassport [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<SkillsPassport xmlns="http://europass.cedefop.europa.eu/Europass"><LearnerInfo>'
        "<Identification><PersonName><Surname>&b;</Surname></PersonName></Identification>"
        "</LearnerInfo></SkillsPassport>"
    )
    path = tmp_path / "cv.xml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(ImportFileError, match="declares a DTD"):
        read_import_file(path, display="cv.xml")


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ('<Candidate xmlns="http://www.europass.eu/1.0"/>', "the Europass format of 2020 on"),
        ("<SkillsPassport><LearnerInfo>", "not well-formed XML"),
    ],
)
def test_unread_europass_files_are_messages(tmp_path: Path, xml: str, message: str) -> None:
    path = tmp_path / "cv.xml"
    path.write_text(xml, encoding="utf-8")
    result = run("import", path)
    assert result.exit_code == 1, result.output
    assert message in result.output


def test_the_xml_attached_to_a_europass_pdf_is_read() -> None:
    """A PDF the Europass editor made in 2013 carries the CV as an XML attachment; this one
    holds only the person's name, so an import reads nothing and says so."""
    pdf = REAL / "Europass-CV-20130618-Emmanouilidi-EN.pdf"
    result = read_import_file(pdf, display="cv.pdf")
    assert result.format == "Europass CV (XML v3)"
    assert result.person is not None
    assert (result.person.given_names, result.person.family_name) == ("Sofia", "Emmanouilidi")
    assert result.read == 0
    cli = run("import", pdf)
    assert cli.exit_code == 1, cli.output
    assert "nothing to import" in cli.output


def test_a_pdf_without_the_attachment_is_a_message() -> None:
    result = run("import", REAL / "Europass-CV-130619-Emmanouilidi.pdf")
    assert result.exit_code == 1, result.output
    assert "a PDF without a Europass XML attachment" in result.output
    assert "Traceback" not in result.output


def test_a_broken_pdf_is_a_message_without_library_noise(tmp_path: Path) -> None:
    cut = tmp_path / "cv.pdf"
    cut.write_bytes((REAL / "Europass-CV-20130618-Emmanouilidi-EN.pdf").read_bytes()[:20000])
    result = run("import", cut)
    assert result.exit_code == 1
    assert "a PDF grantdocs cannot read" in result.output
    assert "EOF marker" not in result.output and "Traceback" not in result.output


def test_init_writes_the_languages_of_the_cv(tmp_path: Path) -> None:
    cv = tmp_path / "Europass_CV.xml"
    cv.write_text(woelders_xml(), encoding="utf-8")
    result = run("init", tmp_path / "me", "--from", cv)
    assert result.exit_code == 0, result.output
    profile = load_profile(tmp_path / "me" / "profile.yaml").profile
    spoken = [(str(s.language), s.level) for s in profile.spoken_languages]
    assert len(spoken) == 6
    assert spoken[0][0] == "Dutch" and spoken[1:3] == [("English", "C2"), ("French", "B2/C1")]
    assert "EXAMPLE: German" not in (tmp_path / "me" / "profile.yaml").read_text(encoding="utf-8")
    assert len(profile.positions) == 1 + 5  # the skeleton's example and the CV's five
