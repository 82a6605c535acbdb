"""Language-specific output: translated labels, texts, dates, periods, amounts and lists.

Month names, date patterns, number and currency formats and list conjunctions come from
babel's CLDR data; only the words of open periods ("since", "present") are grantdocs'
own messages. Any language works that has a catalog (the package's, or a format's own) and
a CLDR locale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Final, Literal, Protocol

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal
from msgspec import Struct

from grantdocs.l10n.catalog import SOURCE_LANGUAGE, Messages, has_catalog, translations
from grantdocs.profile.dates import PartialDate
from grantdocs.profile.records import Text

DateStyle = Literal["long", "medium", "numeric", "year"]
"""``long``: "16. Dezember 1986"; ``medium``: "Dez. 2018"; ``numeric``: "12/2018";
``year``: the year alone, whatever the precision."""

OpenStyle = Literal["since", "present"]
"""How a period without end reads: "since 2021" or "2021 – present"."""

SOURCE_LOCALE: Final = "en_GB"
"""The English of the message ids and of the package's English catalog: British."""
FALLBACK_LANGUAGE: Final = SOURCE_LANGUAGE
RANGE_SEPARATOR: Final = " – "

_SKELETONS: Final[Mapping[DateStyle, Mapping[str, str]]] = {
    "long": {"day": "yMMMMd", "month": "yMMMM", "year": "y"},
    "medium": {"day": "yMMMd", "month": "yMMM", "year": "y"},
    "numeric": {"day": "yMMdd", "month": "yMM", "year": "y"},
    "year": {"day": "y", "month": "y", "year": "y"},
}
"""CLDR skeleton per style and precision; babel picks each locale's pattern for it."""


_DATE_ENTRY = "grantdocs-date-1"
"""Changes when what a kept date holds changes (its cache entries then no longer match)."""


@lru_cache(maxsize=4096)
def _formatted(skeleton: str, day: dt.date, locale: str) -> str:
    """``day`` in ``locale``'s pattern for the CLDR ``skeleton``, once per process: babel
    parses the locale and matches the skeleton on every call, and a build formats the same
    few dates hundreds of times (764 calls for the 13 bundled documents). Each date is also
    kept in the disk cache (``usercache``) by babel's version, the locale, the skeleton and
    the day: the first date of a process made babel load and merge the locale's CLDR data
    (27 ms for ``de_DE``), which a document whose dates all come from the cache skips."""
    # lazy: usercache loads only when this runs
    from grantdocs import usercache

    babel = f"babel {usercache.library_version('babel', 'babel')}"
    return usercache.remembered(
        usercache.entry_name("date", _DATE_ENTRY, babel, locale, skeleton, day.isoformat()),
        lambda: str(format_skeleton(skeleton, day, locale=locale)),
        usercache.instance_of(str),
        1024,
    )


@dataclass
class Localizer:
    """Formats everything for one output language.

    ``lang`` is any language with a catalog: the package's, or one in ``locale_dirs`` (a
    format's ``locale`` folders, which override the package's messages). ``locale`` is a
    babel locale whose language is ``lang`` ("en_US", "de-AT", "fr_CA"); empty or the bare
    language code means the language's CLDR default territory (``de_DE``, ``fr_FR``), and
    ``en_GB`` for English. ``fallbacks`` collects, in order and once each, the paths of
    texts that lacked ``lang`` and were shown in another language, and the labels that have
    no translation (``label "Books"``).
    """

    lang: str
    locale: str = ""
    fallbacks: list[str] = field(default_factory=list)
    locale_dirs: tuple[Path, ...] = ()
    messages: Messages = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not has_catalog(self.lang, self.locale_dirs):
            raise ValueError(
                f"no catalog for language {self.lang!r}: add "
                f"locale/{self.lang}/LC_MESSAGES/grantdocs.po beside the format"
            )
        self.locale = resolve_locale(self.lang, self.locale)
        self.messages = translations(self.lang, self.locale_dirs)

    def gettext(self, msgid: Text) -> str:
        """A label in this language: a message id (an English label) translated by the
        catalog, or an inline ``{en: ..., de: ...}`` label's text for this language."""
        return self._translate(msgid)

    def word(self, msgid: Text) -> str:
        """A word inside an entry ("and", "eds.", "submitted"): like ``gettext``, but always in
        one language, also in a bilingual document."""
        return self._translate(msgid)

    def text(self, value: Text | None, path: str) -> str:
        """The text of ``value`` in this language; None gives "".

        A plain string is returned as is. A mapping without this language falls back to
        English, else to its first entry, and records ``path`` in ``fallbacks``.
        """
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if self.lang in value:
            return value[self.lang]
        if path not in self.fallbacks:
            self.fallbacks.append(path)
        if FALLBACK_LANGUAGE in value:
            return value[FALLBACK_LANGUAGE]
        return next(iter(value.values()), "")

    def date(self, d: PartialDate | dt.date, style: DateStyle = "long") -> str:
        """``d`` at its own precision: a day, a month, or a year ("2018" in every style)."""
        partial = PartialDate.parse(d)
        return _formatted(_SKELETONS[style][partial.precision], partial.first_day(), self.locale)

    def period(
        self,
        start: PartialDate | dt.date | None,
        end: PartialDate | dt.date | None,
        style: DateStyle = "medium",
        open_style: OpenStyle = "since",
    ) -> str:
        """A time span, each end at its own precision: "Okt. 2019 – März 2023", "2019 – 2023".

        Without ``end`` the period is open: "seit 2021" (``open_style="since"``) or
        "2021 – heute" (``"present"``). Without ``start`` only the end is given; ends that
        read the same ("2021" and "2021" in style ``year``) give one date; neither gives "".
        """
        if start is None:
            return "" if end is None else self.date(end, style)
        first = self.date(start, style)
        if end is None:
            if open_style == "since":
                return f"{self._translate('since')} {first}"
            return f"{first}{RANGE_SEPARATOR}{self._translate('present')}"
        last = self.date(end, style)
        return first if first == last else f"{first}{RANGE_SEPARATOR}{last}"

    def amount(self, value: Decimal, currency: str) -> str:
        """A money amount: "1.250.000,00 €" (de_DE), "€1,250,000.00" (en_GB)."""
        return format_currency(value, currency, locale=self.locale)

    def number(self, n: int | float | Decimal) -> str:
        """A number with the locale's separators: "1.234,5" (de), "1,234.5" (en)."""
        return format_decimal(n, locale=self.locale)

    def join_names(self, items: Sequence[str]) -> str:
        """A list in prose: "A, B und C" / "A, B and C"; an empty list gives ""."""
        return format_list(list(items), style="standard", locale=self.locale)

    def _translate(self, msgid: Text) -> str:
        """``msgid`` in this language, from the catalog, or the inline label's text."""
        if not isinstance(msgid, str):
            return self.text(msgid, f"label {next(iter(msgid.values()), '')!r}")
        if msgid not in self.messages and self.lang != SOURCE_LANGUAGE and msgid:
            path = f"label {msgid!r}"
            if path not in self.fallbacks:
                self.fallbacks.append(path)
        return self.messages.gettext(msgid)


def resolve_locale(lang: str, locale: str = "") -> str:
    """The babel locale for ``lang``: ``locale`` if given (it must belong to ``lang``), else
    ``en_GB`` for English and the CLDR default territory for any other language.

    Raises ValueError for a locale babel does not know or one of another language.
    """
    wanted = locale if locale not in ("", lang) else _default_locale(lang)
    try:
        parsed = Locale.parse(wanted.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError) as exc:
        raise ValueError(f"unknown locale {locale or lang!r}") from exc
    if parsed.language != lang:
        raise ValueError(f"locale {locale!r} does not belong to language {lang!r}")
    return str(parsed)


def _default_locale(lang: str) -> str:
    if lang == SOURCE_LANGUAGE:
        return SOURCE_LOCALE
    likely: Mapping[str, str] = get_global("likely_subtags")
    territory = Locale.parse(likely[lang]).territory if lang in likely else None
    return f"{lang}_{territory}" if territory else lang


class BilingualLocalizer(Struct):
    """A localizer for documents in two languages, with the interface of ``Localizer``.

    Labels (``gettext``) are given in both: "Persönliche Daten / Personal Data", primary
    first, once when both read the same. Everything else (texts, words, dates, periods,
    numbers, lists) is in the primary language; ``lang``, ``locale`` and ``fallbacks`` are
    the primary's.
    """

    primary: Localizer
    secondary: Localizer
    separator: str = " / "

    def __post_init__(self) -> None:
        if self.primary.lang == self.secondary.lang:
            raise ValueError(f"both languages of a bilingual document are {self.primary.lang!r}")

    @property
    def lang(self) -> str:
        """The primary language."""
        return self.primary.lang

    @property
    def locale(self) -> str:
        """The primary locale."""
        return self.primary.locale

    @property
    def fallbacks(self) -> list[str]:
        """Paths of texts shown in another language than the primary one, then labels
        without translation in the secondary language."""
        extra = [path for path in self.secondary.fallbacks if path not in self.primary.fallbacks]
        return self.primary.fallbacks + extra

    def gettext(self, msgid: Text) -> str:
        """The label in the primary and the secondary language, joined by ``separator``."""
        first = self.primary.word(msgid)
        second = self.secondary.word(msgid)
        return first if first == second else f"{first}{self.separator}{second}"

    def word(self, msgid: Text) -> str:
        """A word inside an entry, in the primary language only."""
        return self.primary.word(msgid)

    def text(self, value: Text | None, path: str) -> str:
        """``Localizer.text`` in the primary language."""
        return self.primary.text(value, path)

    def date(self, d: PartialDate | dt.date, style: DateStyle = "long") -> str:
        """``Localizer.date`` in the primary language."""
        return self.primary.date(d, style)

    def period(
        self,
        start: PartialDate | dt.date | None,
        end: PartialDate | dt.date | None,
        style: DateStyle = "medium",
        open_style: OpenStyle = "since",
    ) -> str:
        """``Localizer.period`` in the primary language."""
        return self.primary.period(start, end, style, open_style)

    def amount(self, value: Decimal, currency: str) -> str:
        """``Localizer.amount`` in the primary locale."""
        return self.primary.amount(value, currency)

    def number(self, n: int | float | Decimal) -> str:
        """``Localizer.number`` in the primary locale."""
        return self.primary.number(n)

    def join_names(self, items: Sequence[str]) -> str:
        """``Localizer.join_names`` in the primary language."""
        return self.primary.join_names(items)


class LocalizerLike(Protocol):
    """What code needs of a localizer: satisfied by ``Localizer`` and ``BilingualLocalizer``."""

    @property
    def lang(self) -> str: ...
    @property
    def locale(self) -> str: ...
    @property
    def fallbacks(self) -> list[str]: ...
    def gettext(self, msgid: Text) -> str: ...
    def word(self, msgid: Text) -> str: ...
    def text(self, value: Text | None, path: str) -> str: ...
    def date(self, d: PartialDate | dt.date, style: DateStyle = ...) -> str: ...
    def period(
        self,
        start: PartialDate | dt.date | None,
        end: PartialDate | dt.date | None,
        style: DateStyle = ...,
        open_style: OpenStyle = ...,
    ) -> str: ...
    def amount(self, value: Decimal, currency: str) -> str: ...
    def number(self, n: int | float | Decimal) -> str: ...
    def join_names(self, items: Sequence[str]) -> str: ...
