"""Twelve periods of the summary's measures (eight are drawn), for the trend lines of the report's first page.

One query over the monthly rollups (the same tables the period figures read), bucketed
into periods in Python: incidents (in total and per theme), violations, cases opened
and closed, cases overdue at each period's end, realised and reactive effort minutes and
the hours the adopted programmes planned (spread evenly over their activities' months).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from planning.models import Activity, EffortMonthTotal, Programme
from reports.figures.queries import fetch
from reports.models import CaseMonthTotal, IncidentSourceMonthTotal, ViolationMonthTotal
from reports.periods import Period

TREND_LENGTH = 8
# Four more quarters than are drawn: the change against a year earlier of each drawn
# quarter is what normal variation is judged on (reports.summary).
LOOKBACK = TREND_LENGTH + 4


def trend_periods(period: Period, length: int = TREND_LENGTH) -> list[Period]:
    """``length`` periods of ``period``'s kind, oldest first, ending with ``period``."""
    periods = [period]
    while len(periods) < length:
        periods.append(periods[-1].previous)
    return periods[::-1]


def _month(day: dt.date) -> int:
    return day.year * 100 + day.month


def trend_series(*, period: Period) -> dict:
    """{"periods": [{code, label}], "series": {measure: [value per period]},
    "incidents_theme": {theme_id: [...]}}; values are plain numbers (minutes, counts)."""
    periods = trend_periods(period, LOOKBACK)
    first, end = periods[0].start, period.end
    sql = f"""
        SELECT 'incidents', theme_id, month, SUM(n)::numeric
        FROM {IncidentSourceMonthTotal._meta.db_table}
        WHERE month >= %s AND month < %s AND n <> 0 GROUP BY theme_id, month
        UNION ALL
        SELECT 'violations', NULL, month, SUM(n)::numeric
        FROM {ViolationMonthTotal._meta.db_table}
        WHERE month >= %s AND month < %s AND n <> 0 GROUP BY month
        UNION ALL
        SELECT 'cases_' || event, NULL, month, SUM(n)::numeric
        FROM {CaseMonthTotal._meta.db_table}
        WHERE ((event IN ('opened', 'closed') AND month >= %s)
               OR event IN ('overdue_from', 'overdue_to'))
          AND month < %s AND n <> 0
        GROUP BY event, month
        UNION ALL
        SELECT 'effort_' || kind, NULL, make_date(year, month, 1), SUM(minutes)::numeric
        FROM {EffortMonthTotal._meta.db_table}
        WHERE year * 100 + month >= %s AND year * 100 + month < %s AND minutes <> 0
        GROUP BY kind, year, month
        UNION ALL
        SELECT 'planned', NULL, make_date(p.year, m, 1),
               SUM(a.planned_hours::numeric / (a.end_month - a.start_month + 1))
        FROM {Activity._meta.db_table} a
        JOIN {Programme._meta.db_table} p ON p.id = a.programme_id
        CROSS JOIN LATERAL generate_series(a.start_month::int, a.end_month::int) m
        WHERE p.status = 'adopted' AND NOT a.deferred AND p.year >= %s AND p.year <= %s
        GROUP BY p.year, m
    """  # noqa: S608  (table names from the models, values as parameters)  # nosec B608: names from the code (models), values as %s parameters
    params = [first, end, first, end, first, end, _month(first), _month(end)]
    params += [first.year, period.last_day.year]
    index = {}
    for i, p in enumerate(periods):
        month = p.start
        while month < p.end:
            index[_month(month)] = i
            month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    n = len(periods)
    series: dict[str, list[float]] = defaultdict(lambda: [0] * n)
    per_theme: dict[int, list[int]] = defaultdict(lambda: [0] * n)
    overdue_months: dict[int, float] = defaultdict(float)
    for measure, theme, month, value in fetch(sql, params):
        key = _month(month)
        value = float(value or 0)
        if measure in ("cases_overdue_from", "cases_overdue_to"):
            overdue_months[key] += value if measure == "cases_overdue_from" else -value
            continue
        i = index.get(key)
        if i is None:
            continue
        series[measure][i] += value
        if measure == "incidents":
            per_theme[theme][i] += int(value)
    # Overdue at a period's end: the events of all months before it.
    overdue = [
        int(sum(v for month, v in overdue_months.items() if month < _month(p.end))) for p in periods
    ]
    minutes = [
        int(a + b) for a, b in zip(series["effort_planned"], series["effort_reactive"], strict=True)
    ]
    return {
        "periods": [{"code": p.code, "label": p.label} for p in periods],
        "series": {
            "incidents": [int(v) for v in series["incidents"]],
            "violations": [int(v) for v in series["violations"]],
            "cases_opened": [int(v) for v in series["cases_opened"]],
            "cases_closed": [int(v) for v in series["cases_closed"]],
            "cases_overdue": overdue,
            "effort_hours": [round(m / 60, 1) for m in minutes],
            "reactive_share": [
                round(100 * r / m, 1) if m else None
                for r, m in zip(series["effort_reactive"], minutes, strict=True)
            ],
            "planned_hours": [round(v, 1) for v in series["planned"]],
        },
        "incidents_theme": {str(t): v for t, v in per_theme.items() if t is not None},
    }
