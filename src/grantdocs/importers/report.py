"""The text ``grantdocs import`` prints: what is new, what matched and why, what was skipped."""

from __future__ import annotations

from typing import Any

from grantdocs.errors import Location
from grantdocs.importers.merge import MergePlan


def _where(location: Location) -> str:
    return f"{location.file}:{location.line}" if location.line else location.file


def _short(value: Any, limit: int = 70) -> str:
    if isinstance(value, dict):
        value = next(iter(value.values()), "")
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _headline(entry: dict[str, Any]) -> str:
    """The entry's title (or name, degree) and year, as the report shows it."""
    for key in ("title", "name", "degree"):
        if key in entry:
            shown = f'"{_short(entry[key])}"'
            break
    else:  # pragma: no cover - every section has one of them
        shown = ""
    year = entry.get("year") or entry.get("start") or entry.get("date") or entry.get("end")
    return f"{shown} ({year})" if year else shown


def _aliases(entry: dict[str, Any]) -> str:
    aliases = entry.get("aliases")
    return f" (alias {', '.join(aliases)})" if isinstance(aliases, list) and aliases else ""


def render_plan(plan: MergePlan, profile: str, taken: tuple[str, ...] = ()) -> str:
    """The full report of one import, ending in the summary line.

    ``taken`` names what ``grantdocs init`` took from the file's person (``name``,
    ``e-mail``, ``ORCID iD``); an import takes nothing from it."""
    result = plan.result
    lines = [f"{result.display}: {result.format}, into {profile}"]
    if plan.added:
        lines += ["", f"new ({len(plan.added)}):"]
        for added in plan.added:
            record = added.record
            lines.append(
                f"  + {_where(record.location)}  {record.label} -> {record.section}: "
                f"{added.id}{_aliases(added.entry)}  {_headline(added.entry)}"
            )
            lines += [f"      check: {w}" for w in record.warnings]
            lines += [f"      note: {n}" for n in record.notes]
    if plan.matched:
        lines += ["", f"already in the profile, left as they are ({len(plan.matched)}):"]
        for match in plan.matched:
            record = match.record
            lines.append(
                f"  = {_where(record.location)}  {record.label} -> {match.existing.name} "
                f"({match.reason}; {match.existing.where})"
            )
            if match.not_copied:
                lines.append(f"      only in the import, not copied: {', '.join(match.not_copied)}")
    if plan.skipped:
        lines += ["", f"skipped ({len(plan.skipped)}):"]
        for skip in plan.skipped:
            lines.append(f"  - {_where(skip.location)}  {skip.label}: {skip.reason}")
    notes = list(result.notes)
    if result.person:
        person = f"{result.person.given_names} {result.person.family_name}".strip()
        notes.insert(
            0,
            f"person ({person}): took the {' and '.join(taken)} for the person section"
            if taken
            else f"person ({person}) read but not imported: an import never changes the "
            "person section",
        )
    if notes:
        lines += ["", "notes:"] + [f"  {n}" for n in notes]
    lines += ["", summary_line(plan)]
    return "\n".join(lines)


def summary_line(plan: MergePlan) -> str:
    """``read N, imported N, merged (already present) N, skipped N``."""
    return (
        f"read {plan.result.read}, imported {len(plan.added)}, "
        f"merged (already present) {len(plan.matched)}, skipped {len(plan.skipped)}"
    )
