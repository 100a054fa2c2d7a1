"""Known data for the report tests: three periods, two themes, two areas, sources,
effort and violations, with offenders and reporters whose names must never appear
in a report. Counts are fixed here and asserted by hand in the tests."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from enforcement.models import Incident, PatrolEffort
from enforcement.tests.factories import (
    AreaFactory,
    IncidentFactory,
    InterventionTypeFactory,
    OffenceFactory,
    OffenderFactory,
    PatrolEffortFactory,
    PatrolLogFactory,
    ThemeFactory,
    ViolationFactory,
)
from reports.periods import Period

Q2 = Period(2026, 2)
OFFENDER_NAME = "Zebedeus Quakkelaar"
OFFENDER_ADDRESS = "Kwispelsteeg 99"
OFFENDER_DOB = dt.date(1971, 3, 14)
REPORTER_NAME = "Hortensia Pruimbloesem"
INCIDENT_ADDRESS = "Snoezelpad 7"


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def known_data(db, make_user):
    """Q2 2026: Overlast 12 (area Noord 9 of which 6 resident, Zuid 3), Afval 3 (Noord),
    Jeugd 4 (Zuid).  Q1 2026: Overlast 7.   Q2 2025: Overlast 5 (Zuid), Afval 6 (Noord).
    Effort Q2 2026: Overlast 10 h (4 h reactive), Afval 2 h (2 h reactive), in one shift
    in Noord and Zuid; Q1 2026: 3 h in Noord.
    Violations Q2 2026: 6 written warnings, 5 verbal (Overlast); Q1 2026: 1 written."""
    boa = make_user(
        Role.BOA, username="boa-known", first_name="Bartholomeus", last_name="Vlinderdas"
    )
    overlast = ThemeFactory(code="overlast", name="Overlast", order=1)
    afval = ThemeFactory(code="afval", name="Afval", order=2)
    jeugd = ThemeFactory(code="jeugd", name="Jeugd", order=3)
    noord = AreaFactory(code="WK0001", name="Noord", population=4000)
    zuid = AreaFactory(code="WK0002", name="Zuid", population=None)

    def incidents(n, theme, area, day, source=Incident.Source.OWN_OBSERVATION):
        return [
            IncidentFactory(
                theme=theme,
                area=area,
                source=source,
                occurred_at=at(day),
                registered_by=boa,
                address=INCIDENT_ADDRESS,
                reporter_name=REPORTER_NAME if source == Incident.Source.RESIDENT else "",
            )
            for _ in range(n)
        ]

    q2 = incidents(6, overlast, noord, dt.date(2026, 4, 10), Incident.Source.RESIDENT)
    incidents(3, overlast, noord, dt.date(2026, 6, 30))
    incidents(3, overlast, zuid, dt.date(2026, 5, 2))
    incidents(3, afval, noord, dt.date(2026, 5, 20))
    incidents(4, jeugd, zuid, dt.date(2026, 6, 1))
    incidents(7, overlast, noord, dt.date(2026, 2, 1))
    incidents(5, overlast, zuid, dt.date(2025, 4, 5))
    incidents(6, afval, noord, dt.date(2025, 6, 1))
    # Just outside Q2 2026 (1 July 00:30 local time) and Q1's last minute inside Q1.
    IncidentFactory(
        theme=afval,
        area=noord,
        occurred_at=at(dt.date(2026, 7, 1), 0) + dt.timedelta(minutes=30),
        registered_by=boa,
    )

    log = PatrolLogFactory(boa=boa, started_at=at(dt.date(2026, 5, 1), 8))
    PatrolEffortFactory(patrol_log=log, theme=overlast, kind=PatrolEffort.Kind.PLANNED, minutes=360)
    PatrolEffortFactory(
        patrol_log=log, theme=overlast, kind=PatrolEffort.Kind.REACTIVE, minutes=240
    )
    PatrolEffortFactory(patrol_log=log, theme=afval, kind=PatrolEffort.Kind.REACTIVE, minutes=120)
    old = PatrolLogFactory(boa=boa, started_at=at(dt.date(2026, 3, 1), 8))
    PatrolEffortFactory(patrol_log=old, theme=overlast, kind=PatrolEffort.Kind.PLANNED, minutes=180)
    # Areas are linked after the effort for one shift and before it for the other: the
    # effort per area must not depend on the order.
    log.areas.set([noord, zuid])
    old.areas.set([noord])

    written = InterventionTypeFactory(
        code="written-warning", name="Schriftelijke waarschuwing", ladder_step=2
    )
    verbal = InterventionTypeFactory(
        code="verbal-warning", name="Mondelinge waarschuwing", ladder_step=1
    )
    offence = OffenceFactory(theme=overlast, default_intervention=written)
    offender = OffenderFactory(
        name=OFFENDER_NAME, address=OFFENDER_ADDRESS, date_of_birth=OFFENDER_DOB
    )
    for i in range(11):
        ViolationFactory(
            incident=q2[i % 6],
            offence=offence,
            offender=offender,
            intervention=written if i < 6 else verbal,
            committed_on=dt.date(2026, 4, 10),
            address=OFFENDER_ADDRESS,
        )
    ViolationFactory(
        incident=q2[0], offence=offence, offender=offender, committed_on=dt.date(2026, 3, 31)
    )
    return {
        "overlast": overlast,
        "afval": afval,
        "jeugd": jeugd,
        "noord": noord,
        "zuid": zuid,
        "written": written,
        "verbal": verbal,
        "boa": boa,
    }


def figure_queries(*, one_theme: bool = False, summary: bool = True) -> int:
    """Queries of one figures_compute: 3 reference, incidents, effort, violations, effort
    per area (all themes only), one for cases, three for planning (activities, goals,
    expert groups) and, for the council report (all themes), one for the summary's trend
    and one for the forecast against actual (reports.figures.forecast)."""
    return (6 if one_theme else 7) + 1 + 3 + (2 if summary and not one_theme else 0)
