import datetime as dt

import pytest

from reports.periods import (
    Period,
    PeriodError,
    first_working_day_after,
    period_choices,
    quarter_due_on,
)

TODAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "year", "quarter"),
    [("2026Q3", 2026, 3), ("2026q1", 2026, 1), (" 2025 ", 2025, None), ("2026-Q2", 2026, 2)],
)
def test_parse_accepts_quarters_and_years(text, year, quarter):
    period = Period.parse(text, today=TODAY)
    assert (period.year, period.quarter) == (year, quarter)


@pytest.mark.parametrize("text", ["", "Q3", "2026Q5", "26Q1", "2026Q3x", "abc", "1999"])
def test_parse_refuses_unknown_periods_in_dutch(text):
    with pytest.raises(PeriodError) as exc:
        Period.parse(text, today=TODAY)
    assert "periode" in str(exc.value).lower()


def test_parse_refuses_future_and_optionally_open_periods():
    with pytest.raises(PeriodError, match="toekomst"):
        Period.parse("2027Q1", today=TODAY)
    with pytest.raises(PeriodError, match="toekomst"):
        Period.parse("2027", today=TODAY)
    assert Period.parse("2026Q4", today=TODAY).code == "2026Q4"
    with pytest.raises(PeriodError, match="nog niet afgelopen"):
        Period.parse("2026Q4", today=TODAY, allow_open=False)
    with pytest.raises(PeriodError, match="nog niet afgelopen"):
        Period.parse("2026", today=TODAY, allow_open=False)


def test_bounds_previous_and_year_earlier():
    q1 = Period(2026, 1)
    assert (q1.start, q1.end, q1.last_day) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 1),
        dt.date(2026, 3, 31),
    )
    assert q1.previous == Period(2025, 4)
    assert q1.year_earlier == Period(2025, 1)
    assert Period(2026, 4).end == dt.date(2027, 1, 1)
    assert Period(2026).previous == Period(2025) == Period(2026).year_earlier
    assert Period(2026, 3).label == "Q3 2026"
    assert Period(2026, 3).start_at.utcoffset() == dt.timedelta(hours=2)  # CEST


def test_first_working_day_after_quarter_skips_weekends_and_holidays():
    # 1 Jan 2027 (New Year's Day) is a Friday, then a weekend.
    assert first_working_day_after(dt.date(2026, 12, 31)) == dt.date(2027, 1, 4)
    assert first_working_day_after(dt.date(2025, 12, 31)) == dt.date(2026, 1, 2)
    # 30 Sep 2028 is a Saturday: 1 Oct Sunday -> Monday 2 Oct.
    assert first_working_day_after(dt.date(2028, 9, 30)) == dt.date(2028, 10, 2)
    assert quarter_due_on(dt.date(2026, 1, 2)) == Period(2025, 4)
    assert quarter_due_on(dt.date(2026, 1, 1)) is None
    assert quarter_due_on(dt.date(2026, 1, 5)) is None
    assert quarter_due_on(dt.date(2026, 7, 1)) == Period(2026, 2)


def test_period_choices_quarters_then_years_newest_first_never_in_the_future():
    codes = [p.code for p in period_choices(first_year=2016, today=TODAY)]
    assert codes[:2] == ["2026Q4", "2026Q3"] and codes[43] == "2016Q1"
    assert codes[44:] == [str(y) for y in range(2026, 2015, -1)]
    closed = [p.code for p in period_choices(first_year=2016, today=TODAY, allow_open=False)]
    assert closed[0] == "2026Q3" and "2026" not in closed and closed[43] == "2025"
    assert all(p.start <= TODAY for p in period_choices(first_year=2030, today=TODAY))


def test_period_choices_without_data_offer_recent_years_and_never_before_2000():
    codes = [p.code for p in period_choices(first_year=None, today=TODAY)]
    assert codes[-3:] == ["2026", "2025", "2024"] and codes[-4] == "2024Q1"
    assert period_choices(first_year=1990, today=TODAY)[-1] == Period(2000)
