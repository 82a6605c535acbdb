"""Apply a ``SlotRule`` to a profile: (profile, rule, as-of date) -> a ``Selection``.

Every entry of the section gets a decision and a reason. No rule reads the clock.

Windows keep an entry whose time span overlaps the window, both ends included:
- a publication dated 2020 spans 2020-01-01 .. 2020-12-31, one dated 2020-03 spans March;
- a project or position spans its start .. end (an open end runs to the as-of date);
- a publication without a year spans the as-of date: it counts as current (``profile.when``);
- ``last_years: N`` with as-of D is D minus N years .. D; ``since: Y`` is Y-01-01 .. D;
  ``between: [A, B]`` is the first day of A .. the last day of B.
So with as-of 2026-06-15, ``last_years: 5`` is 2021-06-15 .. 2026-06-15: a paper dated only
2021 overlaps it and is kept, one dated 2021-05 is not, and nothing dated after the as-of
date is kept.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial
from typing import Any

from msgspec import Struct, structs

from grantdocs.profile.dates import PartialDate
from grantdocs.profile.records import Profile, Record, dump
from grantdocs.profile.when import Dated
from grantdocs.select.public import is_public
from grantdocs.select.records import ANY_OF, NOT, Condition, SlotRule, Window, where_shape


class Decision(Struct, frozen=True):
    """What the rule did with one entry of the section."""

    key: str
    entry: Any
    kept: bool
    reason: str
    rank: int | None = None
    """1-based position among the eligible entries after ordering; None if not eligible."""
    filtered: bool = False
    """Left out by the rule's ``where`` (not by its window, its limit or the owner)."""


@dataclass(frozen=True, slots=True)
class Selection:
    """A slot's result: the kept entries in order, and a decision for every entry.

    The decisions, each with its reason, are made when first asked for: a build reads only
    the kept entries, while ``grantdocs explain`` reads every decision.
    """

    slot: str
    rule: SlotRule
    kept: tuple[Any, ...]
    eligible: int
    total: int
    """Entries in the section, one decision each."""
    pending: _Pending = field(repr=False, compare=False)
    collapsed: dict[str, tuple[Any, ...]] = field(default_factory=dict, compare=False)
    """For ``collapse``: a kept entry's key -> the entries folded into it, newest first."""
    _made: list[tuple[Decision, ...]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )

    @property
    def decisions(self) -> tuple[Decision, ...]:
        """A decision for every entry, in the order of their keys."""
        if not self._made:
            self._made.append(self.pending.decide())
        return self._made[0]

    def with_decisions(self, kept: tuple[Any, ...], decisions: tuple[Decision, ...]) -> Selection:
        """This selection keeping ``kept``, with ``decisions`` as its decisions, made already
        (``--fit`` drops entries after the selection)."""
        made = replace(self, kept=kept)
        made._made.append(decisions)
        return made

    @property
    def truncated(self) -> bool:
        return self.eligible > len(self.kept)

    def also(self, entry: Any) -> tuple[Any, ...]:
        """The entries ``collapse`` folded into ``entry`` (same title), newest first."""
        return self.collapsed.get(entry_key(entry), ()) if self.collapsed else ()


def section_entries(profile: Profile, section: str) -> list[Any]:
    """The entries of ``section`` (``supervision`` means the named cases).

    ``talks`` are all talks: those under ``talks`` and, read as talks with ``invited: true``,
    those under ``invited_lectures``.
    """
    if section == "supervision":
        return list(profile.supervision.cases)
    if section == "talks":
        return [*profile.talks, *invited(profile.invited_lectures)]
    return list(getattr(profile, section))


def invited(lectures: Sequence[Any]) -> list[Any]:
    """Invited lectures as talks: each marked ``invited``, whatever its file says."""
    return [t if t.invited else structs.replace(t, invited=True) for t in lectures]


def entry_key(entry: Record) -> str:
    """A stable identity: the id, else a canonical dump (independent of YAML order)."""
    entry_id = getattr(entry, "id", None)
    if entry_id:
        return str(entry_id)
    return json.dumps(dump(entry), sort_keys=True, ensure_ascii=False)


def span(entry: Dated, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days an entry covers (``When.span``); None if it has no date."""
    return entry.when().span(as_of)


def window_bounds(window: Window, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of ``window`` as of ``as_of``, both included."""
    if window.last_years is not None:
        return _years_before(as_of, window.last_years), as_of
    if window.since is not None:
        return window.since.first_day(), as_of
    assert window.between is not None
    return window.between[0].first_day(), window.between[1].last_day()


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def is_ongoing(entry: Dated, as_of: dt.date) -> bool:
    """True when an entry runs on ``as_of`` (``When.ongoing``)."""
    return entry.when().ongoing(as_of)


def select(
    profile: Profile,
    slot: str,
    rule: SlotRule,
    as_of: dt.date,
    entries: Sequence[Any] | None = None,
    keys: Sequence[str] | None = None,
    lang: str | None = None,
) -> Selection:
    """Apply ``rule``; ``entries`` replaces the section's entries (for tests and benchmarks),
    ``keys`` gives their ``entry_key``s when the caller has them already, ``lang`` is the
    language whose titles ``order: [title]`` and ``collapse: title`` read (None: English,
    else the first the entry has)."""
    pool = section_entries(profile, rule.section) if entries is None else list(entries)
    if keys is None or len(keys) != len(pool):
        keys = [entry_key(e) for e in pool]
    keyed = list(zip(keys, pool, strict=True))
    pinned = set(rule.pin)
    excluded = set(rule.exclude)
    bounds = window_bounds(rule.window, as_of) if rule.window else None
    tests = compile_where(rule.where)
    fields = _fields(tests)
    memo: dict[tuple[int, type, object], str | None] = {}
    eligible: list[tuple[str, Any]] = []
    for key, entry in keyed:
        if key in excluded:
            continue
        if key in pinned or not (
            _why(entry, tests, as_of, memo, fields) or _outside(entry, bounds, as_of)
        ):
            eligible.append((key, entry))
    folded: dict[str, list[tuple[str, Any]]] = {}
    if rule.collapse == "title":
        eligible, folded = _collapse(eligible, pinned, lang)
    eligible.sort(key=lambda item: _order_key(item, rule, pinned, lang))
    kept = tuple(entry for _, entry in eligible[: rule.limit])
    pending = _Pending(rule, as_of, keyed, eligible, tests, bounds, folded)
    collapsed = {key: tuple(e for _, e in others) for key, others in folded.items()}
    return Selection(slot, rule, kept, len(eligible), len(keyed), pending, collapsed)


def title_text(entry: Any, lang: str | None = None) -> str:
    """An entry's title (or name, course, role) in ``lang``, else English, else the first."""
    for name in ("title", "name", "course", "role", "degree"):
        value = getattr(entry, name, None)
        if isinstance(value, str):
            return value
        if isinstance(value, dict) and value:
            return str(value.get(lang or "en") or value.get("en") or next(iter(value.values())))
    return ""


def normalised_title(entry: Any, lang: str | None = None) -> str:
    """The title as ``collapse`` compares it: letters and digits only, without accents or case
    ("Explaining A.I." and "explaining AI" are the same)."""
    text = unicodedata.normalize("NFKD", title_text(entry, lang)).casefold()
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


def _collapse(
    eligible: list[tuple[str, Any]], pinned: set[str], lang: str | None
) -> tuple[list[tuple[str, Any]], dict[str, list[tuple[str, Any]]]]:
    """One entry per normalised title: a pinned one, else the newest (ties: the smaller key);
    returns the kept entries and, per kept key, the others, newest first."""
    groups: dict[str, list[tuple[str, Any]]] = {}
    untitled: list[tuple[str, Any]] = []
    for item in eligible:
        title = normalised_title(item[1], lang)
        if title:
            groups.setdefault(title, []).append(item)
        else:
            untitled.append(item)

    def first(item: tuple[str, Any]) -> tuple[int, int, int, str]:
        start, end = _date_key(item[1])
        return (0 if item[0] in pinned else 1, -start, -end, item[0])

    kept = list(untitled)
    folded: dict[str, list[tuple[str, Any]]] = {}
    for items in groups.values():
        items.sort(key=first)
        kept.append(items[0])
        if len(items) > 1:
            folded[items[0][0]] = items[1:]
    return kept, folded


class _Pending(Struct, frozen=True):
    """What ``select`` found, kept to give every entry its decision when asked."""

    rule: SlotRule
    as_of: dt.date
    keyed: list[tuple[str, Any]]
    eligible: list[tuple[str, Any]]
    """The eligible entries, ordered."""
    tests: Group
    bounds: tuple[dt.date, dt.date] | None
    folded: dict[str, list[tuple[str, Any]]]

    def decide(self) -> tuple[Decision, ...]:
        """Every entry's decision and reason, as ``select`` made them, in key order."""
        rule = self.rule
        pinned = set(rule.pin)
        excluded = set(rule.exclude)
        memo: dict[tuple[int, type, object], str | None] = {}
        fields = _fields(self.tests)
        decisions: dict[str, Decision] = {}
        for key, entry in self.keyed:
            if key in excluded:
                decisions[key] = Decision(key, entry, False, "excluded by the owner")
                continue
            if key in pinned:
                continue
            mismatch = _why(entry, self.tests, self.as_of, memo, fields)
            reason = mismatch or _outside(entry, self.bounds, self.as_of)
            if reason:
                decisions[key] = Decision(key, entry, False, reason, filtered=bool(mismatch))
        for into, others in self.folded.items():
            for key, entry in others:
                decisions[key] = Decision(key, entry, False, f"collapsed into {into} (same title)")
        count = len(self.eligible)
        for position, (key, entry) in enumerate(self.eligible, start=1):
            why = "pinned by the owner" if key in pinned else "matched"
            if "rank" in rule.order:
                why += _importance(entry)
            if key in self.folded:
                dates = ", ".join(_when(e) for _, e in self.folded[key])
                why += f", also {dates} (same title, collapsed)"
            if rule.limit is None or position <= rule.limit:
                decisions[key] = Decision(
                    key, entry, True, f"{why}, number {position} of {count}", position
                )
            else:
                decisions[key] = Decision(
                    key,
                    entry,
                    False,
                    f"over the limit of {rule.limit} as number {position} of {count}",
                    position,
                )
        return tuple(decisions[key] for key in sorted(key for key, _ in self.keyed))


def _order_key(
    item: tuple[str, Any], rule: SlotRule, pinned: set[str], lang: str | None
) -> tuple[Any, ...]:
    key, entry = item
    parts: list[Any] = [0 if key in pinned else 1]
    for order in rule.order:
        if order == "rank":
            rank = getattr(entry, "rank", None)
            if isinstance(rank, int):
                parts.append((0, rank))
            else:
                parts.append((1 if getattr(entry, "selected", False) is True else 2, 0))
        elif order in ("newest", "oldest"):
            start, end = _date_key(entry)
            sign = -1 if order == "newest" else 1
            parts.append((sign * start, sign * end))
        elif order == "custom":
            ids = rule.custom_order
            parts.append(ids.index(key) if key in ids else len(ids))
        elif order == "title":
            parts.append(_title_sort_key(title_text(entry, lang)))
    parts.append(key)
    return tuple(parts)


def _title_sort_key(text: str) -> tuple[str, str]:
    """Letters before their accented forms, case ignored: 'Über' sorts with 'Uber'."""
    folded = unicodedata.normalize("NFKD", text)
    base = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return base, text.casefold()


def _importance(entry: Any) -> str:
    """The owner's mark as ``order: [rank]`` read it."""
    rank = getattr(entry, "rank", None)
    if isinstance(rank, int):
        return f" (rank {rank})"
    if getattr(entry, "selected", False) is True:
        return " (marked selected by the owner)"
    return ""


def _when(entry: Dated) -> str:
    """An entry's date as a reason shows it."""
    return entry.when().shown()


def _date_key(entry: Dated) -> tuple[int, int]:
    """Start and end as ordinals; undated entries sort as oldest, open ends as newest."""
    return entry.when().sort_key()


def _outside(entry: Dated, bounds: tuple[dt.date, dt.date] | None, as_of: dt.date) -> str | None:
    if bounds is None:
        return None
    first, last = bounds
    covered = span(entry, as_of)
    if covered is None:
        return "has no date, so no window can keep it"
    start, end = covered
    if end < first or start > last:
        window = f"{first.isoformat()} – {last.isoformat()}"
        return f"outside the window {window} ({_dated(entry, as_of)})"
    return None


def _dated(entry: Dated, as_of: dt.date) -> str:
    when = entry.when()
    text = when.text()
    if text:
        return f"dated {text}"
    return f"undated, counted as of {as_of.isoformat()}" if when.as_of_if_undated else "undated"


Test = tuple[int, str, Callable[[Any], bool], str]
"""A compiled field test: its number (for the memo), field name, predicate on the value,
and its description."""


class AnyOf(Struct, frozen=True):
    """Holds when one of its groups holds."""

    options: tuple[Group, ...]
    index: int
    fields: tuple[str, ...]
    """The fields its tests read: equal values give equal verdicts (the memo's key)."""


class Not(Struct, frozen=True):
    """Holds when its group does not."""

    group: Group
    index: int
    fields: tuple[str, ...]
    description: str


Group = tuple["Test | AnyOf | Not", ...]
"""Tests that must all hold."""


def compile_where(where: dict[str, Any]) -> Group:
    """Turn a rule's ``where`` into predicates once, not once per entry."""
    counter = iter(range(1 << 30))
    return _compile(where, counter)


def _compile(where: dict[str, Any], counter: Any) -> Group:
    tests: list[Test | AnyOf | Not] = []
    for name, test in where.items():
        if name == ANY_OF:
            if where_shape(test) != "wheres":
                raise ValueError("any_of takes a list of mappings of tests")
            options = tuple(_compile(option, counter) for option in test)
            fields = tuple(sorted({f for o in options for f in _fields(o)}))
            tests.append(AnyOf(options, next(counter), fields))
        elif name == NOT:
            if where_shape(test) != "where":
                raise ValueError("not takes one mapping of tests")
            group = _compile(test, counter)
            tests.append(Not(group, next(counter), _fields(group), _describe_group(group)))
        elif isinstance(test, Condition):
            tests.append((next(counter), name, partial(_condition, c=test), _describe(test)))
        elif isinstance(test, list):
            tests.append((next(counter), name, partial(_one_of, options=test), _describe(test)))
        elif isinstance(test, dict):
            raise ValueError(f"a test of {name!r} is a value, a list of values or a condition")
        else:
            tests.append((next(counter), name, partial(_equals, expected=test), _describe(test)))
    return tuple(tests)


def _fields(group: Group) -> tuple[str, ...]:
    names: set[str] = set()
    for test in group:
        if isinstance(test, AnyOf | Not):
            names.update(test.fields)
        else:
            names.add(test[1])
    return tuple(sorted(names))


def _one_of(value: Any, options: list[Any]) -> bool:
    return value in options


def _equals(value: Any, expected: Any) -> bool:
    return bool(value == expected)


_MEMO_TYPES = frozenset({str, int, bool, type(None)})
"""Values whose equals print alike, so a test's verdict on one holds for all of them."""


def _mismatch(
    entry: Any, tests: Group, as_of: dt.date, memo: dict[tuple[int, type, object], str | None]
) -> str | None:
    """Why ``entry`` fails the first test it fails; None if it passes them all.

    ``memo`` keeps the verdicts per test and value: a section has few distinct values.
    """
    for test in tests:
        if isinstance(test, AnyOf | Not):
            values = tuple([_value(entry, name, as_of) for name in test.fields])
            seen_all = (test.index, tuple, (values, tuple(map(type, values))))
            try:
                reason = memo[seen_all]
            except KeyError:
                reason = memo[seen_all] = _combined(entry, test, as_of, memo)
            except TypeError:  # a value that cannot be a key (a list, a mapping)
                reason = _combined(entry, test, as_of, memo)
            if reason is not None:
                return reason
            continue
        index, name, holds, wanted = test
        value = _value(entry, name, as_of)
        kind = type(value)
        if kind in _MEMO_TYPES:
            seen = (index, kind, value)
            if seen in memo:
                reason = memo[seen]
            else:
                reason = memo[seen] = _verdict(name, holds, wanted, value)
        else:
            reason = _verdict(name, holds, wanted, value)
        if reason is not None:
            return reason
    return None


def _why(
    entry: Any,
    tests: Group,
    as_of: dt.date,
    memo: dict[tuple[int, type, object], str | None],
    fields: tuple[str, ...],
) -> str | None:
    """``_mismatch`` for a rule's whole ``where``, remembered per combination of the values
    its tests read: a section has few distinct combinations."""
    if not tests:
        return None
    values = tuple([_value(entry, name, as_of) for name in fields])
    seen = (-1, tuple, (values, tuple(map(type, values))))
    try:
        return memo[seen]
    except KeyError:
        reason = memo[seen] = _mismatch(entry, tests, as_of, memo)
        return reason
    except TypeError:  # a value that cannot be a key (a list, a mapping)
        return _mismatch(entry, tests, as_of, memo)


def _value(entry: Any, name: str, as_of: dt.date) -> Any:
    if name == "ongoing":
        return is_ongoing(entry, as_of)
    if name == "public":
        return is_public(entry)
    return getattr(entry, name, None)


def _combined(
    entry: Any, test: AnyOf | Not, as_of: dt.date, memo: dict[tuple[int, type, object], str | None]
) -> str | None:
    """Why ``entry`` fails an ``any_of`` or a ``not``; None if it holds."""
    if isinstance(test, Not):
        if _mismatch(entry, test.group, as_of, memo) is None:
            return f"excluded by not: {_holding(entry, test.group, as_of, memo)}"
        return None
    reasons = []
    for option in test.options:
        reason = _mismatch(entry, option, as_of, memo)
        if reason is None:
            return None
        reasons.append(reason)
    return "; nor: ".join(reasons)  # why each case of any_of fails


def _holding(
    entry: Any, group: Group, as_of: dt.date, memo: dict[tuple[int, type, object], str | None]
) -> str:
    """What makes ``entry`` pass ``group``: its values, through the case of an ``any_of``
    that holds ("kind is journal_article, peer_reviewed is true")."""
    parts = []
    for test in group:
        if isinstance(test, AnyOf):
            option = next(o for o in test.options if _mismatch(entry, o, as_of, memo) is None)
            parts.append(_holding(entry, option, as_of, memo))
        elif isinstance(test, Not):
            parts.append(f"not ({test.description})")
        else:
            parts.append(f"{test[1]} is {_show(_value(entry, test[1], as_of))}")
    return ", ".join(parts)


def _describe_group(group: Group) -> str:
    parts = []
    for test in group:
        if isinstance(test, AnyOf):
            parts.append("any of (" + " | ".join(_describe_group(o) for o in test.options) + ")")
        elif isinstance(test, Not):
            parts.append(f"not ({_describe_group(test.group)})")
        else:
            parts.append(f"{test[1]} {test[3]}")
    return ", ".join(parts)


def _verdict(name: str, holds: Callable[[Any], bool], wanted: str, value: Any) -> str | None:
    return None if holds(value) else f"{name} is {_show(value)}, wants {wanted}"


def _condition(value: Any, c: Condition) -> bool:
    checks: list[bool] = []
    if c.eq is not None:
        checks.append(value == c.eq)
    if c.ne is not None:
        checks.append(value != c.ne)
    if c.in_ is not None:
        checks.append(value in c.in_)
    if c.not_in is not None:
        checks.append(value not in c.not_in)
    for bound, op in ((c.gt, "gt"), (c.gte, "gte"), (c.lt, "lt"), (c.lte, "lte")):
        if bound is not None:
            checks.append(_compare(value, bound, op))
    if c.contains is not None:
        checks.append(isinstance(value, list | tuple) and c.contains in value)
    if c.contains_any is not None:
        checks.append(isinstance(value, list | tuple) and any(v in value for v in c.contains_any))
    if c.exists is not None:
        checks.append((value not in (None, [], "")) == c.exists)
    return all(checks)


def _compare(value: Any, bound: float, op: str) -> bool:
    if isinstance(value, PartialDate):
        value = value.year
    if isinstance(value, Decimal):
        value = float(value)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    return {
        "gt": value > bound,
        "gte": value >= bound,
        "lt": value < bound,
        "lte": value <= bound,
    }[op]


def _show(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _describe(test: Any) -> str:
    if isinstance(test, Condition):
        return ", ".join(f"{name} {value}" for name, value in test.operators().items())
    if isinstance(test, list):
        return "one of " + ", ".join(_show(v) for v in test)
    return _show(test)
