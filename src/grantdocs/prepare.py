"""Prepare one document's data: localise -> select -> context. The one place this happens.

``build``, ``explain``, ``context`` and ``check-template`` all go through ``prepare`` (or,
for selection alone, ``select_slots``), so a document, its explanation and its context
always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from msgspec import Struct, field, structs

from grantdocs.errors import Location
from grantdocs.formats.localizer import localizer_for
from grantdocs.formats.registry import Format
from grantdocs.l10n.formatting import BilingualLocalizer, Localizer
from grantdocs.l10n.language import Language
from grantdocs.notices import FALLBACK, Notice
from grantdocs.paths import display_path
from grantdocs.profile.load import LoadedProfile, load_profile
from grantdocs.profile.records import today
from grantdocs.profile.yamlpos import parse_path
from grantdocs.resources import default_profile
from grantdocs.select.choices import resolve_choices
from grantdocs.select.engine import Selection, entry_key, section_entries, select


class Choices(Struct, frozen=True):
    """The owner's per-build changes to a format's rules: ``(slot, id)`` pins, excluded ids,
    and ``(slot, n)`` lower limits (what ``--fit`` chose)."""

    pin: Sequence[tuple[str, str]] = ()
    exclude: Sequence[str] = ()
    elsewhere: frozenset[str] = frozenset()
    """Slots of other formats built at the same time: pins for them are not this format's."""
    strict: bool = True
    """False: the format file's pins and excludes that name nothing are left out, not errors
    (a format tried on the bundled profile)."""
    limits: Sequence[tuple[str, int]] = ()
    """``(slot, n)``: lower limits, what ``--fit`` chose."""


def localiser(fmt: Format, lang: Language) -> Localizer | BilingualLocalizer:
    """The localiser for a format and language, checking the format supports it."""
    return localizer_for(fmt.spec, lang.code, lang.second, fmt.locale_dirs)


def select_slots(
    fmt: Format,
    loaded: LoadedProfile,
    as_of: dt.date,
    choices: Choices = Choices(),
    lang: str | None = None,
) -> dict[str, Selection]:
    """Every slot of ``fmt`` applied to the profile, with the owner's per-build choices
    and the owner's saved decisions (``choices.yaml`` beside the profile; a pin or exclude
    that names no slot or entry is a ``ChoiceError``); ``lang`` is the language titles are
    ordered and compared in (None: the format's first)."""
    # lazy: select.choices_file loads only when this runs
    from grantdocs.select.choices_file import read_choices

    rules = resolve_choices(
        fmt.spec,
        loaded.profile,
        choices.pin,
        choices.exclude,
        slots_elsewhere=choices.elsewhere,
        positions=fmt.positions,
        source=display_path(fmt.source),
        strict=choices.strict,
        saved=read_choices(loaded.path),
    )
    code = lang or fmt.spec.languages[0]
    result = {}
    keys: dict[str, list[str]] = {}
    for name, rule in rules.items():
        limits = [n for slot, n in choices.limits if slot == name]
        if limits:  # may be 0 (a slot emptied to fit), which a format may not declare
            rule = structs.replace(rule, limit=min(limits))
        if rule.section not in keys:
            keys[rule.section] = [
                entry_key(e) for e in section_entries(loaded.profile, rule.section)
            ]
        result[name] = select(loaded.profile, name, rule, as_of, None, keys[rule.section], code)
    return result


class Prepared(Struct):
    """Everything a renderer needs for one document, and what preparing it noticed."""

    fmt: Format
    lang: Language
    loaded: LoadedProfile
    as_of: dt.date
    selections: dict[str, Selection]
    context: dict[str, Any]
    localizer: Localizer | BilingualLocalizer
    fallbacks: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The document's title property: format title and the owner's full name."""
        return f"{self.context['format']['title']} – {self.context['person']['full_name']}"

    @property
    def locale(self) -> str:
        """The babel locale of the (first) language, e.g. ``de_DE``."""
        return self.localizer.locale


def prepare(
    fmt: Format,
    lang: Language,
    loaded: LoadedProfile,
    as_of: dt.date,
    choices: Choices = Choices(),
) -> Prepared:
    """Localise, select and build the template context of one document."""
    # lazy: context.builder loads only when this runs
    from grantdocs.context.builder import ContextBuilder

    loc = localiser(fmt, lang)
    selections = select_slots(fmt, loaded, as_of, choices, lang.code)
    context = ContextBuilder(loaded.profile, fmt.spec, loc, as_of).build(selections)
    return Prepared(fmt, lang, loaded, as_of, selections, context, loc, list(loc.fallbacks))


def fallback_notices(
    paths: Sequence[str], locate: Callable[..., Location] | None = None, who: str = ""
) -> list[Notice]:
    """The report's notice for each text or label a document showed in another language:
    ``locate`` gives the file and line of a data path (a profile's or team file's
    ``where``), ``who`` names the team member whose text it is."""
    prefix = f"{who}: " if who else ""
    return [
        Notice(
            FALLBACK,
            f"{prefix}fell back to another language for {path}",
            where=str(locate(*parse_path(path))) if locate is not None else None,
            subject=path,
        )
        for path in paths
    ]


def sample(fmt: Format, lang: Language | None = None) -> Prepared:
    """``fmt`` prepared with the bundled profile as of today: for checks and ``context``."""
    chosen = lang or Language(fmt.spec.languages[0])
    return prepare(fmt, chosen, load_profile(default_profile()), today(), Choices(strict=False))
