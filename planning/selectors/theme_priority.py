"""The policy priority of each theme, for the forecast's focus ranking (forecast.extensions)."""

from __future__ import annotations

from django.db.models import Min
from django.utils import timezone

from planning.models import Activity, Programme


def theme_priorities() -> dict[int, int]:
    """{theme_id: the highest priority (1 = hoog) of its activities} in this year's adopted
    programme, or the open draft when none is adopted yet. One query."""
    year = timezone.localdate().year
    statuses = [Programme.Status.ADOPTED, Programme.Status.PRIORITISED, Programme.Status.DRAFT]
    programme = (
        Programme.objects.filter(year=year, status__in=statuses)
        .order_by()
        .values_list("pk", "status")
    )
    rank = {s: i for i, s in enumerate(statuses)}
    chosen = min(programme, key=lambda p: rank[p[1]], default=None)
    if chosen is None:
        return {}
    rows = (
        Activity.objects.filter(programme_id=chosen[0], priority__isnull=False, deferred=False)
        .values("theme_id")
        .annotate(p=Min("priority"))
    )
    return {r["theme_id"]: r["p"] for r in rows}
