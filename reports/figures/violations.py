"""Violations: per intervention, per theme of the incident and per area (1 query)."""

from __future__ import annotations

from typing import Any

from reports.figures.queries import compared, fetch, month_sums, months_where
from reports.figures.running import rollup_source
from reports.figures.tables import comparison, date_filter, has_data, ints, row
from reports.models import ViolationAreaMonthTotal, ViolationMonthTotal
from reports.periods import Period


def violations_counts(*, period: Period, theme_id: int | None = None) -> dict:
    """Violations per intervention, per theme x intervention (theme of the incident) and,
    for all themes, per area of the incident.

    Read from the trigger-maintained monthly rollups of violations (reports/rollup_sql.py).
    """
    periods = compared(period)
    sums, sum_params = month_sums(periods)
    where, where_params = months_where(periods, theme_id)
    table, table_params = rollup_source(ViolationMonthTotal._meta.db_table, periods)
    sql = f"""
        SELECT 'intervention', theme_id, intervention_id,
               GROUPING(theme_id), GROUPING(intervention_id), {sums}
        FROM {table} WHERE {where}
        GROUP BY GROUPING SETS ((), (intervention_id), (theme_id, intervention_id))
    """  # noqa: S608  (table names from the models, values as parameters)  # nosec B608: names from the code (models, constants), values as %s parameters
    params = sum_params + table_params + where_params
    if theme_id is None:
        area_where, area_params = months_where(periods, None)
        areas, areas_params = rollup_source(ViolationAreaMonthTotal._meta.db_table, periods)
        sql += f"""
            UNION ALL
            SELECT 'area', NULL, area_id, 1, 0, {sums}
            FROM {areas} WHERE {area_where}
            GROUP BY area_id
        """  # noqa: S608  # nosec B608: names from the code (models, constants), values as %s parameters
        params += sum_params + areas_params + area_params
    out: dict[str, Any] = {
        "total": [0, 0, 0],
        "intervention": {},
        "theme_intervention": {},
        "area": {},
    }
    for kind, theme, key, g_theme, g_key, *counts in fetch(sql, params):
        counts = ints(counts)
        if kind == "area":
            if has_data(counts):
                out["area"][key] = counts
        elif g_theme and g_key:
            out["total"] = counts
        elif not has_data(counts):
            continue
        elif g_theme:
            out["intervention"][key] = counts
        else:
            out["theme_intervention"].setdefault(theme, {})[key] = counts
    return out


def violation_tables(
    *, violations: dict, ref: dict, period: Period, theme_id: int | None, prefix: str = ""
) -> list[dict]:
    base = date_filter(period)
    if theme_id is not None:
        base["theme"] = theme_id
    by_int = (
        violations["theme_intervention"].get(theme_id, {}) if prefix else violations["intervention"]
    )
    rows = [
        row(
            f"intervention:{i['id']}",
            i["name"],
            by_int[i["id"]],
            filter={**base, "intervention": i["id"]},
        )
        for i in ref["interventions"]
        if i["id"] in by_int and has_data(by_int[i["id"]])
    ]
    total = (
        [sum(col) for col in zip(*by_int.values(), strict=True)]
        if prefix and by_int
        else (violations["total"] if not prefix else [0, 0, 0])
    )
    tables = [
        comparison(
            f"{prefix}violations_by_intervention",
            "Overtredingen per interventie",
            rows,
            total={"label": "Totaal", "values": total, "filter": base},
            link="enforcement:violation_list",
        )
    ]
    if theme_id is None and not prefix:
        by_area = violations["area"]
        area_rows = [
            row(
                f"area:{a['id']}",
                a["name"],
                by_area[a["id"]],
                filter={**base, "area": a["id"]},
                level=a["kind"],
            )
            for a in ref["areas"]
            if a["id"] in by_area
        ]
        if None in by_area:
            area_rows.append(row("area:none", "Geen gebied bekend", by_area[None]))
        tables.append(
            comparison(
                "violations_by_area",
                "Overtredingen per gebied (van de melding)",
                area_rows,
                total={"label": "Totaal", "values": violations["total"], "filter": base},
                link="enforcement:violation_list",
            )
        )
    return tables
