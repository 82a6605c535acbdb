"""Human and machine views of selections: what each slot kept or dropped, and why."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from grantdocs.profile.when import Dated
from grantdocs.select.engine import Decision, Selection
from grantdocs.select.records import (
    ANY_OF,
    COMPUTED_FIELDS,
    NOT,
    SECTION_SOURCES,
    Condition,
    SlotRule,
)


def describe(entry: Any) -> str:
    """A short, recognisable line for an entry of any section."""
    for name in ("title", "name", "role", "course", "degree"):
        value = getattr(entry, name, None)
        if value:
            text = value if isinstance(value, str) else next(iter(value.values()))
            label = getattr(entry, "acronym", None)
            return f"{label}: {text}" if label else str(text)
    return str(getattr(entry, "id", "?"))


def _when(entry: Dated) -> str:
    """The entry's date or period as the explanation shows it ("2021–" is open, "undated"
    if it has no date; see ``When.text``)."""
    return entry.when().shown()


def when(entry: Dated) -> str:
    """The entry's date or period as ``explain`` shows it."""
    return _when(entry)


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
    # lazy: rich loads only when this runs
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{escape(format_id)}[/bold] as of {as_of.isoformat()}")
    for name, sel in selections.items():
        limit = f", limit {sel.rule.limit}" if sel.rule.limit else ""
        title = escape(
            f"{name} ({sel.rule.section}): {len(sel.kept)} of {sel.eligible} eligible, "
            f"{sel.total} in the section{limit}"
        )
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        table.add_column("", width=2)
        table.add_column("entry", overflow="fold", max_width=60)
        table.add_column("when", no_wrap=True)
        table.add_column("why", overflow="fold")
        for d in _kept(sel):
            table.add_row("✓", escape(_label(d)), escape(_when(d.entry)), escape(d.reason))
        dropped = [d for d in sel.decisions if not d.kept]
        for d in dropped if show_all else dropped[:5]:
            row = (escape(_label(d)), escape(_when(d.entry)), escape(d.reason))
            table.add_row("✗", *row, style="dim")
        if not show_all and len(dropped) > 5:
            table.add_row(
                "", f"... {len(dropped) - 5} more left out (--all lists them)", "", "", style="dim"
            )
        console.print(table)


def _label(d: Decision) -> str:
    entry_id = getattr(d.entry, "id", None)
    text = describe(d.entry)
    return f"{entry_id}: {text}" if entry_id else text


_ORDER_WORDS = {
    "rank": "the owner's ranks (1 first), then works marked selected",
    "newest": "newest first",
    "oldest": "oldest first",
    "title": "title",
    "custom": "the format's custom order",
}


def rule_in_words(rule: SlotRule) -> str:
    """A slot's rule as one English sentence: what it reads, keeps, orders and cuts."""
    source = SECTION_SOURCES.get(rule.section, rule.section)
    parts = [f"reads {source}"]
    if rule.where:
        parts.append("keeps entries where " + _where_words(rule.where))
    if rule.window is not None:
        w = rule.window
        if w.last_years is not None:
            parts.append(f"within the last {w.last_years} years before the as-of date")
        elif w.since is not None:
            parts.append(f"since {w.since}")
        elif w.between is not None:
            parts.append(f"between {w.between[0]} and {w.between[1]}")
    if rule.collapse:
        parts.append("one entry per title (the newest, with the other dates)")
    parts.append("ordered by " + ", then ".join(_ORDER_WORDS[o] for o in rule.order))
    if rule.limit:
        parts.append(f"at most {rule.limit}")
    if rule.pin:
        parts.append("always keeps " + ", ".join(rule.pin))
    if rule.exclude:
        parts.append("never keeps " + ", ".join(rule.exclude))
    if rule.empty == "none":
        parts.append("with no entry, the heading stays and 'None' is printed below it")
    return "; ".join(parts)


def _where_words(where: dict[str, Any]) -> str:
    words = []
    for name, test in where.items():
        if name == ANY_OF:
            words.append("any of (" + " | ".join(_where_words(w) for w in test) + ")")
        elif name == NOT:
            words.append("not (" + _where_words(test) + ")")
        elif isinstance(test, Condition):
            ops = test.operators()
            words.append(" and ".join(f"{name} {op} {_value(v)}" for op, v in ops.items()))
        elif isinstance(test, list):
            words.append(f"{name} is one of " + ", ".join(_value(v) for v in test))
        else:
            words.append(f"{name} is {_value(test)}")
        if name in COMPUTED_FIELDS:
            words[-1] += f" ({name}: {COMPUTED_FIELDS[name]})"
    return " and ".join(words)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(value)
