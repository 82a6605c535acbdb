"""The one date model: every dated section answers ``when()`` with the same protocol."""

from __future__ import annotations

import datetime as dt

import pytest

from grantdocs.profile import model
from grantdocs.profile.dates import PartialDate
from grantdocs.profile.load import LoadedProfile
from grantdocs.profile.model import validated
from grantdocs.profile.records import (
    LIST_SECTIONS,
    Award,
    Education,
    Position,
    Publication,
    Talk,
    Teaching,
)
from grantdocs.profile.when import FAR_FUTURE, When

D = PartialDate.parse
AS_OF = dt.date(2026, 6, 30)


def edu(**kw: object) -> Education:
    return validated(model.Education, {"degree": "PhD", "institution": "TU Berlin", **kw})


def test_every_entry_of_the_bundled_profile_answers_when(bundled: LoadedProfile) -> None:
    profile = bundled.profile
    for section in LIST_SECTIONS:
        for entry in getattr(profile, section):
            assert isinstance(entry.when(), When), section
    for case in profile.supervision.cases:
        assert isinstance(case.when(), When)


def test_education_is_the_period_of_study_else_the_award_day() -> None:
    studies = edu(start=2010, end=2013, date="2013-09-30").when()
    assert studies.span(AS_OF) == (dt.date(2010, 1, 1), dt.date(2013, 12, 31))
    assert studies.text() == "2010–2013"
    awarded = edu(date="2007-06").when()
    assert awarded.span(AS_OF) == (dt.date(2007, 6, 1), dt.date(2007, 6, 30))
    assert not awarded.ongoing(AS_OF)
    # without a start the award day is shown for the end; windows still count the end
    phd = edu(end=2018, date="2018-12-19").when()
    assert phd.text() == "2018-12-19"
    assert phd.span(AS_OF) == (dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    assert edu(start=2024).when().ongoing(AS_OF)


def test_points_stretches_and_periods_differ_in_span_order_and_ongoing() -> None:
    pub = Publication(id="p", kind="book", authors=["A"], title="T", year=2020, month=3)
    assert pub.when().span(AS_OF) == (dt.date(2020, 3, 1), dt.date(2020, 3, 31))
    assert pub.when().precision == "month"
    assert not pub.when().ongoing(AS_OF)
    award = Award(name="Fellow", date=D(2019), end=D(2027)).when()
    assert award.span(AS_OF) == (dt.date(2019, 1, 1), dt.date(2027, 12, 31))
    assert award.ongoing(AS_OF) and award.text() == "2019–2027"
    assert not Award(name="Fellow", date=D(2027), end=D(2028)).when().ongoing(AS_OF)
    family = validated(
        model.PatentFamily,
        {
            "id": "f",
            "title": "T",
            "year": 2019,
            "members": [
                {"title": "T", "status": "granted", "date": "2023-02"},
                {"title": "T", "status": "filed", "date": "2019-05"},
            ],
        },
    ).when()
    assert family.span(AS_OF) == (dt.date(2019, 1, 1), dt.date(2023, 2, 28))
    running = Position(title="PI", organisation="HHI", start=D(2021)).when()
    assert running.span(AS_OF) == (dt.date(2021, 1, 1), AS_OF)
    assert running.sort_key() == (dt.date(2021, 1, 1).toordinal(), FAR_FUTURE.toordinal())
    assert running.ongoing(AS_OF) and running.text() == "2021–"
    ended = Position(title="PI", organisation="HHI", start=D(2021), end=D(2022), current=True)
    assert ended.when().ongoing(AS_OF), "the owner's 'current' overrides the end"
    assert Talk(title="T", date=D("2025-05-23"), event="E").when().precision == "day"


@pytest.mark.parametrize(
    "entry",
    [Teaching(course="ML", institution="TU"), Position(title="PI", organisation="HHI")],
)
def test_an_entry_without_a_date_is_undated(entry: Teaching | Position) -> None:
    when = entry.when()
    assert not when.dated and when.span(AS_OF) is None
    assert when.sort_key() == (0, 0) and when.text() == "" and when.precision is None
    assert not when.ongoing(AS_OF)
