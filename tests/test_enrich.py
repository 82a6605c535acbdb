"""``grantdocs enrich`` against a recorded Crossref search (Carl Boettiger's works).

The local server answers every bibliographic search with the candidates Crossref gave for
``query=ecology&query.author=carl+boettiger`` (habanero's cassette): twenty of his works,
among them a preprint and its journal version. The profile lists works of his as a user
would type them; 'Tipping points: From patterns to predictions' is in his ORCID record
(rorcid's README) but not among the candidates.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

from grantdocs.importers.sources.http import Client
from grantdocs.importers.sources.search import candidates
from grantdocs.profile.load import load_profile
from tests.conftest import write_tree
from tests.http_server import REAL, RecordedServer, Reply
from tests.importers.conftest import run

CASSETTE = REAL / "habanero" / "test_works_field_queries.yaml"

PROFILE = """\
person:
  given_names: Carl
  family_name: Boettiger
  name_variants: [Boettiger C]
publications:
  - id: boettiger2013early
    kind: journal_article
    authors: [Boettiger C, Ross N, Hastings A]
    title: "Early warning signals: the charted and uncharted territories"
    venue: Theoretical Ecology
    year: 2013

  - id: boettiger2012treebase
    kind: journal_article
    authors: [Boettiger C, Temple Lang D]
    title: "Treebase: an R package for discovery, access and manipulation of online phylogenies"
    venue: Methods in Ecology and Evolution
    year: 2012

  - id: perkins2016games
    kind: journal_article
    authors: [Perkins TA, Boettiger C, Phillips BL]
    title: "After the games are over: life-history trade-offs drive dispersal attenuation following range expansion"
    year: 2016

  - {id: boettiger2012tipping, kind: journal_article, authors: [Boettiger C, Hastings A], title: "Tipping points: From patterns to predictions", year: 2013}
"""


def recorded_search() -> bytes:
    data = yaml.safe_load(CASSETTE.read_text(encoding="utf-8"))
    body = data["interactions"][0]["response"]["body"]["string"]
    return gzip.decompress(body) if isinstance(body, bytes) else str(body).encode()


@pytest.fixture
def crossref(online: RecordedServer) -> RecordedServer:
    body = recorded_search()
    online.add_handler("/crossref/works?", lambda target: Reply(200, body))
    return online


def test_candidates_are_scored(crossref: RecordedServer) -> None:
    with Client() as client:
        found = candidates(
            client,
            "Treebase: an R package for discovery, access and manipulation of online phylogenies",
            ["Boettiger C"],
            2012,
        )
    best = found[0]
    assert best.doi == "10.1111/j.2041-210x.2012.00247.x"
    assert best.title.startswith("Treebase: anRpackage")  # Crossref's <scp> markup removed
    assert best.confident
    assert not found[1].confident  # only the author matches
    [hit] = crossref.hits
    assert "query.author=Boettiger" in hit.target and "rows=5" in hit.target


def test_enrich_finds_confident_dois_and_lists_the_rest(
    crossref: RecordedServer, tmp_path: Path
) -> None:
    write_tree(tmp_path, {"profile.yaml": PROFILE})
    result = run("enrich", "--profile", tmp_path)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "boettiger2013early: doi 10.1007/s12080-013-0192-6 (confident match" in out
    assert "boettiger2012treebase: doi 10.1111/j.2041-210x.2012.00247.x (confident match" in out
    # the journal version, not its bioRxiv preprint (2015, first author given as 'Alex Perkins')
    assert "perkins2016games: doi 10.1002/ece3.2314 (confident match" in out
    assert "? " in out and "boettiger2012tipping" in out  # not among the candidates
    assert "4 without DOI: 3 found, 1 to confirm" in out
    assert "dry run, nothing written" in out
    assert "doi:" not in (tmp_path / "profile.yaml").read_text(encoding="utf-8")


def test_write_adds_one_line_per_doi(crossref: RecordedServer, tmp_path: Path) -> None:
    write_tree(tmp_path, {"profile.yaml": PROFILE})
    result = run(
        "enrich",
        "--profile",
        tmp_path,
        "--write",
        "--accept",
        "boettiger2012tipping=10.1007/s12080-013-0192-6",
    )
    assert result.exit_code == 0, result.output
    assert "added 3 DOIs" in result.output
    assert "boettiger2012tipping: doi 10.1007/s12080-013-0192-6 (accepted by you" in result.output
    text = (tmp_path / "profile.yaml").read_text(encoding="utf-8")
    added = [line for line in text.splitlines() if line not in PROFILE.splitlines()]
    assert added == [
        '    doi: "10.1007/s12080-013-0192-6"',
        '    doi: "10.1111/j.2041-210x.2012.00247.x"',
        '    doi: "10.1002/ece3.2314"',
    ]
    # the last entry is a flow mapping: no line of its own to add to; said, not forced
    assert 'by hand: boettiger2012tipping: add  doi: "10.1007/s12080-013-0192-6"' in result.output
    dois = {p.id: p.doi for p in load_profile(tmp_path / "profile.yaml").profile.publications}
    assert dois["perkins2016games"] == "10.1002/ece3.2314"
    assert dois["boettiger2012tipping"] is None
    again = run("enrich", "--profile", tmp_path)
    assert "1 without DOI: 0 found, 1 to confirm" in again.output


def test_a_preprint_and_its_journal_version_alike_are_left_to_the_user() -> None:
    from grantdocs.enrich import _rival
    from grantdocs.importers.sources.search import Candidate

    journal = Candidate("10.1/j", "T", 2016, ("A B",), None, 1.0, 1.0)
    preprint = Candidate("10.1/p", "T", 2015, ("A B",), None, 0.98, 0.99)
    other = Candidate("10.1/o", "U", 2016, ("A B",), None, 0.4, 0.2)
    assert _rival([journal, preprint]) and not _rival([journal, other])


def test_write_never_touches_the_bundled_profile(crossref: RecordedServer) -> None:
    result = run("enrich", "--write")
    assert result.exit_code == 2
    assert "name the profile to write into" in result.output


def test_accept_of_an_unknown_id_is_a_usage_error(crossref: RecordedServer, tmp_path: Path) -> None:
    write_tree(tmp_path, {"profile.yaml": PROFILE})
    result = run("enrich", "--profile", tmp_path, "--accept", "nosuch")
    assert result.exit_code == 2 and "no publication with id 'nosuch'" in result.output


def test_doi_check_lists_differences_from_the_registry(
    online: RecordedServer, tmp_path: Path
) -> None:
    from tests.http_server import add_delpeuch

    add_delpeuch(online)
    write_tree(
        tmp_path,
        {
            "profile.yaml": """\
person: {given_names: Antonin, family_name: Delpeuch}
publications:
  - id: delpeuch2014complexity
    kind: journal_article
    authors: [Delpeuch A]
    title: "Complexity of Grammar Induction for Quantum Types"
    venue: EPTCS
    volume: "172"
    pages: "236–248"
    year: 2014
    doi: 10.4204/eptcs.172.16
"""
        },
    )
    result = run("enrich", "--profile", tmp_path, "--doi")
    assert result.exit_code == 0, result.output
    assert (
        "delpeuch2014complexity: venue: yours 'EPTCS', Crossref "
        "'Electronic Proceedings in Theoretical Computer Science'"
    ) in result.output
    assert "volume" not in result.output.split("differs")[1].split("\n\n")[0].replace("venue", "")
    assert "0 without DOI" in result.output and "1 differences" in result.output
