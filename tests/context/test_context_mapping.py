"""Every profile field reaches templates through the generic mapping; the docs follow it."""

from __future__ import annotations

from pathlib import Path

import pytest

from grantdocs.context.builder import COMPUTED, ContextBuilder
from grantdocs.context.doc import template_context_doc
from grantdocs.context.fields import shapes
from grantdocs.formats.registry import load_format
from grantdocs.l10n.language import Language
from grantdocs.prepare import localiser
from grantdocs.profile.load import LoadedProfile, load_profile
from grantdocs.profile.records import Record
from grantdocs.resources import project_root
from grantdocs.select.engine import section_entries
from grantdocs.select.rules import SECTION_MODELS
from tests.conftest import AS_OF, write_tree


def test_committed_template_context_doc_is_current() -> None:
    committed = (project_root() / "docs" / "template-context.md").read_text(encoding="utf-8")
    assert committed == template_context_doc(), (
        "docs/template-context.md is stale: run "
        "'grantdocs context --doc > docs/template-context.md'"
    )


EXTRA = """\
person: {given_names: Ada, family_name: Lovelace}
memberships:
  - {organisation: {en: Analytical Society, de: Analytische Gesellschaft}, start: 2020}
supervision:
  cases:
    - {id: s1, name: Byron A, level: phd, start: 2021, thesis_title: On Engines}
"""
"""Sections the bundled profile has no entries in."""


@pytest.mark.parametrize("section", list(SECTION_MODELS))
def test_a_row_has_every_model_field_and_the_documented_computed_names(
    bundled: LoadedProfile, section: str, tmp_path: Path
) -> None:
    loaded = bundled
    if not section_entries(bundled.profile, section):
        loaded = load_profile(write_tree(tmp_path, {"p.yaml": EXTRA}) / "p.yaml")
    entries = section_entries(loaded.profile, section)
    assert entries
    fmt = load_format("dfg-cv")
    builder = ContextBuilder(loaded.profile, fmt.spec, localiser(fmt, Language("de")), AS_OF)
    row = builder.row(section, entries[0])
    fields = {s.name for s in shapes(Record.named(SECTION_MODELS[section].__name__))}
    dates = {
        f"{s.name}_{x}"
        for s in shapes(Record.named(SECTION_MODELS[section].__name__))
        if s.kind == "date" and not s.many
        for x in ("date", "precision")
    }
    assert set(row) == fields | dates | set(COMPUTED[section])


def test_fields_without_context_code_reach_the_template(bundled: LoadedProfile) -> None:
    """Supervision counts, education level, award kind: no row builder names them."""
    fmt = load_format("dfg-cv")
    builder = ContextBuilder(bundled.profile, fmt.spec, localiser(fmt, Language("de")), AS_OF)
    ctx = builder.build({})
    counts = ctx["supervision"]["counts"]
    assert counts and {"level", "count", "at_least"} <= set(counts[0])
    education = builder.row("education", bundled.profile.education[0])
    assert education["level"] == bundled.profile.education[0].level
    award = builder.row("awards", bundled.profile.awards[0])
    assert award["kind"] == bundled.profile.awards[0].kind
    assert ctx["person"]["contact"]["email"] == list(bundled.profile.person.contact.email)


def test_texts_are_localised_and_dates_formatted(bundled: LoadedProfile) -> None:
    fmt = load_format("dfg-cv")
    position = next(p for p in bundled.profile.positions if isinstance(p.title, dict))
    for lang in ("de", "en"):
        builder = ContextBuilder(bundled.profile, fmt.spec, localiser(fmt, Language(lang)), AS_OF)
        row = builder.row("positions", position)
        assert row["title"] == position.title[lang]
        assert row["start_date"] == position.start.first_day()
        assert isinstance(row["start"], str) and str(position.start.year) in row["start"]
