"""The Dutch calendar that enforcement demand follows: public and school holidays.

Public holidays come from the ``holidays`` package (as in ``cases.dates``): Easter-based
days (Goede Vrijdag, Pasen, Hemelvaart, Pinksteren), Koningsdag (26 April when the
27th is a Sunday), Bevrijdingsdag (a day off every five years) and Christmas.

School holidays are a table in code for region Noord (the municipality's region; the
regions rotate the spring and summer holidays). The dates are those of the years the
data covers (2016-2027) as far as the national scheme goes: the spring holiday in week 8
(or 9), the May holiday as the two weeks around Koningsdag, the autumn holiday in week 43,
Christmas as the two weeks over New Year, and the six summer weeks from the start dates in
``SUMMER_START_NOORD``. They are an approximation for forecasting and demo data; a page
that needs the official dates must not read them from here. Years outside the table use
the same rules with the summer starting on the second Saturday of July.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

# Saturday on which the six-week summer holiday of region Noord starts.
SUMMER_START_NOORD = {
    2016: dt.date(2016, 7, 16),
    2017: dt.date(2017, 7, 1),
    2018: dt.date(2018, 7, 21),
    2019: dt.date(2019, 7, 6),
    2020: dt.date(2020, 7, 4),
    2021: dt.date(2021, 7, 24),
    2022: dt.date(2022, 7, 16),
    2023: dt.date(2023, 7, 8),
    2024: dt.date(2024, 7, 20),
    2025: dt.date(2025, 7, 12),
    2026: dt.date(2026, 7, 4),
    2027: dt.date(2027, 7, 17),
}
# ISO week of the spring holiday in region Noord (week 8 unless listed).
SPRING_WEEK_NOORD = {2022: 9, 2027: 7}


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.NL(years=year).keys())


def is_public_holiday(day: dt.date) -> bool:
    return day in public_holidays(day.year)


def _iso_week_span(year: int, week: int) -> tuple[dt.date, dt.date]:
    monday = dt.date.fromisocalendar(year, week, 1)
    return monday - dt.timedelta(days=2), monday + dt.timedelta(days=6)  # Saturday .. Sunday


@lru_cache(maxsize=64)
def school_holidays(year: int) -> tuple[tuple[str, dt.date, dt.date], ...]:
    """(name, first day, last day) of the school holidays that start in ``year``."""
    spring = _iso_week_span(year, SPRING_WEEK_NOORD.get(year, 8))
    kings_day = dt.date(year, 4, 27)
    may_monday = kings_day - dt.timedelta(days=kings_day.weekday())
    may = (may_monday - dt.timedelta(days=2), may_monday + dt.timedelta(days=13))
    summer_start = SUMMER_START_NOORD.get(year)
    if summer_start is None:
        first = dt.date(year, 7, 1)
        summer_start = first + dt.timedelta(days=(5 - first.weekday()) % 7 + 7)
    summer = (summer_start, summer_start + dt.timedelta(days=43))
    autumn = _iso_week_span(year, 43)
    christmas_day = dt.date(year, 12, 25)
    xmas_start = christmas_day - dt.timedelta(days=(christmas_day.weekday() + 2) % 7)
    if christmas_day.weekday() == 5:  # Christmas on a Saturday: the holiday starts then
        xmas_start = christmas_day
    christmas = (xmas_start, xmas_start + dt.timedelta(days=15))
    return (
        ("voorjaarsvakantie", *spring),
        ("meivakantie", *may),
        ("zomervakantie", *summer),
        ("herfstvakantie", *autumn),
        ("kerstvakantie", *christmas),
    )


@lru_cache(maxsize=8192)
def is_school_holiday(day: dt.date) -> bool:
    for year in (day.year - 1, day.year):
        for _name, first, last in school_holidays(year):
            if first <= day <= last:
                return True
    return False


def is_new_year_window(day: dt.date) -> bool:
    """New Year's Eve and the night after: fireworks, the busiest night for enforcement."""
    return (day.month, day.day) in ((12, 31), (1, 1))


def week_calendar(monday: dt.date) -> dict[str, float]:
    """Shares of the seven days from ``monday`` that are public / school holidays, and
    whether the week holds New Year's Eve or Koningsdag (model regressors)."""
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    return {
        "public_holiday": sum(is_public_holiday(d) for d in days) / 7,
        "school_holiday": sum(is_school_holiday(d) for d in days) / 7,
        "new_year": float(any(is_new_year_window(d) for d in days)),
        "kings_day": float(
            any(d.month == 4 and d.day in (26, 27) and is_public_holiday(d) for d in days)
        ),
    }
