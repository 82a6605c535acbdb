"""Import from an ORCID iD against recorded answers of ORCID, Crossref and doi.org."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grantdocs.errors import ImportFileError, SourceError
from grantdocs.importers.online import read_orcid_online
from grantdocs.importers.sources.http import Client
from grantdocs.profile.load import load_profile
from tests.docx_read import open_docx, texts
from tests.http_server import DELPEUCH, DELPEUCH_BULK, REAL, RecordedServer, Reply, add_delpeuch
from tests.importers.conftest import run

BULK_FILE = REAL / "dissemin" / f"{DELPEUCH}-works-{DELPEUCH_BULK}.json"


def by_title(result: object) -> dict[str, dict[str, object]]:
    return {
        r.entry["title"]: r.entry
        for r in result.records  # type: ignore[attr-defined]
        if r.section == "publications"
    }


def test_works_get_real_authors_venues_and_pages(online: RecordedServer) -> None:
    add_delpeuch(online)
    with Client() as client:
        result = read_orcid_online(f"orcid:{DELPEUCH}", client, owner="Delpeuch A")
    works = by_title(result)
    assert len([r for r in result.records if r.section == "publications"]) == 6
    assert len(works) == 5  # the two Zenodo versions of the thesis share a title
    # authors from the BibTeX citation ORCID holds for the work (no contributors recorded)
    assert works["Normal forms for planar connected string diagrams"]["authors"] == [
        "Delpeuch A",
        "Vicary J",
    ]
    rdf = works["From Natural Language to RDF Graphs with Pregroups"]
    assert rdf["authors"] == ["Delpeuch A", "Preller A"]
    assert rdf["pages"] == "55–62"
    assert rdf["kind"] == "conference_paper"
    # completed from Crossref: the full container title replaces ORCID's 'EPTCS'
    grammar = works["Complexity of Grammar Induction for Quantum Types"]
    assert grammar["venue"] == "Electronic Proceedings in Theoretical Computer Science"
    assert (grammar["volume"], grammar["pages"]) == ("172", "236–248")
    assert grammar["publisher"] == "Open Publishing Association"
    assert grammar["doi"] == "10.4204/eptcs.172.16"
    record = next(r for r in result.records if r.entry.get("doi") == "10.4204/eptcs.172.16")
    assert "from Crossref (DOI 10.4204/eptcs.172.16): venue" in record.notes
    # no work keeps the 'only author: the owner' warning where a source gave authors
    assert not [w for r in result.records for w in r.warnings if "gives no author list" in w]


def test_a_datacite_doi_is_completed_through_doi_org(online: RecordedServer) -> None:
    add_delpeuch(online)
    with Client() as client:
        result = read_orcid_online(f"orcid:{DELPEUCH}", client, owner="Delpeuch A")
    zenodo = [r for r in result.records if "zenodo" in str(r.entry.get("doi", "")).lower()]
    assert len(zenodo) == 2
    for record in zenodo:
        assert record.entry["publisher"] == "Zenodo"
        assert any(n.startswith("from doi.org (DOI 10.5281/zenodo.") for n in record.notes)
    assert online.count("/doi/10.5281/zenodo.1299049") == 1
    assert online.count("/crossref/works?filter=doi:10.5281/zenodo.1299049") == 1


def test_an_answer_about_another_doi_is_refused(online: RecordedServer) -> None:
    """dissemin's recording for 10.4204/eptcs.172.16 is really about 10.4204/eptcs.153.4."""
    add_delpeuch(online)
    online.add("/crossref/works?filter=doi:10.4204/eptcs.172.16", Reply(404))
    online.add_file("/doi/10.4204/eptcs.172.16", REAL / "dissemin" / "104204eptcs17216.json")
    with (
        Client() as client,
        pytest.raises(SourceError, match=r"about DOI '10\.4204/eptcs\.153\.4'"),
    ):
        read_orcid_online(f"orcid:{DELPEUCH}", client, owner="Delpeuch A")


def test_works_are_asked_in_bulk_pages_of_at_most_100(
    online: RecordedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_delpeuch(online)
    del online.routes[f"/orcid/{DELPEUCH}/works/{DELPEUCH_BULK}"]
    bulk = json.loads(BULK_FILE.read_text(encoding="utf-8"))["bulk"]
    asked: list[list[str]] = []

    def answer(target: str) -> Reply:  # the recorded works of the put-codes asked for
        codes = target.rsplit("/", 1)[1].split(",")
        asked.append(codes)
        chosen = [w for w in bulk if str(w["work"]["put-code"]) in codes]
        return Reply(200, json.dumps({"bulk": chosen}).encode())

    online.add_handler(f"/orcid/{DELPEUCH}/works/", answer)
    monkeypatch.setattr("grantdocs.importers.sources.orcid.BULK", 4)
    with Client() as client:
        result = read_orcid_online(f"orcid:{DELPEUCH}", client, owner="Delpeuch A")
    assert [len(page) for page in asked] == [4, 2]
    assert by_title(result)["Normal forms for planar connected string diagrams"]["authors"] == [
        "Delpeuch A",
        "Vicary J",
    ]


def test_an_unknown_orcid_id_is_a_message(online: RecordedServer) -> None:
    with Client() as client, pytest.raises(SourceError, match="ORCID has no public record"):
        read_orcid_online("orcid:0000-0002-1825-0097", client)


@pytest.mark.parametrize(
    ("given", "message"),
    [("orcid:1234", "is not an ORCID iD"), ("orcid:0000-0002-1825-0098", "check digit")],
)
def test_a_malformed_orcid_id_is_refused_before_any_request(
    online: RecordedServer, given: str, message: str
) -> None:
    with Client() as client, pytest.raises(SourceError, match=message):
        read_orcid_online(given, client)
    assert online.hits == []


def test_malformed_json_from_orcid_is_a_located_error(online: RecordedServer) -> None:
    cut = (REAL / "dissemin" / f"{DELPEUCH}.json").read_bytes()[:3000]  # a broken transfer
    online.add(f"/orcid/{DELPEUCH}/record", Reply(200, cut))
    with Client() as client, pytest.raises(ImportFileError, match="not valid JSON"):
        read_orcid_online(DELPEUCH, client)


def test_malformed_json_from_the_bulk_is_a_message(online: RecordedServer) -> None:
    add_delpeuch(online)
    online.add(f"/orcid/{DELPEUCH}/works/{DELPEUCH_BULK}", Reply(200, BULK_FILE.read_bytes()[:-9]))
    with Client() as client, pytest.raises(SourceError, match="not valid JSON"):
        read_orcid_online(DELPEUCH, client)


def test_import_cli_dry_run_then_write(online: RecordedServer, tmp_path: Path) -> None:
    add_delpeuch(online)
    assert run("init", tmp_path, "--name", "Antonin Delpeuch").exit_code == 0
    dry = run("import", f"orcid:{DELPEUCH}", "--profile", tmp_path / "profile.yaml")
    assert dry.exit_code == 0, dry.output
    assert f"orcid:{DELPEUCH}: ORCID public API" in dry.output
    # the thesis without DOI is the Zenodo deposit's title and year: merged, not doubled
    assert "read 9, imported 7, merged (already present) 1, skipped 1" in dry.output
    assert "from Crossref (DOI 10.4204/eptcs.172.16): venue" in dry.output
    assert not (tmp_path / "imported.yaml").exists()
    written = run("import", f"orcid:{DELPEUCH}", "--profile", tmp_path, "--write")
    assert written.exit_code == 0, written.output
    profile = load_profile(tmp_path / "profile.yaml").profile
    authors = {p.title: p.authors for p in profile.publications}
    assert authors["Normal forms for planar connected string diagrams"] == [
        "Delpeuch A",
        "Vicary J",
    ]


def test_offline_import_answers_from_the_cache(online: RecordedServer, tmp_path: Path) -> None:
    add_delpeuch(online)
    assert run("init", tmp_path, "--name", "Antonin Delpeuch").exit_code == 0
    first = run("import", f"orcid:{DELPEUCH}", "--profile", tmp_path)
    asked = len(online.hits)
    again = run("import", f"orcid:{DELPEUCH}", "--profile", tmp_path, "--offline")
    assert again.exit_code == 0, again.output
    assert len(online.hits) == asked
    assert "0 requests, 7 answers from the cache (offline)" in again.output

    def body(out: str) -> list[str]:
        return [line for line in out.splitlines() if "answers from the cache" not in line]

    assert body(first.output) == body(again.output)


def test_offline_without_cache_is_exit_1(online: RecordedServer, tmp_path: Path) -> None:
    assert run("init", tmp_path, "--name", "Antonin Delpeuch").exit_code == 0
    result = run("import", f"orcid:{DELPEUCH}", "--profile", tmp_path, "--offline")
    assert result.exit_code == 1
    assert "offline, and" in result.output and "Traceback" not in result.output


def test_server_errors_are_exit_1_and_nothing_is_written(
    online: RecordedServer, tmp_path: Path
) -> None:
    add_delpeuch(online)
    online.add("/crossref/works?filter=doi:10.4204/eptcs.172.16", Reply(500, b"oops"))
    result = run("init", tmp_path / "me", "--orcid", DELPEUCH)
    assert result.exit_code == 1, result.output
    assert "answered HTTP 500" in result.output
    assert not (tmp_path / "me").exists() or not list((tmp_path / "me").iterdir())


def test_init_orcid_then_build_dfg_cv(online: RecordedServer, tmp_path: Path) -> None:
    add_delpeuch(online)
    result = run("init", tmp_path / "me", "--orcid", f"https://orcid.org/{DELPEUCH}")
    assert result.exit_code == 0, result.output
    loaded = load_profile(tmp_path / "me" / "profile.yaml")
    person = loaded.profile.person
    assert (person.given_names, person.family_name) == ("Antonin", "Delpeuch")
    assert person.identifiers.orcid == DELPEUCH
    out = tmp_path / "out"
    built = run(
        "build", "dfg-cv", "--lang", "en", "--profile", tmp_path / "me", "--out", out,
        "--allow-examples", "--as-of", "2020-01-01",
        "--style", "author-year",  # the imported fields, in the style that shows each plainly
    )  # fmt: skip
    assert built.exit_code == 0, built.output
    [docx] = out.rglob("*.docx")
    lines = texts(open_docx(docx))
    assert (
        "Delpeuch A (2014). Complexity of Grammar Induction for Quantum Types. In: Electronic "
        "Proceedings in Theoretical Computer Science 172:236–248. doi:10.4204/eptcs.172.16"
    ) in [line.split("\t", 1)[-1] for line in lines]
    joined = "\n".join(lines)
    assert "Delpeuch A and Preller A (2014). From Natural Language to RDF Graphs" in joined
    assert "Delpeuch A and Vicary J (2018). Normal forms for planar connected string" in joined
