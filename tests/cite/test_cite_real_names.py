"""The owner is recognised in real researchers' bibliographies (tests/fixtures/real, see its
SOURCES.md), under every form they print their name in, markers included."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantdocs.cite import owner_names
from grantdocs.importers.bibtex import read_bibtex
from grantdocs.profile.model import Person, validated
from grantdocs.profile.names import strip_markers

REAL = Path(__file__).parents[1] / "fixtures" / "real"

CASES = [
    # file, owner, name variants, (works with the owner, works read): FINDINGS.md counts
    ("brandon-amos_all.bib", ("Brandon", "Amos"), [], None),
    ("yuzhang-shang_papers.bib", ("Yuzhang", "Shang"), [], None),
    ("yichi-zhang_papers.bib", ("Yichi", "Zhang"), [], None),
    ("boqi-chen_papers.bib", ("Boqi", "Chen"), [], None),
    ("zhuo-wang_papers.bib", ("Zhuo", "Wang"), [], None),
    ("adria-torralba_papers.bib", ("Adrià", "Torralba-Agell"), [], None),
    # "Müller, Nicolas" once besides "Nicolas M" and "Nicolas Michael": a variant of his
    ("nicolas-mueller_papers.bib", ("Nicolas Michael", "Müller"), ["Müller, Nicolas"], None),
    # one entry has editors only
    ("christian-kassung_publications.trimmed.bib", ("Christian", "Kassung"), [], (30, 31)),
    # a community list: Wolfgang A. Wall is an author of 19 of the 29 entries, once "Wall, Wolfgang"
    ("4c-multiphysics_papers.trimmed.bib", ("Wolfgang A.", "Wall"), ["Wall, Wolfgang"], (19, 29)),
]


@pytest.mark.parametrize(("name", "owner", "variants", "counts"), CASES)
def test_owner_in_every_own_work(
    name: str, owner: tuple[str, str], variants: list[str], counts: tuple[int, int] | None
) -> None:
    result = read_bibtex((REAL / name).read_text(encoding="utf-8"), name)
    person = Person(given_names=owner[0], family_name=owner[1], name_variants=variants)
    owners = owner_names(person)
    works = [r.entry for r in result.records if r.section == "publications"]
    assert works
    mine = [w for w in works if any(a in owners for a in w.get("authors", []))]
    assert (len(mine), len(works)) == (counts or (len(works), len(works)))
    for work in mine:  # one person, once per work: no co-author taken for the owner
        assert sum(a in owners for a in work["authors"]) == 1, work["authors"]


def test_namesakes_and_shorter_forms_are_not_taken() -> None:
    name = "nicolas-mueller_papers.bib"
    result = read_bibtex((REAL / name).read_text(encoding="utf-8"), name)
    owners = owner_names(Person(given_names="Nicolas Michael", family_name="Müller"))
    missed = [
        a
        for r in result.records
        for a in r.entry.get("authors", [])
        if a.startswith("Müller") and a not in owners
    ]
    # "Müller, Nicolas" could be another Nicolas Müller; "Müller T" is a co-author namesake
    assert sorted(missed) == ["Müller N", "Müller T"]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("style", ["author-year", "numbered", "apa"])
def test_owner_bold_in_every_citation_of_a_real_list(style: str, lang: str) -> None:
    from grantdocs.cite import cite
    from grantdocs.formats.spec import CitationStyle
    from grantdocs.l10n.formatting import Localizer
    from grantdocs.profile.model import Publication

    name = "brandon-amos_all.bib"
    result = read_bibtex((REAL / name).read_text(encoding="utf-8"), name)
    owners = owner_names(Person(given_names="Brandon", family_name="Amos"))
    options = CitationStyle(style=style, max_authors=8, et_al_after=5)
    word = Localizer(lang).word
    records = [r for r in result.records if r.section == "publications"]
    for i, record in enumerate(records):
        pub = validated(Publication, {**record.entry, "id": f"p{i}"})
        rich = cite(pub, options, owners, word, lang=lang, number=i + 1)
        (bold,) = rich.bold_texts
        assert strip_markers(bold).replace(".", "").replace(",", "") in ("Amos B", "B Amos")
        assert "^" not in str(rich) and "$" not in str(rich), str(rich)
