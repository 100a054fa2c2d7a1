"""Concurrent registration on real PostgreSQL: no deadlock, no serialization failure.

Each thread has its own database connection and commits for real (transactional
tests). The monthly rollups (reports/rollup_sql.py, planning/rollup_sql.py) are kept
by statement triggers in the registering transaction, so they are where concurrent
saves of the same theme, area and month meet.
"""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction
from django.db.models import Sum
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import TeamFactory, UserFactory
from enforcement.models import Incident, PatrolEffort
from enforcement.services.incidents import incident_create
from enforcement.tests.factories import (
    AreaFactory,
    CategoryFactory,
    PatrolLogFactory,
    ThemeFactory,
)
from planning.models import EffortMonthTotal
from reports.models import (
    EffortAreaMonthTotal,
    IncidentCategoryMonthTotal,
    IncidentMonthTotal,
    IncidentSourceMonthTotal,
)

pytestmark = pytest.mark.django_db(transaction=True)

BOAS = 50


def _in_threads(work, count: int) -> list[BaseException]:
    """Run ``work(i)`` in ``count`` threads at once; the errors they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run(i):
        try:
            start.wait(timeout=60)
            work(i)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert not any(t.is_alive() for t in threads), "a registration hangs"
    return errors


def _rollup_sum(model, **filters) -> int:
    return model.objects.filter(**filters).aggregate(s=Sum("n"))["s"] or 0


def test_fifty_boas_saving_incidents_of_one_theme_area_and_month_at_once():
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        if int(cursor.fetchone()[0]) < BOAS + 20:
            pytest.skip("the server allows too few connections for 50 boa's at once")
    theme = ThemeFactory(code="overlast", name="Overlast")
    category = CategoryFactory(theme=theme)
    area = AreaFactory.with_box(52.30, 4.90, 52.40, 5.00, code="WK0001", name="Centrum")
    team = TeamFactory()
    boas = [UserFactory(role=Role.BOA, team=team, username=f"boa{i:02d}") for i in range(BOAS)]
    when = timezone.now() - dt.timedelta(minutes=5)

    def save(i):
        incident_create(
            actor=boas[i],
            theme=theme,
            category=category,
            occurred_at=when,
            latitude=52.35,
            longitude=4.95,
            description=f"Overlast gemeld door boa {i}",
        )

    errors = _in_threads(save, BOAS)

    assert errors == [], [f"{type(e).__name__}: {e}" for e in errors]  # no deadlock, no 40001
    incidents = Incident.objects.filter(theme=theme, area=area)
    assert incidents.count() == BOAS
    assert set(incidents.values_list("registered_by", flat=True)) == {b.pk for b in boas}
    # Gapless reference numbers, one each.
    numbers = sorted(
        int(r.rsplit("-", 1)[1]) for r in incidents.values_list("reference", flat=True)
    )
    assert numbers == list(range(1, BOAS + 1))
    month = timezone.localtime(when).date().replace(day=1)
    assert _rollup_sum(IncidentMonthTotal, month=month, theme=theme, area=area) == BOAS
    assert _rollup_sum(IncidentCategoryMonthTotal, month=month, category=category) == BOAS
    assert _rollup_sum(IncidentSourceMonthTotal, month=month, theme=theme) == BOAS


def test_shifts_saving_their_effort_in_opposite_orders_do_not_deadlock():
    """Two boa's split their shift's effort at the same moment: one writes its reactive
    row first, the other its planned row (each row is its own INSERT, as in
    ``patrol_effort_set``). Both rows of both go into the same rollup keys (month, area,
    kind). Upserting those keys, each transaction would wait for the row the other had
    written first: a deadlock, and one boa's save refused. Appended rows wait for nothing.
    """
    theme = ThemeFactory()
    area = AreaFactory()
    started = timezone.make_aware(dt.datetime(2026, 9, 14, 8))
    logs = []
    for i in range(2):
        log = PatrolLogFactory(started_at=started, ended_at=started + dt.timedelta(hours=8))
        log.areas.add(area)
        logs.append(log)
    halfway = threading.Barrier(2)
    orders = [
        (PatrolEffort.Kind.REACTIVE, PatrolEffort.Kind.PLANNED),
        (PatrolEffort.Kind.PLANNED, PatrolEffort.Kind.REACTIVE),
    ]

    def save(i):
        with transaction.atomic():
            first, second = orders[i]
            PatrolEffort.objects.create(patrol_log=logs[i], theme=theme, kind=first, minutes=60)
            # Both hold their first row's keys now; neither has committed.
            halfway.wait(timeout=30)
            PatrolEffort.objects.create(patrol_log=logs[i], theme=theme, kind=second, minutes=30)

    errors = _in_threads(save, 2)

    assert errors == [], [f"{type(e).__name__}: {e}" for e in errors]
    assert PatrolEffort.objects.count() == 4
    for kind in (PatrolEffort.Kind.PLANNED, PatrolEffort.Kind.REACTIVE):
        by_area = EffortAreaMonthTotal.objects.filter(area=area, kind=kind)
        assert by_area.aggregate(s=Sum("minutes"))["s"] == 90
        by_theme = EffortMonthTotal.objects.filter(theme=theme, kind=kind)
        assert by_theme.aggregate(s=Sum("minutes"))["s"] == 90


def test_compaction_while_boas_register_keeps_every_count(settings):
    """The beat job folds the appended rows while incidents keep coming in: no waits
    on either side, and no count lost or doubled."""
    from planning.tasks import effort_rollup_compact
    from reports.tasks import rollups_compact

    assert settings.CELERY_BEAT_SCHEDULE["reports-rollups-compact"]["task"] == (
        "reports.tasks.rollups_compact"
    )
    assert "planning-effort-rollup-compact" in settings.CELERY_BEAT_SCHEDULE
    theme = ThemeFactory()
    area = AreaFactory.with_box(52.30, 4.90, 52.40, 5.00)
    team = TeamFactory()
    boas = [UserFactory(role=Role.BOA, team=team) for _ in range(8)]
    when = timezone.now() - dt.timedelta(minutes=5)

    def work(i):
        if i == len(boas):  # the compaction, over and over meanwhile
            for _ in range(15):
                rollups_compact()
                effort_rollup_compact()
            return
        for n in range(5):
            incident_create(
                actor=boas[i], theme=theme, occurred_at=when, latitude=52.35,
                longitude=4.95, description=f"melding {n}",
            )  # fmt: skip

    errors = _in_threads(work, len(boas) + 1)

    assert errors == [], [f"{type(e).__name__}: {e}" for e in errors]
    month = timezone.localtime(when).date().replace(day=1)
    rows = IncidentMonthTotal.objects.filter(month=month, theme=theme, area=area)
    assert _rollup_sum(IncidentMonthTotal, month=month, theme=theme, area=area) == 40
    assert rollups_compact() is True and effort_rollup_compact() is True
    assert list(rows.values_list("n", flat=True)) == [40]
