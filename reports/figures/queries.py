"""Small query helpers shared by the figures (the ``reports.figures`` package).

Everything here builds SQL from constants and placeholders only; values go as parameters.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from config.db_router import read_connection
from reports.figures.running import Span, same_days
from reports.periods import Period


def fetch(sql: str, params: list) -> list[tuple]:
    # The replica where the request or task may read from it (config.db_router).
    with read_connection().cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def compared(period: Period, today: dt.date | None = None) -> list[Period | Span]:
    """The period, the previous period and the same period a year earlier; of a period
    still running, each only over the same days as it has run (reports.figures.running)."""
    periods = [period, period.previous, period.year_earlier]
    today = today or timezone.localdate()
    if period.is_complete(today):
        return periods
    return [same_days(p, period, today) for p in periods]


def month_sums(periods: list[Period], agg: str = "SUM(n)", condition: str = "") -> tuple[str, list]:
    """One ``agg`` per period over rollup rows (``month`` = first day of a local month).

    Report periods are whole local months, so summing a monthly rollup over a period's
    months equals counting its records. ``condition`` narrows every sum further.
    """
    extra = f" AND {condition}" if condition else ""
    cols, params = [], []
    for p in periods:
        cols.append(f"{agg} FILTER (WHERE month >= %s AND month < %s{extra})")
        params += [p.start, p.end]
    return ", ".join(cols), params


def months_where(
    periods: list[Period], theme_id: int | None, *, value: str = "n"
) -> tuple[str, list]:
    """Rollup rows of the periods' months only (a quarter and its year earlier are a year
    apart), without zero rows, optionally of one theme."""
    ranges, params = [], []
    for p in dict.fromkeys(periods):
        ranges.append("(month >= %s AND month < %s)")
        params += [p.start, p.end]
    where = f"({' OR '.join(ranges)}) AND {value} <> 0"
    if theme_id is not None:
        where += " AND theme_id = %s"
        params.append(theme_id)
    return where, params
