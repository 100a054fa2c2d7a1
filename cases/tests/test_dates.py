import datetime as dt

import pytest
import time_machine

from cases import services
from cases.dates import add_working_days, is_working_day
from enforcement.tests.factories import CaseTypeFactory, IncidentFactory


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Friday + 1 working day = Monday
        (dt.date(2026, 11, 27), 1, dt.date(2026, 11, 30)),
        # Koningsdag (Mon 27 April 2026) is skipped
        (dt.date(2026, 4, 24), 1, dt.date(2026, 4, 28)),
        # Christmas: Thu 24 Dec + 1 -> Mon 28 Dec (25, 26 holidays, 26/27 weekend)
        (dt.date(2026, 12, 24), 1, dt.date(2026, 12, 28)),
        # Easter 2026: Good Friday 3 Apr and Easter Monday 6 Apr are skipped
        (dt.date(2026, 4, 2), 1, dt.date(2026, 4, 7)),
        # over New Year
        (dt.date(2026, 12, 31), 1, dt.date(2027, 1, 4)),
        (dt.date(2026, 12, 21), 10, dt.date(2027, 1, 6)),
    ],
)
def test_working_days_skip_weekends_and_dutch_holidays(start, days, expected):
    assert add_working_days(start, days) == expected


def test_kings_day_is_not_a_working_day():
    assert not is_working_day(dt.date(2026, 4, 27))
    assert is_working_day(dt.date(2026, 4, 28))


@pytest.mark.django_db
def test_case_due_date_counts_working_days_from_today_around_kings_day(lead, boa_c):
    incident = IncidentFactory(registered_by=boa_c)
    ctype = CaseTypeFactory(standard_term_days=3)
    with time_machine.travel(dt.datetime(2026, 4, 23, 10, 0, tzinfo=dt.UTC), tick=False):
        case = services.case_open(
            actor=lead, title="Overlast", case_type=ctype, incident_ids=[incident.pk]
        )
    # Thu 23 Apr + 3 working days: Fri 24, (weekend, Mon 27 Koningsdag), Tue 28, Wed 29
    assert case.due_date == dt.date(2026, 4, 29)


@pytest.mark.django_db
def test_case_due_date_over_christmas(lead):
    ctype = CaseTypeFactory(standard_term_days=5)
    with time_machine.travel(dt.datetime(2026, 12, 22, 9, 0, tzinfo=dt.UTC), tick=False):
        from enforcement.tests.factories import ThemeFactory

        case = services.case_open(actor=lead, title="X", case_type=ctype, theme=ThemeFactory())
    # Tue 22 Dec: 23, 24, (25, 26, 27), 28, 29, 30 -> Wed 30 Dec
    assert case.due_date == dt.date(2026, 12, 30)
