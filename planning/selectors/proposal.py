"""The programme draft's proposal: hours per theme and district from the forecast.

Demand is the forecast's expected incidents per theme and district over the coming 13
weeks (forecast.selectors), scaled to a year; each theme weighs by its policy priority
in this programme (hoog 3, middel 2, laag 1, none 1); the year's available boa hours
(capacity) are shared out in proportion to demand x weight. Districts with under 2% of
the weighted demand are left out (their share goes to the others). A proposal, not a
plan: the drafter changes the hours freely and the activity keeps both.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Min

from enforcement.models import Area, Theme
from forecast.extensions import PRIORITY_WEIGHT
from forecast.selectors import demand_by_theme_district
from forecast.services import current_monday
from planning.models import Priority, Programme
from planning.selectors.programme import available_by_month

MIN_SHARE = 0.02
WEEKS_PER_YEAR = Decimal("52") / Decimal("13")


@dataclass
class ProposalRow:
    theme: Theme
    district: Area
    demand: float  # expected incidents over the coming 13 weeks
    priority: int | None
    hours: Decimal
    reason: str


def programme_proposal(*, programme: Programme) -> tuple[list[ProposalRow], Decimal]:
    """The rows of the proposal and the available hours it shares out."""
    available = sum(available_by_month(year=programme.year).values(), Decimal(0))
    demand = demand_by_theme_district(start=current_monday())
    if not demand or available <= 0:
        return [], available
    priorities = {
        r["theme_id"]: r["p"]
        for r in programme.activities.filter(priority__isnull=False)
        .values("theme_id")
        .annotate(p=Min("priority"))
    }
    scores = {
        key: value * PRIORITY_WEIGHT.get(priorities.get(key[0]), 1.0)
        for key, value in demand.items()
    }
    total = sum(scores.values())
    kept = {k: v for k, v in scores.items() if total and v / total >= MIN_SHARE}
    kept_total = sum(kept.values())
    themes = Theme.objects.in_bulk({k[0] for k in kept})
    districts = Area.objects.in_bulk({k[1] for k in kept})
    rows = []
    for (theme_id, district_id), score in kept.items():
        share = score / kept_total
        hours = (available * Decimal(share)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        priority = priorities.get(theme_id)
        label = Priority(priority).label if priority else "geen"
        reason = (
            f"Verwacht {demand[(theme_id, district_id)]:.0f} meldingen in 13 weken "
            f"(ca. {Decimal(demand[(theme_id, district_id)]) * WEEKS_PER_YEAR:.0f} per jaar); "
            f"prioriteit {label} (x{PRIORITY_WEIGHT.get(priority, 1.0):.0f}); "
            f"{share * 100:.1f}% van {available:.0f} beschikbare uren."
        )
        rows.append(
            ProposalRow(
                theme=themes[theme_id], district=districts[district_id],
                demand=demand[(theme_id, district_id)], priority=priority, hours=hours,
                reason=reason,
            )
        )  # fmt: skip
    rows.sort(key=lambda r: (-r.hours, r.theme.order, r.district.name))
    return rows, available
