"""End to end on real public BibTeX files (tests/fixtures/real, see SOURCES.md and FINDINGS.md):
``init --from`` -> ``import --write`` -> ``validate`` -> ``build dfg-cv --lang de`` and
``build erc-cv``, then the documents read back with python-docx.

The expected counts come from FINDINGS.md (entries, ``selected`` marks, owner name forms) and
from reading each entry's venue; the classification of every entry is listed in the table.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx.text.paragraph import Paragraph

from grantdocs.profile.identifiers import DOI_PATTERN, normalise_doi
from grantdocs.profile.load import load_profile
from grantdocs.profile.model import Publication
from grantdocs.resources import project_root
from tests.docx_read import open_docx, runs
from tests.importers.conftest import run

REAL = project_root() / "tests" / "fixtures" / "real"
AS_OF = "2026-06-30"
LIMIT = 10
REVIEWED_KINDS = ("journal_article", "conference_paper", "workshop_paper")
BOOK_KINDS = ("book_chapter", "book", "edited_book")


@dataclass(frozen=True)
class Case:
    file: str
    name: str
    variants: tuple[str, ...]
    kinds: dict[str, int]
    selected: int
    dois: int
    peer_reviewed: int


CASES = [
    Case("brandon-amos_all.bib", "Brandon Amos", ("Amos B",),
         {"conference_paper": 51, "journal_article": 8, "workshop_paper": 8, "preprint": 5,
          "report": 3, "thesis": 1, "blog_post": 1}, selected=21, dois=3, peer_reviewed=67),
    Case("yichi-zhang_papers.bib", "Yichi Zhang", ("Zhang Y",),
         {"conference_paper": 13, "journal_article": 1, "preprint": 1}, selected=14, dois=7,
         peer_reviewed=14),
    Case("boqi-chen_papers.bib", "Boqi Chen", ("Chen B",),
         {"conference_paper": 6, "journal_article": 3, "workshop_paper": 2, "preprint": 1},
         selected=3, dois=0, peer_reviewed=11),
    Case("zhuo-wang_papers.bib", "Zhuo Wang", ("Wang Z",),
         {"conference_paper": 3, "journal_article": 2}, selected=3, dois=1, peer_reviewed=5),
    Case("yuzhang-shang_papers.bib", "Yuzhang Shang", ("Shang Y",),
         {"conference_paper": 11, "preprint": 6, "journal_article": 3}, selected=0, dois=0,
         peer_reviewed=14),
    Case("adria-torralba_papers.bib", "Adrià Torralba-Agell", ("Torralba-Agell A",),
         {"journal_article": 4, "conference_paper": 3}, selected=3, dois=0, peer_reviewed=6),
    Case("nicolas-mueller_papers.bib", "Nicolas M. Müller", ("Müller N M", "Müller N"),
         {"conference_paper": 16, "journal_article": 2, "workshop_paper": 2, "preprint": 2},
         selected=0, dois=0, peer_reviewed=20),
    Case("christian-kassung_publications.trimmed.bib", "Christian Kassung", ("Kassung C",),
         {"presentation": 14, "other": 3, "book_review": 1, "book_chapter": 11, "book": 1,
          "edited_book": 1}, selected=0, dois=0,
         peer_reviewed=0),
    Case("4c-multiphysics_papers.trimmed.bib", "Wolfgang A. Wall", ("Wall W A", "Wall W"),
         {"journal_article": 29}, selected=0, dois=29, peer_reviewed=29),
    Case("4c-multiphysics_phdtheses.bib", "Matthias Mayr", ("Mayr M",), {"thesis": 2},
         selected=0, dois=0, peer_reviewed=0),
]  # fmt: skip


@dataclass
class Outcome:
    case: Case
    folder: Path
    outputs: dict[str, str]
    publications: list[Publication]
    dfg: Path
    erc: Path


def _profile_text(case: Case) -> str:
    """profile.yaml as its owner leaves it after deleting the EXAMPLE entries of ``init``."""
    given, _, family = case.name.rpartition(" ")
    variants = ", ".join(f'"{v}"' for v in case.variants)
    return (
        "schema_version: 1\nlanguages: [en, de]\ninclude:\n  - imported.yaml\nperson:\n"
        f'  given_names: "{given}"\n  family_name: "{family}"\n  name_variants: [{variants}]\n'
    )


_OUTCOMES: dict[str, Outcome] = {}


@pytest.fixture(params=CASES, ids=lambda case: case.file.split("_")[0])
def outcome(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """The whole path for one file, run once per file."""
    case: Case = request.param
    if case.file in _OUTCOMES:
        return _OUTCOMES[case.file]
    root = tmp_path_factory.mktemp(case.file.split("_")[0])
    folder = root / "cv"
    source = REAL / case.file
    outputs: dict[str, str] = {}
    steps = {
        "init": ("init", folder, "--from", source, "--name", case.name),
        "import": ("import", source, "--profile", folder / "profile.yaml", "--write"),
        "validate": ("validate", folder / "profile.yaml"),
        "dfg": ("build", "dfg-cv", "--lang", "de", "--as-of", AS_OF, "--profile", folder,
                "--out", root / "out", "-j", "1"),
        "erc": ("build", "erc-cv", "--as-of", AS_OF, "--profile", folder, "--out",
                root / "out", "-j", "1"),
    }  # fmt: skip
    for step, args in steps.items():
        result = run(*args)
        assert result.exit_code == 0, f"{step}: {result.output}"
        outputs[step] = result.output
        if step == "init":
            (folder / "profile.yaml").write_text(_profile_text(case), encoding="utf-8")
    publications = list(load_profile(folder / "profile.yaml").profile.publications)
    [dfg] = (root / "out" / "dfg-cv" / "de").glob("*.docx")
    [erc] = (root / "out" / "erc-cv" / "en").glob("*.docx")
    _OUTCOMES[case.file] = Outcome(case, folder, outputs, publications, dfg, erc)
    return _OUTCOMES[case.file]


def _entries(path: Path) -> dict[str, list[Paragraph]]:
    """Citation paragraphs (``[n]<tab>...``) under each heading of a built document."""
    found: dict[str, list[Paragraph]] = {}
    heading = ""
    for paragraph in open_docx(path).paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading"):
            heading = paragraph.text.strip()
        elif re.match(r"^\[\d+\]\t", paragraph.text):
            found.setdefault(heading, []).append(paragraph)
    return found


def _section(path: Path, start: str) -> list[Paragraph]:
    sections = _entries(path)
    return next((p for heading, p in sections.items() if heading.startswith(start)), [])


def _publication(paragraph: Paragraph, publications: list[Publication]) -> Publication:
    """The publication a citation paragraph shows: its title and year are in the text (the
    bundled formats cite by CSL styles, which place them differently)."""
    text = " ".join(paragraph.text.split())
    titled = [p for p in publications if " ".join(p.title.split()).rstrip(".?!") in text]
    # a style may print no year for a kind (DIN 1505-2: talks and interviews)
    found = [p for p in titled if str(p.year) in text] or titled
    assert found, f"no publication for {text[:120]!r}"
    return max(found, key=lambda p: len(p.title))


def _as_printed(bold: str, variants: set[str]) -> str:
    """A bold name as the CSL styles write it ("Amos, B.", "B. Amos", "Müller, K.-R.") as the
    variant of the profile it is ("Amos B", "Müller K-R"), else as written."""
    from grantdocs.profile.names import Owners, parse_name

    for variant in variants:
        if bold.strip() in Owners([parse_name(variant)]):
            return variant
    return bold.strip()


def _category_a(pub: Publication) -> bool:
    """The one rule, as the bundled DFG format states it: peer-reviewed journal, conference and
    workshop papers (their flag is true), and chapters in anthologies and books."""
    return pub.kind in BOOK_KINDS or (pub.kind in REVIEWED_KINDS and pub.peer_reviewed)


def _published(pub: Publication) -> bool:
    return pub.status in ("published", "accepted")


# --- the import ----------------------------------------------------------------------------


def test_every_entry_is_imported_and_import_again_adds_nothing(outcome: Outcome) -> None:
    entries = sum(outcome.case.kinds.values())
    assert (
        f"read {entries}, imported {entries}, merged (already present) 0, skipped 0"
        in (outcome.outputs["init"])
    )
    assert (
        f"read {entries}, imported 0, merged (already present) {entries}, skipped 0"
        in (outcome.outputs["import"])
    )
    assert "nothing new to add" in outcome.outputs["import"]
    assert "valid profile of" in outcome.outputs["validate"]


def test_counts_per_kind_marks_and_flags(outcome: Outcome) -> None:
    pubs, case = outcome.publications, outcome.case
    assert dict(Counter(p.kind for p in pubs)) == case.kinds
    assert sum(p.selected for p in pubs) == case.selected
    assert sum(p.peer_reviewed for p in pubs) == case.peer_reviewed
    assert not [p.id for p in pubs if p.peer_reviewed and p.kind not in REVIEWED_KINDS]


def test_every_doi_is_valid(outcome: Outcome) -> None:
    dois = [p.doi for p in outcome.publications if p.doi]
    assert len(dois) == outcome.case.dois
    for doi in dois:
        assert re.match(DOI_PATTERN, doi) and normalise_doi(doi) == doi


def test_bibtex_keys_are_kept(outcome: Outcome) -> None:
    source = (REAL / outcome.case.file).read_text(encoding="utf-8")
    keys = re.findall(r"^\s*@+\w+\s*\{\s*([^,\s]+)\s*,", source, re.MULTILINE)
    names = {p.id for p in outcome.publications} | {
        alias for p in outcome.publications for alias in p.aliases
    }
    assert set(keys) <= names


def test_no_name_keeps_a_marker(outcome: Outcome) -> None:
    names = [a for p in outcome.publications for a in p.authors]
    assert not [a for a in names if re.search(r"[*†‡^$\\{}]", a)]


# --- the documents --------------------------------------------------------------------------


def _check_citations(outcome: Outcome, paragraphs: list[Paragraph]) -> list[Publication]:
    """Every shown citation: the owner bold (and only the owner), the DOI linked."""
    variants = set(outcome.case.variants)
    shown = []
    for paragraph in paragraphs:
        pub = _publication(paragraph, outcome.publications)
        shown.append(pub)
        bold = {
            _as_printed(run.text, variants)
            for run in runs(paragraph)
            if run.bold and run.text.strip()
        }
        assert bold <= variants, (pub.id, bold)
        if variants & set(pub.authors):
            assert bold, f"{pub.id}: the owner is not bold"
        links = {link.address for link in paragraph.hyperlinks}
        if pub.doi:
            assert f"https://doi.org/{pub.doi}" in links, pub.id
    return shown


def test_dfg_cv_categories_by_the_peer_review_flag(outcome: Outcome) -> None:
    a_shown = _check_citations(outcome, _section(outcome.dfg, "Kategorie A"))
    b_shown = _check_citations(outcome, _section(outcome.dfg, "Kategorie B"))
    published = [p for p in outcome.publications if _published(p)]
    a_all = [p for p in published if _category_a(p)]
    b_all = [p for p in published if not _category_a(p)]
    assert all(_category_a(p) for p in a_shown)
    assert not any(_category_a(p) for p in b_shown)
    assert (len(a_shown), len(b_shown)) == (min(LIMIT, len(a_all)), min(LIMIT, len(b_all)))
    for shown, eligible in ((a_shown, a_all), (b_shown, b_all)):
        marked = [p for p in eligible if p.selected]
        if len(marked) <= LIMIT:  # the owner's marks come first
            assert {p.id for p in marked} <= {p.id for p in shown}
        else:
            assert all(p.selected for p in shown)


def test_erc_cv_outputs_put_the_owners_marks_first(outcome: Outcome) -> None:
    shown = _check_citations(outcome, _section(outcome.erc, "Research Achievements"))
    assert len(shown) == min(LIMIT, len(outcome.publications))
    marked = [p for p in outcome.publications if p.selected]
    if len(marked) <= LIMIT:
        assert {p.id for p in marked} <= {p.id for p in shown}
    else:
        assert all(p.selected for p in shown)


def test_init_from_a_real_file_adds_the_name_forms_it_prints_and_the_owner_is_bold(
    tmp_path: Path,
) -> None:
    """Nicolas M. Müller's file prints him "Müller, Nicolas M": init finds that form, so the
    owner is bold in the citations and no "owner-not-author" notice is left."""
    from click.testing import CliRunner

    from grantdocs.cli.main import cli

    runner = CliRunner()
    source = REAL / "nicolas-mueller_papers.bib"
    result = runner.invoke(
        cli, ["init", str(tmp_path / "cv"), "--from", str(source), "--name", "Nicolas Müller"]
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "cv" / "profile.yaml").read_text(encoding="utf-8")
    assert 'name_variants: ["Müller N", "Müller N M"' in text
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        [
            "build",
            "publication-list",
            "--lang",
            "de",
            "--profile",
            str(tmp_path / "cv"),
            "--out",
            str(out),
            "--allow-examples",
            "--as-of",
            "2025-09-20",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "owner-not-author" not in result.output
