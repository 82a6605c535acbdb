"""One work is listed once in the team documents, however each member recorded it; pairs
the rule is unsure of are reported with both places and settled in the team file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.build import BuildOptions, DocumentReport, build
from grantdocs.cli.main import cli
from grantdocs.notices import POSSIBLE_DUPLICATE, UNKNOWN_CITATION
from tests.conftest import AS_OF
from tests.docx_read import open_docx, paragraphs
from tests.team.conftest import team_file, write_team

W = ["Krause W", "Cohen D"]
WERNER = [
    {
        "id": "k-osf",
        "authors": W,
        "title": "Comparative vote switching",
        "year": 2022,
        "kind": "preprint",
        "more": "    doi: 10.31219/osf.io/abcde\n",
    },
    {
        "id": "k-abc",
        "authors": W,
        "title": "The {ABC} Database",
        "year": 2021,
        "more": "    doi: 10.1000/abc\n    notes: [Werner's note]\n",
    },
    {
        "id": "k-cross",
        "authors": W,
        "title": "Can strategy X cross-cut the far-right vote?",
        "year": 2024,
    },
    {
        "id": "k-issue",
        "authors": W,
        "title": "Parties' Issue Adaptation Between Elections",
        "year": 2023,
    },
    {"id": "k-alone", "authors": ["Krause W"], "title": "Alone at the WZB", "year": 2020},
]
D = ["Cohen D", "Krause W"]
DENIS = [
    {
        "id": "c-jop",
        "authors": D,
        "title": "Comparative Vote Switching",
        "year": 2025,
        "more": "    doi: 10.1086/700001\n",
    },
    {
        "id": "c-osf",
        "authors": D,
        "title": "Comparative vote switching",
        "year": 2022,
        "kind": "preprint",
        "more": "    doi: https://doi.org/10.31219/osf.io/ABCDE\\_v2\n",
    },
    {
        "id": "c-abc",
        "authors": D,
        "title": "The ABC  Database",
        "year": 2021,
        "more": "    url: https://example.org/abc\n    notes: [Denis's note]\n",
    },
    {
        "id": "c-cross",
        "authors": D,
        "title": "Can Strategy X Cross-Cut the Anti-Y Far-Right Vote?",
        "year": 2024,
    },
    {
        "id": "c-position",
        "authors": D,
        "title": "Parties' Position Adaptation Between Elections",
        "year": 2023,
    },
]
CITED = """\
cited:
  keys: [k-cross, c-cross, c-jop, k-osf]
  proposal: proposal.tex
"""
PROPOSAL = "First line.\nAs shown before \\cite{k-abc, c-abc}\nand \\cite{nosuchkey}.\n"


def person(given: str, family: str, pubs: list[dict[str, str | list[str] | int]]) -> str:
    """A profile whose publications may be of any kind."""
    lines = [f"person: {{given_names: {given}, family_name: {family}}}", "publications:"]
    for p in pubs:
        authors = ", ".join(f'"{a}"' for a in p["authors"])  # type: ignore[union-attr]
        lines += [
            f"  - id: {p['id']}",
            f"    kind: {p.get('kind', 'journal_article')}",
            f"    authors: [{authors}]",
            f'    title: "{p["title"]}"',
            f"    year: {p['year']}",
        ]
        if p.get("more"):
            lines.append(str(p["more"]).rstrip("\n"))
    return "\n".join(lines) + "\n"


def _build(root: Path, settle: str = "") -> dict[str, DocumentReport]:
    path = write_team(
        root,
        {
            "team.yaml": team_file(
                [("werner", "applicant"), ("denis", "co_applicant")], CITED + settle
            ),
            "werner/profile.yaml": person("Werner", "Krause", WERNER),
            "denis/profile.yaml": person("Denis", "Cohen", DENIS),
            "proposal.tex": PROPOSAL,
        },
    )
    reports = build(
        BuildOptions(
            formats=["team-publication-list", "dfg-literature"],
            langs=["en"],
            as_of=AS_OF,
            team=path,
            out=root / "out",
        )
    )
    return {r.format_id: r for r in reports if r.scope == "team"}


def _entries(path: Path) -> list[str]:
    return [
        p.text
        for p in paragraphs(open_docx(path))
        if p.style.name in ("Entry", "Highlighted Entry")
    ]


@pytest.fixture(scope="module")
def unsettled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, DocumentReport]:
    return _build(tmp_path_factory.mktemp("unsettled"))


def test_every_shared_work_is_listed_once(unsettled: dict[str, DocumentReport]) -> None:
    entries = _entries(unsettled["team-publication-list"].path)
    # 10 records: the OSF preprint twice (DOI with version and escape) and the article are
    # one work; the ABC database (braces, spaces; one DOI, one URL) one; the far-right vote
    # (a qualifier added) one; the retitled pair stays two until settled; 'Alone' one.
    assert len(entries) == 6
    switching = [e for e in entries if "ote switching" in e or "ote Switching" in e]
    assert len(switching) == 1
    assert "10.1086/700001" in switching[0]  # the journal article is shown ...
    assert "10.31219/osf.io/abcde" in switching[0]  # ... with the preprint's link
    assert switching[0].count("osf.io") == 1  # the two copies' links are one link
    abc = [e for e in entries if "ABC" in e and "Database" in e]
    assert len(abc) == 1
    assert "Werner's note" in abc[0] and "Denis's note" in abc[0]
    assert "https://example.org/abc" in abc[0]  # every member's link is kept
    assert sum("far-right" in e.lower() for e in entries) == 1
    assert sum("Adaptation Between Elections" in e for e in entries) == 2


def test_uncertain_pair_is_reported_with_both_places(
    unsettled: dict[str, DocumentReport],
) -> None:
    report = unsettled["team-publication-list"]
    asked = [w for w in report.warnings if w.code == POSSIBLE_DUPLICATE]
    assert len(asked) == 1
    message = asked[0].message
    assert "k-issue (werner/profile.yaml:" in message or "k-issue (" in message
    assert "c-position (" in message and "profile.yaml:" in message
    assert "works: same: - [k-issue, c-position]" in message


def test_cited_works_are_merged_and_unknown_key_names_the_proposal_line(
    unsettled: dict[str, DocumentReport],
) -> None:
    report = unsettled["dfg-literature"]
    entries = _entries(report.path)
    # cited: k-cross and c-cross (one work), c-jop and k-osf (one work), k-abc and c-abc
    # (one work)
    assert len(entries) == 3
    unknown = [w for w in report.warnings if w.code == UNKNOWN_CITATION]
    assert len(unknown) == 1
    assert "nosuchkey" in unknown[0].message
    assert unknown[0].where is not None and unknown[0].where.endswith("proposal.tex:3")


def test_team_file_settles_the_pair(tmp_path: Path) -> None:
    same = _build(tmp_path / "same", "works:\n  same:\n    - [k-issue, c-position]\n")
    report = same["team-publication-list"]
    assert len(_entries(report.path)) == 5
    assert not [w for w in report.warnings if w.code == POSSIBLE_DUPLICATE]
    apart = _build(tmp_path / "apart", "works:\n  different:\n    - [c-position, k-issue]\n")
    report = apart["team-publication-list"]
    assert len(_entries(report.path)) == 6
    assert not [w for w in report.warnings if w.code == POSSIBLE_DUPLICATE]


def test_explain_shows_every_merge_and_why(tmp_path: Path) -> None:
    _build(tmp_path)
    result = CliRunner().invoke(
        cli, ["explain", "team-publication-list", "--team", str(tmp_path / "team.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert "merged into one work (4):" in result.output
    assert "same DOI 10.31219/osf.io/abcde" in result.output
    assert "same title, same authors, 2022/2025" in result.output
    assert "one title holds every word of the other" in result.output


def test_a_settled_pair_naming_no_publication_is_reported_at_its_line(tmp_path: Path) -> None:
    reports = _build(tmp_path, "works:\n  same:\n    - [k-issue, nosuch]\n")
    for report in reports.values():
        unknown = [w for w in report.warnings if "works.same" in w.message]
        assert len(unknown) == 1, report.format_id
        assert "nosuch" in unknown[0].message
        assert unknown[0].where is not None
        assert unknown[0].where.endswith("team.yaml:11")
