"""Person and team documents share one pipeline: one context header, one place deciding the
owners, one assembly of language fallbacks (each naming its member and line)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from msgspec.structs import replace

from grantdocs.build import BuildOptions, build
from grantdocs.context.builder import header
from grantdocs.formats.registry import load_format
from grantdocs.prepare import Language, prepare
from grantdocs.team.load import load_team
from grantdocs.team.prepare import load_members, prepare_team
from tests.team.conftest import person, team_file, write_team

AS_OF = dt.date(2026, 6, 30)

ENGLISH_ONLY = """\
  title: {en: "Dr."}
positions:
  - title: {en: "Group leader"}
    organisation: "Invented Institute"
    start: 2020
"""


def _team(tmp_path: Path) -> Path:
    return write_team(
        tmp_path,
        {
            "team.yaml": team_file([("a", "applicant"), ("b", "key_person")]),
            "a/profile.yaml": person(
                "Ada",
                "Lovelace",
                "Lovelace A",
                [{"id": "a1", "authors": ["Lovelace A", "Noether E"], "title": "Shared work"}],
                extra=ENGLISH_ONLY,
            ),
            "b/profile.yaml": person(
                "Emmy",
                "Noether",
                "Noether E",
                [{"id": "b1", "authors": ["Noether E"], "title": "Own work", "year": 2021}],
            ),
        },
    )


def test_the_annex_reports_each_members_fallbacks_as_their_own_cv_does(tmp_path: Path) -> None:
    path = _team(tmp_path)
    reports = build(
        BuildOptions(
            formats=["cv-annex", "dfg-cv"], langs=["de"], as_of=AS_OF, team=path, out=tmp_path / "o"
        )
    )
    annex = next(r for r in reports if r.format_id == "cv-annex")
    own = next(r for r in reports if r.format_id == "dfg-cv" and "a/profile.yaml" in str(r.profile))
    fallbacks = [w for w in annex.warnings if w.code == "language-fallback"]
    own_fallbacks = [w for w in own.warnings if w.code == "language-fallback"]
    assert {w.subject for w in own_fallbacks} == {"person.title", "positions[0].title"}
    # the same paths and lines, named by their member, each once
    assert sorted((w.subject, w.where) for w in fallbacks) == sorted(
        (w.subject, w.where) for w in own_fallbacks
    )
    assert all(w.message.startswith("Lovelace: fell back to another language for") for w in fallbacks)
    position = next(w for w in fallbacks if w.subject == "positions[0].title")
    assert position.where is not None and position.where.endswith("a/profile.yaml:7:12")


def test_one_header_and_every_member_bold_in_a_team_document(tmp_path: Path) -> None:
    team = load_team(_team(tmp_path))
    members = load_members(team)
    fmt = load_format("team-publication-list")
    for lang in (Language("de"), Language("en")):
        prepared = prepare_team(fmt, lang, team, members, AS_OF)
        context = prepared.context
        expected = header(fmt.spec, prepared.localizer, AS_OF)
        assert {k: context[k] for k in ("lang", "as_of", "format")} == {
            k: expected[k] for k in ("lang", "as_of", "format")
        }
        title = {"de": "Publikationen des Teams", "en": "Publications of the team"}[lang.code]
        assert context["format"]["title"] == title
    rows = prepared.context["slots"]["publications"]["entries"]
    shared = next(r for r in rows if r["title"] == "Shared work")
    bold = " ".join(shared["citation"].bold_texts)
    assert "Lovelace" in bold and "Noether" in bold, bold
    # a person document's header is the same function's
    person_doc = prepare(load_format("dfg-cv"), Language("de"), members[0].loaded, AS_OF)
    assert person_doc.context["format"] == header(
        load_format("dfg-cv").spec, person_doc.localizer, AS_OF
    )["format"]


def test_a_team_list_by_year_puts_works_without_a_year_first_under_no_date(
    tmp_path: Path,
) -> None:
    path = _team(tmp_path)
    undated = {"id": "b2", "authors": ["Noether E"], "title": "Working paper", "year": "null"}
    (tmp_path / "b" / "profile.yaml").write_text(
        person(
            "Emmy",
            "Noether",
            "Noether E",
            [{"id": "b1", "authors": ["Noether E"], "title": "Own work", "year": 2021}, undated],
        ),
        encoding="utf-8",
    )
    team = load_team(path)
    members = load_members(team)
    fmt = load_format("team-publication-list")
    assert fmt.spec.team is not None
    by_year = replace(
        fmt,
        spec=replace(fmt.spec, team=replace(fmt.spec.team, group_by="year")),
    )
    for code, no_date in (("de", "o.\u00a0J."), ("en", "n.d.")):
        slot = prepare_team(by_year, Language(code), team, members, AS_OF).context["slots"]
        groups = slot["publications"]["groups"]
        assert [g["label"] for g in groups] == [no_date, "2021", "2020"]
        assert [e["title"] for e in groups[0]["entries"]] == ["Working paper"]
