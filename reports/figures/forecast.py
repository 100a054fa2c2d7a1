"""Forecast against actual for the quarter just ended (forecast.models.QuarterCheck),
per theme: what the weekly job forecast from the weeks before the quarter, its 80%
interval, and the incidents that came in. Plain figures; one query."""

from __future__ import annotations

from forecast.models import QuarterCheck


def forecast_vs_actual() -> dict | None:
    latest = QuarterCheck.objects.order_by("-quarter_start").values_list(
        "quarter_start", flat=True
    )[:1]
    rows = list(QuarterCheck.objects.filter(quarter_start__in=latest).select_related("theme"))
    if not rows:
        return None
    start = rows[0].quarter_start
    return {
        "quarter": f"K{(start.month - 1) // 3 + 1} {start.year}",
        "rows": [
            {
                "theme": r.theme.name,
                "expected": round(r.expected),
                "low": round(r.low),
                "high": round(r.high),
                "actual": r.actual,
                "error_pct": r.error_pct,
                "inside": r.low <= r.actual <= r.high,
                "method": r.get_method_display(),
            }
            for r in rows
        ],
    }
