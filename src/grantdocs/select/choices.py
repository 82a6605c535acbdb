"""The owner's choices, ``pin`` and ``exclude`` (and a rule's ``custom_order``), checked against
a format and a profile.

A pin names a slot of the format and an entry of the section that slot reads; an exclude names
an entry of the profile. Both come from the command line (``--pin SLOT=ID``, ``--exclude ID``),
from a format file (``pin:`` and ``exclude:`` in a slot), or from the owner's saved decisions
(``choices.yaml`` beside the profile, ``choices_file``). A publication may be named by one
of its ``aliases`` too (the BibTeX key it was imported under). Every slot or id that names
nothing is an error with a did-you-mean, so a typo is never silently ignored.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from msgspec import Struct

from grantdocs.errors import GrantdocsError, Location, Problem
from grantdocs.profile.records import Profile
from grantdocs.profile.yamlpos import Positions
from grantdocs.select.engine import section_entries
from grantdocs.select.records import SECTIONS, SlotRule

if TYPE_CHECKING:
    from grantdocs.select.choices_file import SavedChoices


class FormatRules(Protocol):
    """What choices read of a format (``formats.records.FormatSpec``): its id and slot rules."""

    @property
    def id(self) -> str: ...
    @property
    def slots(self) -> Mapping[str, SlotRule]: ...


PIN_OPTION = "--pin"
EXCLUDE_OPTION = "--exclude"


class ChoiceError(GrantdocsError):
    """A pin or an exclude names a slot or an entry that does not exist."""


class _Names(Struct, frozen=True):
    """The ids of one section, and the aliases that lead to them."""

    ids: frozenset[str]
    aliases: dict[str, str]
    """alias -> id"""

    def resolve(self, name: str) -> str | None:
        if name in self.ids:
            return name
        return self.aliases.get(name)

    def suggest(self, name: str) -> str | None:
        """'did you mean ...' for ``name``: close ids, and close aliases shown as 'key -> id'."""
        candidates = sorted(self.ids | set(self.aliases))
        close = _close(name, candidates, n=3)
        if not close:
            folded = name.casefold()
            close = [c for c in candidates if c.casefold() == folded][:1]
        if not close:
            return None
        shown = [f"{c} -> {self.aliases[c]}" if c in self.aliases else c for c in close]
        return "did you mean " + " or ".join(shown) + "?"


def _names(profile: Profile, section: str) -> _Names:
    ids: set[str] = set()
    aliases: dict[str, str] = {}
    for entry in section_entries(profile, section):
        entry_id = getattr(entry, "id", None)
        if entry_id:
            ids.add(str(entry_id))
            for alias in getattr(entry, "aliases", ()) or ():
                aliases.setdefault(str(alias), str(entry_id))
    for alias in list(aliases):
        if alias in ids:
            del aliases[alias]  # an id wins over another entry's alias
    return _Names(frozenset(ids), aliases)


def _merge(names: Sequence[_Names]) -> _Names:
    ids: set[str] = set()
    aliases: dict[str, str] = {}
    for n in names:
        ids |= n.ids
        for alias, target in n.aliases.items():
            aliases.setdefault(alias, target)
    return _Names(frozenset(ids), {a: t for a, t in aliases.items() if a not in ids})


def resolve_choices(
    spec: FormatRules,
    profile: Profile,
    pins: Sequence[tuple[str, str]] = (),
    excludes: Sequence[str] = (),
    *,
    slots_elsewhere: Collection[str] = (),
    positions: Positions | None = None,
    source: str = "",
    strict: bool = True,
    saved: SavedChoices | None = None,
) -> dict[str, SlotRule]:
    """Each slot's rule with the format file's and the command line's pins and excludes,
    every name resolved to an entry id (aliases included).

    A ``--pin`` for a slot of
    ``slots_elsewhere`` (another format built at the same time) is left to that format.
    ``positions`` and ``source`` locate pins and excludes written in the format file;
    ``strict=False`` drops those that name nothing in ``profile`` instead (a format tried
    on a profile that is not its owner's, as ``check-template`` does). ``saved`` are the
    owner's decisions in ``choices.yaml``: its pins and excludes for ``spec`` are added,
    each that names nothing an error at its line there.
    Raises ``ChoiceError`` listing every slot or id that names nothing.
    """
    spec_slots = spec.slots
    problems: list[Problem] = []
    cache: dict[str, _Names] = {}

    def names_of(section: str) -> _Names:
        if section not in cache:
            cache[section] = _names(profile, section)
        return cache[section]

    def every_name() -> _Names:
        if "*" not in cache:  # only when something is excluded
            sections = [s for s in SECTIONS if s != "invited_lectures"]
            cache["*"] = _merge([names_of(s) for s in sections])
        return cache["*"]

    def file_location(path: tuple[str | int, ...]) -> Location:
        found = positions.nearest(path) if positions is not None else None
        return found or Location(source or "format file")

    def unknown(where: Location, message: str, name: str, names: _Names, path: str) -> Problem:
        hint = (
            names.suggest(name) or f"no similar id; 'grantdocs explain {spec.id} --all' lists them"
        )
        return Problem(where, message, path, hint=hint)

    cli_pins: dict[str, list[str]] = {}
    for slot, name in pins:
        if slot not in spec_slots:
            if slot in slots_elsewhere:
                continue
            close = _close(slot, list(spec_slots))
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(
                Problem(
                    Location(PIN_OPTION),
                    f"{slot}={name}: no slot {slot!r}",
                    hint=hint + "slots: " + ", ".join(spec_slots),
                )
            )
            continue
        section = spec_slots[slot].section
        found = names_of(section).resolve(name)
        if found is None:
            message = f"{slot}={name}: no entry of {section} has the id {name!r}"
            problems.append(unknown(Location(PIN_OPTION), message, name, names_of(section), ""))
        else:
            cli_pins.setdefault(slot, []).append(found)

    for slot, name, where in saved.pins(spec.id) if saved is not None else ():
        if slot not in spec_slots:
            close = _close(slot, list(spec_slots))
            hint = f"did you mean {close[0]!r}? " if close else ""
            message = f"pin {slot}={name}: {spec.id} has no slot {slot!r}"
            problems.append(Problem(where, message, hint=hint + "slots: " + ", ".join(spec_slots)))
            continue
        section = spec_slots[slot].section
        found = names_of(section).resolve(name)
        if found is not None:
            cli_pins.setdefault(slot, []).append(found)
        elif strict:
            message = f"pin {slot}={name}: no entry of {section} has the id {name!r}"
            problems.append(unknown(where, message, name, names_of(section), ""))

    cli_excludes: list[str] = []
    for name in excludes:
        found = every_name().resolve(name)
        if found is None:
            message = f"no entry of the profile has the id {name!r}"
            problems.append(unknown(Location(EXCLUDE_OPTION), message, name, every_name(), ""))
        else:
            cli_excludes.append(found)
    for name, where in saved.excludes(spec.id) if saved is not None else ():
        found = every_name().resolve(name)
        if found is not None:
            cli_excludes.append(found)
        elif strict:
            message = f"exclude {name!r}: no entry of the profile has this id"
            problems.append(unknown(where, message, name, every_name(), ""))

    def resolve_listed(
        slot: str, key: str, listed: list[str], names: _Names, where: str
    ) -> list[str]:
        """The ids a format file lists under ``slots.<slot>.<key>``, resolved; each that
        names nothing is a problem (or, when not ``strict``, left out)."""
        resolved = []
        for index, name in enumerate(listed):
            found = names.resolve(name)
            if found is not None:
                resolved.append(found)
            elif strict:
                path = ("slots", slot, key, index)
                message = f"{key} {name!r}: no entry of {where} has this id"
                shown = f"slots.{slot}.{key}[{index}]"
                problems.append(unknown(file_location(path), message, name, names, shown))
        return resolved

    rules: dict[str, SlotRule] = {}
    for slot, rule in spec_slots.items():
        section_names = names_of(rule.section)
        file_pins = resolve_listed(slot, "pin", rule.pin, section_names, rule.section)
        file_excludes = (
            resolve_listed(slot, "exclude", rule.exclude, every_name(), "the profile")
            if rule.exclude
            else []
        )
        ordered = resolve_listed(
            slot, "custom_order", rule.custom_order, section_names, rule.section
        )
        pinned = _unique([*file_pins, *cli_pins.get(slot, [])])
        excluded = _unique([*file_excludes, *cli_excludes])
        ordered = _unique(ordered)
        if pinned != rule.pin or excluded != rule.exclude or ordered != rule.custom_order:
            rule = rule.chosen(pinned, excluded, ordered)
        rules[slot] = rule
    if problems:
        count = len(problems)
        what = f"{count} ids name" if count > 1 else "an id names"
        raise ChoiceError(f"{what} no slot or entry", problems)
    return rules


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def check_choices(
    formats: Sequence[tuple[FormatRules, Positions | None, str]],
    profiles: Sequence[Profile],
    pins: Sequence[tuple[str, str]] = (),
    excludes: Sequence[str] = (),
) -> None:
    """Before a build of several formats and profiles writes anything: every ``--pin`` names a
    slot of one of the formats, and every pin and exclude (also those in the format files)
    an entry of each profile. ``formats`` are (spec, positions, file name). Raises
    ``ChoiceError``."""
    every_slot = {slot for spec, _, _ in formats for slot in spec.slots}
    unknown = [(slot, name) for slot, name in pins if slot not in every_slot]
    if unknown:
        slots = sorted(every_slot)
        problems = []
        for slot, name in unknown:
            close = _close(slot, slots)
            hint = (f"did you mean {close[0]!r}? " if close else "") + "slots: " + ", ".join(slots)
            problems.append(
                Problem(Location(PIN_OPTION), f"{slot}={name}: no slot {slot!r}", hint=hint)
            )
        raise ChoiceError("--pin names a slot that no format being built has", problems)
    for profile in profiles:
        for spec, positions, source in formats:
            resolve_choices(
                spec,
                profile,
                pins,
                excludes,
                slots_elsewhere=every_slot,
                positions=positions,
                source=source,
            )


def _close(word: str, names: Sequence[str], n: int = 1) -> list[str]:
    """The ``n`` names closest to ``word`` for a did-you-mean (difflib's, cutoff 0.6)."""
    # lazy: difflib loads only to suggest a name for a mistake
    import difflib

    return difflib.get_close_matches(word, names, n=n, cutoff=0.6)
