"""A saved ORCID ``/works`` answer (API v3.0) imported like a record, works only.

The answer is the public works list of William D. Pearse (0000-0003-1444-9135) as
pub.orcid.org gave it to rorcid's test recorder in February 2020 (a Ruby VCR cassette): 111
work groups, minified JSON, figshare data sets beside journal articles, three groups with
two versions, 14 works without a publication date.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from grantdocs.importers.detect import detect_format
from grantdocs.importers.jsonpos import parse_json
from grantdocs.importers.orcid import is_works_list, read_orcid
from grantdocs.profile.load import load_profile
from tests.conftest import write_tree
from tests.http_server import REAL, cassette_body
from tests.importers.conftest import run

CASSETTE = REAL / "rorcid" / "works.yml"
PEARSE = "https://pub.orcid.org/v3.0/0000-0003-1444-9135/works"
EMPTY = "https://pub.orcid.org/v3.0/0000-0003-1620-1408/works"


def works_file(folder: Path, uri: str = PEARSE) -> Path:
    path = folder / "works.json"
    path.write_bytes(cassette_body(CASSETTE, uri))
    return path


def test_a_works_list_is_told_from_a_record(tmp_path: Path) -> None:
    path = works_file(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert detect_format(path, text, "works.json") == "orcid"
    assert is_works_list(parse_json(text, "works.json").data)
    record = (REAL / "kbase-orcidlink" / "profile.json").read_text(encoding="utf-8")
    assert not is_works_list(parse_json(record, "profile.json").data)


def test_the_works_are_read(tmp_path: Path) -> None:
    doc = parse_json(works_file(tmp_path).read_text(encoding="utf-8"), "works.json")
    result = read_orcid(doc, "Pearse W D")
    pubs = [r for r in result.records if r.section == "publications"]
    assert len(pubs) == 97
    assert [s.reason for s in result.skipped] == ["no publication year"] * 14
    assert Counter(r.entry["kind"] for r in pubs) == {
        "other": 62,
        "journal_article": 20,
        "dataset": 15,
    }
    # every imported work has its DOI (74 of them figshare's), none a 'no kind' warning
    dois = [r.entry["doi"] for r in pubs]
    assert len(set(d.lower() for d in dois)) == 97
    assert sum(d.startswith("10.6084/") for d in dois) == 74
    assert not [w for r in pubs for w in r.warnings if "has no profile kind" in w]
    first = pubs[0].entry
    assert (first["title"], first["year"], first["month"]) == (
        "Phylogeny Based Biodiversity Data Queries",
        2018,
        5,
    )
    assert first["venue"] == "Biodiversity Information Science and Standards"
    assert first["doi"] == "10.3897/biss.2.25589"
    assert first["authors"] == ["Pearse W D"]  # a works list names no contributors
    assert result.person is None  # nor its owner


def test_import_of_a_works_list_then_write(tmp_path: Path) -> None:
    path = works_file(tmp_path)
    profile = tmp_path / "p"
    write_tree(
        profile,
        {
            "profile.yaml": (
                "person:\n  given_names: William D.\n  family_name: Pearse\n"
                "  name_variants: [Pearse W D]\n"
            )
        },
    )
    result = run("import", path, "--profile", profile)
    assert result.exit_code == 0, result.output
    assert "read 111, imported 97, merged (already present) 0, skipped 14" in result.output
    assert "an ORCID works list (/works): works only" in result.output
    written = run("import", path, "--profile", profile, "--write")
    assert written.exit_code == 0, written.output
    assert len(load_profile(profile / "profile.yaml").profile.publications) == 97
    again = run("import", path, "--profile", profile)
    assert "read 111, imported 0, merged (already present) 97, skipped 14" in again.output


def test_an_empty_works_list_is_exit_1(tmp_path: Path) -> None:
    path = works_file(tmp_path, EMPTY)  # Thomas Johnson's: no work groups at all
    write_tree(tmp_path / "p", {"profile.yaml": "person: {given_names: T, family_name: J}\n"})
    result = run("import", path, "--profile", tmp_path / "p")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
