"""Benchmarks of the keeping side: ``python manage.py bench privacy``.

On whatever ``generate_data`` loaded, inside one transaction that is rolled back
at the end (the access log cannot be cleaned up afterwards, so nothing stays):

- retention: a catch-up run with every term one year longer, then the timed run
  that removes exactly one year of records (the daily job after a year's pause);
- audit: ``AUDIT_LOG_ROWS`` access-log rows spread over last year (users, kinds,
  actions, hours, a few bulk exports), then the audit's figures, PDF and XLSX.
"""

from __future__ import annotations

import logging
import os
import time

from django.conf import settings
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

AUDIT_LOG_ROWS = int(os.environ.get("BENCH_AUDIT_LOG_ROWS", "300000"))


class _Rollback(Exception):
    pass


def _load(stdout) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM enforcement_incident")
        incidents = cursor.fetchone()[0]
    load = os.getloadavg()
    return f"{incidents} incidents; load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores"


def _fill_access_log(year: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO accounts_accesslogentry
                (at, user_id, username, action, object_type, object_id, object_repr, detail, ip_address)
            SELECT make_timestamptz(%s, 1, 1, 0, 0, 0, 'Europe/Amsterdam')
                       + random() * interval '364 days'
                       + (7 + floor(random() * 15)) * interval '1 hour'
                       + (CASE WHEN random() < 0.01 THEN -8 ELSE 0 END) * interval '1 hour',
                   u.id, u.username,
                   (ARRAY['view','view','view','view','search','export','change'])[1 + floor(random() * 7)::int],
                   (ARRAY['enforcement.incident','enforcement.violation','cases.case'])[1 + floor(random() * 3)::int],
                   (1 + floor(random() * 20000))::int::text, '',
                   CASE WHEN random() < 0.002 THEN '{"rows": 2000}'::jsonb ELSE '{"rows": 20}'::jsonb END,
                   NULL
            FROM generate_series(1, %s) g
            CROSS JOIN LATERAL (
                SELECT id, username FROM accounts_user
                WHERE is_active AND role IN ('boa', 'team_lead', 'policy_officer') AND g > 0
                ORDER BY random() LIMIT 1
            ) u
            """,
            [year, AUDIT_LOG_ROWS],
        )


def privacy_bench(*, stdout) -> None:
    from privacy.retention import retention_preview, retention_run

    stdout.write(f"privacy.data: {_load(stdout)}")
    # The run's per-step times (privacy.retention logs one line per step).
    steps = logging.getLogger("privacy.retention")
    steps.setLevel(logging.INFO)
    steps.addHandler(logging.StreamHandler(stdout))
    steps.propagate = False
    terms = settings.WPG_RETENTION_DAYS_BY_KIND
    try:
        with transaction.atomic():
            longer = {kind: days + 365 for kind, days in terms.items()}
            with override_settings(WPG_RETENTION_DAYS_BY_KIND=longer):
                t0 = time.perf_counter()
                catch_up = retention_run()
                stdout.write(
                    f"privacy.retention_catch_up: {time.perf_counter() - t0:.1f} s, {catch_up.total} records"
                )
            t0 = time.perf_counter()
            preview = retention_preview()
            stdout.write(f"privacy.retention_preview: {time.perf_counter() - t0:.1f} s")
            t0 = time.perf_counter()
            run = retention_run()
            stdout.write(
                f"privacy.retention_one_year: {time.perf_counter() - t0:.1f} s, {run.counts}"
            )
            assert run.counts == preview

            _audit(stdout)
            raise _Rollback
    except _Rollback:
        stdout.write("privacy: rolled back (nothing changed)")
    stdout.write(f"privacy.load_after: {_load(stdout)}")


def _audit(stdout) -> None:
    from privacy.audit import audit_figures
    from privacy.audit_render import render_pdf, render_xlsx
    from privacy.models import PrivacyAudit

    year = timezone.localdate().year - 1
    t0 = time.perf_counter()
    _fill_access_log(year)
    stdout.write(f"privacy.audit_log_rows: {AUDIT_LOG_ROWS} in {time.perf_counter() - t0:.1f} s")
    # Wall time and this process's CPU time (the load of the shared machine inflates the first).
    t0, c0 = time.perf_counter(), time.process_time()
    data = audit_figures(year=year)
    t1, c1 = time.perf_counter(), time.process_time()
    audit = PrivacyAudit(year=year, requested_at=timezone.now(), data=data)
    pdf = render_pdf(audit)
    t2, c2 = time.perf_counter(), time.process_time()
    xlsx = render_xlsx(audit)
    stdout.write(f"privacy.audit_xlsx_bytes: {len(xlsx)}")
    if out := os.environ.get("BENCH_AUDIT_OUT"):  # a folder to keep the files in, to look at
        for suffix, content in (("pdf", pdf), ("xlsx", xlsx)):
            with open(os.path.join(out, f"wpg-audit-{year}.{suffix}"), "wb") as f:
                f.write(content)
    t3, c3 = time.perf_counter(), time.process_time()
    stdout.write(
        f"privacy.audit: figures {t1 - t0:.1f} s ({c1 - c0:.1f} s CPU), "
        f"PDF {t2 - t1:.1f} s ({c2 - c1:.1f} s CPU, {len(pdf)} bytes), "
        f"XLSX {t3 - t2:.1f} s ({c3 - c2:.1f} s CPU); total {t3 - t0:.1f} s "
        f"({c3 - c0:.1f} s CPU); {len(data['anomalies'])} anomalies"
    )


def privacy_audit_bench(*, stdout) -> None:
    """The audit alone (``bench privacy_audit``), without the retention runs before it."""
    stdout.write(f"privacy.data: {_load(stdout)}")
    try:
        with transaction.atomic():
            _audit(stdout)
            raise _Rollback
    except _Rollback:
        stdout.write("privacy: rolled back (nothing changed)")
    stdout.write(f"privacy.load_after: {_load(stdout)}")


GROUPS = {"privacy": privacy_bench, "privacy_audit": privacy_audit_bench}
