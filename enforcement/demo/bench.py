"""Benchmarks of registration: ``python manage.py bench registration``.

Server time of the filtered incident list (page 1 and a deep page) and of the
nearby-history lookup, measured with Django's test Client as a logged-in team
lead, median of several runs; and the number of queries of the list page for
two page sizes (it must not grow with the page size).
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from enforcement.models import Incident, Theme
from enforcement.selectors import incidents as selectors

RUNS = 15


def _median_ms(fn, runs: int = RUNS) -> float:
    return _medians(fn, runs)[0]


def _medians(fn, runs: int = RUNS) -> tuple[float, float]:
    """(wall-clock ms, Django-process CPU ms) medians; the second ignores CPU contention."""
    fn()  # warm up (connection, caches)
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _report(stdout, name: str, fn) -> None:
    wall, cpu = _medians(fn)
    stdout.write(f"{name}_median: {wall:.1f} ms")
    stdout.write(f"{name}_python_cpu_median: {cpu:.1f} ms")


def _client_for(user) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def run(*, stdout) -> None:
    lead = (
        User.objects.filter(username="gen-tl-01").first()
        or User.objects.filter(role=Role.TEAM_LEAD, is_active=True).order_by("pk").first()
    )
    if lead is None or not Incident.objects.exists():
        stdout.write("registration: geen gegevens; draai eerst generate_data")
        return
    stdout.write(f"incidents_total: {Incident.objects.count()} rows")
    client = _client_for(lead)
    theme = (
        Theme.objects.filter(incidents__team_id=lead.team_id)
        .annotate(n=Count("incidents"))
        .order_by("-n")
        .first()
        if lead.team_id
        else Theme.objects.first()
    )
    today = timezone.localdate()
    params = {
        "theme": theme.pk,
        "date_from": (today - dt.timedelta(days=180)).isoformat(),
        "date_to": today.isoformat(),
    }
    url = reverse("enforcement:incident_list")
    filters = selectors.IncidentFilter(
        theme_id=theme.pk, date_from=today - dt.timedelta(days=180), date_to=today
    )
    matching = selectors.incident_list(user=lead, filters=filters).count()
    pages = max(1, -(-matching // 25))
    deep = max(1, min(pages, pages * 3 // 4))
    stdout.write(f"incident_list_matching_rows: {matching} rows")

    def get(extra: dict):
        response = client.get(url, {**params, **extra})
        assert response.status_code == 200, response.status_code

    _report(stdout, "incident_list_page1", lambda: get({}))
    stdout.write(f"incident_list_deep_page: {deep} page")
    _report(stdout, "incident_list_deep_page", lambda: get({"page": deep}))
    manager = User.objects.filter(role=Role.MANAGER, is_active=True).order_by("pk").first()
    if manager is not None:
        manager_client = _client_for(manager)

        def get_all():
            response = manager_client.get(url, params)
            assert response.status_code == 200, response.status_code

        _report(stdout, "incident_list_all_teams_page1", get_all)
    for size in (25, 100):
        with CaptureQueriesContext(connection) as ctx:
            get({"per_page": size})
        stdout.write(f"incident_list_queries_page_size_{size}: {len(ctx.captured_queries)} queries")

    # Nearby history at a hot spot (the address with most incidents of the lead's team lately).
    since = timezone.now() - dt.timedelta(weeks=12)
    spot = (
        Incident.objects.filter(team_id=lead.team_id, occurred_at__gte=since)
        .values("address")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    sample = Incident.objects.filter(address=spot["address"], occurred_at__gte=since).first()
    nearby_url = reverse("enforcement:incident_nearby")
    nearby_params = {
        "address": sample.address,
        "latitude": sample.latitude,
        "longitude": sample.longitude,
    }
    result = selectors.incidents_nearby(
        user=lead, latitude=sample.latitude, longitude=sample.longitude, address=sample.address
    )
    stdout.write(
        f"nearby_found: {len(result.incidents)} incidents, {len(result.violations)} violations"
    )

    def nearby():
        response = client.get(nearby_url, nearby_params)
        assert response.status_code == 200

    _report(stdout, "nearby_lookup", nearby)
    stdout.write(
        "nearby_selector_median: "
        f"{_median_ms(lambda: selectors.incidents_nearby(user=lead, latitude=sample.latitude, longitude=sample.longitude, address=sample.address)):.1f} ms"  # noqa: E501
    )


GROUPS = {"registration": run}
