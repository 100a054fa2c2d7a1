"""Read-side of the execution programme: capacity against plan, what fits, differences."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.dates import MONTHS_3

from planning.models import Activity, CapacityEntry, Priority, Programme

ZERO = Decimal("0")
MONTHS = range(1, 13)


def monthly_share(activity: Activity) -> Decimal:
    n = activity.end_month - activity.start_month + 1
    return Decimal(activity.planned_hours) / n


def programme_activities(*, programme: Programme) -> list[Activity]:
    return list(
        programme.activities.select_related("theme")
        .prefetch_related("areas")
        .order_by("theme__order", "theme__name", "title", "id")
    )


def available_by_month(*, year: int) -> dict[int, Decimal]:
    rows = (
        CapacityEntry.objects.filter(year=year)
        .values("month")
        .annotate(total=Sum("available_hours"))
    )
    out = dict.fromkeys(MONTHS, ZERO)
    for row in rows:
        out[row["month"]] = row["total"] or ZERO
    return out


@dataclass
class CapacityOverview:
    months: list[dict]
    themes: list[dict]
    total_planned: Decimal
    total_available: Decimal
    over_months: list[str]
    has_capacity: bool

    @property
    def over(self) -> bool:
        return bool(self.over_months) or self.total_planned > self.total_available


def capacity_overview(*, programme: Programme, activities: list[Activity]) -> CapacityOverview:
    """Planned hours (not deferred) against available boa hours, per month and per theme."""
    available = available_by_month(year=programme.year)
    planned = dict.fromkeys(MONTHS, ZERO)
    by_theme: dict[int, dict] = {}
    for a in activities:
        if a.deferred:
            continue
        share = monthly_share(a)
        row = by_theme.setdefault(
            a.theme_id,
            {"theme": a.theme, "months": dict.fromkeys(MONTHS, ZERO), "total": ZERO},
        )
        for m in a.months:
            planned[m] += share
            row["months"][m] += share
        row["total"] += Decimal(a.planned_hours)
    months = [
        {
            "month": m,
            "label": MONTHS_3[m],
            "planned": planned[m],
            "available": available[m],
            "over": planned[m] > available[m],
        }
        for m in MONTHS
    ]
    themes = [
        {"theme": r["theme"], "total": r["total"], "months": [r["months"][m] for m in MONTHS]}
        for r in sorted(by_theme.values(), key=lambda r: (r["theme"].order, r["theme"].name))
    ]
    return CapacityOverview(
        months=months,
        themes=themes,
        total_planned=sum(planned.values(), ZERO),
        total_available=sum(available.values(), ZERO),
        over_months=[str(r["label"]) for r in months if r["over"]],
        has_capacity=any(v > 0 for v in available.values()),
    )


@dataclass
class Fit:
    fits: list[Activity] = field(default_factory=list)
    does_not_fit: list[Activity] = field(default_factory=list)
    deferred: list[Activity] = field(default_factory=list)


def _priority_key(a: Activity):
    return (a.priority or 99, -Decimal(a.planned_hours), a.title, a.pk)


def programme_fit(*, programme: Programme, activities: list[Activity]) -> Fit:
    """Walk the activities in priority order; one fits when every month of its period
    still has room for its monthly share of hours."""
    remaining = available_by_month(year=programme.year)
    fit = Fit()
    for a in sorted(activities, key=_priority_key):
        if a.deferred:
            fit.deferred.append(a)
            continue
        share = monthly_share(a)
        if all(remaining[m] >= share for m in a.months):
            for m in a.months:
                remaining[m] -= share
            fit.fits.append(a)
        else:
            fit.does_not_fit.append(a)
    return fit


DIFF_FIELDS = [
    ("title", "wat"),
    ("theme_id", "thema"),
    ("planned_hours", "uren"),
    ("priority", "prioriteit"),
    ("start_month", "van maand"),
    ("end_month", "t/m maand"),
    ("kind", "soort"),
    ("deferred", "uitgesteld"),
]


def _display(activity: Activity, attr: str):
    if attr == "theme_id":
        return activity.theme.name
    if attr == "priority":
        return Priority(activity.priority).label if activity.priority else "–"
    if attr == "kind":
        return activity.get_kind_display()
    if attr == "planned_hours":
        return f"{activity.planned_hours:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    if attr == "deferred":
        return "ja" if activity.deferred else "nee"
    return getattr(activity, attr)


def programme_diff(*, programme: Programme) -> dict | None:
    """What this version changes against the version it was copied from."""
    if programme.previous_id is None:
        return None
    old = {a.pk: a for a in programme_activities(programme=programme.previous)}
    new = programme_activities(programme=programme)
    added, changed, kept = [], [], set()
    for a in new:
        before = old.get(a.copied_from_id)
        if before is None:
            added.append(a)
            continue
        kept.add(before.pk)
        changes = [
            {"field": label, "old": _display(before, attr), "new": _display(a, attr)}
            for attr, label in DIFF_FIELDS
            if getattr(before, attr) != getattr(a, attr)
        ]
        if changes:
            changed.append({"activity": a, "changes": changes})
    removed = [a for pk, a in old.items() if pk not in kept]
    return {
        "previous": programme.previous,
        "added": added,
        "removed": removed,
        "changed": changed,
        "hours_before": sum((Decimal(a.planned_hours) for a in old.values()), ZERO),
        "hours_after": sum((Decimal(a.planned_hours) for a in new), ZERO),
    }


def group_by_theme(activities: list[Activity]) -> list[dict]:
    groups: dict[int, dict] = defaultdict(lambda: {"theme": None, "activities": [], "hours": ZERO})
    for a in activities:
        g = groups[a.theme_id]
        g["theme"] = a.theme
        g["activities"].append(a)
        g["hours"] += Decimal(a.planned_hours)
    return list(groups.values())
