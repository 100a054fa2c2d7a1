"""A running period, compared with the same days of the periods it is compared with.

On 2 December 2026 the running Q4 2026 holds 1 October to 2 December; Q3 2026 is then
counted from 1 July to 2 September and Q4 2025 from 1 October to 2 December 2025, so a
figure is never set against a whole quarter. Each such ``Span`` is whole months
(read from the monthly rollups as before) and at most one partial month, which
``rollup_source`` counts from the registration tables instead: it stands in for a rollup
table with the rollup's own columns, the partial months' rollup rows replaced by rows
computed from the base table for exactly the counted days (served by the indexes on
``occurred_at``, ``committed_on``, ``started_at``, ``opened_at``).
"""

# The SQL here is built from table and column names in this module and a checked
# settings.TIME_ZONE; every value goes as a %s parameter.
# ruff: noqa: S608
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings

from reports.periods import Period, _local_midnight


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Span:
    """The first days of ``period``: from its start up to, not including, ``cut``."""

    period: Period
    cut: dt.date

    @property
    def start(self) -> dt.date:
        return self.period.start

    @property
    def last_day(self) -> dt.date:
        return self.cut - dt.timedelta(days=1)

    @property
    def partial(self) -> dt.date | None:
        """The first day of the month counted only in part (from the base tables)."""
        return None if self.cut.day == 1 else self.cut.replace(day=1)

    @property
    def end(self) -> dt.date:
        """The first day of the month after the last counted month (the rollups' bound)."""
        return self.cut if self.cut.day == 1 else _add_months(self.cut, 1)

    @property
    def code(self) -> str:
        return self.period.code

    @property
    def label(self) -> str:
        return self.period.label


def same_days(period: Period, running: Period, today: dt.date) -> Span:
    """``period`` counted over the same days as ``running`` up to and including ``today``:
    as many months and the same day of the month (or that month's last day)."""
    months = (today.year - running.start.year) * 12 + today.month - running.start.month
    month = _add_months(period.start, months)
    day = min(today.day, calendar.monthrange(month.year, month.month)[1])
    return Span(period, min(month.replace(day=day) + dt.timedelta(days=1), period.end))


def partial_months(periods) -> list[tuple[dt.date, dt.date]]:
    """(first day of the month, cut) of each span's partial month, without repeats."""
    return list(
        dict.fromkeys((p.partial, p.cut) for p in periods if isinstance(p, Span) and p.partial)
    )


def _tz() -> str:
    tz = settings.TIME_ZONE
    if not re.fullmatch(r"[A-Za-z0-9_/+-]+", tz):
        raise ValueError(f"unexpected TIME_ZONE {tz!r}")
    return tz


def _local_month(col: str) -> str:
    return f"date_trunc('month', {col} AT TIME ZONE '{_tz()}')::date"


def _between(col: str, ranges, *, aware: bool) -> tuple[str, list]:
    parts, params = [], []
    for first, cut in ranges:
        parts.append(f"({col} >= %s AND {col} < %s)")
        params += [_local_midnight(first), _local_midnight(cut)] if aware else [first, cut]
    return " OR ".join(parts), params


def _incidents(dims: str):
    def build(ranges) -> tuple[str, list]:
        where, params = _between("occurred_at", ranges, aware=True)
        sql = (
            f"SELECT {_local_month('occurred_at')} AS month, {dims}, 1 AS n "  # nosec B608: names from the code, values as %s parameters
            f"FROM enforcement_incident WHERE {where}"
        )
        return sql, params

    return build


def _violations(dims: str):
    def build(ranges) -> tuple[str, list]:
        where, params = _between("v.committed_on", ranges, aware=False)
        sql = (
            f"SELECT date_trunc('month', v.committed_on)::date AS month, {dims}, 1 AS n "  # nosec B608: names from the code, values as %s parameters
            "FROM enforcement_violation v JOIN enforcement_incident i ON i.id = v.incident_id "
            f"WHERE {where}"
        )
        return sql, params

    return build


def _effort_areas(ranges) -> tuple[str, list]:
    where, params = _between("l.started_at", ranges, aware=True)
    sql = (
        f"SELECT {_local_month('l.started_at')} AS month, la.area_id, e.kind, "  # nosec B608: names from the code, values as %s parameters
        "e.minutes::bigint AS minutes FROM enforcement_patroleffort e "
        "JOIN enforcement_patrollog l ON l.id = e.patrol_log_id "
        f"JOIN enforcement_patrollog_areas la ON la.patrollog_id = l.id WHERE {where}"
    )
    return sql, params


def _effort_themes(ranges) -> tuple[str, list]:
    where, params = _between("l.started_at", ranges, aware=True)
    local = f"(l.started_at AT TIME ZONE '{_tz()}')"
    sql = (
        f"SELECT extract(year FROM {local})::int AS year, "  # nosec B608: names from the code, values as %s parameters
        f"extract(month FROM {local})::int AS month, e.theme_id, e.kind, pe.activity_id, "
        "e.minutes::bigint AS minutes FROM enforcement_patroleffort e "
        "JOIN enforcement_patrollog l ON l.id = e.patrol_log_id "
        f"LEFT JOIN planning_plannedeffort pe ON pe.effort_id = e.id WHERE {where}"
    )
    return sql, params


def _cases(ranges) -> tuple[str, list]:
    tz = _tz()
    opened, opened_params = _between("opened_at", ranges, aware=True)
    closed, closed_params = _between("closed_at", ranges, aware=True)
    lead = f"(closed_at AT TIME ZONE '{tz}')::date - (opened_at AT TIME ZONE '{tz}')::date"
    sql = (
        f"SELECT {_local_month('opened_at')} AS month, theme_id, 'opened'::varchar AS event, "  # nosec B608: names from the code, values as %s parameters
        f"0::smallint AS days, 1 AS n FROM cases_case WHERE {opened} "
        f"UNION ALL SELECT {_local_month('closed_at')}, theme_id, 'closed'::varchar, "
        f"LEAST(GREATEST({lead}, 0), 32767)::smallint, 1 FROM cases_case WHERE {closed}"
    )
    return sql, opened_params + closed_params


# rollup table: (its columns, how a row's month is named, rows of the base table, which
# of its rows the base rows replace)
_SOURCES = {
    "reports_incidentmonthtotal": ("month, theme_id, area_id, n", _incidents("theme_id, area_id")),
    "reports_incidentsourcemonthtotal": (
        "month, theme_id, source, n",
        _incidents("theme_id, source"),
    ),
    "reports_violationmonthtotal": (
        "month, theme_id, offence_id, intervention_id, n",
        _violations("i.theme_id, v.offence_id, v.intervention_id"),
    ),
    "reports_violationareamonthtotal": ("month, area_id, n", _violations("i.area_id")),
    "reports_effortareamonthtotal": ("month, area_id, kind, minutes", _effort_areas),
    "planning_effortmonthtotal": (
        "year, month, theme_id, kind, activity_id, minutes",
        _effort_themes,
    ),
    "reports_casemonthtotal": ("month, theme_id, event, days, n", _cases),
}


def rollup_source(table: str, periods) -> tuple[str, list]:
    """``table``, or where a span ends in a partial month, a subquery with its columns
    that counts that month's days from the base table (params go where it stands)."""
    ranges = partial_months(periods)
    if not ranges:
        return table, []
    columns, build = _SOURCES[table]
    months = [first for first, _ in ranges]
    marks = ", ".join("%s" for _ in months)
    if table == "planning_effortmonthtotal":
        replaced = f"year * 100 + month IN ({marks})"
        month_params = [m.year * 100 + m.month for m in months]
    else:
        replaced = f"month IN ({marks})"
        month_params = months
    if table == "reports_casemonthtotal":
        # Overdue events stay monthly: overdue is counted at the start of a month.
        replaced = f"event IN ('opened', 'closed') AND {replaced}"
    base_sql, base_params = build(ranges)
    sql = (
        f"(SELECT {columns} FROM {table} WHERE NOT ({replaced}) "  # nosec B608: names from the code, values as %s parameters
        f"UNION ALL {base_sql}) AS src"
    )
    return sql, month_params + base_params
