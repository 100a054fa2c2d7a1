"""Cases: opened, closed, overdue at the end of the period, median lead time (1 query)."""

from __future__ import annotations

import math

from reports.figures.queries import compared, fetch, month_sums, months_where
from reports.figures.running import rollup_source
from reports.figures.tables import comparison, row
from reports.models import CaseMonthTotal
from reports.periods import Period


def _median(histogram: dict[int, int]) -> float | None:
    """The median of values given as {value: how often}, as percentile_cont(0.5) does."""
    count = sum(histogram.values())
    if not count:
        return None
    position = (count - 1) / 2  # zero-based; halfway between two values when count is even
    low, high = math.floor(position), math.ceil(position)
    seen, lower = 0, None
    for value in sorted(histogram):
        seen += histogram[value]  # this value sits at the positions up to seen - 1
        if lower is None and seen > low:
            lower = value
        if seen > high:
            return round(lower + (value - lower) * (position - low), 2)
    return None


def _case_entries(rows: list[tuple]) -> dict:
    """Per theme, and under ``None`` for all themes: opened, closed, overdue, lead time."""
    themes: dict = {}
    for theme, event, days, *sums in rows:
        entry = themes.setdefault(
            theme, {"opened": [0] * 3, "closed": [0] * 3, "overdue": [0] * 3, "hist": [{}, {}, {}]}
        )
        if event == "closed":
            for i, n in enumerate(sums[:3]):
                if n:
                    entry["closed"][i] += int(n)
                    entry["hist"][i][days] = int(n)
        elif event == "opened":
            entry["opened"] = [
                a + int(n or 0) for a, n in zip(entry["opened"], sums[:3], strict=True)
            ]
        else:  # overdue at a period's end: events of all months before it
            sign = 1 if event == "overdue_from" else -1
            entry["overdue"] = [
                a + sign * int(n or 0) for a, n in zip(entry["overdue"], sums[3:], strict=True)
            ]
    # A theme with nothing in any of the three periods is left out.
    themes = {t: e for t, e in themes.items() if any(e["opened"] + e["closed"] + e["overdue"])}
    total = {
        key: [sum(e[key][i] for e in themes.values()) for i in range(3)]
        for key in ("opened", "closed", "overdue")
    }
    total["hist"] = [{}, {}, {}]
    for e in themes.values():
        for i in range(3):
            for days, n in e["hist"][i].items():
                total["hist"][i][days] = total["hist"][i].get(days, 0) + n
    for e in (*themes.values(), total):
        e["lead"] = [_median(h) for h in e.pop("hist")]
    return {**themes, None: total}


def cases_tables(*, period: Period, theme_id: int | None, ref: dict) -> list[dict]:
    """Cases opened, closed, overdue at the end of the period, median lead time (days).

    Overdue: still open at the end of the period with a due date before it. Lead time:
    calendar days from opened to closed, of the cases closed in the period (the median
    as percentile_cont computes it). Read from the trigger-maintained monthly rollup of
    case events (``reports_casemonthtotal``, see reports/rollup_sql.py): one query.
    """
    periods = compared(period)
    in_period, in_params = month_sums(periods)
    # Overdue at a period's end: the events of all months before it (of a running
    # period's span, at the start of its partial month: overdue counts per month).
    ends = [getattr(p, "partial", None) or p.end for p in periods]
    before_end = ", ".join("SUM(n) FILTER (WHERE month < %s)" for _ in periods)
    cols, col_params = f"{in_period}, {before_end}", in_params + ends
    table, table_params = rollup_source(CaseMonthTotal._meta.db_table, periods)
    where, where_params = months_where(periods, theme_id)
    theme_filter = " AND theme_id = %s" if theme_id is not None else ""
    theme_params = [theme_id] if theme_id is not None else []
    # Opened and closed from the periods' months; the overdue events of all months
    # before the last period's end (a few per theme and month).
    sql = f"""
        SELECT theme_id, event, days, {cols}
        FROM {table}
        WHERE event IN ('opened', 'closed') AND {where}
        GROUP BY theme_id, event, days
        UNION ALL
        SELECT theme_id, event, 0, {cols}
        FROM {CaseMonthTotal._meta.db_table}
        WHERE n <> 0 AND event IN ('overdue_from', 'overdue_to') AND month < %s{theme_filter}
        GROUP BY theme_id, event
    """  # noqa: S608  (table name from the model, values as parameters)  # nosec B608: names from the code (models, constants), values as %s parameters
    latest = max(ends)
    params = col_params + table_params + where_params + col_params + [latest] + theme_params
    by_theme = _case_entries(fetch(sql, params))
    total = by_theme.pop(None)
    themes = [t for t in ref["themes"] if t["id"] in by_theme]
    all_filter = {"theme": theme_id} if theme_id is not None else {}

    def table_for(key, title, field, *, unit="count", link=None, basis=None):
        # link: (the list's URL name, which of its parameters take a column's period).
        rows = []
        for t in themes:
            rows.append(
                row(
                    f"theme:{t['id']}",
                    t["name"],
                    by_theme[t["id"]][field],
                    basis=by_theme[t["id"]][basis] if basis else None,
                    filter={"theme": t["id"]} if link else None,
                )
            )
        tot = {"label": "Totaal", "values": total[field]}
        if link:
            tot["filter"] = dict(all_filter)
        if basis:
            tot["basis"] = total[basis]
            tot = None  # a median has no total row; the overall median is its own row
            rows.append(
                {
                    "key": "all",
                    "label": "Alle thema's",
                    "values": total[field],
                    "basis": total[basis],
                    **({"filter": dict(all_filter)} if link else {}),
                }
            )
        return comparison(
            key,
            title,
            rows,
            total=tot,
            unit=unit,
            link=link[0] if link else None,
            suppress=True,
            **({"link_dates": link[1]} if link else {}),
            **({"basis_table": "cases_closed"} if basis else {}),
        )

    opened = ("cases:list", {"opened_from": "start", "opened_to": "end"})
    closed = ("cases:list", {"closed_from": "start", "closed_to": "end"})
    # Open at the end of the period (of any status then) with a due date before its end.
    overdue = ("cases:list", {"open_on": "end", "due_to": "end"})
    return [
        table_for("cases_flow", "Zaken geopend", "opened", link=opened),
        table_for("cases_closed", "Zaken afgesloten", "closed", link=closed),
        table_for(
            "cases_overdue",
            "Zaken over de streefdatum (aan het eind van de periode)",
            "overdue",
            link=overdue,
        ),
        table_for(
            "cases_lead_time",
            "Doorlooptijd afgesloten zaken (mediaan, dagen)",
            "lead",
            unit="days",
            link=closed,
            basis="closed",
        ),
    ]


def cases_opened(tables: list[dict]) -> int:
    for table in tables:
        if table["key"] == "cases_flow" and table["total"]:
            return table["total"]["values"][0] or 0
    return 0
