"""``python manage.py bench cases``: server time of the workload view and the briefing agenda.

Reads what ``generate_data`` loaded. Picks the team with the most open cases and
its next briefing; prints medians of N runs and the query counts.
"""

from __future__ import annotations

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
from cases import selectors
from cases.models import OPEN_STATUSES, Briefing, Case
from enforcement.models import Incident

RUNS = 15


def _median_ms(fn, runs: int = RUNS) -> tuple[float, int]:
    fn()  # warm up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return statistics.median(times), len(ctx.captured_queries)


def run(*, stdout) -> None:
    stdout.write(
        f"data: {Case.objects.count()} cases, {Incident.objects.count()} incidents, "
        f"{Briefing.objects.count()} briefings"
    )
    top = (
        Case.objects.filter(status__in=OPEN_STATUSES, team__isnull=False)
        .values("team_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if not top:
        stdout.write("geen zaken: draai eerst generate_data")
        return
    team_id = top["team_id"]
    lead = User.objects.filter(team_id=team_id, role=Role.TEAM_LEAD, is_active=True).first()
    stdout.write(f"team {team_id}: {top['n']} open cases")
    client = Client(HTTP_HOST="localhost")
    client.force_login(lead)

    def get(url, **params):
        def _get():
            response = client.get(url, params, secure=True)
            assert response.status_code == 200, response.status_code

        return _get

    ms, q = _median_ms(lambda: selectors.workload_for_team(team_id=team_id))
    stdout.write(f"workload_selector_median: {ms:.1f} ms")
    stdout.write(f"workload_selector_queries: {q} queries")
    ms, q = _median_ms(get(reverse("cases:workload")))
    stdout.write(f"workload_view_median: {ms:.1f} ms")
    stdout.write(f"workload_view_queries: {q} queries")
    ms, q = _median_ms(get(reverse("cases:list"), due="overdue"))
    stdout.write(f"case_list_overdue_median: {ms:.1f} ms")
    stdout.write(f"case_list_overdue_queries: {q} queries")

    briefing = (
        Briefing.objects.filter(team_id=team_id, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    if briefing is None:
        stdout.write("geen komende briefing voor dit team")
        return
    from cases.services import briefing_agenda_generate

    since = selectors.previous_briefing_start(briefing)
    ms, q = _median_ms(lambda: selectors.agenda_candidates(briefing, since=since))
    stdout.write(f"agenda_candidates_median: {ms:.1f} ms")
    stdout.write(f"agenda_candidates_queries: {q} queries")
    ms, q = _median_ms(lambda: briefing_agenda_generate(actor=lead, briefing_id=briefing.pk))
    stdout.write(f"agenda_generate_median: {ms:.1f} ms")
    stdout.write(f"agenda_generate_queries: {q} queries")
    ms, q = _median_ms(get(reverse("cases:briefing_detail", args=[briefing.pk])))
    stdout.write(f"briefing_view_median: {ms:.1f} ms")
    stdout.write(f"briefing_view_queries: {q} queries")
    stdout.write(f"agenda_items: {briefing.agenda_items.filter(removed=False).count()} items")


GROUPS = {"cases": run}
