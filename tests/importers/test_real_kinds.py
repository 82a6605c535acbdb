"""Kinds, status and DFG category of every entry of the real files added with issue 18
(tests/fixtures/real, SOURCES.md): a humanities list with book reviews, special issues and
unpublished work (Stefan Groth), patents written three ways (David Speck, Sujin Jang, Zhejun
Zhang), a robot-learning list with preprints (Sujin Jang), and a political scientist's list
whose working papers carry no year (Georgiy Syunyaev).

Each file goes through ``grantdocs init --from`` (import with ``--peer-reviewed auto``), the
profile is loaded, and the bundled ``dfg-cv`` format's slots are applied. "A" and "B" mean
eligible for Category A or B (before the limit of 10), "-" in neither. Expected values were
decided by reading each entry, not by running the code: a review is never A, work submitted,
under review or in preparation with no public copy is in neither category, a chapter in an
edited volume is A, an edited special issue of a journal is B.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from grantdocs.formats.registry import load_format
from grantdocs.prepare import select_slots
from grantdocs.profile.load import load_profile
from grantdocs.profile.model import Publication
from grantdocs.resources import project_root
from tests.importers.conftest import run

REAL = project_root() / "tests" / "fixtures" / "real"
AS_OF = dt.date(2026, 6, 30)

Row = tuple[str, str, str, str]
"""BibTeX key, kind, status, DFG category (A, B or -)."""

GROTH: list[Row] = [
    ("Groth2009aa", "journal_article", "published", "B"),
    ("Groth2009ab", "journal_article", "published", "B"),
    ("Groth2010aa", "book_chapter", "published", "A"),
    ("Groth2010ab", "edited_book", "published", "A"),
    ("Groth2011aa", "journal_article", "published", "A"),
    ("Groth2011ab", "book_review", "published", "B"),
    ("Groth2012aa", "book", "published", "A"),
    ("Groth2012ab", "book_review", "published", "B"),
    ("Groth2013aa", "book_chapter", "published", "A"),
    ("Groth2014aa", "journal_article", "published", "A"),
    ("Groth2014ab", "book_review", "published", "B"),
    ("Groth2015aa", "book_chapter", "published", "A"),
    ("Groth2015ab", "book_chapter", "published", "A"),
    ("Groth2015ac", "journal_article", "published", "A"),
    ("Groth2015ad", "book_chapter", "published", "A"),
    ("Groth2015ae", "book_chapter", "published", "A"),
    ("Groth2015af", "book_review", "published", "B"),
    ("Groth2015ag", "book_chapter", "published", "A"),
    ("Groth2015ah", "book_chapter", "published", "A"),
    ("Groth2015ai", "edited_book", "published", "A"),
    ("Groth2016aa", "book_chapter", "published", "A"),
    ("Groth2016ab", "journal_article", "published", "B"),
    ("Groth2016ac", "journal_article", "published", "B"),
    ("Groth2016ad", "book_review", "published", "B"),
    ("Groth2017aa", "book_review", "published", "B"),
    ("Groth2017ab", "book_chapter", "published", "A"),
    ("Groth2017ac", "book_chapter", "published", "A"),
    ("Groth2017ad", "book_chapter", "published", "A"),
    ("Groth2017ae", "book_review", "published", "B"),
    ("Groth2017af", "journal_article", "published", "A"),
    ("Groth2018aa", "book_chapter", "published", "A"),
    ("Groth2018ab", "journal_article", "published", "A"),
    ("Groth2018ac", "journal_article", "published", "A"),
    ("Groth2018ad", "book_review", "published", "B"),
    ("Groth2018ae", "book_review", "published", "B"),
    ("Groth2018af", "edited_book", "published", "A"),
    ("Groth2019aa", "journal_article", "published", "A"),
    ("Groth2019ab", "special_issue", "published", "B"),
    ("Groth2019ac", "edited_book", "published", "A"),
    ("Groth2019ad", "book_chapter", "published", "A"),
    ("Groth2019ae", "edited_book", "published", "A"),
    ("Groth2019af", "book_chapter", "published", "A"),
    ("Groth2019ag", "book_chapter", "published", "A"),
    ("Groth2019ah", "book_chapter", "published", "A"),
    ("Groth2019ai", "journal_article", "published", "B"),
    ("Groth2019aj", "book_review", "published", "B"),
    ("Groth2019ak", "book_chapter", "published", "A"),
    ("Groth2019al", "book_chapter", "published", "A"),
    ("Groth2019am", "book_chapter", "published", "A"),
    ("Groth2019an", "book_review", "published", "B"),
    ("Groth2019ao", "journal_article", "published", "A"),
    ("Groth2019ap", "book_review", "published", "B"),
    ("Groth2019aq", "journal_article", "published", "A"),
    ("Groth2019ar", "journal_article", "published", "A"),
    ("Groth2019as", "book_chapter", "published", "A"),
    ("Groth2019at", "journal_article", "published", "A"),
    ("Groth2020aa", "special_issue", "published", "B"),
    ("Groth2020ab", "book_review", "published", "B"),
    ("Groth2020ac", "edited_book", "published", "A"),
    ("Groth2020ad", "book_chapter", "published", "A"),
    ("Groth2020ae", "book_chapter", "published", "A"),
    ("Groth2020af", "journal_article", "published", "A"),
    ("Groth2020ag", "journal_article", "published", "B"),
    ("Groth2020ah", "journal_article", "published", "B"),
    ("Groth2020ai", "journal_article", "published", "B"),
    ("Groth2020aj", "book_review", "published", "B"),
    ("Groth2020ak", "book_review", "published", "B"),
    ("Groth2020al", "journal_article", "published", "B"),
    ("Groth2020am", "book_review", "published", "B"),
    ("Groth2021aa", "book_review", "published", "B"),
    ("Groth2021ab", "book_chapter", "published", "A"),
    ("Groth2021ac", "edited_book", "published", "A"),
    ("Groth2021ad", "book_chapter", "published", "A"),
    ("Groth2021ae", "journal_article", "published", "B"),
    ("Groth2021af", "book_chapter", "in_press", "A"),
    ("Groth0000aa", "book_chapter", "accepted", "A"),  # 'Accepted for publication', no year
    ("Groth0000ab", "journal_article", "submitted", "-"),
    ("Groth2022ab", "book_review", "submitted", "-"),
    ("Groth2022ac", "book_review", "submitted", "-"),
    ("Groth0000ae", "book_chapter", "submitted", "-"),
    ("Groth0000au", "book_chapter", "submitted", "-"),
    ("Groth0000al", "journal_article", "in_preparation", "-"),
    ("Groth0000aj", "edited_book", "in_preparation", "-"),
]

SPECK: list[Row] = [
    ("speck-et-al-patentcn2026", "patent", "published", "B"),
    ("speck-et-al-patenteu2024", "patent", "published", "B"),
    ("speck-et-al-patentus2021", "patent", "published", "B"),
]

ZHANG: list[Row] = [
    ("catk2025patent", "patent", "under_review", "-"),  # 'US Patent, Under Review,'
    ("hptr2025patent", "patent", "published", "B"),
    ("trafficbots2023patent", "patent", "published", "B"),
    ("roach2023patent", "patent", "published", "B"),
]

JANG: list[Row] = [
    ("revonad", "preprint", "published", "B"),
    ("xu2026moe", "preprint", "published", "B"),
    ("chang2025dg", "preprint", "published", "B"),
    ("jo2025dimcol", "preprint", "published", "B"),
    ("peng2026damvla", "conference_paper", "published", "A"),
    ("ko2025tta", "conference_paper", "published", "A"),
    ("kim2025vln", "conference_paper", "published", "A"),
    ("oh2025protoocc", "conference_paper", "published", "A"),
    ("kim2024unveiler", "conference_paper", "published", "A"),
    ("chang2024udga", "conference_paper", "published", "A"),
    ("chang2024cmda", "conference_paper", "published", "A"),
    ("jang2023stxd", "conference_paper", "published", "A"),
    ("villanueva2023tcm", "journal_article", "published", "A"),
    ("jang2022dada", "conference_paper", "published", "A"),
    ("jang2017tcm", "conference_paper", "published", "A"),
    ("jang2016motionflow", "journal_article", "published", "A"),
    ("choi2015hand", "conference_paper", "published", "A"),
    ("jang2014gestureanalyzer", "conference_paper", "published", "A"),
    ("gupta2014puppetx", "conference_paper", "published", "A"),
    ("jang2012uio", "conference_paper", "published", "A"),
]


def _imported(file: str, name: str, tmp_path: Path) -> tuple[list[Publication], dict[str, str]]:
    """The file imported into a fresh profile of ``name``: its publications, and each one's
    DFG category by id."""
    folder = tmp_path / "cv"
    result = run("init", folder, "--from", REAL / file, "--name", name)
    assert result.exit_code == 0, result.output
    given, _, family = name.rpartition(" ")
    (folder / "profile.yaml").write_text(
        "schema_version: 1\nlanguages: [en, de]\ninclude:\n  - imported.yaml\nperson:\n"
        f'  given_names: "{given}"\n  family_name: "{family}"\n',
        encoding="utf-8",
    )
    loaded = load_profile(folder / "profile.yaml")
    selections = select_slots(load_format("dfg-cv"), loaded, AS_OF)
    category: dict[str, str] = {}
    for slot, mark in (("category_a", "A"), ("category_b", "B")):
        for decision in selections[slot].decisions:
            if decision.rank is not None:  # eligible, before the limit
                assert decision.entry.id not in category, decision.entry.id
                category[decision.entry.id] = mark
    return list(loaded.profile.publications), category


def _rows(pubs: list[Publication], category: dict[str, str]) -> list[Row]:
    return [
        (p.aliases[0] if p.aliases else p.id, p.kind, p.status, category.get(p.id, "-"))
        for p in pubs
    ]


@pytest.mark.parametrize(
    ("file", "name", "expected"),
    [
        ("stefan-groth_bibliography.bib", "Stefan Groth", GROTH),
        ("david-speck_patents.bib", "David Speck", SPECK),
        ("zhejun-zhang_patents.bib", "Zhejun Zhang", ZHANG),
        ("sujin-jang_publications.bib", "Sujin Jang", JANG),
    ],
    ids=["groth", "speck", "zhang", "jang"],
)
def test_kind_status_and_dfg_category_of_every_entry(
    file: str, name: str, expected: list[Row], tmp_path: Path
) -> None:
    pubs, category = _imported(file, name, tmp_path)
    assert _rows(pubs, category) == expected


def test_reviews_are_never_peer_reviewed_or_category_a_and_the_files_own_marks_count(
    tmp_path: Path,
) -> None:
    pubs, category = _imported("stefan-groth_bibliography.bib", "Stefan Groth", tmp_path)
    reviews = [p for p in pubs if p.kind == "book_review"]
    assert len(reviews) == 19
    assert not [p.id for p in reviews if p.peer_reviewed or category.get(p.id) == "A"]
    # The file marks peer review itself (annote 'Peer reviewed', keyword 'peerreview'): a
    # journal article it does not mark, such as a magazine piece, is not taken as reviewed.
    magazine = next(p for p in pubs if p.venue == "UZH Magazin")
    assert (magazine.kind, magazine.peer_reviewed) == ("journal_article", False)
    marked = next(p for p in pubs if p.title.startswith("Implicit Ethics"))
    assert marked.peer_reviewed


def test_series_special_issues_and_babel_shorthands_are_read(tmp_path: Path) -> None:
    pubs, _ = _imported("stefan-groth_bibliography.bib", "Stefan Groth", tmp_path)
    by_key = {(p.aliases[0] if p.aliases else p.id): p for p in pubs}
    chapter = by_key["Groth2019ak"]  # Series = Freiburger Studien ..., Volume = {2}
    assert (chapter.series, chapter.series_number, chapter.volume) == (
        "Freiburger Studien zur Kulturanthropologie",
        "2",
        None,
    )
    issue = by_key["Groth2019ab"]  # @periodical: title is the journal, issuetitle the issue
    assert (issue.title, issue.venue, issue.authors, issue.editors) == (
        "Special Issue: Political Narratives / Narrations of the Political",
        "Narrative Culture",
        ["Groth S"],
        ["Groth S"],
    )
    # 'empirisch"=kulturwissenschaftlichen' (babel's breakable hyphen) prints a hyphen
    source = by_key["Groth2018ac"].title
    assert "empirisch-kulturwissenschaftlichen" in source and '"' not in source
    assert (
        by_key["Groth2010ab"].title
        == "Die Konstituierung von Cultural Property: Forschungsperspektiven"
    )


def test_patents_keep_number_office_and_assignee_never_a_city(tmp_path: Path) -> None:
    speck, _ = _imported("david-speck_patents.bib", "David Speck", tmp_path / "speck")
    assert [(p.number, p.office, p.assignee) for p in speck] == [
        ("CN 113759710 B", "CN", "Robert Bosch GmbH"),
        ("EP 3920103 B1", "EP", "Robert Bosch GmbH"),
        ("US 2021/0383245 A1", "US", "Robert Bosch GmbH"),
    ]
    jang, category = _imported("sujin-jang_patents.bib", "Sujin Jang", tmp_path / "jang")
    assert len(jang) == 13 and {p.kind for p in jang} == {"patent"}
    assert {p.office for p in jang} == {"US"}
    assert [p.number for p in jang][:2] == ["19/012,313", "18/972,088"]  # 'US Patent App. ...'
    assert set(category.values()) == {"B"} and len(category) == 13
    zhang, _ = _imported("zhejun-zhang_patents.bib", "Zhejun Zhang", tmp_path / "zhang")
    assert [(p.number, p.office, p.venue) for p in zhang] == [
        (None, "US", None),
        ("EP4528590A1", "EP", None),
        ("EP4296898A1", "EP", None),
        ("EP4124995A1", "EP", None),
    ]


SYUNYAEV: list[tuple[str, str, str, int | None, str]] = [
    # BibTeX key, kind, status, year, DFG category: the published articles carry a year;
    # the working papers (al-folio status 'wp') and the work in progress ('implementation')
    # carry none and are kept without one. A public working paper is B; data collection or
    # analysis in progress ('implementation', no link) is in neither; the R packages are B.
    ("solis2021covid", "journal_article", "published", 2021, "A"),
    ("baranov2015not", "journal_article", "published", 2015, "A"),
    ("polishchuk2015ruling", "journal_article", "published", 2015, "A"),
    ("syunyaev2014climate", "journal_article", "published", 2014, "A"),
    ("syunyaev2022federalism", "journal_article", "published", 2025, "A"),
    ("polishchuk2015property", "conference_paper", "published", 2015, "A"),
    ("syunyaev2022responsibility", "working_paper", "published", None, "B"),
    ("syunyaev2024limits", "working_paper", "published", None, "B"),
    ("syunyaev2022bias", "working_paper", "published", None, "B"),
    ("humphreys2024", "working_paper", "under_review", None, "B"),  # 'Conditionally Accepted'
    ("hilbig2024", "working_paper", "published", None, "B"),
    ("minson2024", "working_paper", "published", None, "B"),
    ("syunyaev2022hiddenmeta", "other", "in_preparation", None, "-"),
    ("wilke2022wifirct", "other", "in_preparation", None, "-"),
    ("yao2025meta", "other", "in_preparation", None, "-"),
    ("hiddenmeta", "other", "published", None, "B"),
    ("causalqueries", "other", "published", None, "B"),
    ("declaredesign", "other", "published", None, "B"),
]


def test_works_without_a_year_are_kept_with_kind_status_and_dfg_category(
    tmp_path: Path,
) -> None:
    """Georgiy Syunyaev's working papers and work in progress have no year: every entry is
    imported, each undated one with a note and its line, none skipped."""
    pubs, category = _imported("georgiy-syunyaev_papers.bib", "Georgiy Syunyaev", tmp_path)
    rows = [
        (p.aliases[0] if p.aliases else p.id, p.kind, p.status, p.year, category.get(p.id, "-"))
        for p in pubs
    ]
    assert rows == SYUNYAEV
    result = run("import", REAL / "georgiy-syunyaev_papers.bib", "--profile",
                 tmp_path / "cv" / "profile.yaml")  # fmt: skip
    text = (REAL / "georgiy-syunyaev_papers.bib").read_text(encoding="utf-8").splitlines()
    for key in ("syunyaev2022bias", "humphreys2024", "hilbig2024"):
        line = next(n for n, t in enumerate(text, start=1) if "{" + key + "," in t)
        assert f"georgiy-syunyaev_papers.bib:{line}" in result.output


def test_an_accepted_chapter_without_a_year_is_in_category_a(tmp_path: Path) -> None:
    pubs, category = _imported("stefan-groth_bibliography.bib", "Stefan Groth", tmp_path)
    chapter = next(p for p in pubs if "Groth0000aa" in p.aliases)
    assert (chapter.title, chapter.year, chapter.status) == (
        "Alltag und Erfahrung",
        None,
        "accepted",
    )
    assert category[chapter.id] == "A"
