"""When an entry happened: the one date model every dated profile entry shares.

Each list entry of the profile answers ``entry.when()`` with a ``When``: its first and last
date and whether an empty last date means "still running". Selection (windows, order,
``ongoing``), ``explain``, the template context and citations read dates only through it.

Three shapes, one meaning each:

- a **point** (``open`` False, no ``end``): a publication's year (and month), a talk's date,
  a course's year, the day a degree was awarded;
- a **closed stretch** (``open`` False, with ``end``): an award given from one year to
  another, a patent family from its priority year to its latest filing;
- a **period** (``open`` True): positions, projects, service, memberships, studies,
  supervised people; an empty ``end`` means it runs on ("since 2021").

``Education`` has ``start``, ``end`` and ``date``: its time is the period of study
(``start`` .. ``end``) when either is given, else the day the degree was awarded (``date``)
as a point. ``date`` keeps its own meaning, the award of the degree: templates print it as
its own field, and where a period has no start, ``explain`` shows it for the end ("PhD,
end 2018, date 2018-12-19" shows as 2018-12-19) without changing what windows count.

An entry with no date at all has no span: no window keeps it, and it sorts as the oldest.
A **publication without a year** is different: in the files researchers keep, it is a work
still in progress or forthcoming (working papers, accepted chapters, software in
development); a published work carries its year. So it counts as current: its span is the
as-of date (every window that reaches the as-of date keeps it, "last five years" included),
and it sorts as the newest (first in newest-first lists, last in oldest-first ones). Citations
print the CSL locale's "no date" term ("o. J.", "n.d.") or its status ("im Erscheinen").
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Protocol

from msgspec import Struct

from grantdocs.profile.dates import PartialDate

FAR_FUTURE = dt.date(9999, 12, 31)
"""The last day an open period can be thought to run to (for ordering)."""

CLOSING_FIELDS = frozenset({"end", "fixed_term_until"})
"""Date fields that close a period: the day they stand for is the last they cover, not the
first (templates' ``<field>_date``)."""


class When(Struct, frozen=True):
    """An entry's time: ``start`` .. ``end``; both None means undated.

    ``open``: the entry is a period, so an empty ``end`` means it runs on; ``current``: the
    owner's override of "is it running" (``Position.current``), None to compute it;
    ``completed``: the day it was completed, where that is known more precisely than ``end``
    (a degree's award date); shown, never counted; ``as_of_if_undated``: without any date,
    the entry counts as of the as-of date (a work without a year) instead of having no time.
    """

    start: PartialDate | None = None
    end: PartialDate | None = None
    open: bool = False
    current: bool | None = None
    completed: PartialDate | None = None
    as_of_if_undated: bool = False

    @property
    def dated(self) -> bool:
        """True when there is any date."""
        return self.start is not None or self.end is not None

    @property
    def precision(self) -> str | None:
        """``"year"``, ``"month"`` or ``"day"`` of the first date given; None if undated."""
        first = self.start or self.end
        return first.precision if first is not None else None

    def span(self, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
        """The days covered, both included; an open period runs to ``as_of`` (or its start,
        if that is later). None if undated."""
        first = self.start or self.end
        if first is None:
            return (as_of, as_of) if self.as_of_if_undated else None
        begin = first.first_day()
        if self.end is not None:
            return begin, max(self.end.last_day(), first.last_day())
        if self.open:
            return begin, max(as_of, begin)
        return begin, first.last_day()

    def sort_key(self) -> tuple[int, int]:
        """First and last day as ordinals, an open end as the far future; undated (0, 0),
        the oldest, unless it counts as of the as-of date: then the far future, the newest."""
        covered = self.span(FAR_FUTURE)
        if covered is None:
            return (0, 0)
        return covered[0].toordinal(), covered[1].toordinal()

    def ongoing(self, as_of: dt.date) -> bool:
        """True when the entry runs on ``as_of``: the owner's ``current`` if given; else a
        started period without an end, or anything whose start .. end holds ``as_of``.
        A point in time is never ongoing."""
        if self.current is not None:
            return self.current
        if self.start is not None and self.start.first_day() > as_of:
            return False
        if self.end is None:
            return self.open and self.start is not None
        return self.end.last_day() >= as_of

    def text(self) -> str:
        """ISO form as ``explain`` shows it: "2021-03", "2019–2023", "2021–" (open), "" if
        undated; ends within one year (or month) give one date; without a start, the day
        it was completed stands for its end."""
        if self.start is None and self.completed is not None:
            return When(self.completed, self.end).text()
        if self.start is None:
            return str(self.end) if self.end is not None else ""
        if self.end is None:
            return f"{self.start}–" if self.open else str(self.start)
        same = str(self.end) == str(self.start) if self.open else self.end.year == self.start.year
        return str(self.start) if same else f"{self.start}–{self.end}"

    def shown(self) -> str:
        """``text()``, or what stands for a missing date: "undated", "undated (counts as
        current)"."""
        if self.dated:
            return self.text()
        return "undated (counts as current)" if self.as_of_if_undated else "undated"


class Dated(Protocol):
    """A profile entry with a time: every list entry of the profile."""

    def when(self) -> When:
        """The entry's time (see ``When``)."""
        ...


UNDATED = When()
UNDATED_WORK = When(as_of_if_undated=True)
"""A publication without a year: it counts as of the as-of date (see the module)."""


@lru_cache(maxsize=8192)
def point(year: int | None, month: int | None = None) -> When:
    """A year (or month) as a point in time; ``year`` None is undated. Cached: publications
    ask for it in every selection."""
    if year is None:
        return UNDATED
    return When(PartialDate(year, month))


def published(year: int | None, month: int | None = None) -> When:
    """A work's year (or month) as a point; without a year, ``UNDATED_WORK``."""
    return UNDATED_WORK if year is None else point(year, month)


def period(
    start: PartialDate | None,
    end: PartialDate | None,
    current: bool | None = None,
    completed: PartialDate | None = None,
) -> When:
    """A period (``end`` None: it runs on)."""
    return When(start, end, True, current, completed)


def stretch(start: PartialDate | None, end: PartialDate | None = None) -> When:
    """A point, or a closed stretch from ``start`` to ``end``."""
    return When(start, end, False)
