"""``python manage.py bench planning``: server time of the monitoring page.

Reads what ``generate_data`` loaded. Without enforcement's generator, fill patrol
logs and effort first with::

    python manage.py shell -c "from planning.demo.bench import fill_patrol_effort as f; f(logs=500_000)"
    python manage.py generate_data --scale large   # planning links effort to activities
"""

from __future__ import annotations

import statistics
import time

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team, User
from accounts.roles import Role
from enforcement.models import Incident, PatrolEffort, PatrolLog, Theme
from planning.models import PlannedEffort, Programme
from planning.selectors.monitoring import programme_monitoring

RUNS = 15
BENCH_BOAS = 60


def _median_ms(fn, runs: int = RUNS) -> float:
    fn()  # warm up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run(*, stdout) -> None:
    programme = (
        Programme.objects.filter(status=Programme.Status.ADOPTED)
        .annotate(links=Count("activities__effort_links"))
        .order_by("-links", "-year")
        .first()
    )
    if programme is None:
        stdout.write("planning: geen vastgesteld programma; draai eerst generate_data")
        return
    manager = User.objects.filter(role=Role.MANAGER, is_active=True).first() or User.objects.create(
        username="bench-manager", role=Role.MANAGER
    )
    stdout.write(
        f"data: {Incident.objects.count()} incidents, {PatrolLog.objects.count()} patrol_logs, "
        f"{PatrolEffort.objects.count()} efforts, {PlannedEffort.objects.count()} linked; "
        f"year {programme.year} with {programme.activities.count()} activities"
    )
    client = Client(SERVER_NAME="localhost")
    client.force_login(manager)
    url = reverse("planning:programme_monitoring", args=[programme.pk])

    def page():
        response = client.get(url, secure=True)
        assert response.status_code == 200, response.status_code

    with CaptureQueriesContext(connection) as ctx:
        page()
    stdout.write(f"monitoring_page_queries: {len(ctx.captured_queries)} queries")
    stdout.write(f"monitoring_page_median: {_median_ms(page):.1f} ms")
    stdout.write(
        "monitoring_selector_median: "
        f"{_median_ms(lambda: programme_monitoring(programme=programme)):.1f} ms"
    )
    detail = reverse("planning:programme_detail", args=[programme.pk])
    stdout.write(
        f"programme_page_median: {_median_ms(lambda: client.get(detail, secure=True)):.1f} ms"
    )


GROUPS = {"planning": run}


@transaction.atomic
def fill_patrol_effort(*, logs: int = 500_000, years: int = 10) -> None:
    """Quick bulk filler for patrol logs with two effort rows each (planned, reactive),
    spread over the last ``years`` years, for benchmarking without enforcement's generator."""
    # Enough boa's that one boa's 3-hour shifts never overlap (exclusion constraint).
    team = Team.objects.get_or_create(name="Team Bench")[0]
    boas = [
        User.objects.get_or_create(
            username=f"bench-boa-{i}", defaults={"role": Role.BOA, "team": team}
        )[0].pk
        for i in range(BENCH_BOAS)
    ]
    boa_ids = boas
    team_ids = [team.pk] * len(boas)
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    end = timezone.now()
    start = end.replace(year=end.year - years + 1, month=1, day=1, hour=8, minute=0)
    span = (end - start).total_seconds()
    with connection.cursor() as cur:
        cur.execute("SELECT coalesce(max(id), 0) FROM enforcement_patrollog")
        before = cur.fetchone()[0]
        cur.execute(
            """
            INSERT INTO enforcement_patrollog
                (boa_id, team_id, mode, joint_with_police, started_at, ended_at, notes,
                 created_at, updated_at)
            SELECT (%(boas)s::bigint[])[1 + g %% %(nb)s], (%(teams)s::bigint[])[1 + g %% %(nb)s],
                   'foot', g %% 5 = 0, ts, ts + interval '3 hours', '', now(), now()
            FROM generate_series(1, %(n)s) g,
                 LATERAL (SELECT %(start)s::timestamptz
                          + (g * (%(span)s / %(n)s)) * interval '1 second' AS ts) t
            """,
            {
                "boas": boa_ids,
                "teams": team_ids,
                "nb": len(boa_ids),
                "n": logs,
                "start": start,
                "span": span,
            },
        )
        cur.execute(
            """
            INSERT INTO enforcement_patroleffort (patrol_log_id, theme_id, kind, minutes)
            SELECT l.id, (%(themes)s::bigint[])[1 + (l.id + k.o) %% %(nt)s], k.kind,
                   30 + (abs(hashtext(l.id::text || k.kind)) %% 150)
            FROM enforcement_patrollog l
            CROSS JOIN (VALUES ('planned', 0), ('reactive', 3)) k(kind, o)
            WHERE l.id > %(before)s
            """,
            {"themes": theme_ids, "nt": len(theme_ids), "before": before},
        )
        cur.execute("SELECT planning_effort_rollup_rebuild()")
        cur.execute("ANALYZE enforcement_patrollog")
        cur.execute("ANALYZE enforcement_patroleffort")
