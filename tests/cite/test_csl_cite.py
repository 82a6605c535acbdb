"""Citations by CSL styles against the reference processor: on real bibliographies
(tests/fixtures/real, see SOURCES.md), every entry in every bundled CSL style, in German and
English, has the reference processor's text, apart from the documented additions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from msgspec.structs import replace

from grantdocs.cite import cite, owner_names
from grantdocs.cite.csl_item import csl_item
from grantdocs.cite.csl_render import reference_text
from grantdocs.cite.no_date import date_or_no_date
from grantdocs.formats.citation_styles import csl_locale, csl_style_ids, style_path
from grantdocs.formats.spec import CitationStyle
from grantdocs.importers.bibtex import read_bibtex
from grantdocs.l10n.formatting import Localizer
from grantdocs.profile import records
from grantdocs.profile.model import Person, Publication, validated

REAL = Path(__file__).parents[1] / "fixtures" / "real"

LISTS = [
    # file, owner (given, family): humanities (books, chapters, edited volumes, talks),
    # machine learning (conference papers, preprints), engineering theses
    ("christian-kassung_publications.trimmed.bib", ("Christian", "Kassung")),
    ("brandon-amos_all.bib", ("Brandon", "Amos")),
    ("4c-multiphysics_phdtheses.bib", ("Alexander", "Popp")),
    # added by the biblio branch (SOURCES.md there): a humanities list with reviews, special
    # issues and unpublished work; working papers with status; patents
    ("stefan-groth_bibliography.bib", ("Stefan", "Groth")),
    ("georgiy-syunyaev_papers.bib", ("Georgiy", "Syunyaev")),
    ("david-speck_patents.bib", ("David", "Speck")),
]

_HOLDER = "(?:Inhaber|Assignee|Titulaire): [^()]+?"
ADDITIONS = re.compile(
    rf"^(?: (?:Patent|Brevet) [^()]+?(?: \(\d{{4}}\))?(?:\. {_HOLDER})?| {_HOLDER})?"
    r"(?: \([^()]*\))?(?: (?:doi:10\.\S+|https?://\S+))?$"
)
"""What grantdocs may add after the processor's text with numbering, open-access mark and
notes off: a patent's designation (with its year) where the style prints not its number, and
its assignee; the status where the style does not print it; the DOI or link where it prints
neither."""
FRENCH = Path(__file__).parents[2] / "templates" / "publication-list" / "locale"
"""The French catalog (beside the one format that has French)."""


def publications(name: str) -> Iterator[Publication]:
    result = read_bibtex((REAL / name).read_text(encoding="utf-8"), name)
    records = [r for r in result.records if r.section == "publications"]
    assert records
    for i, record in enumerate(records):
        yield validated(Publication, {**record.entry, "id": f"p{i}"})


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("style", csl_style_ids())
@pytest.mark.parametrize(("name", "owner"), LISTS)
def test_real_entries_read_as_the_reference_processor_writes_them(
    name: str, owner: tuple[str, str], style: str, lang: str
) -> None:
    owners = owner_names(Person(given_names=owner[0], family_name=owner[1]))
    word = Localizer(lang).word
    options = CitationStyle(style=style)
    locale = csl_locale(lang)
    checked = bold = 0
    for pub in publications(name):
        rich = cite(pub, options, owners, word, lang=lang)
        # a work without a year: the locale's "no date" term is its date where the style
        # prints none (cite.no_date), for the reference processor too
        item = date_or_no_date(csl_item(pub, word), style_path(style), locale)
        reference = reference_text(style_path(style), locale, item)
        mine = any(a in owners for a in (*pub.authors, *pub.editors))
        if mine and owner[1] not in reference:  # cut by et al.: every name, owner kept
            reference = reference_text(style_path(style), locale, item, True)
        reference = re.sub(r"^\[?1\]?\.?\s*", "", reference) if style == "ieee" else reference
        text = str(rich)
        assert text.startswith(reference), (text, reference)
        assert ADDITIONS.match(text[len(reference) :]), text[len(reference) :]
        if mine:  # the owner is never cut and always bold
            assert owner[1] in " ".join(rich.bold_texts), (text, rich.bold_texts)
            bold += 1
        checked += 1
    assert checked and bold


@pytest.mark.parametrize("lang", ["de", "en", "fr"])
@pytest.mark.parametrize("style", csl_style_ids())
def test_every_real_entry_is_the_reference_processors_text_and_the_documented_additions(
    style: str, lang: str
) -> None:
    """Every entry of every real fixture file (tests/fixtures/real/*.bib), in German, English
    and French: citeproc-py's text for the entry, then only the documented additions."""
    word = Localizer(lang, locale_dirs=(FRENCH,)).word
    options, locale, path = CitationStyle(style=style), csl_locale(lang), style_path(style)
    nobody = owner_names(Person(given_names="N", family_name="Nobody"))
    checked = patents = 0
    for bib in sorted(REAL.glob("*.bib")):
        for pub in publications(bib.name):
            text = str(cite(pub, options, nobody, word, lang=lang))
            # a work without a date is given the locale's 'no date' term as its date first
            item = date_or_no_date(csl_item(pub, word), path, locale)
            reference = reference_text(path, locale, item)
            reference = re.sub(r"^\[?1\]?\.?\s*", "", reference) if style == "ieee" else reference
            assert text.startswith(reference), (bib.name, text, reference)
            assert ADDITIONS.match(text[len(reference) :]), (bib.name, text[len(reference) :])
            checked += 1
            patents += pub.kind == "patent"
    assert checked > 350 and patents >= 15


@pytest.mark.parametrize("lang", ["de", "en", "fr"])
@pytest.mark.parametrize("style", csl_style_ids())
def test_a_patent_shows_its_number_office_year_and_assignee_in_every_style(
    style: str, lang: str
) -> None:
    """Real patents (tests/fixtures/real/*patents*.bib): CSL 1.0.2 has no assignee variable
    and DIN 1505-2 prints neither number nor year of a patent; grantdocs adds what the
    style's text lacks, in the document's language, once."""
    word = Localizer(lang, locale_dirs=(FRENCH,)).word
    holder, patent = {"de": ("Inhaber", "Patent"), "en": ("Assignee", "Patent"),
                      "fr": ("Titulaire", "Brevet")}[lang]  # fmt: skip
    owners = owner_names(Person(given_names="David", family_name="Speck"))
    speck = list(publications("david-speck_patents.bib"))
    assert [p.assignee for p in speck] == ["Robert Bosch GmbH"] * 3
    for pub in speck:
        text = str(cite(pub, CitationStyle(style=style), owners, word, lang=lang))
        assert text.count(f"{holder}: Robert Bosch GmbH") == 1, text
        assert text.count(pub.number or "?") == 1, text
        assert str(pub.year) in text, text
    jang = next(publications("sujin-jang_patents.bib"))  # a US application: 'US Patent App.'
    text = str(cite(jang, CitationStyle(style=style), owners, word, lang=lang))
    assert "19/012,313" in text and holder not in text, text
    if style == "din-1505-2":
        assert text.endswith(f"{patent} US 19/012,313 (2026)"), text
    zhang = next(publications("zhejun-zhang_patents.bib"))  # 'US Patent, Under Review,'
    text = str(cite(zhang, CitationStyle(style=style), owners, word, lang=lang))
    assert re.search(r"(?<!\w)US(?!\w)", text), text  # the office, though there is no number


def test_status_in_both_languages_and_only_once() -> None:
    pub = records.Publication(
        id="x",
        kind="journal_article",
        authors=["Doe J"],
        title="Ein Aufsatz",
        venue="Zeitschrift für Kulturwissenschaften",
        year=2026,
        status="submitted",
    )
    owners = owner_names(Person(given_names="Jane", family_name="Doe"))
    for style in csl_style_ids():
        de = str(cite(pub, CitationStyle(style=style), owners, Localizer("de").word, lang="de"))
        en = str(cite(pub, CitationStyle(style=style), owners, Localizer("en").word, lang="en"))
        assert de.casefold().count("eingereicht") == 1, de
        assert en.casefold().count("submitted") == 1, en


def _chapter(**more: object) -> Publication:
    data: dict[str, object] = {
        "id": "c",
        "kind": "book_chapter",
        "authors": ["Kassung C", "Müller K-R"],
        "editors": ["Meier A", "Schulz B"],
        "title": "über die kulturwissenschaftliche perspektive",
        "venue": "Handbuch der Dinge",
        "publisher": "De Gruyter",
        "place": "Berlin",
        "year": 2019,
        "pages": "27–43",
        "doi": "10.1515/9783110000000-003",
    }
    return validated(Publication, {**data, **more})


@pytest.mark.parametrize("style", csl_style_ids())
def test_german_chapter_has_the_locale_words_and_keeps_its_title(style: str) -> None:
    owners = owner_names(Person(given_names="Christian", family_name="Kassung"))
    de = cite(_chapter(), CitationStyle(style=style), owners, Localizer("de").word, lang="de")
    en = cite(_chapter(), CitationStyle(style=style), owners, Localizer("en").word, lang="en")
    assert "Hrsg." in str(de) and "S.\u00a027" in str(de).replace(" 27", "\u00a027"), str(de)
    assert "Hrsg." not in str(en) and "pp." in str(en), str(en)
    for rich in (de, en):  # no English title case on a German title
        assert "über die kulturwissenschaftliche perspektive" in str(rich)
        assert [t for t in rich.bold_texts if "Kassung" in t], rich.bold_texts
        assert not any("Müller" in t for t in rich.bold_texts)
        doi = [s for s in rich.segments if s.url == "https://doi.org/10.1515/9783110000000-003"]
        assert doi, rich.segments


@pytest.mark.parametrize("style", csl_style_ids())
def test_owner_bold_with_the_given_names_wherever_the_style_puts_them(style: str) -> None:
    owners = owner_names(Person(given_names="Klaus-Robert", family_name="Müller"))
    rich = cite(_chapter(), CitationStyle(style=style), owners, Localizer("en").word, lang="en")
    (bold,) = rich.bold_texts
    assert bold in ("Müller, K.-R.", "K.-R. Müller", "Müller, K.-R"), rich.segments


def test_owner_as_editor_of_an_edited_book_is_bold() -> None:
    pub = records.Publication(
        id="e",
        kind="edited_book",
        authors=["Longo L", "Lapuschkin S", "Seifert C"],
        title="Explainable Artificial Intelligence",
        publisher="Springer",
        place="Cham",
        year=2024,
    )
    owners = owner_names(Person(given_names="Sebastian", family_name="Lapuschkin"))
    for style in csl_style_ids():
        rich = cite(pub, CitationStyle(style=style), owners, Localizer("de").word, lang="de")
        assert any("Lapuschkin" in t for t in rich.bold_texts), (style, str(rich))
        assert "Hrsg" in str(rich), (style, str(rich))


def test_marks_in_the_data_cannot_forge_formatting() -> None:
    pub = _chapter(title="Evil \ue000\ue012bold\ue013\ue001 title \ue010x")
    owners = owner_names(Person(given_names="Nobody", family_name="Else"))
    for style in csl_style_ids():
        rich = cite(pub, CitationStyle(style=style), owners, Localizer("en").word, lang="en")
        assert not rich.bold_texts, rich.segments
        assert "Evil bold title x" in str(rich)
        assert not re.search("[\ue000-\uf8ff]", str(rich))


def test_numeric_style_numbers_entries_as_grantdocs_lists_them() -> None:
    owners = owner_names(Person(given_names="Christian", family_name="Kassung"))
    word = Localizer("en").word
    third = cite(_chapter(), CitationStyle(style="ieee"), owners, word, lang="en", number=3)
    assert str(third).startswith("[3] C. Kassung"), str(third)
    plain = cite(_chapter(), CitationStyle(style="apa", numbered=True), owners, word, number=4)
    assert str(plain).startswith("[4] Kassung, C."), str(plain)
    unnumbered = cite(_chapter(), CitationStyle(style="apa"), owners, word, number=4)
    assert str(unnumbered).startswith("Kassung, C."), str(unnumbered)


def test_open_access_and_notes_are_added_when_the_format_asks() -> None:
    pub = _chapter(open_access="gold", notes=["Best paper award"])
    owners = owner_names(Person(given_names="Christian", family_name="Kassung"))
    options = CitationStyle(style="din-1505-2", show_open_access=True, show_notes=True)
    text = str(cite(pub, options, owners, Localizer("de").word, lang="de"))
    assert text.endswith(" [Open Access] – Best paper award"), text
    text = str(cite(pub, CitationStyle(style="din-1505-2"), owners, Localizer("de").word))
    assert "Open Access" not in text and "Best paper" not in text


def test_same_citation_from_memo_disk_and_fresh_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grantdocs.cite import csl_cite

    monkeypatch.setenv("GRANTDOCS_CACHE", str(tmp_path))
    owners = owner_names(Person(given_names="Christian", family_name="Kassung"))
    pub = _chapter(title="A title only this test uses")
    word = Localizer("de").word
    first = cite(pub, CitationStyle(style="apa"), owners, word, lang="de")
    assert list(tmp_path.glob("csl-*.bin"))
    csl_cite._RENDERED.clear()
    from_disk = cite(pub, CitationStyle(style="apa"), owners, word, lang="de")
    for path in tmp_path.glob("csl-*.bin"):
        path.write_bytes(b"corrupt")
    csl_cite._RENDERED.clear()
    fresh = cite(pub, CitationStyle(style="apa"), owners, word, lang="de")
    assert first == from_disk == fresh


@pytest.mark.parametrize(("lang", "locale"), [("de", "de-DE"), ("en", "en-GB")])
def test_the_bundled_dfg_cv_cites_by_din_1505_2(
    bundled_documents: dict[tuple[str, str], Path], lang: str, locale: str
) -> None:
    """Every numbered citation of the bundled DFG CV starts with citeproc-py's DIN 1505-2
    text of one bundled publication, in the document's CSL locale."""
    from grantdocs.profile.load import load_profile
    from grantdocs.resources import default_profile
    from tests.docx_read import NUMBERED, open_docx, paragraphs

    word = Localizer(lang).word
    profile = load_profile(default_profile()).profile
    path = style_path("din-1505-2")
    references = [reference_text(path, locale, csl_item(p, word)) for p in profile.publications]
    doc = open_docx(bundled_documents["dfg-cv", lang])
    cited = [NUMBERED.sub("", p.text) for p in paragraphs(doc) if NUMBERED.match(p.text)]
    assert len(cited) == 20
    for text in cited:
        found = [r for r in references if text.startswith(r)]
        assert found and ADDITIONS.match(text[len(max(found, key=len)) :]), text


def test_an_owner_the_style_would_cut_with_et_al_stays_visible_and_bold() -> None:
    authors = [f"Author{i} A" for i in range(12)] + ["Amos B", "Last Z"]
    pub = records.Publication(id="m", kind="conference_paper", authors=authors, title="T", year=2022)
    owners = owner_names(Person(given_names="Brandon", family_name="Amos"))
    word = Localizer("en").word
    item = csl_item(pub, word)
    assert "Amos" not in reference_text(style_path("ieee"), "en-US", item)  # IEEE cuts at 7
    rich = cite(pub, CitationStyle(style="ieee"), owners, word, lang="en")
    assert rich.bold_texts == ["B. Amos"], str(rich)
    assert str(rich).startswith(reference_text(style_path("ieee"), "en-US", item, True)[3:])


def test_a_planted_or_endless_citation_entry_is_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendered citations live under the compiled-template cache's trust rule: an entry
    another user could write (a forged text with a recomputed plain checksum, a FIFO, a link
    to /dev/zero) is rendered anew, never printed and never read without bound."""
    import hashlib
    import os

    from grantdocs.cite import csl_cite

    monkeypatch.setenv("GRANTDOCS_CACHE", str(tmp_path / "cache"))
    owners = owner_names(Person(given_names="Christian", family_name="Kassung"))
    pub = _chapter(title="A title only the planting test uses")
    word = Localizer("de").word
    first = str(cite(pub, CitationStyle(style="din-1505-2"), owners, word, lang="de"))
    [entry] = (tmp_path / "cache").glob("csl-*.bin")
    forged = b"FORGED CITATION"
    for plant in ("forged", "fifo", "zero"):
        entry.unlink()
        if plant == "forged":
            entry.write_bytes(hashlib.sha256(forged).digest() + forged)
        elif plant == "fifo":
            os.mkfifo(entry)
        else:
            entry.symlink_to("/dev/zero")
        csl_cite._RENDERED.clear()
        again = str(cite(pub, CitationStyle(style="din-1505-2"), owners, word, lang="de"))
        assert again == first and "FORGED" not in again, plant


@pytest.mark.parametrize("style", csl_style_ids())
def test_the_formats_max_authors_replaces_the_styles_et_al_rule(style: str) -> None:
    """A format's ``max_authors``/``et_al_after`` cut a CSL style's lists (real entries of
    9 to 24 authors): more than ``max_authors`` names -> the first ``et_al_after`` and the
    style's "et al."; a list of ``max_authors`` names is whole; the owner beyond the cut
    keeps every name, bold. The text is citeproc-py's for the style with that rule."""
    owners = owner_names(Person(given_names="Brandon", family_name="Amos"))
    word = Localizer("de").word
    pubs = {p.title.split(":")[0]: p for p in publications("brandon-amos_all.bib")}
    first, late = pubs["AlgoTune"], pubs["Theseus"]  # 24 names, owner 2nd; 13, owner 12th
    assert len(first.authors) == 24 and len(late.authors) == 13
    cut = CitationStyle(style=style, max_authors=8, et_al_after=3)
    text = str(cite(first, cut, owners, word, lang="de"))
    whole = str(cite(first, CitationStyle(style=style, max_authors=30), owners, word, lang="de"))
    path, item = style_path(style), csl_item(first, word)
    families = [name["family"] for name in item["author"]]
    assert all(f in text for f in families[:3]), text
    cut_off = [f for f in families[3:] if f not in families[:3]]
    assert len(cut_off) > 15 and not any(f in text for f in cut_off), text
    assert all(f in whole for f in families), whole
    reference = reference_text(path, "de-DE", item, cut=(9, 3))
    if style == "ieee":
        reference = re.sub(r"^\[?1\]?\.?\s*", "", reference)
    assert text.startswith(reference), (text, reference)
    assert re.search(r"u\.\s?a\.|et al\.", text), text
    late_text = cite(late, cut, owners, word, lang="de")
    assert all(n["family"] in str(late_text) for n in csl_item(late, word)["author"])
    assert "Amos" in " ".join(late_text.bold_texts)
    nine = replace(first, authors=first.authors[:8])
    assert all(f in str(cite(nine, cut, owners, word, lang="de")) for f in families[:8])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_din_author_names_are_small_caps_as_the_style_says(lang: str) -> None:
    """DIN 1505-2 writes its author and editor names with ``font-variant="small-caps"``:
    those runs are small caps (the owner's bold too), the title and the rest are not, and
    no other bundled style has small caps; the text stays citeproc-py's."""
    owners = owner_names(Person(given_names="Christian", family_name="Kassung"))
    word = Localizer(lang).word
    din = CitationStyle(style="din-1505-2")
    seen = 0
    for pub in publications("christian-kassung_publications.trimmed.bib"):
        if not pub.authors:
            continue
        rich = cite(pub, din, owners, word, lang=lang)
        caps = [s.text for s in rich.segments if s.small_caps]
        leading = ""
        for segment in rich.segments:
            if not segment.small_caps:
                break
            leading += segment.text
        assert leading and str(rich).split(":")[0].startswith(leading), (str(rich), caps)
        assert not any(clean_title(pub.title)[:12] in text for text in caps)
        assert all(s.small_caps for s in rich.segments if s.bold), rich.segments
        seen += 1
        for other in ("apa", "ieee"):
            plain = cite(pub, CitationStyle(style=other), owners, word, lang=lang)
            assert not any(s.small_caps for s in plain.segments)
    assert seen > 10


def clean_title(title: str) -> str:
    return re.sub(r"[{}\\]", "", title)
