"""A running period is compared with the same days of the periods it is compared with.

Frozen on 2 December 2026: Q4 2026 counts 1 October to 2 December, Q3 2026 1 July to
2 September and Q4 2025 1 October to 2 December 2025. Records are spread over every few
days (and right on the edges of each span, in local time), and each figure is checked
against a count taken here, over exactly those days, straight from the base tables.
"""

import datetime as dt

import pytest
import time_machine
from django.db.models import Sum
from django.urls import reverse

from accounts.roles import Role
from cases.models import Case
from cases.tests.factories import CaseFactory
from enforcement.models import Incident, PatrolEffort, Violation
from enforcement.tests.factories import (
    AreaFactory,
    IncidentFactory,
    OffenceFactory,
    PatrolEffortFactory,
    PatrolLogFactory,
    ThemeFactory,
    ViolationFactory,
)
from reports.figures import figures_compute
from reports.figures.queries import compared
from reports.figures.running import Span
from reports.periods import Period, _local_midnight
from reports.tests.conftest import at, figure_queries

TODAY = dt.datetime(2026, 12, 2, 15, 0)  # local time, mid-quarter
Q4 = Period(2026, 4)
# (first day, first day not counted) of Q4 2026, Q3 2026 and Q4 2025 on TODAY
SPANS = [
    (dt.date(2026, 10, 1), dt.date(2026, 12, 3)),
    (dt.date(2026, 7, 1), dt.date(2026, 9, 3)),
    (dt.date(2025, 10, 1), dt.date(2025, 12, 3)),
]


def _table(figures, key):
    return next(t for s in figures["sections"] for t in s["tables"] if t["key"] == key)


def _by_key(table):
    return {r["key"]: r["values"] for r in table["rows"]}


@pytest.fixture
def spread(db, make_user):
    """Incidents, violations, shifts and cases every few days from June 2025 on, and
    on the edges of each span (its last minute and the first minute after it)."""
    boa = make_user(Role.BOA, username="boa-running")
    themes = [ThemeFactory(code=c, name=c.title(), order=i) for i, c in enumerate(("a", "b"))]
    areas = [AreaFactory(code=f"WK000{i}", name=f"Wijk {i}") for i in (1, 2)]
    offence = OffenceFactory(theme=themes[0])
    moments = []
    day = dt.date(2025, 6, 1)
    while day <= dt.date(2026, 12, 2):
        moments.append(at(day, 10))
        day += dt.timedelta(days=4)
    for _, cut in SPANS:
        moments += [_local_midnight(cut) - dt.timedelta(minutes=1), _local_midnight(cut)]
    for i, moment in enumerate(moments):
        theme, area = themes[i % 2], areas[(i // 2) % 2]
        incident = IncidentFactory(theme=theme, area=area, occurred_at=moment, registered_by=boa)
        if i % 3 == 0:
            ViolationFactory(
                incident=incident, offence=offence, committed_on=moment.date(), address="x"
            )
        log = PatrolLogFactory(
            boa=boa, started_at=moment, ended_at=moment + dt.timedelta(minutes=1)
        )
        log.areas.set([area])
        kind = PatrolEffort.Kind.REACTIVE if i % 2 else PatrolEffort.Kind.PLANNED
        PatrolEffortFactory(patrol_log=log, theme=theme, kind=kind, minutes=30 + i)
        CaseFactory(
            theme=theme,
            area=area,
            opened_at=moment - dt.timedelta(days=9 + i % 5),
            closed_at=moment if i % 2 else None,
            due_date=moment.date(),
        )
    return {"themes": themes, "areas": areas}


def _counted(spans=SPANS):
    """Counts over exactly the spans' days, from the base tables."""
    out = {"incidents": [], "violations": [], "minutes": [], "opened": [], "closed": []}
    for first, cut in spans:
        at_from, at_to = _local_midnight(first), _local_midnight(cut)
        out["incidents"].append(
            Incident.objects.filter(occurred_at__gte=at_from, occurred_at__lt=at_to).count()
        )
        out["violations"].append(
            Violation.objects.filter(committed_on__gte=first, committed_on__lt=cut).count()
        )
        out["minutes"].append(
            PatrolEffort.objects.filter(
                patrol_log__started_at__gte=at_from, patrol_log__started_at__lt=at_to
            ).aggregate(m=Sum("minutes"))["m"]
            or 0
        )
        out["opened"].append(
            Case.objects.filter(opened_at__gte=at_from, opened_at__lt=at_to).count()
        )
        out["closed"].append(
            Case.objects.filter(closed_at__gte=at_from, closed_at__lt=at_to).count()
        )
    return out


@time_machine.travel(TODAY, tick=False)
def test_running_quarter_is_compared_with_the_same_days(spread):
    spans = compared(Q4)
    assert [(s.start, s.cut) for s in spans] == SPANS
    assert all(isinstance(s, Span) for s in spans)


@time_machine.travel(TODAY, tick=False)
def test_running_quarter_figures_count_exactly_the_same_days(spread, django_assert_num_queries):
    with django_assert_num_queries(figure_queries(summary=False)):
        figures = figures_compute(period=Q4, per_theme=False)
    counted = _counted()
    # The spans really differ from whole months and quarters.
    assert (
        counted["incidents"][2]
        < Incident.objects.filter(
            occurred_at__gte=_local_midnight(dt.date(2025, 10, 1)),
            occurred_at__lt=_local_midnight(dt.date(2026, 1, 1)),
        ).count()
    )
    assert _table(figures, "incidents_by_theme")["total"]["values"] == counted["incidents"]
    assert _table(figures, "violations_by_intervention")["total"]["values"] == counted["violations"]
    assert _table(figures, "effort_realised")["total"]["values"] == [
        round(m / 60, 1) for m in counted["minutes"]
    ]
    assert _table(figures, "cases_flow")["total"]["values"] == counted["opened"]
    assert _table(figures, "cases_closed")["total"]["values"] == counted["closed"]
    # Per theme and per area as well.
    for theme in spread["themes"]:
        expected = []
        for first, cut in SPANS:
            expected.append(
                Incident.objects.filter(
                    theme=theme,
                    occurred_at__gte=_local_midnight(first),
                    occurred_at__lt=_local_midnight(cut),
                ).count()
            )
        assert _by_key(_table(figures, "incidents_by_theme"))[f"theme:{theme.pk}"] == expected
    for area in spread["areas"]:
        incidents, violations, minutes = [], [], []
        for first, cut in SPANS:
            at_from, at_to = _local_midnight(first), _local_midnight(cut)
            incidents.append(
                Incident.objects.filter(
                    area=area, occurred_at__gte=at_from, occurred_at__lt=at_to
                ).count()
            )
            violations.append(
                Violation.objects.filter(
                    incident__area=area, committed_on__gte=first, committed_on__lt=cut
                ).count()
            )
            minutes.append(
                PatrolEffort.objects.filter(
                    patrol_log__areas=area,
                    patrol_log__started_at__gte=at_from,
                    patrol_log__started_at__lt=at_to,
                ).aggregate(m=Sum("minutes"))["m"]
                or 0
            )
        key = f"area:{area.pk}"
        assert _by_key(_table(figures, "incidents_by_area"))[key] == incidents
        assert _by_key(_table(figures, "violations_by_area"))[key] == violations
        assert _by_key(_table(figures, "effort_by_area"))[key] == [
            round(m / 60, 1) for m in minutes
        ]


@time_machine.travel(TODAY, tick=False)
def test_running_year_is_compared_with_the_same_days_of_last_year(
    spread, django_assert_num_queries
):
    with django_assert_num_queries(figure_queries(summary=False)):
        figures = figures_compute(period=Period(2026), per_theme=False)
    year = [
        (dt.date(2026, 1, 1), dt.date(2026, 12, 3)),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 3)),
    ]
    counted = _counted(year)
    assert _table(figures, "incidents_by_theme")["total"]["values"] == [
        counted["incidents"][0],
        counted["incidents"][1],
        counted["incidents"][1],
    ]
    assert _table(figures, "cases_closed")["total"]["values"][:2] == counted["closed"]


@time_machine.travel(TODAY, tick=False)
def test_complete_quarter_is_still_compared_with_whole_quarters(spread, django_assert_num_queries):
    q3 = Period(2026, 3)
    assert compared(q3) == [q3, Period(2026, 2), Period(2025, 3)]
    with django_assert_num_queries(figure_queries(summary=False)):
        figures = figures_compute(period=q3, per_theme=False)
    whole = [(p.start, p.end) for p in compared(q3)]
    counted = _counted(whole)
    assert _table(figures, "incidents_by_theme")["total"]["values"] == counted["incidents"]
    assert _table(figures, "violations_by_intervention")["total"]["values"] == counted["violations"]
    assert _table(figures, "cases_flow")["total"]["values"] == counted["opened"]


@time_machine.travel(TODAY, tick=False)
def test_dashboard_says_which_days_are_compared(spread, make_user, client):
    client.force_login(make_user(Role.MANAGER))
    body = client.get(reverse("reports:dashboard"), {"period": "2026Q4"}).content.decode()
    assert "Q4 2026 t/m 2 december, vergeleken met dezelfde dagen in" in body
    assert "Q3 2026 (t/m 2 september 2026)" in body
    assert "Q4 2025 (t/m 2 december 2025)" in body
    body = client.get(reverse("reports:dashboard"), {"period": "2026"}).content.decode()
    assert "2026 t/m 2 december, vergeleken met dezelfde dagen in 2025." in body
    body = client.get(reverse("reports:dashboard"), {"period": "2026Q3"}).content.decode()
    assert "vergeleken met dezelfde dagen" not in body
    assert "Q3 2026, vergeleken met Q2 2026 en Q3 2025." in body
