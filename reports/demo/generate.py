"""Volume data for reports: nothing of its own, but the rollups of registration.

Registration's generator loads with triggers off (replica mode), so the monthly
rollups the figures read (reports/rollup_sql.py) are recomputed once here, after
all loading (generate_data runs the apps in INSTALLED_APPS order, reports last).
"""

from __future__ import annotations

import time

from django.db import connection, transaction


def generate(*, scale: str, seed: int, stdout) -> None:
    t0 = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT reports_rollup_rebuild()")
    stdout.write(f"  rapportages: maandtotalen herberekend in {time.monotonic() - t0:.1f} s")
