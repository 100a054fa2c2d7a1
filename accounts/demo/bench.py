"""Benchmarks of the functional admin's pages: ``python manage.py bench admin``.

Server time (median of N runs through Django's test Client) and query count of
the list pages, on whatever data ``generate_data``/``seed_demo`` loaded.
"""

from __future__ import annotations

import statistics
import time

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AccessLogEntry, User
from accounts.roles import Role

RUNS = 7
PAGES = [
    ("user_list", "accounts:user_list", [], {}),
    ("user_search", "accounts:user_list", [], {"q": "a", "active": ""}),
    ("access_log", "accounts:access_log", [], {}),
    ("access_log_filtered", "accounts:access_log", [], {"action": "view"}),
    ("area_list", "enforcement:reference_list", ["gebieden"], {}),
    ("offence_list", "enforcement:reference_list", ["feiten"], {}),
    ("theme_list", "enforcement:reference_list", ["themas"], {}),
]


def admin_pages(*, stdout) -> None:
    admin = User.objects.filter(role=Role.FUNCTIONAL_ADMIN, is_active=True).first()
    if admin is None:
        stdout.write("admin: overgeslagen (geen actieve functioneel beheerder; draai seed_demo)")
        return
    hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h]
    client = Client(SERVER_NAME=hosts[0] if hosts else "localhost")
    client.force_login(admin)
    stdout.write(f"admin.users: {User.objects.count()} rows")
    stdout.write(f"admin.access_log_entries: {AccessLogEntry.objects.count()} rows")
    for name, url_name, args, params in PAGES:
        url = reverse(url_name, args=args)
        client.get(url, params)  # warm up
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url, params)
        if response.status_code != 200:
            stdout.write(f"admin.{name}: status {response.status_code}")
            continue
        stdout.write(f"admin.{name}.median: {statistics.median(timings):.1f} ms")
        stdout.write(f"admin.{name}.queries: {len(ctx)} queries")


GROUPS = {"admin": admin_pages}
