"""Real records of one group: the BibTeX entries three co-authors of the Fraunhofer HHI
explainable-AI group (Maximilian Dreyer, Reduan Achtibat and the bundled Sebastian
Lapuschkin) published for their shared works, each recorded differently (an arXiv preprint
against a workshop paper, '{A}ttn{LRP}' braces, DOIs in one copy only, editors, a month
range). The READMEs are copied verbatim (tests/fixtures/real/SOURCES.md); each member's
profile is made by ``grantdocs import --write`` from the BibTeX blocks of their READMEs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from grantdocs.build import BuildOptions, DocumentReport, build
from grantdocs.cli.main import cli
from grantdocs.notices import POSSIBLE_DUPLICATE
from grantdocs.resources import project_root
from tests.conftest import AS_OF
from tests.docx_read import open_docx, paragraphs

FIXTURES = Path(__file__).parent.parent / "fixtures" / "real" / "hhi-xai"
MEMBERS = {"dreyer": ("Maximilian", "Dreyer"), "achtibat": ("Reduan", "Achtibat")}
SHARED = [
    "AttnLRP",
    "From attribution maps to human-understandable explanations",
    "Revealing Hidden Context Bias",
    "PURE: Turning Polysemantic Neurons",
    "Reveal to Revise",
    "Understanding the (Extra-)Ordinary",
]
CITED = [
    "pmlr-v235-achtibat24a",  # Achtibat's key for AttnLRP (an alias in his profile)
    "dreyer2024pure",  # Dreyer's arXiv preprint; Lapuschkin's profile has the workshop paper
    "achtibat2023attribution",
    "dreyer2023revealing",
    "bach2015pixel",  # Lapuschkin's own, shared with nobody here
]


def bibtex_blocks(readme: Path) -> str:
    """The BibTeX entries of a README's fenced code blocks."""
    text = readme.read_text(encoding="utf-8")
    found = re.findall(r"```[^\n]*\n(.*?)```", text, re.DOTALL)
    return "\n".join(block for block in found if block.lstrip().startswith("@"))


def _team(root: Path, extra: str = "") -> Path:
    for folder, (given, family) in MEMBERS.items():
        (root / folder).mkdir(parents=True)
        (root / folder / "profile.yaml").write_text(
            f"person: {{given_names: {given}, family_name: {family}}}\n", encoding="utf-8"
        )
        bib = root / f"{folder}.bib"
        bib.write_text(
            "\n".join(bibtex_blocks(p) for p in sorted(FIXTURES.glob(f"{folder}_*.md"))),
            encoding="utf-8",
        )
        result = CliRunner().invoke(
            cli, ["import", str(bib), "--profile", str(root / folder), "--write"]
        )
        assert result.exit_code == 0, result.output
    bundled = project_root() / "profiles" / "lapuschkin"
    team = root / "team.yaml"
    team.write_text(
        "title: {en: Real co-authors, de: Echte Koautoren}\nacronym: HHI\nmembers:\n"
        f"  - {{profile: {bundled.as_posix()}, role: applicant}}\n"
        "  - {profile: dreyer, role: co_applicant}\n"
        "  - {profile: achtibat, role: key_person}\n"
        f"cited:\n  keys: [{', '.join(CITED)}]\n" + extra,
        encoding="utf-8",
    )
    return team


def _build(team: Path, out: Path) -> dict[str, DocumentReport]:
    reports = build(
        BuildOptions(
            formats=["team-publication-list", "dfg-literature"],
            langs=["en"],
            as_of=AS_OF,
            team=team,
            out=out,
        )
    )
    return {r.format_id: r for r in reports if r.scope == "team"}


def _entries(path: Path) -> list[str]:
    return [
        p.text
        for p in paragraphs(open_docx(path))
        if p.style is not None and p.style.name in ("Entry", "Highlighted Entry")
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, DocumentReport]]:
    root = tmp_path_factory.mktemp("hhi")
    team = _team(root)
    return team, _build(team, root / "out")


def test_members_records_as_imported(built: tuple[Path, dict[str, DocumentReport]]) -> None:
    team, _ = built
    imported = {
        folder: (team.parent / folder / "imported.yaml").read_text(encoding="utf-8")
        for folder in MEMBERS
    }
    assert imported["dreyer"].count("\n  - id: ") == 4
    assert imported["achtibat"].count("\n  - id: ") == 2
    assert "kind: preprint" in imported["dreyer"]  # PURE as Dreyer recorded it


def test_every_shared_work_appears_once_in_the_team_list(
    built: tuple[Path, dict[str, DocumentReport]],
) -> None:
    _, reports = built
    entries = _entries(reports["team-publication-list"].path)
    # 95 records of Lapuschkin + 4 of Dreyer + 2 of Achtibat; the 6 works the co-authors
    # recorded are all in Lapuschkin's profile: 95 works
    assert len(entries) == 95
    for title in SHARED:
        assert sum(title in e for e in entries) == 1, title
    pure = next(e for e in entries if "PURE: Turning" in e)
    assert "Workshops" in pure  # the published (workshop) version, not the preprint
    counts = {s.slot: (s.count, s.eligible) for s in reports["team-publication-list"].slots}
    assert counts.get("publications") == (95, 101)


def test_explain_lists_the_six_merges(built: tuple[Path, dict[str, DocumentReport]]) -> None:
    team, _ = built
    result = CliRunner().invoke(cli, ["explain", "team-publication-list", "--team", str(team)])
    assert result.exit_code == 0, result.output
    assert "merged into one work (6):" in result.output
    merges = [line for line in result.output.splitlines() if " = " in line]
    assert len(merges) == 6
    assert all("lapuschkin/publications-" in line for line in merges)
    assert sum("dreyer/imported.yaml:" in line for line in merges) == 4
    assert sum("achtibat/imported.yaml:" in line for line in merges) == 2


def test_each_cited_shared_work_is_listed_once_in_the_dfg_list(
    built: tuple[Path, dict[str, DocumentReport]],
) -> None:
    _, reports = built
    entries = _entries(reports["dfg-literature"].path)
    assert len(entries) == len(CITED)
    for title in ("AttnLRP", "PURE: Turning", "From attribution maps", "Revealing Hidden"):
        assert sum(title in e for e in entries) == 1, title


def test_uncertain_pairs_are_reported_then_settled_by_the_team_file(
    built: tuple[Path, dict[str, DocumentReport]], tmp_path: Path
) -> None:
    _, reports = built
    asked = [
        w.message for w in reports["team-publication-list"].warnings if w.code == POSSIBLE_DUPLICATE
    ]
    assert len(asked) == 2
    assert any("alber2019innvestigate (" in m and "alber2018how (" in m for m in asked)
    settled = _team(
        tmp_path,
        "works:\n  different:\n    - [alber2019innvestigate, alber2018how]\n"
        "    - [naujoks2025leveraging, naujoks2024pinnfluence]\n",
    )
    again = _build(settled, tmp_path / "out")["team-publication-list"]
    assert not [w for w in again.warnings if w.code == POSSIBLE_DUPLICATE]
    assert len(_entries(again.path)) == 95
