"""A document's output language: one code, or two side by side (``de+en``)."""

from __future__ import annotations

from msgspec import Struct

from grantdocs.errors import FormatError


class Language(Struct, frozen=True):
    """One output language, or two side by side (``de+en``)."""

    code: str
    second: str | None = None

    @classmethod
    def parse(cls, text: str) -> Language:
        """``de``, or ``de+en`` for one bilingual document; anything else is a FormatError."""
        first, plus, second = (part.strip() for part in text.partition("+"))
        if not first or (plus and not second):
            raise FormatError(
                f"{text!r} is not a language: use a code such as 'de', or two joined by '+' "
                "for one bilingual document ('de+en')"
            )
        if "+" in second:
            raise FormatError(f"{text!r}: a bilingual document has two languages, not more")
        if first == second:
            raise FormatError(f"{text!r}: a bilingual document needs two different languages")
        return cls(first, second or None)

    @property
    def codes(self) -> tuple[str, ...]:
        """The language codes, first language first."""
        return (self.code, self.second) if self.second else (self.code,)

    @property
    def folder(self) -> str:
        return f"{self.code}-{self.second}" if self.second else self.code

    def __str__(self) -> str:
        return f"{self.code}+{self.second}" if self.second else self.code
