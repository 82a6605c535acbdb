"""Language-specific output: translated labels, texts, dates, periods, amounts and lists.

Month names, date patterns, number and currency formats and list conjunctions come from
babel's CLDR data; only the words of open periods ("since", "present") are grantdocs'
own messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal, Protocol

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from grantdocs.l10n.catalog import SUPPORTED_LANGUAGES, Lang, is_supported, translations
from grantdocs.profile.dates import PartialDate
from grantdocs.profile.model import Text

DateStyle = Literal["long", "medium", "numeric", "year"]
"""``long``: "16. Dezember 1986"; ``medium``: "Dez. 2018"; ``numeric``: "12/2018";
``year``: the year alone, whatever the precision."""

OpenStyle = Literal["since", "present"]
"""How a period without end reads: "since 2021" or "2021 – present"."""

DEFAULT_LOCALES: Final[Mapping[Lang, str]] = {"de": "de_DE", "en": "en_GB"}
FALLBACK_LANGUAGE: Final = "en"
RANGE_SEPARATOR: Final = " – "

_SKELETONS: Final[Mapping[DateStyle, Mapping[str, str]]] = {
    "long": {"day": "yMMMMd", "month": "yMMMM", "year": "y"},
    "medium": {"day": "yMMMd", "month": "yMMM", "year": "y"},
    "numeric": {"day": "yMMdd", "month": "yMM", "year": "y"},
    "year": {"day": "y", "month": "y", "year": "y"},
}
"""CLDR skeleton per style and precision; babel picks each locale's pattern for it."""


@dataclass
class Localizer:
    """Formats everything for one output language.

    ``locale`` is a babel locale whose language is ``lang`` ("en_US", "de-AT"); empty or the
    bare language code means the default (``de_DE`` for German, ``en_GB`` for English).
    ``fallbacks`` collects, in order and once each, the paths of texts that lacked ``lang``
    and were shown in another language.
    """

    lang: Lang
    locale: str = ""
    fallbacks: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not is_supported(self.lang):
            raise ValueError(
                f"unsupported language {self.lang!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}"
            )
        wanted = self.locale if self.locale not in ("", self.lang) else DEFAULT_LOCALES[self.lang]
        try:
            parsed = Locale.parse(wanted.replace("-", "_"))
        except (ValueError, UnknownLocaleError) as exc:
            raise ValueError(f"unknown locale {self.locale!r}") from exc
        if parsed.language != self.lang:
            raise ValueError(f"locale {self.locale!r} does not belong to language {self.lang!r}")
        self.locale = str(parsed)

    def gettext(self, msgid: str) -> str:
        """The label ``msgid`` (an English label) in this language; ``msgid`` if untranslated."""
        return self._translate(msgid)

    def word(self, msgid: str) -> str:
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
        skeleton = _SKELETONS[style][partial.precision]
        return str(format_skeleton(skeleton, partial.first_day(), locale=self.locale))

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

    def _translate(self, msgid: str) -> str:
        """``msgid`` in this language, from the cached catalog."""
        catalog = translations(self.lang)
        return catalog.gettext(msgid)


@dataclass
class BilingualLocalizer:
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
    def lang(self) -> Lang:
        """The primary language."""
        return self.primary.lang

    @property
    def locale(self) -> str:
        """The primary locale."""
        return self.primary.locale

    @property
    def fallbacks(self) -> list[str]:
        """Paths of texts shown in another language than the primary one."""
        return self.primary.fallbacks

    def gettext(self, msgid: str) -> str:
        """The label in the primary and the secondary language, joined by ``separator``."""
        first = self.primary.word(msgid)
        second = self.secondary.word(msgid)
        return first if first == second else f"{first}{self.separator}{second}"

    def word(self, msgid: str) -> str:
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
    def gettext(self, msgid: str) -> str: ...
    def word(self, msgid: str) -> str: ...
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
