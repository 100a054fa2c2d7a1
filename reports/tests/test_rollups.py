"""The monthly rollups the figures read stay equal to counting the records themselves.

Each step changes registration the way the application or a bulk update would, and
then compares every rollup with an aggregate computed here from the records.
"""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncMonth

from enforcement.demo import generate as enforcement_generate
from enforcement.models import Incident, Violation
from enforcement.tests.factories import (
    AreaFactory,
    CategoryFactory,
    IncidentFactory,
    InterventionTypeFactory,
    ThemeFactory,
    ViolationFactory,
)
from reports.demo import generate as reports_generate
from reports.models import (
    CaseMonthTotal,
    IncidentCategoryMonthTotal,
    IncidentMonthTotal,
    IncidentSourceMonthTotal,
    ViolationMonthTotal,
)

AMS = ZoneInfo("Europe/Amsterdam")


def _rollup(model, *dims) -> dict:
    """The rollup per key: the sum of its rows (several until compacted), zeros left out."""
    out: dict = {}
    for row in model.objects.values("month", *dims, "n"):
        key = (row["month"], *(row[d] for d in dims))
        out[key] = out.get(key, 0) + row["n"]
    return {key: n for key, n in out.items() if n}


def _counted(queryset, month_field, *dims, tz=None) -> dict:
    month = TruncMonth(month_field, tzinfo=tz) if tz else TruncMonth(month_field)
    rows = queryset.annotate(m=month).values("m", *dims).annotate(n=Count("id"))
    out = {}
    for row in rows:
        m = row["m"]
        m = m.date() if isinstance(m, dt.datetime) else m
        out[(m, *(row[d] for d in dims))] = row["n"]
    return out


def assert_rollups_match():
    """Both incident rollups equal counting the incidents."""
    incidents = Incident.objects.all()
    assert _rollup(IncidentMonthTotal, "theme_id", "area_id") == _counted(
        incidents, "occurred_at", "theme_id", "area_id", tz=AMS
    )
    assert _rollup(IncidentCategoryMonthTotal, "theme_id", "category_id", "area_id") == _counted(
        incidents, "occurred_at", "theme_id", "category_id", "area_id", tz=AMS
    )
    assert _rollup(IncidentSourceMonthTotal, "theme_id", "source") == _counted(
        incidents, "occurred_at", "theme_id", "source", tz=AMS
    )


def _violation_rollup_matches():
    from reports.models import ViolationAreaMonthTotal

    by_area = _counted(Violation.objects.all(), "committed_on", "incident__area_id")
    if _rollup(ViolationAreaMonthTotal, "area_id") != by_area:
        return False
    expected = _counted(
        Violation.objects.all(),
        "committed_on",
        "incident__theme_id",
        "offence_id",
        "intervention_id",
    )
    return _rollup(ViolationMonthTotal, "theme_id", "offence_id", "intervention_id") == expected


@pytest.mark.django_db
def test_rollups_follow_every_change_to_registration():
    noise, parking = ThemeFactory(), ThemeFactory()
    north, south = AreaFactory(), AreaFactory()
    category = CategoryFactory(theme=noise)
    # Local midnight at a month boundary: 1 July 00:30 in Amsterdam is 30 June in UTC.
    boundary = dt.datetime(2026, 7, 1, 0, 30, tzinfo=AMS)
    a = IncidentFactory(theme=noise, area=north, occurred_at=boundary)
    b = IncidentFactory(theme=noise, area=None, category=category, occurred_at=boundary)
    c = IncidentFactory(theme=parking, area=south, source=Incident.Source.RESIDENT)
    assert IncidentMonthTotal.objects.get(area=north).month == dt.date(2026, 7, 1)
    assert_rollups_match()

    # Edited one by one (the application's services save the model).
    a.theme, a.area = parking, south
    a.save()
    b.occurred_at = dt.datetime(2026, 6, 30, 23, 59, tzinfo=AMS)
    b.save()
    assert_rollups_match()
    # A bulk update of several rows, one of them unchanged, and a no-op update.
    Incident.objects.filter(pk__in=[b.pk, c.pk]).update(source=Incident.Source.POLICE)
    Incident.objects.filter(pk=c.pk).update(description="alleen de tekst")
    assert_rollups_match()

    # Violations: created, moved with their incident's theme, edited, deleted.
    warning = InterventionTypeFactory()
    v1 = ViolationFactory(incident=a, committed_on=dt.date(2026, 7, 2))
    v2 = ViolationFactory(incident=a, committed_on=dt.date(2026, 8, 2))
    ViolationFactory(incident=c)
    assert _violation_rollup_matches()
    a.theme = noise
    a.save()
    august = {
        k[1]: n for k, n in _rollup(ViolationMonthTotal, "theme_id").items() if k[0].month == 8
    }
    assert august == {noise.pk: 1}
    assert _violation_rollup_matches()
    Incident.objects.filter(pk=a.pk).update(area=north)  # the violations move with it
    assert _violation_rollup_matches()
    a.area = None
    a.save()
    assert _violation_rollup_matches()
    v1.intervention = warning
    v1.committed_on = dt.date(2026, 9, 30)
    v1.save()
    v2.delete()
    assert _violation_rollup_matches()

    # Deleting incidents (without violations) takes them out again.
    b.delete()
    Incident.objects.filter(pk=c.pk, violations__isnull=True).delete()
    assert_rollups_match()
    assert _violation_rollup_matches()

    # Compaction folds each key's rows into one and changes no sum.
    before = {m: _rollup(m, *dims) for m, dims in ROLLUP_DIMS.items()}
    assert any(_has_several_rows(m, dims) for m, dims in ROLLUP_DIMS.items())
    with connection.cursor() as cursor:
        cursor.execute("SELECT reports_rollup_compact()")
        assert cursor.fetchone() == (True,)
    assert {m: _rollup(m, *dims) for m, dims in ROLLUP_DIMS.items()} == before
    assert not any(_has_several_rows(m, dims) for m, dims in ROLLUP_DIMS.items())
    assert not IncidentMonthTotal.objects.filter(n=0).exists()
    assert_rollups_match()
    assert _violation_rollup_matches()


ROLLUP_DIMS = {
    IncidentMonthTotal: ("theme_id", "area_id"),
    IncidentCategoryMonthTotal: ("theme_id", "category_id", "area_id"),
    IncidentSourceMonthTotal: ("theme_id", "source"),
    ViolationMonthTotal: ("theme_id", "offence_id", "intervention_id"),
}


def _has_several_rows(model, dims) -> bool:
    from django.db.models import Count

    return model.objects.values("month", *dims).annotate(c=Count("id")).filter(c__gt=1).exists()


@pytest.mark.django_db(transaction=True)
def test_generator_rebuilds_the_rollups_after_loading_with_triggers_off(settings):
    # Registration's generator loads with COPY in replica mode (no triggers) and outside
    # any surrounding transaction, as generate_data runs it.
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    enforcement_generate.generate(scale="tiny", seed=3, stdout=io.StringIO())
    assert Incident.objects.count() > 800
    reports_generate.generate(scale="tiny", seed=3, stdout=io.StringIO())
    assert_rollups_match()
    assert _violation_rollup_matches()
    assert _effort_area_rollup_matches()
    assert IncidentMonthTotal.objects.exclude(n=0).count() > 10
    # The demo's two published quarters now hold the generated records' figures (the
    # seed's near-empty versions are corrected), with their files.
    from reports.models import CouncilReport
    from reports.periods import Period

    last = Period.last_completed_quarter()
    for period in (last.previous, last):
        report = CouncilReport.objects.filter(period=period.code, status="published").latest(
            "version"
        )
        counted = Incident.objects.filter(
            occurred_at__gte=period.start_at, occurred_at__lt=period.end_at
        ).count()
        assert counted > 20
        assert report.figures["sections"][0]["tables"][0]["total"]["values"][0] == counted
        assert report.files.count() == 4 and (report.version == 1 or report.change_note)
    # The rebuild is what puts the numbers right: zero the rollup and rebuild again.
    IncidentMonthTotal.objects.update(n=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reports_rollup_rebuild()")
    assert_rollups_match()


def _month_starts(first: dt.date, count: int) -> list[dt.datetime]:
    out, day = [], first
    for _ in range(count):
        out.append(dt.datetime(day.year, day.month, 1, tzinfo=AMS))
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def assert_case_rollup_matches(cases, months: list[dt.datetime]):
    """Opened and closed per month, lead days per month closed, and the cases overdue at
    the start of each month, counted here from the cases themselves."""
    from django.db.models import Q

    rollup = _rollup(CaseMonthTotal, "theme_id", "event", "days")
    by_event: dict = {}
    for (month, theme, event, days), n in rollup.items():
        by_event.setdefault(event, {})[(month, theme, days)] = n
    opened = {
        (m, theme, 0): n
        for (m, theme), n in _counted(cases, "opened_at", "theme_id", tz=AMS).items()
    }
    assert by_event.get("opened", {}) == opened
    closed: dict = {}
    for case in cases.filter(closed_at__isnull=False):
        local_closed = case.closed_at.astimezone(AMS)
        days = (local_closed.date() - case.opened_at.astimezone(AMS).date()).days
        key = (local_closed.date().replace(day=1), case.theme_id, days)
        closed[key] = closed.get(key, 0) + 1
    assert by_event.get("closed", {}) == closed
    for start in months:
        for theme in {c.theme_id for c in cases}:
            expected = cases.filter(
                Q(closed_at__isnull=True) | Q(closed_at__gte=start),
                theme_id=theme,
                opened_at__lt=start,
                due_date__lt=start.date(),
            ).count()
            moved = sum(
                n * (1 if event == "overdue_from" else -1)
                for (month, t, event, _), n in rollup.items()
                if t == theme and event.startswith("overdue") and month < start.date()
            )
            assert moved == expected, (start, theme)


@pytest.mark.django_db
def test_case_rollup_follows_opening_closing_and_due_dates():
    from cases.models import Case
    from cases.tests.factories import CaseFactory

    theme, other = ThemeFactory(), ThemeFactory()
    at = lambda y, m, d, h=12: dt.datetime(y, m, d, h, tzinfo=AMS)  # noqa: E731
    # Closed before it fell due; closed after it; open and overdue; due in a later month.
    early = CaseFactory(
        theme=theme,
        opened_at=at(2026, 1, 10),
        due_date=dt.date(2026, 3, 1),
        closed_at=at(2026, 2, 3),
    )
    late = CaseFactory(
        theme=theme,
        opened_at=at(2026, 1, 20),
        due_date=dt.date(2026, 1, 25),
        closed_at=at(2026, 4, 1, 0),
    )
    still_open = CaseFactory(theme=other, opened_at=at(2026, 2, 1), due_date=dt.date(2026, 2, 14))
    CaseFactory(theme=other, opened_at=at(2026, 3, 31, 23), due_date=dt.date(2026, 6, 1))
    months = _month_starts(dt.date(2026, 1, 1), 8)
    cases = Case.objects.all()
    assert_case_rollup_matches(cases, months)

    # Closing, reopening, moving the due date and the theme, bulk and one by one.
    still_open.closed_at = at(2026, 5, 5)
    still_open.save()
    Case.objects.filter(pk=late.pk).update(closed_at=None, due_date=dt.date(2026, 2, 28))
    early.theme = other
    early.save()
    assert_case_rollup_matches(cases, months)
    Case.objects.filter(pk=still_open.pk).delete()
    assert_case_rollup_matches(cases, months)


@pytest.mark.django_db
def test_median_from_the_lead_time_histogram_equals_percentile_cont():
    import random

    from reports.figures.cases import _median

    rng = random.Random(5)
    for size in (1, 2, 3, 4, 7, 10, 51):
        values = [rng.choice([0, 1, 1, 2, 5, 9, 30, 31, 200]) for _ in range(size)]
        histogram: dict = {}
        for v in values:
            histogram[v] = histogram.get(v, 0) + 1
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM unnest(%s::int[]) v",
                [values],
            )
            expected = cursor.fetchone()[0]
        assert _median(histogram) == round(expected, 2), values
    assert _median({}) is None


@pytest.mark.django_db
def test_lead_time_counts_calendar_days_in_local_time():
    from cases.tests.factories import CaseFactory

    # 23:30 to 00:30 the next night is one calendar day in Amsterdam (in UTC both fall
    # on the same date in summer, 21:30 and 22:30).
    CaseFactory(
        opened_at=dt.datetime(2026, 7, 1, 23, 30, tzinfo=AMS),
        closed_at=dt.datetime(2026, 7, 2, 0, 30, tzinfo=AMS),
        due_date=dt.date(2026, 7, 10),
    )
    closed = CaseMonthTotal.objects.get(event="closed")
    assert (closed.month, closed.days, closed.n) == (dt.date(2026, 7, 1), 1, 1)


def _effort_area_rollup_matches() -> bool:
    from enforcement.models import PatrolEffort

    expected: dict = {}
    for effort in PatrolEffort.objects.select_related("patrol_log").prefetch_related(
        "patrol_log__areas"
    ):
        month = effort.patrol_log.started_at.astimezone(AMS).date().replace(day=1)
        for area in effort.patrol_log.areas.all():
            key = (month, area.pk, effort.kind)
            expected[key] = expected.get(key, 0) + effort.minutes
    from reports.models import EffortAreaMonthTotal

    actual: dict = {}
    for r in EffortAreaMonthTotal.objects.all():
        key = (r.month, r.area_id, r.kind)
        actual[key] = actual.get(key, 0) + r.minutes
    return {k: v for k, v in actual.items() if v} == expected


@pytest.mark.django_db
def test_effort_per_area_follows_shifts_their_areas_and_effort():
    from enforcement.models import PatrolEffort, PatrolLog
    from enforcement.tests.factories import PatrolEffortFactory, PatrolLogFactory

    north, south = AreaFactory(), AreaFactory()
    # Areas before the effort, and effort before the areas.
    first = PatrolLogFactory(started_at=dt.datetime(2026, 5, 31, 23, 0, tzinfo=AMS))
    first.areas.set([north, south])
    PatrolEffortFactory(patrol_log=first, minutes=90)
    second = PatrolLogFactory(started_at=dt.datetime(2026, 6, 2, 8, 0, tzinfo=AMS))
    effort = PatrolEffortFactory(patrol_log=second, minutes=30, kind=PatrolEffort.Kind.PLANNED)
    second.areas.set([south])
    assert _effort_area_rollup_matches()

    # A shift moved to another month, effort edited, an area taken off, a shift deleted.
    PatrolLog.objects.filter(pk=first.pk).update(
        started_at=dt.datetime(2026, 6, 1, 0, 30, tzinfo=AMS)
    )
    effort.minutes, effort.kind = 45, PatrolEffort.Kind.REACTIVE
    effort.save()
    first.areas.remove(south)
    assert _effort_area_rollup_matches()
    second.delete()
    assert _effort_area_rollup_matches()
