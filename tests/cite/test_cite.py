"""Citations in each named style: every kind in both languages, bold owners, links, options."""

from __future__ import annotations

from typing import Any

import pytest

from grantdocs.cite import cite, owner_names
from grantdocs.cite.rich import Rich
from grantdocs.formats.citation_styles import style_names
from grantdocs.formats.spec import CitationStyle
from grantdocs.l10n.formatting import Localizer
from grantdocs.profile import records
from grantdocs.profile.model import Person, Publication, validated

OWNER = Person(given_names="Sebastian", family_name="Lapuschkin", name_variants=["Bach S"])
OWNERS = owner_names(OWNER)
STYLES = ["author-year", "numbered", "apa-like"]
LANGS = ["en", "de"]


def pub(kind: str, **fields: Any) -> Publication:
    base: dict[str, Any] = {
        "id": f"x-{kind.replace('_', '-')}",
        "kind": kind,
        "authors": ["Samek W", "Lapuschkin S"],
        "title": "A Title",
        "year": 2020,
    }
    return validated(Publication, {**base, **fields})


KINDS: dict[str, Publication] = {
    "journal_article": pub(
        "journal_article",
        venue="Nature Communications",
        volume="10",
        issue="1",
        pages="1096",
        doi="10.1038/s41467-019-08987-4",
    ),
    "conference_paper": pub(
        "conference_paper",
        venue="Proceedings of CVPR",
        pages="2912–2920",
        url="https://example.org/cvpr",
    ),
    "workshop_paper": pub("workshop_paper", venue="ICML Workshop on XAI", openreview="abc123"),
    "book_chapter": pub(
        "book_chapter",
        venue="Explainable AI",
        editors=["Samek W", "Müller K-R"],
        pages="193–209",
        publisher="Springer",
        place="Cham",
        doi="10.1007/978-3-030-28954-6_10",
    ),
    "book": pub("book", publisher="Springer", place="Cham", doi="10.1007/978-3-030-00000-0"),
    "edited_book": pub(
        "edited_book",
        editors=["Samek W", "Lapuschkin S"],
        publisher="Springer",
        place="Cham",
        url="https://example.org/book",
    ),
    "thesis": pub(
        "thesis",
        authors=["Lapuschkin S"],
        thesis_type="phd",
        institution="Technische Universität Berlin",
        url="https://example.org/thesis",
    ),
    "report": pub(
        "report",
        institution="Fraunhofer HHI",
        number="TR-2020-03",
        place="Berlin",
        url="https://example.org/report",
    ),
    "patent": pub("patent", office="EP", number="3 123 456 A1", url="https://example.org/patent"),
    "software": pub(
        "software",
        version="0.5.1",
        venue="GitHub",
        doi="10.5281/zenodo.1",
        code_urls=["https://github.com/example/zennit"],
    ),
    "dataset": pub("dataset", version="1.0", venue="Zenodo", doi="10.5281/zenodo.2"),
    "preprint": pub("preprint", venue="CoRR", arxiv="2506.10713"),
    "other": pub("other", venue="Tagesspiegel", url="https://example.org/press"),
}

KIND_WORDS: dict[str, dict[str, str]] = {
    "thesis": {"en": "PhD thesis", "de": "Dissertation"},
    "report": {"en": "Technical report", "de": "Technischer Bericht"},
    "patent": {"en": "Patent", "de": "Patent"},
    "software": {"en": "Software", "de": "Software"},
    "dataset": {"en": "Dataset", "de": "Datensatz"},
}
"""The word that names a kind in every style, per language."""

KIND_VALUES: dict[str, list[str]] = {
    "thesis": ["Technische Universität Berlin"],
    "report": ["TR-2020-03", "Fraunhofer HHI"],
    "patent": ["EP", "3 123 456 A1"],
    "software": ["0.5.1", "GitHub", "https://github.com/example/zennit"],
    "dataset": ["1.0", "Zenodo", "10.5281/zenodo.2"],
    "preprint": ["2506.10713"],
    "book_chapter": ["Explainable AI", "Springer", "193–209"],
    "journal_article": ["Nature Communications", "1096"],
}


def render(
    p: Publication, style: str = "author-year", lang: str = "en", number: int = 7, **options: Any
) -> Rich:
    """``p`` cited as entry ``number`` in ``style`` with the format options ``options``."""
    loc = Localizer(lang)  # type: ignore[arg-type]
    spec = validated(CitationStyle, {"style": style, **options})
    return cite(p, spec, OWNERS, loc.word, lang=lang, number=number)


def test_the_bundled_styles() -> None:
    assert style_names() == sorted(STYLES)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_in_every_style_and_language(kind: str, style: str, lang: str) -> None:
    p = KINDS[kind]
    rich = render(p, style, lang)
    text = str(rich)
    assert "A Title" in text
    assert "2020" in text
    assert rich.bold_texts and all("Lapuschkin" in b for b in rich.bold_texts)
    if "Samek W" in p.authors:
        assert "Samek" in text and "Samek" not in "".join(rich.bold_texts)
    if kind in KIND_WORDS:
        assert KIND_WORDS[kind][lang] in text
        other = "de" if lang == "en" else "en"
        if KIND_WORDS[kind][other] != KIND_WORDS[kind][lang]:
            assert KIND_WORDS[kind][other] not in text
    for value in KIND_VALUES.get(kind, []):
        assert value in text, value
    if kind in ("thesis", "report", "patent", "software", "dataset"):
        assert "In:" not in text and " in " not in text  # not cited as an article
    if p.link:
        assert p.link in [s.url for s in rich.segments]
    assert "  " not in text and ".." not in text and " ." not in text and " ," not in text
    if lang == "de":
        words = "".join(s.text for s in rich.segments if not s.url)
        for english in (" and ", "vol.", "pp.", " no. ", "version", "eds.", "thesis", "report"):
            assert english not in words, english


AUTHOR_YEAR = {
    ("thesis", "en"): "Lapuschkin S (2020). A Title. PhD thesis, Technische Universität Berlin. "
    "https://example.org/thesis",
    ("thesis", "de"): "Lapuschkin S (2020). A Title. Dissertation, Technische Universität Berlin. "
    "https://example.org/thesis",
    ("report", "en"): "Samek W and Lapuschkin S (2020). A Title. Technical report TR-2020-03, "
    "Fraunhofer HHI, Berlin. https://example.org/report",
    ("report", "de"): "Samek W und Lapuschkin S (2020). A Title. Technischer Bericht TR-2020-03, "
    "Fraunhofer HHI, Berlin. https://example.org/report",
    ("patent", "en"): "Samek W and Lapuschkin S (2020). A Title. Patent EP 3 123 456 A1. "
    "https://example.org/patent",
    ("software", "en"): "Samek W and Lapuschkin S (2020). A Title. Software, version 0.5.1. "
    "GitHub. https://github.com/example/zennit doi:10.5281/zenodo.1",
    ("software", "de"): "Samek W und Lapuschkin S (2020). A Title. Software, Version 0.5.1. "
    "GitHub. https://github.com/example/zennit doi:10.5281/zenodo.1",
    ("dataset", "de"): "Samek W und Lapuschkin S (2020). A Title. Datensatz, Version 1.0. Zenodo. "
    "doi:10.5281/zenodo.2",
    ("book_chapter", "de"): "Samek W und Lapuschkin S (2020). A Title. In: Samek W und Müller K-R "
    "(Hrsg.) Explainable AI 193–209. Springer, Cham. doi:10.1007/978-3-030-28954-6_10",
}


@pytest.mark.parametrize(("kind", "lang"), sorted(AUTHOR_YEAR))
def test_author_year_forms(kind: str, lang: str) -> None:
    assert str(render(KINDS[kind], "author-year", lang)) == AUTHOR_YEAR[(kind, lang)]


def test_a_thesis_of_each_degree_in_german() -> None:
    words = {
        "phd": "Dissertation",
        "master": "Masterarbeit",
        "bachelor": "Bachelorarbeit",
        "diploma": "Diplomarbeit",
        "habilitation": "Habilitationsschrift",
        None: "Abschlussarbeit",
    }
    for thesis_type, word in words.items():
        p = pub("thesis", thesis_type=thesis_type, institution="RWTH Aachen University")
        assert f"{word}, RWTH Aachen University." in str(render(p, "author-year", "de"))


def test_numbered_style_forms() -> None:
    article = KINDS["journal_article"]
    assert str(render(article, "numbered", "en", number=3)) == (
        "[3] W. Samek and S. Lapuschkin, “A Title”, Nature Communications, vol. 10, no. 1, "
        "pp. 1096, 2020. doi:10.1038/s41467-019-08987-4"
    )
    assert str(render(article, "numbered", "de", number=3)) == (
        "[3] W. Samek und S. Lapuschkin, „A Title“, Nature Communications, Bd. 10, Nr. 1, "
        "S. 1096, 2020. doi:10.1038/s41467-019-08987-4"
    )
    assert str(render(KINDS["conference_paper"], "numbered", "de")).startswith(
        "[7] W. Samek und S. Lapuschkin, „A Title“, in: Proceedings of CVPR, S. 2912–2920"
    )


def test_a_patent_gives_office_number_and_date() -> None:
    patent = pub("patent", office="EP", number="3 123 456 A1", month=3)
    assert "Patent EP 3 123 456 A1, March 2020." in str(render(patent, "numbered", "en"))
    assert "Patent EP 3 123 456 A1, März 2020." in str(render(patent, "numbered", "de"))
    assert str(render(patent, "author-year", "de")).endswith(
        "(2020). A Title. Patent EP 3 123 456 A1."
    )


def test_apa_style_forms() -> None:
    assert str(render(KINDS["journal_article"], "apa-like", "en")) == (
        "Samek, W., & Lapuschkin, S. (2020). A Title. Nature Communications, 10(1), 1096. "
        "https://doi.org/10.1038/s41467-019-08987-4"
    )
    assert str(render(KINDS["journal_article"], "apa-like", "de")).startswith(
        "Samek, W. & Lapuschkin, S. (2020). A Title. Nature Communications, 10(1), 1096."
    )
    three = pub("journal_article", authors=["Samek W", "Lapuschkin S", "Müller K-R"], venue="V")
    assert str(render(three, "apa-like", "en")).startswith(
        "Samek, W., Lapuschkin, S., & Müller, K.-R."
    )
    assert str(render(three, "apa-like", "de")).startswith(
        "Samek, W., Lapuschkin, S. & Müller, K.-R."
    )
    assert str(render(KINDS["thesis"], "apa-like", "de")) == (
        "Lapuschkin, S. (2020). A Title [Dissertation, Technische Universität Berlin]. "
        "https://example.org/thesis"
    )
    rich = render(KINDS["journal_article"], "apa-like", "en")
    italic = [s.text for s in rich.segments if s.italic]
    assert italic == ["Nature Communications", "10"]


@pytest.mark.parametrize("style", STYLES)
def test_venue_in_italics_and_link(style: str) -> None:
    rich = render(KINDS["journal_article"], style)
    assert any(s.italic and s.text == "Nature Communications" for s in rich.segments)
    (link,) = [s for s in rich.segments if s.url]
    assert link.url == "https://doi.org/10.1038/s41467-019-08987-4"
    assert "10.1038/s41467-019-08987-4" in link.text


@pytest.mark.parametrize("style", STYLES)
def test_numbers_follow_the_style_or_the_format(style: str) -> None:
    article = KINDS["journal_article"]
    assert str(render(article, style, number=4)).startswith("[4] ") is (style == "numbered")
    assert str(render(article, style, numbered=True, number=4)).startswith("[4] ")
    assert not str(render(article, style, numbered=False, number=4)).startswith("[")


def test_no_number_without_a_position() -> None:
    loc = Localizer("en")
    spec = CitationStyle(style="numbered")
    assert not str(cite(KINDS["journal_article"], spec, OWNERS, loc.word)).startswith("[")


MANY = [
    f"{family} A"
    for family in [
        "Arras",
        "Binder",
        "Cheung",
        "Dreyer",
        "Eisert",
        "Frommholz",
        "Gerstenberger",
        "Horst",
        "Jain",
        "Kopf",
        "Labarta",
    ]
]
"""Eleven co-authors, none of them the owner."""


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("lang", LANGS)
def test_et_al_keeps_the_owner_visible(style: str, lang: str) -> None:
    p = pub("journal_article", authors=[*MANY[:7], "Lapuschkin S", *MANY[7:]], venue="V")
    rich = render(p, style, lang, max_authors=8, et_al_after=5)
    text = str(rich)
    assert "Eisert" in text and "Frommholz" not in text and "Labarta" not in text
    assert "…" in text and "et al." in text
    assert [b for b in rich.bold_texts] and "Lapuschkin" in rich.bold_texts[0]
    assert text.index("…") < text.index("Lapuschkin") < text.index("et al.")


def test_et_al_without_the_owner_among_the_cut() -> None:
    p = pub("journal_article", authors=["Lapuschkin S", *MANY], venue="V")
    text = str(render(p, max_authors=3, et_al_after=2))
    assert text.startswith("Lapuschkin S, Arras A et al. (2020).")
    assert "…" not in text


def test_short_lists_are_not_cut() -> None:
    p = pub("journal_article", authors=MANY[:8], venue="V")
    assert "et al." not in str(render(p, max_authors=8, et_al_after=5))


def test_an_imported_et_al_entry_ends_the_list() -> None:
    p = pub("journal_article", authors=["Lapuschkin S", "Samek W", "et al."], venue="V")
    assert str(render(p)).startswith("Lapuschkin S, Samek W et al. (2020).")
    assert str(render(p, "apa-like")).startswith("Lapuschkin, S., Samek, W. et al. (2020).")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("lang", LANGS)
def test_open_access_marks_only_when_the_format_asks(style: str, lang: str) -> None:
    p = pub("journal_article", venue="V", open_access="gold")
    assert "[Open Access]" in str(render(p, style, lang, show_open_access=True))
    assert "Open Access" not in str(render(p, style, lang, show_open_access=False))
    closed = pub("journal_article", venue="V")
    assert "Open Access" not in str(render(closed, style, lang, show_open_access=True))


@pytest.mark.parametrize("style", STYLES)
def test_notes_appended_only_when_the_format_asks(style: str) -> None:
    p = pub("journal_article", venue="V", notes=[{"en": "Oral", "de": "Vortrag"}, "Best paper"])
    assert str(render(p, style, "de", show_notes=True)).endswith(" – Vortrag; Best paper")
    assert str(render(p, style, "en", show_notes=True)).endswith(" – Oral; Best paper")
    assert "Oral" not in str(render(p, style, "en"))


def test_notes_given_by_the_document_win() -> None:
    p = pub("journal_article", venue="V", notes=["Oral"])
    spec = CitationStyle(show_notes=True)
    rich = cite(p, spec, OWNERS, Localizer("en").word, notes=["Mündlich"])
    assert str(rich).endswith(" – Mündlich")


def test_status_words_in_both_languages() -> None:
    p = pub("journal_article", venue="V", status="in_preparation")
    assert str(render(p, lang="de")).endswith("(in Vorbereitung)")
    assert str(render(p, lang="en")).endswith("(in preparation)")


def test_owner_under_a_variant_and_a_marker_is_bold() -> None:
    p = pub("journal_article", authors=["Binder A", "Bach S*", "Lapuschkin S$^{\\dagger}$"])
    for style in STYLES:
        bold = render(p, style).bold_texts
        assert len(bold) == 2, style


def test_a_namesake_is_not_bold() -> None:
    p = pub("journal_article", authors=["Lapuschkin M", "Lapuschkin S"], venue="V")
    assert render(p).bold_texts == ["Lapuschkin S"]


def test_edited_book_names_its_editors() -> None:
    p = KINDS["edited_book"]
    assert str(render(p, lang="de")).startswith("Samek W und Lapuschkin S (Hrsg.) (2020).")
    single = pub("edited_book", authors=["Lapuschkin S"])
    assert str(render(single)).startswith("Lapuschkin S (ed.) (2020).")


def test_unknown_style_names_the_known_ones() -> None:
    with pytest.raises(
        ValueError,
        match="known styles: apa-like, author-year, numbered; CSL styles: apa, din-1505-2, ieee",
    ):
        CitationStyle(style="harvard")


@pytest.mark.parametrize("style", ["author-year", "apa-like", "numbered"])
def test_a_talk_or_blog_post_says_where_it_appeared_without_in(style: str) -> None:
    """Kind ``other`` (talks, interviews, blog posts in real BibTeX files) is not "In:" a venue."""
    from grantdocs.cite import cite
    from grantdocs.formats.spec import CitationStyle
    from grantdocs.profile.model import Person
    from grantdocs.profile.names import owner_names

    pub = records.Publication(
        id="k", kind="other", authors=["Kassung C"], title="4/3/2",
        venue="Vortrag an der Universität Konstanz", year=2003,
    )  # fmt: skip
    owners = owner_names(Person(given_names="Christian", family_name="Kassung"))
    for lang in ("de", "en"):
        text = str(cite(pub, CitationStyle(style=style), owners, lambda s: s, lang=lang))
        assert "Vortrag an der Universität Konstanz" in text
        assert "In:" not in text and "In " not in text and "in:" not in text


def test_citing_loads_the_yaml_styles_only_for_a_yaml_style() -> None:
    """The YAML styles' pydantic models (``cite.styles``) and their writer are built only
    when a document cites in one of them; a build citing in CSL styles alone skips them."""
    from tests.fresh import loaded_below

    assert (
        loaded_below("import grantdocs.cite", "grantdocs.cite.styles", "grantdocs.cite.write") == []
    )
