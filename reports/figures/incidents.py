"""Incidents: counts per theme, area and source (1 query on the monthly rollups)."""

from __future__ import annotations

from typing import Any

from enforcement.models import Incident
from reports.figures.queries import compared, fetch, month_sums, months_where
from reports.figures.running import rollup_source
from reports.figures.tables import comparison, date_filter, has_data, ints, per_1000, row
from reports.models import IncidentMonthTotal, IncidentSourceMonthTotal
from reports.periods import Period

SOURCE_LABELS = {code: str(label) for code, label in Incident.Source.choices}


def incidents_counts(*, period: Period, theme_id: int | None = None) -> dict:
    """Incident counts per theme, area, source, theme x area and theme x source.

    Read from the trigger-maintained monthly rollups (reports/rollup_sql.py): per
    theme and area, and per theme and source.
    """
    periods = compared(period)
    sums, sum_params = month_sums(periods)
    where, where_params = months_where(periods, theme_id)
    by_area, area_params = rollup_source(IncidentMonthTotal._meta.db_table, periods)
    by_source, source_params = rollup_source(IncidentSourceMonthTotal._meta.db_table, periods)
    # Totals per theme and overall from the small per-source rollup; per area from the
    # larger per-area one.
    sql = f"""
        SELECT 'area', theme_id, area_id, NULL, GROUPING(theme_id), GROUPING(area_id), {sums}
        FROM {by_area} WHERE {where}
        GROUP BY GROUPING SETS ((area_id), (theme_id, area_id))
        UNION ALL
        SELECT 'source', theme_id, NULL, source, GROUPING(theme_id), GROUPING(source), {sums}
        FROM {by_source} WHERE {where}
        GROUP BY GROUPING SETS ((), (theme_id), (source), (theme_id, source))
    """  # noqa: S608  (table names from the models, values as parameters)  # nosec B608: names from the code (models, constants), values as %s parameters
    params = sum_params + area_params + where_params + sum_params + source_params + where_params
    out: dict[str, Any] = {
        "total": [0, 0, 0],
        "theme": {},
        "area": {},
        "source": {},
        "theme_area": {},
        "theme_source": {},
    }
    for kind, theme, area, source, g_theme, g_other, *counts in fetch(sql, params):
        counts = ints(counts)
        if not has_data(counts):
            continue
        if kind == "area":
            if g_theme:
                out["area"][area] = counts
            else:
                out["theme_area"].setdefault(theme, {})[area] = counts
        elif g_theme and g_other:
            out["total"] = counts
        elif g_other:
            out["theme"][theme] = counts
        elif g_theme:
            out["source"][source] = counts
        else:
            out["theme_source"].setdefault(theme, {})[source] = counts
    return out


def incident_tables(
    *, counts: dict, ref: dict, period: Period, theme_id: int | None, prefix: str = ""
) -> list[dict]:
    base = date_filter(period)
    if theme_id is not None:
        base["theme"] = theme_id
    by_area = counts["theme_area"].get(theme_id, {}) if prefix else counts["area"]
    by_source = counts["theme_source"].get(theme_id, {}) if prefix else counts["source"]
    total = counts["theme"].get(theme_id, [0, 0, 0]) if prefix else counts["total"]
    tables = []
    if not prefix:
        rows = [
            row(
                f"theme:{t['id']}",
                t["name"],
                counts["theme"].get(t["id"], [0, 0, 0]),
                filter={**base, "theme": t["id"]},
            )
            for t in ref["themes"]
            if (theme_id is None or t["id"] == theme_id)
            and (t["active"] or has_data(counts["theme"].get(t["id"], [])))
        ]
        tables.append(
            comparison(
                "incidents_by_theme",
                "Meldingen per thema",
                rows,
                total={"label": "Totaal", "values": total, "filter": base},
                link="enforcement:incident_list",
            )
        )
    area_rows, rate_rows = [], []
    for a in ref["areas"]:
        values = by_area.get(a["id"])
        if not values or not has_data(values):
            continue
        area_rows.append(
            row(
                f"area:{a['id']}",
                a["name"],
                values,
                filter={**base, "area": a["id"]},
                level=a["kind"],
            )
        )
        if a["population"]:
            rate_rows.append(
                row(
                    f"area:{a['id']}",
                    f"{a['name']} ({a['population']:,} inw.)".replace(",", "."),
                    per_1000(values, a["population"]),
                    basis=values,
                    filter={**base, "area": a["id"]},
                    level=a["kind"],
                )
            )
    unknown = by_area.get(None)
    if unknown and has_data(unknown):
        area_rows.append(row("area:none", "Geen gebied bekend", unknown))
    tables.append(
        comparison(
            f"{prefix}incidents_by_area",
            "Meldingen per gebied",
            area_rows,
            total={"label": "Totaal", "values": total, "filter": base},
            link="enforcement:incident_list",
        )
    )
    rates = comparison(
        f"{prefix}incidents_per_1000",
        "Meldingen per 1.000 inwoners",
        rate_rows,
        unit="rate",
        link="enforcement:incident_list",
    )
    rates["basis_table"] = f"{prefix}incidents_by_area"
    tables.append(rates)
    source_rows = [
        row(f"source:{code}", label, by_source[code], filter={**base, "source": code})
        for code, label in SOURCE_LABELS.items()
        if code in by_source and has_data(by_source[code])
    ]
    tables.append(
        comparison(
            f"{prefix}incidents_by_source",
            "Meldingen naar bron",
            source_rows,
            total={"label": "Totaal", "values": total, "filter": base},
            link="enforcement:incident_list",
        )
    )
    return tables
