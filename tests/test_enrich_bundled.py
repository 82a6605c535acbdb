"""``grantdocs enrich`` on a copy of the bundled profile (Sebastian Lapuschkin's 95 works).

The 14 preprints with an arXiv id get their arXiv DOIs without a request. No recorded
Crossref or OpenAlex answer about the other works was found (see
``tests/fixtures/real/SOURCES.md``), so the local server answers every search with the real
recorded answers there are (Crossref: Carl Boettiger's works; OpenAlex: works on machine
learning and public health). This checks the whole run on the real profile: every other
work is looked up in both sources, none is given another work's DOI, and the DOIs the user
accepts are written into the right entries of the right files with every other line kept.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grantdocs.profile.load import load_profile
from tests.http_server import REAL, RecordedServer, Reply
from tests.importers.conftest import run
from tests.test_enrich import recorded_search

BUNDLED = Path(__file__).parents[1] / "profiles" / "lapuschkin"
ACCEPTED = {
    "bach2015pixel": "10.1371/journal.pone.0130140",
    "lapuschkin2019unmasking": "10.1038/s41467-019-08987-4",
    "binder2016layerb": "10.1007/978-3-319-44781-0_8",
    "dreyer2024understanding": "10.1109/CVPRW63382.2024.00353",
}
"""DOIs the user confirms (``--accept``): as publishers print them (the last one as its
author's README cites it, ``tests/fixtures/real/hhi-xai/dreyer_pcx_README.md``)."""
PREPRINTS = 14
"""The bundled preprints with an arXiv id: each gets its arXiv DOI without a request."""


@pytest.fixture
def copy(online: RecordedServer, tmp_path: Path) -> Path:
    crossref, alex = recorded_search(), (REAL / "peneira" / "works.json").read_bytes()
    online.add_handler("/crossref/works?", lambda target: Reply(200, crossref))
    online.add_handler("/openalex/works?", lambda target: Reply(200, alex))
    return Path(shutil.copytree(BUNDLED, tmp_path / "lapuschkin"))


def snapshot(folder: Path) -> dict[str, list[str]]:
    return {p.name: p.read_text(encoding="utf-8").splitlines() for p in sorted(folder.glob("*"))}


def test_preprints_get_their_arxiv_dois_and_no_work_a_stranger_s(
    copy: Path, online: RecordedServer
) -> None:
    before = snapshot(copy)
    result = run("enrich", "--profile", copy, "--write")
    assert result.exit_code == 0, result.output
    loaded = load_profile(copy / "profile.yaml")
    pubs = loaded.profile.publications
    assert len(pubs) == 95
    searched = 95 - PREPRINTS
    assert (
        f"95 without DOI: {PREPRINTS} found, {searched} to confirm; "
        f"{2 * searched} requests, 0 from the cache"
    ) in result.output
    assert f"added {PREPRINTS} DOIs" in result.output
    # every preprint with an arXiv id, and nothing else, has its arXiv DOI now
    dois = {p.id: p.doi for p in pubs if p.doi}
    assert dois == {
        p.id: f"10.48550/arXiv.{p.arxiv}" for p in pubs if p.kind == "preprint" and p.arxiv
    }
    assert len(dois) == PREPRINTS
    # the workshop papers with an arXiv id are searched: that id names their preprint
    listed = result.output.split(f"to confirm or look up by hand ({searched}):")[1]
    for p in pubs:
        assert (f"  {p.id}: " in listed) == (p.id not in dois)
    assert "  labarta2025see: " in listed and "  joseph2025prisma: " in listed
    # both sources asked for each searched work, the preprints not at all
    assert online.count("/crossref/works?") == searched
    assert online.count("/openalex/works?") == searched
    # the only change: one line per preprint, in the preprints' file
    after = snapshot(copy)
    for name, lines in before.items():
        added = [line for line in after[name] if line not in lines]
        assert len(after[name]) == len(lines) + len(added)
        assert [line for line in after[name] if line not in added] == lines
        expected = PREPRINTS if name == "publications-preprints.yaml" else 0
        assert len(added) == expected and all(
            a.startswith('    doi: "10.48550/arXiv.') for a in added
        )


def test_accepted_dois_go_into_their_entries_and_nothing_else_changes(copy: Path) -> None:
    before = snapshot(copy)
    args: list[str | Path] = ["enrich", "--profile", copy, "--write"]
    for pub_id, doi in ACCEPTED.items():
        args += ["--only", pub_id, "--accept", f"{pub_id}={doi}"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "added 4 DOIs" in result.output
    assert "wrote " in result.output and "by hand" not in result.output
    after = snapshot(copy)
    assert after["profile.yaml"] == before["profile.yaml"]
    assert after["publications-preprints.yaml"] == before["publications-preprints.yaml"]
    assert "arXiv" not in result.output  # --only: no preprint asked for
    for name in ("publications-journals.yaml", "publications-conferences.yaml"):
        old, new = before[name], after[name]
        added = [line for line in new if line.strip().startswith("doi:")]
        assert len(new) == len(old) + len(added)
        # removing the added lines gives the file back, comments and order included
        assert [line for line in new if not line.strip().startswith("doi:")] == old
    for pub_id, doi in ACCEPTED.items():  # each line sits in its own entry, as its keys do
        name = next(n for n, lines in after.items() if f"  - id: {pub_id}" in lines)
        lines = after[name]
        first = lines.index(f"  - id: {pub_id}")
        last = next(
            (i for i in range(first + 1, len(lines)) if lines[i].startswith("  - id:")), len(lines)
        )
        assert f'    doi: "{doi}"' in lines[first:last]
    loaded = load_profile(copy / "profile.yaml")
    assert {p.id: p.doi for p in loaded.profile.publications if p.doi} == ACCEPTED
    # the entries' other fields are what they were
    pixel = next(p for p in loaded.profile.publications if p.id == "bach2015pixel")
    assert (pixel.venue, pixel.volume, pixel.issue, pixel.pages) == (
        "PLoS ONE",
        "10",
        "7",
        "e0130140",
    )
    assert pixel.rank == 1
    # the bundled profile itself is never touched
    assert snapshot(BUNDLED) == before
