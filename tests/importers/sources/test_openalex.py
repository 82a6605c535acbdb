"""OpenAlex's title search against a recorded answer (peneira's fixture).

The answer is OpenAlex's to ``/works?search=...&per-page=200`` (49 works on machine learning
and public health): preprints beside their journal versions, two works without DOI, and
three authors OpenAlex names 'NULL AUTHOR_ID'. The local server gives it for every search.
"""

from __future__ import annotations

import pytest

from grantdocs.errors import SourceError
from grantdocs.importers.sources import openalex
from grantdocs.importers.sources.http import Client
from grantdocs.importers.sources.search import candidates
from tests.http_server import REAL, RecordedServer, Reply

WORKS = REAL / "peneira" / "works.json"


@pytest.fixture
def alex(online: RecordedServer) -> RecordedServer:
    online.add_handler("/openalex/works?", lambda target: Reply(200, WORKS.read_bytes()))
    return online


def test_works_with_a_doi_are_read(alex: RecordedServer) -> None:
    with Client() as client:
        works = openalex.search(client, "machine learning public health", 5)
    assert len(works) == 47  # 49 works, two without DOI (the server ignores per-page)
    first = works[0]
    assert first.doi == "10.4081/gh.2014.294"  # 'https://doi.org/' taken off
    assert first.year == 2014
    assert first.title.startswith("Redefining climate regions in the United States")
    suicide = works[1]
    assert suicide.authors[:2] == ("Ryu S", "Lee H")
    assert suicide.venue == "Psychiatry investigation"
    arxiv = next(w for w in works if w.doi == "10.48550/arxiv.2304.04761")
    assert arxiv.venue == "arXiv (Cornell University)"
    # an author OpenAlex has no record of is not read as 'AUTHOR_ID N'
    assert not [a for w in works for a in w.authors if "AUTHOR_ID" in a or "NULL" in a]
    mbe = next(w for w in works if w.doi == "10.3934/mbe.2022080")
    assert mbe.authors[:2] == ("Agossou C", "Atchadé M N")


def test_the_request_is_a_polite_title_search(alex: RecordedServer) -> None:
    with Client(contact="cv@example.org") as client:
        openalex.search(client, "Pruning by Explaining: A Novel Criterion, for DNN|CNN!", 5)
    [hit] = alex.hits
    assert "filter=title.search:Pruning+by+Explaining+A+Novel+Criterion+for+DNN+CNN&" in hit.target
    assert "per-page=5" in hit.target and "select=id,doi,title," in hit.target
    assert "mailto=cv@example.org" in hit.target
    assert "mailto:cv@example.org" in hit.headers["user-agent"]


def test_without_contact_no_mailto_is_sent(alex: RecordedServer) -> None:
    with Client() as client:
        openalex.search(client, "a title", 5)
    assert "mailto" not in alex.hits[0].target


@pytest.mark.parametrize(
    ("body", "message"),
    [(b'{"results": [', "not valid JSON"), (b'{"meta": {}, "results": {}}', "not an OpenAlex")],
)
def test_a_malformed_answer_is_a_message(online: RecordedServer, body: bytes, message: str) -> None:
    online.add_handler("/openalex/works?", lambda target: Reply(200, body))
    with Client() as client, pytest.raises(SourceError, match=message):
        openalex.search(client, "a title", 5)


def test_openalex_is_asked_only_when_crossref_is_not_confident(alex: RecordedServer) -> None:
    empty = b'{"status":"ok","message-type":"work-list","message":{"items":[]}}'
    alex.add_handler("/crossref/works?", lambda target: Reply(200, empty))
    title = (
        "Use of a Machine Learning Algorithm to Predict Individuals with Suicide Ideation in "
        "the General Population"
    )
    with Client() as client:
        found = candidates(client, title, ["Ryu S", "Lee H"], 2018)
    assert alex.count("/crossref/") == 1 and alex.count("/openalex/") == 1
    best = found[0]
    assert (best.doi, best.source) == ("10.30773/pi.2018.08.27", "OpenAlex")
    assert best.confident
    assert not found[1].confident
