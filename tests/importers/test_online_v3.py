"""Import from an ORCID iD against a recorded ORCID API **v3.0** record.

The record (KBase's orcidlink test data, a sandbox account) is v3.0 throughout: lower-case
'self' relationships and types, affiliations in ``affiliation-group`` / ``summaries``, and
DOIs ORCID itself could not normalise ('book1', '123', 'foo'). Its two bulk answers were
recorded for single put-codes: one full work, and one error item.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grantdocs.importers.online import read_orcid_online
from grantdocs.importers.sources.http import Client
from grantdocs.importers.sources.orcid import fetch_works
from tests.http_server import REAL, RecordedServer
from tests.importers.conftest import run

KBASE = REAL / "kbase-orcidlink"
PEARSON = "0000-0003-4997-3076"


def add_pearson(server: RecordedServer) -> None:
    server.add_file(f"/orcid/{PEARSON}/record", KBASE / "profile.json")
    server.add_file(f"/orcid/{PEARSON}/works/1526002", KBASE / "work_1526002.json")
    server.add_file(f"/orcid/{PEARSON}/works/1487805", KBASE / "get-works-bad-put-code.json")


def publications(result: object) -> dict[str, object]:
    return {
        r.entry["title"]: r  # type: ignore[attr-defined]
        for r in result.records  # type: ignore[attr-defined]
        if r.section == "publications"
    }


@pytest.fixture
def one_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ask the bulk endpoint one put-code at a time, as the recorded answers were asked."""
    monkeypatch.setattr("grantdocs.importers.sources.orcid.BULK", 1)


def test_a_v3_record_is_read(online: RecordedServer, one_per_request: None) -> None:
    add_pearson(online)
    with Client() as client:
        result = read_orcid_online(f"orcid:{PEARSON}", client)
    assert result.person is not None
    assert (result.person.given_names, result.person.family_name) == ("Erik", "Pearson")
    works = publications(result)
    assert sorted(works) == [
        "A KBase Case Study on Genome-wide Transcriptomics and Plant Primary Metabolism in Sorghum",
        "KBase Educators Overview",
        "Some Data Set, yo, bro, whoa",
        "Test Publication",
        "book1x",
        "foo",
    ]
    kinds = {title: r.entry["kind"] for title, r in works.items()}  # type: ignore[attr-defined]
    assert kinds["KBase Educators Overview"] == "dataset"  # v3.0 'data-set'
    assert kinds["book1x"] == "book"
    assert kinds["Test Publication"] == "other"  # 'online-resource' has no profile kind
    sorghum = works[
        "A KBase Case Study on Genome-wide Transcriptomics and Plant Primary Metabolism in Sorghum"
    ]
    assert sorghum.entry["doi"] == "10.25982/101788.79/1828290"  # type: ignore[attr-defined]
    assert sorghum.entry["year"] == 2021  # type: ignore[attr-defined]
    # the DOIs ORCID could not normalise are left out, each with a warning
    for title, value in (
        ("book1x", "book1"),
        ("foo", "foo"),
        ("Some Data Set, yo, bro, whoa", "123"),
    ):
        record = works[title]
        assert "doi" not in record.entry  # type: ignore[attr-defined]
        assert f"DOI {value!r} is not a DOI: left out" in record.warnings  # type: ignore[attr-defined]
    # the part-of identifier of 'Test Publication' is not its own
    assert works["Test Publication"].entry["url"] == "https://kbase.us/n/67335/259/"  # type: ignore[attr-defined]
    # employments from v3.0 affiliation groups; memberships named as not imported
    positions = [r.entry for r in result.records if r.section == "positions"]
    assert sorted(p["title"] for p in positions) == [
        "Test Ninja",
        "Web Developer Assistant Tester",
    ]
    assert any("memberships 1" in note for note in result.notes)
    # DOIs neither Crossref nor doi.org answered for (not recorded: 404) are said so
    assert any(
        "known neither to Crossref nor to doi.org" in w
        for w in sorghum.warnings  # type: ignore[attr-defined]
    )


def test_the_full_work_and_the_error_item_of_the_bulk(
    online: RecordedServer, one_per_request: None
) -> None:
    add_pearson(online)
    with Client() as client:
        works = fetch_works(client, PEARSON, ["1526002", "1487805"])
    # the full work is read; the error item (put-code 1487805 refused) is left out
    assert list(works) == ["1526002"]
    assert works["1526002"]["journal-title"] == {"value": "Me myself and I and me, and thee"}
    with Client() as client:
        result = read_orcid_online(PEARSON, client)
    data_set = publications(result)["Some Data Set, yo, bro, whoa"]
    # no contributors in the full work and no BibTeX citation: the owner stays sole author,
    # with the warning to complete the list
    assert data_set.entry["authors"] == ["Pearson E"]  # type: ignore[attr-defined]
    assert any("gives no author list" in w for w in data_set.warnings)  # type: ignore[attr-defined]
    # the record's journal title is kept; the full work (recorded later, with a longer
    # one) only fills in what the record lacks
    assert data_set.entry["venue"] == "Me myself and I and me"  # type: ignore[attr-defined]


def test_init_from_a_v3_record_writes_a_profile(
    online: RecordedServer, one_per_request: None, tmp_path: Path
) -> None:
    add_pearson(online)
    result = run("init", tmp_path / "cv", "--orcid", PEARSON)
    assert result.exit_code == 0, result.output
    from grantdocs.profile.load import load_profile

    loaded = load_profile(tmp_path / "cv" / "profile.yaml")
    assert loaded.profile.person.family_name == "Pearson"
    imported = [p for p in loaded.profile.publications if not p.id.startswith("example")]
    assert len(imported) == 6  # beside the skeleton's example entries
    assert {p.doi for p in imported} == {
        None,
        "10.25982/101788.79/1828290",
        "10.25982/1668075",
    }
