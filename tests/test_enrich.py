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
from grantdocs.profile.model import validated
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


# --- OpenAlex, the second source -------------------------------------------------------

OPENALEX_WORKS = REAL / "peneira" / "works.json"

ALEX_PROFILE = """\
person: {given_names: Shaina, family_name: Raza}
publications:
  - id: ryu2018suicide
    kind: journal_article
    authors: [Ryu S, Lee H, Lee D-K, Park K]
    title: "Use of a machine learning algorithm to predict individuals with suicide ideation in the general population"
    year: 2018

  - id: raza2023fairness
    kind: conference_paper
    authors: [Raza S]
    title: "Connecting Fairness in Machine Learning with Public Health Equity"
    year: 2023

  - id: lary2014bigdata
    kind: conference_paper
    authors: [Lary D J]
    title: "BigData and Machine Learning for Public Health"
    year: 2014
"""


@pytest.fixture
def both(crossref: RecordedServer) -> RecordedServer:
    """Crossref answers with Carl Boettiger's works (no candidate fits), OpenAlex with its
    recorded answer on machine learning and public health (peneira's fixture)."""
    body = OPENALEX_WORKS.read_bytes()
    crossref.add_handler("/openalex/works?", lambda target: Reply(200, body))
    return crossref


def test_openalex_finds_what_crossref_does_not(both: RecordedServer, tmp_path: Path) -> None:
    write_tree(tmp_path, {"profile.yaml": ALEX_PROFILE})
    result = run("enrich", "--profile", tmp_path)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "ryu2018suicide: doi 10.30773/pi.2018.08.27 (confident match, score" in out
    assert "OpenAlex)" in out.split("ryu2018suicide")[1].splitlines()[0]
    # the arXiv preprint and the IEEE paper are both confident: the user chooses
    fairness = out.split("raza2023fairness")[1].split("?")[0]
    assert "10.48550/arxiv.2304.04761" in fairness and "10.1109/ichi57859.2023.00127" in fairness
    assert "[OpenAlex]" in fairness
    # OpenAlex knows the talk but without a DOI: nothing to propose
    assert "lary2014bigdata" in out.split("to confirm or look up by hand")[1]
    assert "10.4081" not in out.split("lary2014bigdata")[1].split("accept one")[0]
    assert "3 without DOI: 1 found, 2 to confirm" in out
    assert both.count("/crossref/works?") == 3 and both.count("/openalex/works?") == 3


def test_openalex_dois_are_written_and_then_come_from_the_cache(
    both: RecordedServer, tmp_path: Path
) -> None:
    write_tree(tmp_path, {"profile.yaml": ALEX_PROFILE})
    result = run(
        "enrich", "--profile", tmp_path, "--write",
        "--accept", "raza2023fairness=10.1109/ichi57859.2023.00127",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "added 2 DOIs" in result.output
    text = (tmp_path / "profile.yaml").read_text(encoding="utf-8")
    added = [line for line in text.splitlines() if line not in ALEX_PROFILE.splitlines()]
    assert added == ['    doi: "10.30773/pi.2018.08.27"', '    doi: "10.1109/ichi57859.2023.00127"']
    asked = len(both.hits)
    again = run("enrich", "--profile", tmp_path, "--offline")
    assert again.exit_code == 0, again.output
    assert len(both.hits) == asked  # offline: no request
    assert "1 without DOI: 0 found, 1 to confirm; 0 requests, 2 from the cache" in again.output


def test_a_malformed_openalex_answer_is_exit_1(crossref: RecordedServer, tmp_path: Path) -> None:
    crossref.add_handler("/openalex/works?", lambda target: Reply(200, b"<html>busy</html>"))
    write_tree(tmp_path, {"profile.yaml": ALEX_PROFILE})
    result = run("enrich", "--profile", tmp_path, "--write")
    assert result.exit_code == 1
    assert "not valid JSON" in result.output and "Traceback" not in result.output
    assert (tmp_path / "profile.yaml").read_text(encoding="utf-8") == ALEX_PROFILE


# --- a preprint's arXiv id ------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "arxiv", "doi"),
    [
        ("preprint", "2401.06122", "10.48550/arXiv.2401.06122"),
        ("preprint", "arXiv:2401.06122v3", "10.48550/arXiv.2401.06122"),  # no version
        ("preprint", "math/0309136", "10.48550/arXiv.math/0309136"),  # an old-style id
        ("conference_paper", "2401.06122", None),  # the id names the paper's preprint
        ("preprint", None, None),
    ],
)
def test_the_arxiv_doi_of_a_preprint(kind: str, arxiv: str | None, doi: str | None) -> None:
    from grantdocs.enrich import arxiv_doi
    from grantdocs.profile.model import Publication

    pub = validated(
        Publication,
        {"id": "x", "kind": kind, "authors": ["A B"], "title": "T", "year": 2024, "arxiv": arxiv},
    )
    assert arxiv_doi(pub) == doi


def test_a_preprint_s_arxiv_doi_needs_no_request(online: RecordedServer, tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "profile.yaml": """\
person: {given_names: Alexander, family_name: Binder}
publications:
  - id: anders2021software
    kind: preprint
    authors: [Anders C J, Neumann D, Samek W, Müller K-R, Lapuschkin S]
    title: "Software for Dataset-wide XAI"
    venue: CoRR
    year: 2021
    arxiv: "2106.13200v2"
"""
        },
    )
    result = run("enrich", "--profile", tmp_path, "--write")
    assert result.exit_code == 0, result.output
    assert (
        "anders2021software: doi 10.48550/arXiv.2106.13200 (the DOI arXiv registers for "
        "arXiv:2106.13200, no request)"
    ) in result.output
    assert online.hits == []
    assert '    doi: "10.48550/arXiv.2106.13200"' in (tmp_path / "profile.yaml").read_text(
        encoding="utf-8"
    )
