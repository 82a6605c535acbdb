"""Entries of the profile that no slot of a document shows because of a format's rule.

An entry counts when the format reads its section, no slot keeps it, and every slot that
reads the section left it out by its ``where`` (not by a time window, a limit, or the
owner's own exclude): the user did not decide that, the format did ("education
'Habilitation 2021' is in no section of dfg-cv").
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from grantdocs.select.engine import Selection


class Unshown(Struct, frozen=True):
    """One entry no slot shows: its section, the entry, and each slot's reason."""

    section: str
    entry: Any
    reasons: tuple[tuple[str, str], ...]
    """``(slot, why it left the entry out)`` for every slot that reads the section."""


def unshown(selections: dict[str, Selection]) -> list[Unshown]:
    """The entries every slot of their section left out by its ``where``, in key order."""
    by_section: dict[str, list[tuple[str, Selection]]] = {}
    for name, sel in selections.items():
        by_section.setdefault(sel.rule.section, []).append((name, sel))
    found: list[Unshown] = []
    for section, slots in by_section.items():
        kept = {id(entry) for _, sel in slots for entry in sel.kept}
        if all(len(kept) >= sel.total for _, sel in slots):
            continue  # every entry is shown somewhere: no decision needs to be made
        decided = [(name, {d.key: d for d in sel.decisions}) for name, sel in slots]
        first = decided[0][1]
        for key, decision in first.items():
            if id(decision.entry) in kept:
                continue
            mine = [(name, table[key]) for name, table in decided if key in table]
            if mine and all(d.filtered for _, d in mine):
                found.append(
                    Unshown(section, decision.entry, tuple((n, d.reason) for n, d in mine))
                )
    return found
