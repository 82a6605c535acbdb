"""Partial dates: a year, a year and month, or a full date, as CVs give them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from msgspec import Struct

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core.core_schema import CoreSchema

_PATTERN = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$")
JSON_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class PartialDate(Struct, frozen=True, order=True):
    """A date known to the year, the month or the day. ``month``/``day`` None means unknown."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1000 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is not a four-digit year")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is impossible (1 to 12)")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(
                    f"day {self.day} is impossible in {self.year}-{self.month:02d} (1 to {last})"
                )

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read ``2018``, ``"2018-12"``, ``"2018-12-19"`` or a ``datetime.date``."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise ValueError("expected a date such as 2018, 2018-12 or 2018-12-19")
        if isinstance(value, int):
            return cls(value)
        if isinstance(value, str):
            m = _PATTERN.match(value.strip())
            if m:
                year, month, day = m.groups()
                return cls(int(year), int(month) if month else None, int(day) if day else None)
        raise ValueError("expected a date such as 2018, 2018-12 or 2018-12-19")

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first_day(self) -> dt.date:
        """The earliest calendar day this partial date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest calendar day this partial date can mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        # lazy: pydantic_core loads only when a profile is validated, not for a cached one
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": JSON_PATTERN},
            ],
            "description": "A year (2018), a month (2018-12) or a day (2018-12-19).",
        }
