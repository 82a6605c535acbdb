"""A decision made on the page, written to ``choices.yaml`` beside the profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from grantdocs.errors import GrantdocsError
from grantdocs.paths import display_path
from grantdocs.select.choices_file import choices_path, read_choices, write_choices
from grantdocs.select.choices_model import ChoicesData, FormatChoices

ACTIONS = ("pin", "unpin", "exclude", "include", "as_of", "lang")


class DecisionError(GrantdocsError):
    """A decision that cannot be made (an unknown action, a bad date, a read-only profile)."""


def decide(profile: Path, form: dict[str, str]) -> Path:
    """Apply the decision in ``form`` (``action``, ``format``, ``slot``, ``entry``,
    ``value``) to the decisions beside ``profile``; returns the file written."""
    if read_only(profile):
        raise DecisionError(
            f"{display_path(profile)} is one of grantdocs' bundled examples, which are "
            "read-only: start your own profile with 'grantdocs init', then "
            "'grantdocs serve --profile' it"
        )
    action = form.get("action", "")
    if action not in ACTIONS:
        raise DecisionError(f"unknown action {action!r}")
    saved = read_choices(profile)
    data = saved.data.model_copy(deep=True) if saved is not None else ChoicesData()
    if action == "as_of":
        data.as_of = _date(form.get("value", ""))
        return write_choices(profile, data)
    name = form.get("format", "")
    if not name:
        raise DecisionError("no format named")
    chosen = data.formats.setdefault(name, FormatChoices())
    entry = form.get("entry", "")
    slot = form.get("slot", "")
    if action == "lang":
        chosen.lang = form.get("value") or None
    elif not entry:
        raise DecisionError("no entry named")
    elif action == "pin":
        if not slot:
            raise DecisionError("no slot named")
        listed = chosen.pin.setdefault(slot, [])
        if entry not in listed:
            listed.append(entry)
        if entry in chosen.exclude:
            chosen.exclude.remove(entry)
    elif action == "unpin":
        for ids in chosen.pin.values():
            if entry in ids:
                ids.remove(entry)
        chosen.pin = {s: ids for s, ids in chosen.pin.items() if ids}
    elif action == "exclude":
        if entry not in chosen.exclude:
            chosen.exclude.append(entry)
        for ids in chosen.pin.values():
            if entry in ids:
                ids.remove(entry)
        chosen.pin = {s: ids for s, ids in chosen.pin.items() if ids}
    elif action == "include" and entry in chosen.exclude:
        chosen.exclude.remove(entry)
    return write_choices(profile, data)


def read_only(profile: Path) -> bool:
    """True for the bundled example profiles (``profiles/``), which grantdocs never writes."""
    # lazy: atomic, profile.locate load only when this runs
    from grantdocs.atomic import check_target
    from grantdocs.profile.locate import is_bundled

    if is_bundled(profile):
        return True
    try:
        check_target(choices_path(profile))
    except GrantdocsError:
        return True
    return False


def _date(text: str) -> dt.date | None:
    """An as-of date from the form ('' clears it: today)."""
    if not text.strip():
        return None
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise DecisionError(f"{text!r} is not a date of the form YYYY-MM-DD") from None
    if not 1000 <= day.year <= 9999:
        raise DecisionError(f"{text!r}: the year must have four digits")
    return day
