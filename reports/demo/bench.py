"""``python manage.py bench reports``: speed of figures, report builds and dashboards.

Measures on whatever data is loaded (``generate_data``). Everything it writes (a draft
report, a user for the dashboard requests) is rolled back at the end.

The figures read monthly rollups kept by database triggers (reports/rollup_sql.py);
the bench also checks one of them against counting the records.

Targets (issue 6): all figures of a quarter within 5x the floor query (counting the
quarter's incidents per theme in one hand-written SQL query); building and rendering
PDF + XLSX of a quarter under 20 s and 1 GiB; dashboard median server time < 500 ms.
Issue 16 lowered the build and render of a quarter's PDF, XLSX, CSV and JSON to 5 s.
"""

from __future__ import annotations

import resource
import statistics
import time
import tracemalloc

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

RUNS = 5


class _Rollback(Exception):
    pass


def _median_ms(fn, runs: int = RUNS) -> float:
    fn()  # warm-up (plans, caches)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _sizes() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT (SELECT count(*) FROM enforcement_incident),
                      (SELECT count(*) FROM enforcement_patrollog),
                      (SELECT count(*) FROM enforcement_patroleffort),
                      (SELECT count(*) FROM enforcement_violation)"""
        )
        incidents, logs, efforts, violations = cursor.fetchone()
    return {
        "incidents": incidents,
        "patrol_logs": logs,
        "patrol_efforts": efforts,
        "violations": violations,
    }


def _pages(pdf: bytes) -> int:
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _load() -> str:
    import os

    return " ".join(f"{v:.1f}" for v in os.getloadavg())


def run(stdout) -> None:
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory
    from reports import renderers
    from reports.figures import (
        effort_minutes,
        figures_compute,
        incidents_counts,
        violations_counts,
    )
    from reports.periods import Period
    from reports.services import report_build

    period = Period.last_completed_quarter()
    sizes = _sizes()
    for name, value in sizes.items():
        stdout.write(f"reports.data.{name}: {value} rows")
    stdout.write(f"reports.period: {period.code}")

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT theme_id, count(*) FROM enforcement_incident "
                "WHERE occurred_at >= %s AND occurred_at < %s GROUP BY theme_id",
                [period.start_at, period.end_at],
            )
            return cursor.fetchall()

    floor_ms = _median_ms(floor)
    # The figures read trigger-maintained monthly rollups: check them against the records.
    from_rollup = {t: v[0] for t, v in incidents_counts(period=period)["theme"].items() if v[0]}
    same = from_rollup == dict(floor())
    stdout.write(
        f"reports.rollup_equals_records: {'yes' if same else 'NO'} "
        f"(incidents per theme of {period.code}, rollup vs counting the incidents)"
    )
    with CaptureQueriesContext(connection) as queries:
        figures_compute(period=period)
    figures_ms = _median_ms(lambda: figures_compute(period=period))
    stdout.write(f"reports.figures_quarter: {figures_ms:.1f} ms ({len(queries)} queries)")
    stdout.write(f"reports.floor_incidents_per_theme: {floor_ms:.1f} ms")
    stdout.write(f"reports.figures_to_floor_ratio: {figures_ms / floor_ms:.2f} x (target < 5)")

    def registration():
        incidents_counts(period=period)
        effort_minutes(period=period)
        violations_counts(period=period)

    registration_ms = _median_ms(registration)
    stdout.write(
        f"reports.figures_registration_only: {registration_ms:.1f} ms "
        f"(incidents, effort, violations; {registration_ms / floor_ms:.2f} x floor)"
    )

    try:
        with transaction.atomic():
            t0, cpu0 = time.perf_counter(), time.process_time()
            report = report_build(period=period, actor=None)
            t1, cpu1 = time.perf_counter(), time.process_time()
            files = renderers.render_all(report)
            build_s, build_cpu = time.perf_counter() - t0, time.process_time() - cpu0
            # This process's CPU time: what the shared machine's load does not inflate.
            stdout.write(
                f"reports.build_quarter: {t1 - t0:.2f} s (cpu {cpu1 - cpu0:.2f} s); render "
                f"{time.perf_counter() - t1:.2f} s (cpu {time.process_time() - cpu1:.2f} s); "
                f"PDF {_pages(files['pdf'])} pages; load {_load()}"
            )
            rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            stdout.write(
                f"reports.build_and_render_quarter: {build_s:.2f} s, cpu {build_cpu:.2f} s "
                "(target < 5 s, issue 16)"
            )
            stdout.write(f"reports.process_peak_rss: {rss_kib / 1024:.1f} MiB (target < 1024 MiB)")
            # Python allocations of the render alone (tracemalloc slows it, so timed apart).
            tracemalloc.start()
            renderers.render_all(report)
            _, traced_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            stdout.write(f"reports.render_python_peak: {traced_peak / 2**20:.1f} MiB")
            stdout.write(
                "reports.file_sizes: "
                + ", ".join(
                    f"{fmt} {len(content) / 1024:.0f} KiB" for fmt, content in files.items()
                )
            )

            user = UserFactory(role=Role.MANAGER, username="bench-reports-manager")
            client = Client()
            client.force_login(user)
            url = f"/rapportages/dashboard/?period={period.code}"
            # secure=True: with DEBUG off, SECURE_SSL_REDIRECT answers plain http with a
            # redirect, which would time the redirect instead of the page.
            status = client.get(url, secure=True).status_code
            dash_ms = _median_ms(lambda: client.get(url, secure=True))
            stdout.write(
                f"reports.dashboard_quarter_median: {dash_ms:.1f} ms "
                f"(status {status}; target < 500 ms)"
            )
            raise _Rollback
    except _Rollback:
        pass


GROUPS = {"reports": run}
