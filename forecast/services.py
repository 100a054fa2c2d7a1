"""The weekly forecast job: backtest per theme, forecast per theme x district, hotspots.

``forecast_compute`` reads the registration once in SQL (``forecast.history``), fits each
series in Python (``forecast.model``) and replaces the tables the pages read in one
transaction. Safe to run twice: the second run writes the same rows again.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import defaultdict

import numpy as np
from django.db import transaction
from django.utils import timezone

from enforcement.models import Area, Theme
from forecast import history, model
from forecast.models import (
    BacktestResult,
    ForecastWeek,
    HotspotCell,
    QuarterCheck,
    TeamDistrict,
)

logger = logging.getLogger(__name__)

RECENT_WEEKS = 12
HOTSPOTS_PER_THEME = 40
MIN_HOTSPOT_INCIDENTS = 3


def current_monday(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return today - dt.timedelta(days=today.weekday())


def _series(counts: dict[dt.date, int], weeks: list[dt.date]) -> np.ndarray:
    return np.array([counts.get(w, 0) for w in weeks], dtype=float)


def forecast_compute(*, today: dt.date | None = None) -> dict:
    """Compute and store the forecast of the 13 weeks from this week's Monday."""
    t0 = time.monotonic()
    now = timezone.now()
    origin = current_monday(today)
    n_weeks = model.TRAIN_WEEKS + model.BACKTEST_QUARTERS * model.HORIZON
    weeks = model.mondays(origin - dt.timedelta(weeks=n_weeks), n_weeks)
    counts = history.weekly_counts(start=weeks[0], end=origin)
    t_sql = time.monotonic() - t0

    themes = list(Theme.objects.filter(active=True).order_by("order", "pk"))
    districts = list(
        Area.objects.filter(kind=Area.Kind.DISTRICT, active=True).values_list("pk", flat=True)
    )
    totals: dict[int, np.ndarray] = {t.pk: np.zeros(n_weeks) for t in themes}
    for (theme_id, _district), per_week in counts.items():
        if theme_id in totals:
            totals[theme_id] += _series(per_week, weeks)

    backtest_rows, chosen = [], {}
    for theme in themes:
        scores = model.backtest(totals[theme.pk], weeks)
        if scores["glm"].quarters == 0:  # too little history: the model cannot be checked
            chosen[theme.pk] = "last_quarter"
        else:
            chosen[theme.pk] = model.choose(scores)
        for method, score in scores.items():
            if score.quarters:
                backtest_rows.append(
                    BacktestResult(
                        theme=theme, method=method, mae=score.mae, mape=score.mape,
                        quarters=score.quarters, chosen=method == chosen[theme.pk],
                        computed_at=now,
                    )
                )  # fmt: skip
    t_backtest = time.monotonic() - t0 - t_sql

    future = model.mondays(origin, model.HORIZON)
    rows = []
    next_week: dict[tuple[int, int], float] = {}
    for theme in themes:
        method = chosen[theme.pk]
        for district_id in districts:
            y = _series(counts.get((theme.pk, district_id), {}), weeks)
            if y.sum() == 0:
                continue
            fc = model.forecast(method, y, weeks)
            low, high = fc.interval()
            next_week[(theme.pk, district_id)] = float(fc.expected[0])
            for i, monday in enumerate(future):
                rows.append(
                    ForecastWeek(
                        theme=theme, district_id=district_id, week=monday,
                        expected=float(fc.expected[i]), low=float(low[i]), high=float(high[i]),
                        method=method, computed_at=now,
                    )
                )  # fmt: skip
    t_fit = time.monotonic() - t0 - t_sql - t_backtest
    cells = _hotspots(origin=origin, next_week=next_week, computed_at=now)
    team_rows = _team_districts(origin=origin, computed_at=now)
    checks = _quarter_checks(
        origin=origin, weeks=weeks, totals=totals, chosen=chosen, themes=themes, computed_at=now
    )

    with transaction.atomic():
        # Weeks already begun keep the forecast they had; the coming ones are replaced.
        ForecastWeek.objects.filter(week__gte=origin).delete()
        ForecastWeek.objects.bulk_create(rows, batch_size=2000)
        BacktestResult.objects.all().delete()
        BacktestResult.objects.bulk_create(backtest_rows)
        HotspotCell.objects.all().delete()
        HotspotCell.objects.bulk_create(cells, batch_size=2000)
        TeamDistrict.objects.all().delete()
        TeamDistrict.objects.bulk_create(team_rows)
        if checks:
            QuarterCheck.objects.filter(quarter_start=checks[0].quarter_start).delete()
            QuarterCheck.objects.bulk_create(checks)
    summary = {
        "series": len(next_week),
        "rows": len(rows),
        "hotspots": len(cells),
        "sql_s": round(t_sql, 1),
        "backtest_s": round(t_backtest, 1),
        "fit_s": round(t_fit, 1),
        "total_s": round(time.monotonic() - t0, 1),
        "methods": {t.code: chosen[t.pk] for t in themes},
    }
    logger.info("forecast computed: %s", summary)
    return summary


def _quarter_checks(*, origin, weeks, totals, chosen, themes, computed_at) -> list[QuarterCheck]:
    """The quarter before the current one: its weeks (Mondays in it), forecast from the
    weeks before it with each theme's method, against what came in."""
    this_quarter = dt.date(origin.year, 3 * ((origin.month - 1) // 3) + 1, 1)
    previous = (this_quarter - dt.timedelta(days=1)).replace(day=1)
    previous = previous.replace(month=3 * ((previous.month - 1) // 3) + 1)
    idx = [i for i, w in enumerate(weeks) if previous <= w < this_quarter]
    if not idx or idx[0] < model.MIN_TRAIN_WEEKS:
        return []
    first, n = idx[0], len(idx)
    out = []
    for theme in themes:
        y = totals[theme.pk]
        fc = model.forecast(chosen[theme.pk], y[:first], weeks[:first], horizon=n)
        low, high = fc.interval()
        out.append(
            QuarterCheck(
                theme=theme, quarter_start=previous, weeks=n, expected=float(fc.expected.sum()),
                low=float(low.sum()), high=float(high.sum()), actual=int(y[first : first + n].sum()),
                method=chosen[theme.pk], computed_at=computed_at,
            )
        )  # fmt: skip
    return out


def _team_districts(*, origin: dt.date, computed_at) -> list[TeamDistrict]:
    rows = history.team_districts(start=origin - dt.timedelta(weeks=RECENT_WEEKS), end=origin)
    per_team: dict[int, int] = defaultdict(int)
    for team_id, _district, n in rows:
        per_team[team_id] += n
    return [
        TeamDistrict(
            team_id=team_id, district_id=district_id, share=n / per_team[team_id],
            computed_at=computed_at,
        )
        for team_id, district_id, n in rows
    ]  # fmt: skip


def _hotspots(*, origin: dt.date, next_week: dict, computed_at) -> list[HotspotCell]:
    recent_from = origin - dt.timedelta(weeks=RECENT_WEEKS)
    rows = history.cell_counts(
        recent_from=recent_from, before_from=recent_from - dt.timedelta(weeks=52), end=origin
    )
    cells: dict[tuple[int, int, int], dict] = {}
    district_recent: dict[tuple[int, int], int] = defaultdict(int)
    for theme_id, r, c, district_id, recent, weekday, block, n in rows:
        cell = cells.setdefault(
            (theme_id, r, c),
            {"district": district_id, "recent": 0, "before": 0, "slots": defaultdict(int)},
        )
        if recent:
            cell["recent"] += n
            cell["slots"][(weekday, block)] += n
            if district_id is not None:
                district_recent[(theme_id, district_id)] += n
        else:
            cell["before"] += n
    dlat, dlon = history.cell_size()
    min_lat, min_lon = history.settings.MUNICIPALITY_BBOX[:2]
    out: list[HotspotCell] = []
    by_theme: dict[int, list] = defaultdict(list)
    for (theme_id, r, c), cell in cells.items():
        if cell["recent"] >= MIN_HOTSPOT_INCIDENTS:
            by_theme[theme_id].append((r, c, cell))
    for theme_id, found in by_theme.items():
        found.sort(key=lambda x: -x[2]["recent"])
        for r, c, cell in found[:HOTSPOTS_PER_THEME]:
            key = (theme_id, cell["district"])
            share = cell["recent"] / district_recent[key] if district_recent.get(key) else 0
            weekday, block = max(cell["slots"].items(), key=lambda kv: (kv[1], -kv[0][0]))[0]
            out.append(
                HotspotCell(
                    theme_id=theme_id, district_id=cell["district"], row=r, col=c,
                    min_lat=min_lat + r * dlat, min_lon=min_lon + c * dlon,
                    max_lat=min_lat + (r + 1) * dlat, max_lon=min_lon + (c + 1) * dlon,
                    recent=cell["recent"], before=cell["before"],
                    expected_next_week=round(share * next_week.get(key, 0.0), 2),
                    peak_weekday=weekday, peak_block=block, computed_at=computed_at,
                )
            )  # fmt: skip
    return out
