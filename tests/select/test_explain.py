"""``grantdocs explain``'s views: dates and periods as the profile gives them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from grantdocs.formats.registry import load_format
from grantdocs.prepare import select_slots
from grantdocs.profile.load import load_profile
from grantdocs.select.explain import explain_json
from tests.conftest import MINIMAL, write_tree


def test_a_period_within_one_year_shows_the_year_once(tmp_path: Path) -> None:
    text = MINIMAL + (
        "positions:\n"
        "  - {title: Visitor, organisation: Lab, start: 2025, end: 2025}\n"
        "  - {title: Fellow, organisation: Lab, start: 2023, end: 2024}\n"
        "  - {title: Lead, organisation: Lab, start: 2025-03}\n"
    )
    loaded = load_profile(write_tree(tmp_path, {"p.yaml": text}) / "p.yaml")
    fmt = load_format("dfg-cv")
    as_of = dt.date(2025, 9, 20)
    data = json.loads(explain_json(fmt.id, as_of, select_slots(fmt, loaded, as_of)))
    when = {d["entry"]: d["when"] for d in data["slots"]["career"]["kept"]}
    assert when == {"Visitor": "2025", "Fellow": "2023–2024", "Lead": "2025-03–"}
