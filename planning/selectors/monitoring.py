"""Monitoring the adopted programme: realised hours from the patrol logs, in the database."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.dates import MONTHS_3

from planning.models import Activity, EffortMonthTotal, Programme
from planning.selectors.programme import monthly_share

ZERO = Decimal("0")
SIXTY = Decimal(60)
BEHIND_RATIO = Decimal("0.8")
MONTHS = range(1, 13)


def _activity_owners(*, programme: Programme, activities: list[Activity]) -> dict[int, int]:
    """activity id -> the activity of ``programme`` it is (a copy of), so effort booked
    on an earlier version's activity counts for its copy in the new version."""
    parents = dict(
        Activity.objects.filter(programme__year=programme.year).values_list("pk", "copied_from_id")
    )
    owner = {}
    for a in activities:
        current = a.pk
        while current is not None and current not in owner:
            owner[current] = a.pk
            current = parents.get(current)
    return owner


def elapsed_fraction(*, year: int, month: int, today: dt.date) -> Decimal:
    """How much of a month of ``year`` lies before ``today`` (0..1)."""
    if (year, month) < (today.year, today.month):
        return Decimal(1)
    if (year, month) > (today.year, today.month):
        return ZERO
    days = calendar.monthrange(year, month)[1]
    return Decimal(today.day - 1) / days


@dataclass
class Monitoring:
    activities: list[dict]
    themes: list[dict]
    months: list[dict]
    total_planned: Decimal
    total_realised_planned: Decimal
    total_reactive: Decimal
    reactive_share: Decimal | None
    behind_count: int


def _share(reactive: Decimal, total: Decimal) -> Decimal | None:
    return (reactive * 100 / total).quantize(Decimal("1")) if total else None


def programme_monitoring(*, programme: Programme, today: dt.date | None = None) -> Monitoring:
    today = today or timezone.localdate()
    activities = list(
        programme.activities.select_related("theme").order_by(
            "theme__order", "theme__name", "title", "id"
        )
    )

    # Figures come from the trigger-maintained rollup (planning.models.monitoring):
    # a few hundred rows per year instead of every effort row of the year.
    realised: dict[int, dict[int, Decimal]] = {}
    owner = _activity_owners(programme=programme, activities=activities)
    linked = EffortMonthTotal.objects.filter(
        year=programme.year, activity_id__in=list(owner)
    ).values_list("activity_id", "month", "minutes")
    for activity_id, month, minutes in linked:
        per_month = realised.setdefault(owner[activity_id], {})
        per_month[month] = per_month.get(month, ZERO) + minutes / SIXTY

    effort_rows = (
        EffortMonthTotal.objects.filter(year=programme.year)
        .values("theme_id", "kind", "month")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    effort: dict[tuple[int, str], dict[int, Decimal]] = {}
    for row in effort_rows:
        effort.setdefault((row["theme_id"], row["kind"]), {})[row["month"]] = row["minutes"] / SIXTY

    months = {
        m: {"planned": ZERO, "realised_planned": ZERO, "reactive": ZERO, "planned_effort": ZERO}
        for m in MONTHS
    }
    themes: dict[int, dict] = {}
    rows = []
    behind_count = 0
    for a in activities:
        theme = themes.setdefault(
            a.theme_id,
            {
                "theme": a.theme,
                "planned": ZERO,
                "reserved_reactive": ZERO,
                "realised_linked": ZERO,
            },
        )
        share = monthly_share(a)
        if a.deferred:
            per_month = {}
        else:
            per_month = dict.fromkeys(a.months, share)
            for m in a.months:
                months[m]["planned"] += share
        real = realised.get(a.pk, {})
        realised_total = sum(real.values(), ZERO)
        planned_to_date = sum(
            (
                share * elapsed_fraction(year=programme.year, month=m, today=today)
                for m in per_month
            ),
            ZERO,
        )
        behind = (
            a.kind == Activity.Kind.PLANNED
            and planned_to_date > 0
            and realised_total < planned_to_date * BEHIND_RATIO
        )
        behind_count += behind
        if a.kind == Activity.Kind.PLANNED:
            if not a.deferred:
                theme["planned"] += Decimal(a.planned_hours)
            theme["realised_linked"] += realised_total
            for m, h in real.items():
                months[m]["realised_planned"] += h
        elif not a.deferred:
            theme["reserved_reactive"] += Decimal(a.planned_hours)
        rows.append(
            {
                "activity": a,
                "months": [
                    {"planned": per_month.get(m, ZERO), "realised": real.get(m, ZERO)}
                    for m in MONTHS
                ],
                "realised": realised_total,
                "planned_to_date": planned_to_date,
                "percent_to_date": (realised_total * 100 / planned_to_date).quantize(Decimal("1"))
                if planned_to_date
                else None,
                "behind": behind,
            }
        )

    theme_ids = set(themes) | {theme_id for theme_id, _kind in effort}
    if theme_ids - set(themes):
        from enforcement.models import Theme

        for t in Theme.objects.filter(pk__in=theme_ids - set(themes)):
            themes[t.pk] = {
                "theme": t,
                "planned": ZERO,
                "reserved_reactive": ZERO,
                "realised_linked": ZERO,
            }
    theme_rows = []
    for theme_id, t in themes.items():
        reactive = sum(effort.get((theme_id, "reactive"), {}).values(), ZERO)
        planned_effort = sum(effort.get((theme_id, "planned"), {}).values(), ZERO)
        t.update(
            {
                "reactive": reactive,
                "planned_effort": planned_effort,
                "unlinked": planned_effort - t["realised_linked"],
                "reactive_share": _share(reactive, reactive + planned_effort),
            }
        )
        theme_rows.append(t)
    theme_rows.sort(key=lambda t: (t["theme"].order, t["theme"].name))
    for (_theme_id, kind), per_month in effort.items():
        key = "reactive" if kind == "reactive" else "planned_effort"
        for m, h in per_month.items():
            months[m][key] += h
    month_rows = [
        {
            "month": m,
            "label": MONTHS_3[m],
            **v,
            "reactive_share": _share(v["reactive"], v["reactive"] + v["planned_effort"]),
        }
        for m, v in months.items()
    ]
    total_reactive = sum((t["reactive"] for t in theme_rows), ZERO)
    total_planned_effort = sum((t["planned_effort"] for t in theme_rows), ZERO)
    return Monitoring(
        activities=rows,
        themes=theme_rows,
        months=month_rows,
        total_planned=sum((m["planned"] for m in month_rows), ZERO),
        total_realised_planned=sum((r["realised"] for r in rows), ZERO),
        total_reactive=total_reactive,
        reactive_share=_share(total_reactive, total_reactive + total_planned_effort),
        behind_count=behind_count,
    )
