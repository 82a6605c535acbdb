"""Entries no slot of a document shows because of the format's ``where``; not those a window,
a limit or the owner's exclude leaves out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from grantdocs.formats.registry import load_format
from grantdocs.prepare import Choices, select_slots
from grantdocs.profile.load import load_profile
from grantdocs.select.unshown import unshown

PROFILE = """\
person: {given_names: Ada, family_name: Roe}
education:
  - {level: school, degree: Abitur, institution: Gymnasium, date: 2000}
  - {level: doctorate, degree: PhD, institution: Uni, date: 2010}
teaching:
  - {course: Old Course, institution: Uni, year: 2005}
publications:
  - {id: hidden, kind: manuscript, authors: [Roe A], title: Hidden, year: 2024,
     status: submitted}
  - {id: mine, kind: book, authors: [Roe A], title: Mine, year: 2020}
  - {id: gone, kind: book, authors: [Roe A], title: Gone, year: 2019}
"""


def test_only_what_a_where_leaves_out_is_reported(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(PROFILE, encoding="utf-8")
    loaded = load_profile(tmp_path / "p.yaml")
    choices = Choices(exclude=("gone",))
    selections = select_slots(load_format("dfg-cv"), loaded, dt.date(2026, 6, 30), choices)
    found = {
        (u.section, getattr(u.entry, "id", None) or u.entry.degree): u for u in unshown(selections)
    }
    assert set(found) == {("education", "Abitur"), ("publications", "hidden")}
    # the old course is outside the teaching window, 'gone' excluded by the owner: not listed
    hidden = found[("publications", "hidden")]
    assert [slot for slot, _ in hidden.reasons] == ["category_a", "category_b"]
    assert "status is submitted" in hidden.reasons[0][1]
