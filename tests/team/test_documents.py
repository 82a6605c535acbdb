"""Every team document read back: one row per member, the ten-highlight limit, co-authored
works once, every member's name bold, every member's CV in the annex in order."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from docx.oxml.ns import qn

from grantdocs.build import BuildOptions, DocumentReport, build
from tests.conftest import AS_OF
from tests.docx_read import open_docx, paragraphs, runs
from tests.team.conftest import person, team_file, write_team
from tests.xlsx_read import anchor_of

TEAM_FORMATS = [
    "horizon-europe-team",
    "dfg-literature",
    "team-publication-list",
    "cv-annex",
]
SHARED_DOI = "10.1000/Shared.1"

ADA_PUBS = [
    {
        "id": f"ada{i:02d}",
        "authors": ["Lovelace A", "Babbage C"],
        "title": f"Engine {i}",
        "year": 2000 + i,
        "more": f"    doi: 10.1000/ada.{i}\n",
    }
    for i in range(1, 13)
] + [
    {
        "id": "shared",
        "authors": ["Lovelace A", "Noether E", "Müller A"],
        "title": "Together",
        "year": 2021,
        "more": f"    doi: {SHARED_DOI}\n    aliases: [Lovelace2021Together]\n",
    },
    {
        "id": "nodoi",
        "authors": ["Lovelace A", "Noether E"],
        "title": "Rings, and Engines!",
        "year": 2019,
    },
]
ADA_PUBS[0]["more"] += "    rank: 1\n"
EMMY_PUBS = [
    {
        "id": "emmy-shared",
        "authors": ["Lovelace A", "Noether E", "Müller A"],
        "title": "Together",
        "year": 2021,
        "more": f"    doi: {SHARED_DOI.upper()}\n",
    },
    {
        "id": "emmy-nodoi",
        "authors": ["Lovelace A", "Noether E"],
        "title": "rings and engines",
        "year": 2019,
    },
    {"id": "emmy1", "authors": ["Noether E"], "title": "Invariants", "year": 1918},
]
ANNA_PUBS = [{"id": "anna1", "authors": ["Müller A", "Ng B"], "title": "Alone", "year": 2022}]
BIB = """\
@article{zuse1936, author={Zuse, Konrad}, title={Rechenmaschine}, journal={J}, year={1936},
  doi={10.1000/zuse}}
@article{abel2000, author={Abel, Zoe}, title={First in line}, journal={J}, year={2000},
  url={https://example.org/abel}}
@article{sharedbib, author={Lovelace, A. and Noether, E.}, title={Together}, journal={J},
  year={2021}, doi={10.1000/shared.1}}
"""
CITED = """\
cited:
  keys: [ada01, ada02, ada03, ada04, ada05, ada06, ada07, ada08, ada09, ada10, ada11,
         Lovelace2021Together, emmy1, zuse1936, sharedbib, nosuchkey]
  bibliography: refs.bib
  proposal: proposal.tex
  highlight: [ada11, emmy1]
"""


@pytest.fixture(scope="module")
def team_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], DocumentReport]:
    root = tmp_path_factory.mktemp("team")
    path = write_team(
        root,
        {
            "team.yaml": team_file(
                [("ada", "applicant"), ("emmy", "key_person"), ("anna", "work_package_lead")],
                CITED,
            ),
            "ada/profile.yaml": person("Ada", "Lovelace", "Lovelace A", ADA_PUBS),
            "emmy/profile.yaml": person("Emmy", "Noether", "Noether E", EMMY_PUBS),
            "anna/profile.yaml": person("Anna", "Müller", "Müller A", ANNA_PUBS),
            "refs.bib": BIB,
            "proposal.tex": "As in \\cite{abel2000,ada12}. % \\cite{commented}\n",
        },
    )
    reports = build(
        BuildOptions(formats=TEAM_FORMATS, as_of=AS_OF, team=path, out=root / "out", workers=2)
    )
    return {(r.format_id, r.lang): r for r in reports}


def _entries(path: Path) -> list[list[tuple[str, bool]]]:
    """Citation paragraphs (Entry styles) as lists of (run text, bold)."""
    doc = open_docx(path)
    return [
        [(r.text, bool(r.bold)) for r in runs(p)]
        for p in paragraphs(doc)
        if p.style is not None and p.style.name in ("Entry", "Highlighted Entry")
    ]


def _styles(path: Path) -> list[str]:
    doc = open_docx(path)
    return [
        p.style.name
        for p in paragraphs(doc)
        if p.style is not None and p.style.name in ("Entry", "Highlighted Entry")
    ]


def test_every_team_document_is_built(team_docs: dict[tuple[str, str], DocumentReport]) -> None:
    assert set(team_docs) == {
        ("horizon-europe-team", "en"),
        *((name, lang) for name in TEAM_FORMATS[1:] for lang in ("de", "en")),
    }
    assert all(r.path.is_file() and r.scope == "team" for r in team_docs.values())


def test_researchers_table_has_one_row_per_member_in_team_order(
    team_docs: dict[tuple[str, str], DocumentReport],
) -> None:
    workbook = openpyxl.load_workbook(team_docs["horizon-europe-team", "en"].path)
    ws, row, _ = anchor_of(workbook, "researchers")
    headers = [c.value for c in ws[row - 1]]
    data = [
        [c.value for c in r]
        for r in ws.iter_rows(min_row=row, max_row=ws.max_row)
        if any(c.value for c in r)
    ]
    assert len(data) == 3
    last = headers.index("Last name")
    assert [r[last] for r in data] == ["Lovelace", "Noether", "Müller"]
    role = headers.index("Role in the project")
    assert [r[role] for r in data] == ["Leading", "Team member", "Leading"]
    mine = headers.index("Role in this proposal")
    assert [r[mine] for r in data] == ["Applicant", "Key person", "Work package lead"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_cited_works_alphabetical_own_highlighted_at_most_ten(
    team_docs: dict[tuple[str, str], DocumentReport], lang: str
) -> None:
    report = team_docs["dfg-literature", lang]
    entries = _entries(report.path)
    texts = ["".join(t for t, _ in e) for e in entries]
    # 12 of Ada's works (11 listed, one from the .tex), "Together" once (cited three ways),
    # Emmy's one, and two third-party works; the unknown key and the comment are not works.
    assert len(entries) == 16
    firsts = [e[0][0] for e in entries]  # the first author, a run of its own
    assert firsts == sorted(firsts, key=str.casefold)
    styles = _styles(report.path)
    assert styles.count("Highlighted Entry") == 10
    highlighted = [t for t, s in zip(texts, styles, strict=True) if s == "Highlighted Entry"]
    assert not any(t.startswith(("Zuse", "Abel")) for t in highlighted)
    assert any("Invariants" in t for t in highlighted), "pinned by cited.highlight"
    assert any("Engine 11" in t for t in highlighted), "pinned by cited.highlight"
    assert any("Engine 1." in t for t in highlighted), "rank 1"
    assert sum("Together" in t for t in texts) == 1
    slot = {s.slot: s for s in report.slots}["highlighted"]
    assert (slot.count, slot.eligible, slot.limit) == (10, 14, 10)
    assert any("nosuchkey" in w.message for w in report.warnings)
    assert any("doi.org/10.1000/zuse" in t or "doi:10.1000/zuse" in t for t in texts)
    assert any("https://example.org/abel" in t for t in texts)
    for entry in entries:
        for text, bold in entry:
            if re.fullmatch(r"(Lovelace|Noether|Müller) [AE]", text):
                assert bold, text


def test_cited_works_keep_at_least_nine_point_arial(
    team_docs: dict[tuple[str, str], DocumentReport],
) -> None:
    doc = open_docx(team_docs["dfg-literature", "en"].path)
    for name in ("Entry", "Highlighted Entry"):
        style = doc.styles[name]
        size = None
        font = None
        while style is not None and (size is None or font is None):
            size = size or style.font.size
            font = font or style.font.name
            style = style.base_style
        assert size is not None and size.pt >= 9
        assert font == "Arial"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_team_publication_list_lists_co_authored_works_once_every_member_bold(
    team_docs: dict[tuple[str, str], DocumentReport], lang: str
) -> None:
    entries = _entries(team_docs["team-publication-list", lang].path)
    texts = ["".join(t for t, _ in e) for e in entries]
    # 14 + 3 + 1 works; "Together" (same DOI in another case) and "Rings, and Engines!" /
    # "rings and engines" (same title and year, no DOI) are each listed once.
    assert len(entries) == 16
    assert sum("Together" in t for t in texts) == 1
    assert sum("ings" in t and "ngines" in t for t in texts) == 1
    names = {"Lovelace A": 0, "Noether E": 0, "Müller A": 0}
    for entry in entries:
        for text, bold in entry:
            if text in names:
                assert bold, text
                names[text] += 1
            if text in ("Babbage C", "Ng B"):
                assert not bold
    assert all(names.values()), names
    numbers = [int(t.split("]")[0].strip("[")) for t in texts]
    assert numbers == list(range(1, 17))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_annex_holds_every_members_cv_in_team_order(
    team_docs: dict[tuple[str, str], DocumentReport], lang: str
) -> None:
    report = team_docs["cv-annex", lang]
    doc = open_docx(report.path)
    titles = [p for p in doc.paragraphs if p.style is not None and p.style.name == "Title"]
    assert len(titles) == 1 + 3  # the cover, then one CV each
    text = [p.text for p in paragraphs(doc)]
    start = text.index(titles[1].text)
    after = text[start:]
    order = [
        next(i for i, t in enumerate(after) if name in t)
        for name in ("Lovelace", "Noether", "Müller")
    ]
    assert order == sorted(order)
    assert [p.title for p in report.parts][1:] == [
        "Ada Lovelace (Applicant)" if lang == "en" else "Ada Lovelace (Antragsteller/in)",
        "Emmy Noether (Key person)" if lang == "en" else "Emmy Noether (Schlüsselperson)",
        "Anna Müller (Work package lead)" if lang == "en" else "Anna Müller (Arbeitspaketleitung)",
    ]
    for p in titles[1:]:  # each CV starts on a new page
        before = p._p.getprevious()
        breaks = before.findall(".//" + qn("w:br")) if before is not None else []
        assert any(b.get(qn("w:type")) == "page" for b in breaks)


def test_team_documents_are_byte_identical_when_built_again(
    team_docs: dict[tuple[str, str], DocumentReport], tmp_path: Path
) -> None:
    report = team_docs["cv-annex", "de"]
    team = report.profile_path
    again = build(
        BuildOptions(formats=TEAM_FORMATS, as_of=AS_OF, team=team, out=tmp_path, workers=1)
    )
    for r in again:
        first = team_docs[r.format_id, r.lang].path
        assert r.path.read_bytes() == first.read_bytes(), r.path
