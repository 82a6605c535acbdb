"""Human and machine views of selections: what each slot kept or dropped, and why."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from grantdocs.select.engine import Decision, Selection


def describe(entry: Any) -> str:
    """A short, recognisable line for an entry of any section."""
    for name in ("title", "name", "role", "course", "degree"):
        value = getattr(entry, name, None)
        if value:
            text = value if isinstance(value, str) else next(iter(value.values()))
            label = getattr(entry, "acronym", None)
            return f"{label}: {text}" if label else str(text)
    return str(getattr(entry, "id", "?"))


def _when(entry: Any) -> str:
    """The entry's date or period as the explanation shows it ("2021–" is open)."""
    if isinstance(getattr(entry, "year", None), int):
        month = getattr(entry, "month", None)
        return f"{entry.year}-{month:02d}" if isinstance(month, int) else str(entry.year)
    start = getattr(entry, "start", None)
    end = getattr(entry, "end", None)
    if start is not None:
        return f"{start}–{end}" if end is not None else f"{start}–"
    date = getattr(entry, "date", None)
    if date is not None:
        return f"{date}–{end}" if end is not None and end.year != date.year else str(date)
    return str(end) if end is not None else ""


def explain_json(format_id: str, as_of: dt.date, selections: dict[str, Selection]) -> str:
    """All decisions as JSON."""
    data = {
        "format": format_id,
        "as_of": as_of.isoformat(),
        "slots": {
            name: {
                "section": sel.rule.section,
                "limit": sel.rule.limit,
                "eligible": sel.eligible,
                "kept": [_decision(d) for d in _kept(sel)],
                "dropped": [_decision(d) for d in sel.decisions if not d.kept],
            }
            for name, sel in selections.items()
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _kept(sel: Selection) -> list[Decision]:
    return sorted((d for d in sel.decisions if d.kept), key=lambda d: d.rank or 0)


def _decision(d: Decision) -> dict[str, Any]:
    entry_id = getattr(d.entry, "id", None)
    return {"id": entry_id, "entry": describe(d.entry), "when": _when(d.entry), "reason": d.reason}


def explain_text(
    format_id: str, as_of: dt.date, selections: dict[str, Selection], show_all: bool = False
) -> None:
    """Print one table a slot (rich): kept entries in order, then what was left out."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{format_id}[/bold] as of {as_of.isoformat()}")
    for name, sel in selections.items():
        limit = f", limit {sel.rule.limit}" if sel.rule.limit else ""
        title = (
            f"{name} ({sel.rule.section}): {len(sel.kept)} of {sel.eligible} eligible, "
            f"{sel.total} in the section{limit}"
        )
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        table.add_column("", width=2)
        table.add_column("entry", overflow="fold", max_width=60)
        table.add_column("when", no_wrap=True)
        table.add_column("why", overflow="fold")
        for d in _kept(sel):
            table.add_row("✓", _label(d), _when(d.entry), d.reason)
        dropped = [d for d in sel.decisions if not d.kept]
        for d in dropped if show_all else dropped[:5]:
            table.add_row("✗", _label(d), _when(d.entry), d.reason, style="dim")
        if not show_all and len(dropped) > 5:
            table.add_row(
                "", f"... {len(dropped) - 5} more left out (--all lists them)", "", "", style="dim"
            )
        console.print(table)


def _label(d: Decision) -> str:
    entry_id = getattr(d.entry, "id", None)
    text = describe(d.entry)
    return f"{entry_id}: {text}" if entry_id else text
