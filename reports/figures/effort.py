"""Enforcement effort: realised minutes per theme and per area, planned against realised."""

from __future__ import annotations

from typing import Any

from planning.models import EffortMonthTotal
from reports.figures.queries import compared, fetch, month_sums, months_where
from reports.figures.running import rollup_source
from reports.figures.tables import (
    comparison,
    date_filter,
    has_data,
    hours,
    ints,
    listing,
    row,
    share,
)
from reports.models import EffortAreaMonthTotal
from reports.periods import Period


def _month_key(day) -> int:
    return day.year * 100 + day.month


def effort_minutes(*, period: Period, theme_id: int | None = None) -> dict:
    """Realised patrol minutes per theme and in total, and the reactive part of them.

    A shift counts in the period it started in. Effort is not split by area: a shift
    covers several areas and its minutes are not recorded per area.

    Periods are whole local months, so the sums come from planning's trigger-maintained
    monthly rollup of effort (``planning_effortmonthtotal``: minutes per local month of
    the shift's start, theme, kind and activity), a few hundred rows instead of a
    quarter's effort rows.
    """
    periods = compared(period)
    cols, params = [], []
    for reactive in (False, True):
        for p in periods:
            cond = " AND kind = 'reactive'" if reactive else ""
            cols.append(f"SUM(minutes) FILTER (WHERE ym >= %s AND ym < %s{cond})")
            params += [_month_key(p.start), _month_key(p.end)]
    table, table_params = rollup_source(EffortMonthTotal._meta.db_table, periods)
    params += table_params
    where = "year * 100 + month >= %s AND year * 100 + month < %s AND minutes <> 0"
    params += [min(_month_key(p.start) for p in periods), max(_month_key(p.end) for p in periods)]
    if theme_id is not None:
        where += " AND theme_id = %s"
        params.append(theme_id)
    # A rollup row holds minutes (each effort row has at least 1) only while effort
    # rows exist for it, so a theme appears exactly when it has effort in a period.
    sql = f"""
        SELECT theme_id, GROUPING(theme_id), {", ".join(cols)}
        FROM (SELECT theme_id, kind, minutes, year * 100 + month AS ym
              FROM {table} WHERE {where}) t
        GROUP BY GROUPING SETS ((), (theme_id))
    """  # noqa: S608  (table name from the model, values as parameters)  # nosec B608: names from the code (models, constants), values as %s parameters
    return _effort_result(fetch(sql, params))


def _effort_result(rows: list[tuple]) -> dict:
    out: dict[str, Any] = {"total": None, "theme": {}}
    for theme, g_theme, *sums in rows:
        sums = ints(sums)
        minutes, reactive = sums[:3], sums[3:]
        entry = {"minutes": minutes, "reactive": reactive}
        if g_theme:
            out["total"] = entry
        elif has_data(sums):  # a theme's appended rows may cancel out (rollup_sql.py)
            out["theme"][theme] = entry
    if out["total"] is None:
        out["total"] = {"minutes": [0, 0, 0], "reactive": [0, 0, 0]}
    return out


def effort_by_area(*, period: Period) -> dict:
    """Realised patrol minutes per area and the reactive part of them, from the
    trigger-maintained monthly rollup per area (1 query). A shift in several areas
    counts in each of them, so the areas do not add up to the total."""
    periods = compared(period)
    minutes, minutes_params = month_sums(periods, "SUM(minutes)")
    reactive, reactive_params = month_sums(periods, "SUM(minutes)", "kind = 'reactive'")
    where, where_params = months_where(periods, None, value="minutes")
    table, table_params = rollup_source(EffortAreaMonthTotal._meta.db_table, periods)
    sql = f"""
        SELECT area_id, {minutes}, {reactive}
        FROM {table} WHERE {where}
        GROUP BY area_id
    """  # noqa: S608  (table name from the model, values as parameters)  # nosec B608: names from the code (models, constants), values as %s parameters
    out = {}
    for area, *values in fetch(sql, minutes_params + reactive_params + table_params + where_params):
        values = ints(values)
        if has_data(values[:3]):
            out[area] = {"minutes": values[:3], "reactive": values[3:]}
    return out


def effort_tables(
    *,
    effort: dict,
    planned: dict | None,
    ref: dict,
    theme_id: int | None,
    prefix: str = "",
    by_area: dict | None = None,
    period: Period | None = None,
) -> list[dict]:
    """``by_area``: effort per area, for the whole municipality's section only (effort is
    not recorded per area and theme together)."""
    if prefix:
        entries = [(theme_id, effort["theme"].get(theme_id))]
        entries = [(t, e) for t, e in entries if e]
    else:
        entries = [
            (t["id"], effort["theme"][t["id"]]) for t in ref["themes"] if t["id"] in effort["theme"]
        ]
    names = {t["id"]: t["name"] for t in ref["themes"]}
    # Click-through: the shifts of the period with effort on the theme.
    base = date_filter(period) if period is not None else None
    realised = [
        row(
            f"theme:{t}",
            names.get(t, "?"),
            hours(e["minutes"]),
            filter={**base, "theme": t} if base else None,
        )
        for t, e in entries
    ]
    reactive = [
        row(
            f"theme:{t}",
            names.get(t, "?"),
            share(e["reactive"], e["minutes"]),
        )
        for t, e in entries
    ]
    total = effort["theme"].get(theme_id) if prefix else effort["total"]
    tables = [
        comparison(
            f"{prefix}effort_realised",
            "Gerealiseerde inzet (uren)",
            realised,
            total={
                "label": "Totaal",
                "values": hours(total["minutes"]),
                "filter": {**base, "theme": theme_id} if base and prefix else base,
            }
            if total
            else None,
            unit="hours",
            link="enforcement:patrol_list" if base else None,
        ),
        comparison(
            f"{prefix}effort_reactive_share",
            "Aandeel reactieve inzet (%)",
            reactive,
            total={"label": "Totaal", "values": share(total["reactive"], total["minutes"])}
            if total
            else None,
            unit="percent",
            suppress=False,
        ),
    ]
    if by_area is not None:
        base = base or date_filter(period)
        tables.append(
            comparison(
                "effort_by_area",
                "Inzet per gebied (uren; een dienst in meer gebieden telt in elk ervan)",
                [
                    row(
                        f"area:{a['id']}",
                        a["name"],
                        hours(by_area[a["id"]]["minutes"]),
                        filter={**base, "area": a["id"]},
                        level=a["kind"],
                    )
                    for a in ref["areas"]
                    if a["id"] in by_area
                ],
                unit="hours",
                link="enforcement:patrol_list",
            )
        )
    if planned is not None:
        rows = []
        for t in ref["themes"]:
            if prefix and t["id"] != theme_id:
                continue
            plan = planned.get(t["id"])
            done = effort["theme"].get(t["id"], {"minutes": [0, 0, 0]})["minutes"][0]
            if plan is None and not done:
                continue
            rows.append(
                row(
                    f"theme:{t['id']}",
                    t["name"],
                    [
                        round(plan, 1) if plan is not None else None,
                        round(done / 60, 1),
                        round(100 * done / 60 / plan, 1) if plan else None,
                    ],
                )
            )
        tables.append(
            listing(
                f"{prefix}effort_planned_vs_realised",
                "Inzet gepland en gerealiseerd (uren, deze periode)",
                ["Gepland", "Gerealiseerd", "Realisatie %"],
                rows,
                unit="hours",
            )
        )
    return tables
