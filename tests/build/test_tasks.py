"""A build's tasks (``build/tasks.py``): how heavy a person's document is."""

from __future__ import annotations

from pathlib import Path

from grantdocs.build.tasks import PersonTask
from grantdocs.formats.registry import load_format
from grantdocs.l10n.language import Language
from grantdocs.prepare import Choices
from grantdocs.profile.load import load_profile
from grantdocs.resources import default_profile


def test_a_document_weighs_the_entries_its_slots_may_list() -> None:
    """The publication list (every publication, no limit) outweighs the DFG CV (at most 10
    per category), which outweighs the one-page Horizon Europe profile."""
    loaded = load_profile(default_profile())

    def weight(fmt_id: str) -> int:
        task = PersonTask(load_format(fmt_id), Language("en"), loaded, Path("out"), None, Choices())
        return task.weight()

    assert weight("publication-list") > weight("dfg-cv") > weight("horizon-europe-profile") > 0
    dfg = load_format("dfg-cv")
    assert weight("dfg-cv") <= sum(r.limit or 10**6 for r in dfg.spec.slots.values())
