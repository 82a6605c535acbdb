"""BibTeX as personal sites and exports write it (al-folio, ACL Anthology, JabRef, DBLP):
importance marks, venues in custom fields, code links, DOIs in links, author markers,
repeated fields, theses, reports, software, data sets and patents. Each snippet copies a
shape found in a real public file (see tests/fixtures/real/FINDINGS.md)."""

from __future__ import annotations

import pytest

from grantdocs.importers.bibtex import read_bibtex
from grantdocs.importers.records import CITATION_FIELDS, ImportResult, Record
from grantdocs.profile.model import Publication, validated


def read(text: str) -> ImportResult:
    return read_bibtex(text, "in.bib")


def one(text: str) -> Record:
    result = read(text)
    assert not result.skipped, result.skipped
    [record] = result.records
    return record


def misc(**fields: str) -> str:
    body = ",\n".join(f"  {k} = {v}" for k, v in fields.items())
    return (
        "@misc{key,\n  author = {Amos, Brandon},\n  title = {A Title},\n  year = {2021},\n"
        + body
        + "\n}\n"
    )


# --- the owner's importance marks -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "selected"),
    [("{true}", True), ("true", True), ("{True}", True), ("{yes}", True), ("{1}", True),
     ("{false}", None), ("false", None), ("{no}", None)],
)  # fmt: skip
def test_selected_mark(value: str, selected: bool | None) -> None:
    record = one(misc(_venue="{ICML}", selected=value))
    assert record.entry.get("selected") is selected
    assert any(n.startswith("selected: the owner's mark") for n in record.notes) is bool(selected)


def test_a_selected_value_that_is_no_yes_or_no_is_a_warning() -> None:
    record = one(misc(selected="{maybe}"))
    assert "selected" not in record.entry
    assert record.warnings == ["selected = 'maybe' is neither true nor false: left out"]


def test_selected_and_abbr_are_read_not_ignored() -> None:
    result = read(misc(selected="{true}", abbr="{ICML}", bibtex_show="{true}"))
    assert dict(result.ignored_fields) == {"bibtex_show": 1}


# --- venues in custom fields and the kind of @misc ---------------------------------------


def test_misc_with_a_conference_in_venue_field_is_a_conference_paper() -> None:
    record = one(misc(url="{https://arxiv.org/abs/2403.05571}", _venue="{ICML}"))
    assert record.entry["kind"] == "conference_paper"
    assert record.entry["venue"] == "ICML"
    assert record.entry["arxiv"] == "2403.05571"
    assert "url" not in record.entry  # the arXiv link says the same
    assert "kind conference_paper: venue 'ICML' in field _venue" in record.notes


@pytest.mark.parametrize(
    ("fields", "kind", "venue", "note"),
    [
        ({"_venue": "{NeurIPS OTML Workshop}"}, "workshop_paper", "NeurIPS OTML Workshop", "_venue"),
        ({"_venue": "{JMLR}"}, "journal_article", "JMLR", "_venue"),
        ({"venue": "{CVPR 2022}"}, "conference_paper", "CVPR 2022", "venue"),
        ({"eventtitle": "{International Conference on Learning Representations}"},
         "conference_paper", "International Conference on Learning Representations", "eventtitle"),
        ({"howpublished": "{In NeurIPS 2020}"}, "conference_paper", "NeurIPS 2020", "howpublished"),
        ({"note": "{In ICML 2021}"}, "conference_paper", "ICML 2021", "note"),
        ({"note": "{Accepted at NeurIPS 2022}"}, "conference_paper", "NeurIPS 2022", "note"),
        ({"journal": "{Some Journal Nobody Lists}"}, "journal_article", "Some Journal Nobody Lists",
         "journal"),
    ],
)  # fmt: skip
def test_the_first_venue_that_names_a_kind_decides(
    fields: dict[str, str], kind: str, venue: str, note: str
) -> None:
    record = one(misc(**fields))
    assert (record.entry["kind"], record.entry["venue"]) == (kind, venue)
    assert f"kind {kind}: venue {venue!r} in field {note}" in record.notes


def test_an_accepted_note_is_a_venue_and_a_status() -> None:
    record = one(misc(note="{Accepted at NeurIPS 2022}"))
    assert record.entry["status"] == "accepted"


def test_arxiv_only_stays_a_preprint() -> None:
    record = one(misc(url="{https://arxiv.org/abs/2501.00001}", _venue="{arXiv}"))
    assert (record.entry["kind"], record.entry["venue"]) == ("preprint", "arXiv")
    assert record.notes[0] == "kind preprint: arXiv 2501.00001, no conference or journal venue"


def test_an_arxiv_journal_with_a_real_venue_is_that_venue() -> None:
    text = (
        "@article{chen2022semi, author = {Chen, Ricky}, title = {Semi}, year = {2022},\n"
        "  journal = {arXiv preprint arXiv:2206.00001}, _venue = {NeurIPS}}\n"
    )
    record = one(text)
    assert (record.entry["kind"], record.entry["venue"]) == ("conference_paper", "NeurIPS")
    assert record.entry["arxiv"] == "2206.00001"


@pytest.mark.parametrize(
    ("journal", "kind", "venue"),
    [
        ("{arXiv preprint arXiv:2405.08645}", "preprint", "arXiv"),
        ("{arXiv Feb. (Survey Paper)}", "preprint", "arXiv"),
        ("{Interspeech}", "conference_paper", "Interspeech"),
        ("{Conference on Neural Information Processing Systems (NeurIPS)}", "conference_paper",
         "Conference on Neural Information Processing Systems (NeurIPS)"),
        ("{1st Workshop on Trustworthy Learning on Graphs}", "workshop_paper",
         "1st Workshop on Trustworthy Learning on Graphs"),
        ("{PLoS ONE}", "journal_article", "PLoS ONE"),
    ],
)  # fmt: skip
def test_an_article_whose_journal_is_a_conference_workshop_or_preprint(
    journal: str, kind: str, venue: str
) -> None:
    record = one(
        f"@article{{k, author = {{Doe, J}}, title = {{T}}, year = 2020, journal = {journal}}}"
    )
    assert (record.entry["kind"], record.entry["venue"]) == (kind, venue)


def test_inproceedings_with_its_venue_in_journal() -> None:
    text = '@string{ub = "Universitat de Barcelona"}\n@inproceedings{k, author = {Doe, J}, title = {T}, year = 2020, journal = ub}'
    record = one(text)
    assert (record.entry["kind"], record.entry["venue"]) == (
        "conference_paper",
        "Universitat de Barcelona",
    )


@pytest.mark.parametrize(
    ("fields", "kind"),
    [({"_venue": "{Blog}"}, "blog_post"),
     ({"howpublished": "{Vortrag im Rahmen der Tagung »X« in Köln}"}, "presentation"),
     ({"howpublished": "{Rezension in: H-Soz-Kult}"}, "book_review")],
)  # fmt: skip
def test_talks_blog_posts_and_reviews_given_as_venue_are_their_kind(
    fields: dict[str, str], kind: str
) -> None:
    record = one(misc(**fields))
    assert record.entry["kind"] == kind
    assert not record.warnings
    assert any(note.startswith(f"kind {kind}: howpublished") or note.startswith(f"kind {kind}: _venue")
               for note in record.notes)  # fmt: skip


def test_an_interview_is_not_a_publication_but_is_kept_with_a_warning() -> None:
    record = one(misc(howpublished="{Interview im DeutschlandRadio Berlin, Radiofeature}"))
    assert record.entry["kind"] == "other"
    assert "looks like an interview or a broadcast, not a publication" in record.warnings[0]


# --- links --------------------------------------------------------------------------------


def test_code_links_and_a_pdf_that_is_a_file_name() -> None:
    result = read(
        misc(
            _venue="{ICML}",
            codeurl="{https://github.com/facebookresearch/advprompter}",
            github="{locuslab/optnet}",
            code="{https://github.com/facebookresearch/advprompter}",
            pdf="{aaai20_damd.pdf}",
            html="{https://example.org/paper.html}",
        )
    )
    [record] = result.records
    assert record.entry["code_urls"] == [
        "https://github.com/facebookresearch/advprompter",
        "https://github.com/locuslab/optnet",
    ]
    assert record.entry["url"] == "https://example.org/paper.html"
    assert result.ignored_fields["pdf (a file name, not a link)"] == 1


def test_a_code_field_that_is_no_link_is_a_warning() -> None:
    record = one(misc(code="{see the paper}"))
    assert "code_urls" not in record.entry
    assert record.warnings == ["code 'see the paper' is not an http(s) URL: left out"]


@pytest.mark.parametrize(
    ("url", "doi", "kept_url"),
    [
        ('{doi:<a href="https://doi.org/10.1016/j.cma.2026.118735">10.1016/j.cma.2026.118735</a>}',
         "10.1016/j.cma.2026.118735", None),
        ('{doi:<a href="https://dx.doi.org/10.1002/cnm.3803">10.1002/cnm.3803</a>}',
         "10.1002/cnm.3803", None),
        ("{https://dl.acm.org/doi/10.1145/3132211.3134453}", "10.1145/3132211.3134453",
         "https://dl.acm.org/doi/10.1145/3132211.3134453"),
        ("{https://www.biorxiv.org/content/10.1101/2021.04.08.439084v1.abstract}",
         "10.1101/2021.04.08.439084",
         "https://www.biorxiv.org/content/10.1101/2021.04.08.439084v1.abstract"),
        ("{https://web.archive.org/web/20220504023001id_/https://dl.acm.org/doi/pdf/10.1145/3485447.3512042}",
         "10.1145/3485447.3512042",
         "https://web.archive.org/web/20220504023001id_/https://dl.acm.org/doi/pdf/10.1145/3485447.3512042"),
    ],
)  # fmt: skip
def test_a_doi_inside_a_link_is_the_works_doi(url: str, doi: str, kept_url: str | None) -> None:
    record = one(
        f"@article{{k, author = {{Doe, J}}, title = {{T}}, year = 2024, journal = {{J}}, url = {url}}}"
    )
    assert record.entry["doi"] == doi
    assert record.entry.get("url") == kept_url
    assert f"doi {doi} taken from the link in field url" in record.notes


@pytest.mark.parametrize(
    ("written", "doi"),
    [
        ("{10.1007/978-3-032-08707-2\\_10}", "10.1007/978-3-032-08707-2_10"),
        ("{https://doi.org/10.1000/ABC}", "10.1000/ABC"),
        ("{doi.org/10.1000/abc}", "10.1000/abc"),
        ("{doi:10.1000/abc.}", "10.1000/abc"),
        ('"10.18653/v1/2022.emnlp-main.1"', "10.18653/v1/2022.emnlp-main.1"),
    ],
)
def test_doi_field_forms(written: str, doi: str) -> None:
    record = one(f"@article{{k, author = {{Doe, J}}, title = {{T}}, year = 2024, doi = {written}}}")
    assert record.entry["doi"] == doi


# --- author markers -----------------------------------------------------------------------


def test_equal_contribution_and_affiliation_markers_leave_the_names() -> None:
    text = (
        "@misc{k, title = {T}, year = 2024, _venue = {ICML},\n"
        "  author = {Anselm Paulus* and Arman Zharmagambetov* and Chuan Guo and "
        "Brandon Amos$^{\\dagger}$ and Amos*, Brandon and Lee^, Yong Jae and "
        "Doe\\textsuperscript{1,2}, Jane and Roe\\footnotemark, Richard and "
        "Yuan*, Zhihang, and Poe\\thanks{Equal contribution.}, Edgar}}\n"
    )
    record = one(text)
    assert record.entry["authors"] == [
        "Paulus A", "Zharmagambetov A", "Guo C", "Amos B", "Amos B", "Lee Y J", "Doe J", "Roe R",
        "Yuan Z", "Poe E",
    ]  # fmt: skip
    [note] = [n for n in record.notes if n.startswith("author markers")]
    assert note.startswith("author markers (equal contribution, affiliation) removed: ")
    assert "'Anselm Paulus*'" in note and "and " in note


# --- fields given twice, broken input ----------------------------------------------------


def test_the_same_value_twice_is_a_note_not_a_skip() -> None:
    text = "@misc{haviv2024,\n author = {Haviv, Doron},\n title = {W},\n year = {2024},\n _venue = {ICML},\n _venue = {ICML}\n}"
    record = one(text)
    assert record.entry["venue"] == "ICML"
    assert "field _venue given again with the same value (line 6): imported" in record.notes
    assert not record.warnings


def test_a_doubled_at_before_an_entry_is_noted_and_the_entry_read() -> None:
    text = "@misc{a, author = {Doe, J}, title = {A}, year = 2020}\n\n@@inproceedings{paulus2021comboptnet,\n author = {Paulus, Anselm}, title = {CombOptNet}, year = 2021, booktitle = {ICML}}\n"
    result = read(text)
    assert [r.label for r in result.records] == ["@misc{a}", "@inproceedings{paulus2021comboptnet}"]
    assert not result.skipped
    assert "line 3: '@' doubled before an entry: the entry is read" in result.notes


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("@article{k, author = {Doe, J}, year = 2020}", "no title"),
        ("@book{dotzler:2001, editor = {}, title = {T}, year = 2001}", "no author"),
        ("@article{k, author = {Doe, J}, title = {Unclosed, year = 2020,\n\n@misc{next,", "syntax error"),
    ],
)  # fmt: skip
def test_every_skip_says_why(text: str, reason: str) -> None:
    result = read(text)
    assert result.skipped and all(s.reason for s in result.skipped)
    assert result.skipped[0].reason.startswith(reason)


def test_the_bibtex_key_is_the_records_source_key() -> None:
    assert one(misc(_venue="{ICML}")).source_key == "key"


# --- theses, reports, software, data sets, patents ---------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("@phdthesis{t, author = {Junges, Sebastian}, title = {Parameter Synthesis in Markov Models}, year = 2020, school = {RWTH Aachen University}}",
         "thesis", {"institution": "RWTH Aachen University", "thesis_type": "phd"}),
        ("@mastersthesis{t, author = {Doe, J}, title = {T}, year = 2015, school = {TU M{\\\"u}nchen}}",
         "thesis", {"institution": "TU München", "thesis_type": "master"}),
        ("@thesis{t, author = {Doe, J}, title = {T}, year = 2019, institution = {TU Berlin}, type = {Habilitationsschrift}}",
         "thesis", {"institution": "TU Berlin", "thesis_type": "habilitation"}),
        ("@techreport{r, author = {Amos, Brandon}, title = {OpenFace}, year = 2016, institution = {CMU}, number = {CMU-CS-16-118}}",
         "report", {"institution": "CMU", "number": "CMU-CS-16-118"}),
        ("@patent{p, author = {Doe, J}, title = {Method}, year = 2021, number = {EP 3 123 456 A1}, type = {patenteu}}",
         "patent", {"number": "EP 3 123 456 A1", "office": "EP"}),
        ("@software{s, author = {Doe, J}, title = {Tool}, year = 2023, version = {0.5.1}, url = {https://github.com/doe/tool}}",
         "software", {"version": "0.5.1"}),
        ("@dataset{d, author = {Doe, J}, title = {Data}, year = 2022, version = {2}, publisher = {Zenodo}, doi = {10.5281/zenodo.9}}",
         "dataset", {"version": "2"}),
    ],
)  # fmt: skip
def test_kinds_with_their_own_citation_fields(
    text: str, kind: str, expected: dict[str, str]
) -> None:
    record = one(text)
    assert record.entry["kind"] == kind
    assert set(expected) <= set(CITATION_FIELDS)
    for key, value in expected.items():
        assert record.entry[key] == value, key
    validated(Publication, {"id": "x", **record.entry})


def test_software_and_data_sets_name_their_repository() -> None:
    software = one(
        "@software{s, author = {Doe, J}, title = {Tool}, year = 2023, url = {https://github.com/doe/tool}}"
    )
    data = one("@dataset{d, author = {Doe, J}, title = {Data}, year = 2022, publisher = {Zenodo}}")
    assert software.entry["venue"] == "GitHub"
    assert data.entry["venue"] == "Zenodo" and "publisher" not in data.entry


def test_a_crossref_gives_the_fields_the_entry_lacks() -> None:
    text = (
        "@incollection{kassung:2013k, author = {Kassung, Christian}, title = {Chapter},\n"
        "  pages = {1--20}, crossref = {kassung-macho:2013a}}\n"
        "@book{kassung-macho:2013a, editor = {Kassung, Christian and Macho, Thomas},\n"
        "  title = {Kulturtechniken der Synchronisation}, publisher = {Fink}, year = 2013}\n"
        "@incollection{lost, author = {Doe, J}, title = {T}, year = 2001, crossref = {nowhere}}\n"
    )
    chapter, book, lost = read(text).records
    assert chapter.entry["venue"] == "Kulturtechniken der Synchronisation"
    assert (chapter.entry["year"], chapter.entry["publisher"]) == (2013, "Fink")
    assert chapter.entry["editors"] == ["Kassung C", "Macho T"]
    assert "from crossref 'kassung-macho:2013a' (line 3): booktitle, editor, publisher, year" in (
        chapter.notes
    )
    assert book.entry["kind"] == "edited_book"
    assert "crossref 'nowhere' is not in this file: its fields are missing" in lost.warnings


def test_abbr_names_the_venue_when_nothing_else_does() -> None:
    record = one(misc(abbr="{EMNLP}"))
    assert (record.entry["kind"], record.entry["venue"]) == ("conference_paper", "EMNLP")


def test_a_report_number_written_into_the_institution_is_taken_out() -> None:
    record = one(
        "@techreport{amos2016openface, author = {Amos, Brandon}, title = {OpenFace}, "
        "year = {2016}, institution = {Technical Report CMU-CS-16-118, CMU School of Computer "
        "Science}}"
    )
    assert (record.entry["institution"], record.entry["number"]) == (
        "CMU School of Computer Science",
        "CMU-CS-16-118",
    )
