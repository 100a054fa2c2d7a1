"""What the pages (and planning, cases, reports) read of the forecast: the tables only."""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum

from enforcement.models import Theme
from forecast.models import BacktestResult, ForecastWeek, HotspotCell, Method, TeamDistrict

COLUMNS = (Method.GLM, Method.HOLT_WINTERS, Method.SEASONAL_NAIVE, Method.LAST_QUARTER)


def backtest_table() -> list[dict]:
    """Per theme: {"theme", "scores": {method: BacktestResult}, "chosen": method,
    "naive_used": the model did not beat the same week last year}."""
    by_theme: dict[int, dict] = {}
    for result in BacktestResult.objects.select_related("theme"):
        row = by_theme.setdefault(
            result.theme_id, {"theme": result.theme, "scores": {}, "chosen": None}
        )
        row["scores"][result.method] = result
        if result.chosen:
            row["chosen"] = result.method
    rows = sorted(by_theme.values(), key=lambda r: (r["theme"].order, r["theme"].name))
    for row in rows:
        row["naive_used"] = row["chosen"] == Method.SEASONAL_NAIVE
        row["chosen_label"] = Method(row["chosen"]).label if row["chosen"] else ""
        row["ordered"] = [row["scores"].get(m) for m in COLUMNS]
        for score in row["scores"].values():
            score.mape_pct = score.mape * 100 if score.mape is not None else None
    return rows


def forecast_weeks(*, start: dt.date, weeks: int = 13) -> list[dt.date]:
    return list(
        ForecastWeek.objects.filter(week__gte=start, week__lt=start + dt.timedelta(weeks=weeks))
        .values_list("week", flat=True)
        .distinct()
        .order_by("week")
    )


def forecast_by_theme(*, start: dt.date, weeks: int = 13) -> list[dict]:
    """Per theme the municipal total per week: {"theme", "weeks": [(monday, exp, low, high)],
    "method"}. The interval of a sum is the sum of the intervals (a conservative bound)."""
    qs = (
        ForecastWeek.objects.filter(week__gte=start, week__lt=start + dt.timedelta(weeks=weeks))
        .values("theme_id", "week", "method")
        .annotate(expected=Sum("expected"), low=Sum("low"), high=Sum("high"))
        .order_by("theme_id", "week")
    )
    themes = {t.pk: t for t in Theme.objects.all()}
    out: dict[int, dict] = {}
    for row in qs:
        entry = out.setdefault(
            row["theme_id"],
            {"theme": themes[row["theme_id"]], "weeks": [], "method": row["method"]},
        )
        entry["weeks"].append((row["week"], row["expected"], row["low"], row["high"]))
    for entry in out.values():
        entry["total"] = sum(w[1] for w in entry["weeks"])
        entry["method_label"] = Method(entry["method"]).label
    return sorted(out.values(), key=lambda e: (e["theme"].order, e["theme"].name))


def demand_by_theme_district(*, start: dt.date, weeks: int = 13) -> dict[tuple[int, int], float]:
    """Expected incidents per (theme_id, district_id) over the weeks from ``start``."""
    qs = (
        ForecastWeek.objects.filter(week__gte=start, week__lt=start + dt.timedelta(weeks=weeks))
        .values("theme_id", "district_id")
        .annotate(expected=Sum("expected"))
    )
    return {(r["theme_id"], r["district_id"]): r["expected"] for r in qs}


def hotspots(*, theme_id: int | None = None, district_ids=None, limit: int = 100):
    qs = HotspotCell.objects.select_related("theme", "district")
    if theme_id:
        qs = qs.filter(theme_id=theme_id)
    if district_ids is not None:
        qs = qs.filter(district_id__in=district_ids)
    return list(qs.order_by("-expected_next_week", "-recent")[:limit])


WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MIN_TEAM_SHARE = 0.10


def slot_label(weekday: int, block: int) -> str:
    from forecast.history import BLOCK_HOURS

    start = block * BLOCK_HOURS
    return f"{WEEKDAYS[weekday]} {start:02d}-{start + BLOCK_HOURS:02d} uur"


def focus_for_team(*, team_id: int, limit: int = 10) -> list[dict]:
    """The places and times of the coming week a team should look at: the hotspot cells in
    the districts where it worked in the last 12 weeks, ranked by expected incidents next
    week times the theme's policy priority (``forecast.extensions``). Two queries."""
    from forecast.extensions import PRIORITY_WEIGHT, theme_priorities

    districts = TeamDistrict.objects.filter(team_id=team_id, share__gte=MIN_TEAM_SHARE)
    cells = HotspotCell.objects.filter(
        district_id__in=districts.values("district_id"), expected_next_week__gt=0
    ).select_related("theme", "district")
    priorities = theme_priorities()
    items = []
    for cell in cells:
        priority = priorities.get(cell.theme_id)
        weight = PRIORITY_WEIGHT.get(priority, 1.0)
        items.append(
            {
                "cell": cell,
                "priority": priority,
                "score": cell.expected_next_week * weight,
                "when": slot_label(cell.peak_weekday, cell.peak_block),
                "lat": (cell.min_lat + cell.max_lat) / 2,
                "lon": (cell.min_lon + cell.max_lon) / 2,
            }
        )
    items.sort(key=lambda i: (-i["score"], -i["cell"].recent, i["cell"].pk))
    for item in items:
        c = item["cell"]
        item["text"] = (
            f"Focus {c.theme.name}: {c.district.name if c.district else ''} "
            f"(vak {item['lat']:.4f}, {item['lon']:.4f}), {item['when']}; "
            f"verwacht {c.expected_next_week:.1f} meldingen komende week"
        )
    return items[:limit]
