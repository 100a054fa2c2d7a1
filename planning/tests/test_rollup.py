"""The effort rollup kept by triggers always equals the live aggregate."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from enforcement.models import PatrolEffort, PatrolLog
from enforcement.tests.factories import PatrolEffortFactory, PatrolLogFactory, ThemeFactory
from planning.models import EffortMonthTotal, PlannedEffort
from planning.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()


def live() -> dict:
    out = {}
    for e in PatrolEffort.objects.select_related("patrol_log").prefetch_related("activity_link"):
        when = timezone.localtime(e.patrol_log.started_at)
        link = getattr(e, "activity_link", None)
        key = (when.year, when.month, e.theme_id, e.kind, link.activity_id if link else None)
        out[key] = out.get(key, 0) + e.minutes
    return out


def rollup() -> dict:
    """Minutes per key: the sum of its rows (several until compacted), zeros left out."""
    out: dict = {}
    for r in EffortMonthTotal.objects.all():
        key = (r.year, r.month, r.theme_id, r.kind, r.activity_id)
        out[key] = out.get(key, 0) + r.minutes
    return {k: v for k, v in out.items() if v}


def test_rollup_follows_every_change():
    theme = ThemeFactory()
    activity = ActivityFactory(theme=theme)
    log = PatrolLogFactory(started_at=dt.datetime(2031, 1, 31, 23, 30, tzinfo=TZ))
    planned = PatrolEffortFactory(patrol_log=log, theme=theme, kind="planned", minutes=60)
    PatrolEffortFactory(patrol_log=log, theme=theme, kind="reactive", minutes=45)
    assert rollup() == live()
    link = PlannedEffort.objects.create(effort=planned, activity=activity)
    assert rollup() == live()
    assert rollup()[(2031, 1, theme.pk, "planned", activity.pk)] == 60
    planned.minutes = 90
    planned.save()
    assert rollup() == live()
    PatrolLog.objects.filter(pk=log.pk).update(started_at=dt.datetime(2031, 2, 1, 0, 30, tzinfo=TZ))
    assert rollup() == live()
    assert (2031, 2, theme.pk, "planned", activity.pk) in rollup()
    other = ActivityFactory(theme=theme)
    link.activity = other
    link.save()
    assert rollup() == live()
    planned.delete()  # deletes the link first, then the effort
    assert rollup() == live()
    PatrolEffort.objects.bulk_create(
        [PatrolEffort(patrol_log=log, theme=theme, kind="reactive", minutes=m) for m in (5, 10)]
    )
    assert rollup() == live()
    assert sum(rollup().values()) == PatrolEffort.objects.aggregate(s=Sum("minutes"))["s"]


def test_rebuild_gives_the_same_figures():
    PatrolEffortFactory.create_batch(3)
    before = rollup()
    with connection.cursor() as cur:
        cur.execute("SELECT planning_effort_rollup_rebuild()")
    assert rollup() == before == live()
