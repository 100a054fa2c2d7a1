"""Goal indicators computed from the registration, as planning defines them."""

from __future__ import annotations

from enforcement.selectors.areas import area_sets
from planning.models import EffortMonthTotal, Indicator
from reports.figures.queries import fetch
from reports.models import (
    IncidentCategoryMonthTotal,
    IncidentMonthTotal,
    IncidentSourceMonthTotal,
    ViolationMonthTotal,
)
from reports.periods import Period


def _grouped_sums(table: str, value: str, dims: list[str], where: str, params: list) -> list:
    """``SUM(value)`` per ``dims`` of a rollup table, as dicts (hand-written: the ORM
    would take longer to build these small queries than PostgreSQL to run them)."""
    cols = ", ".join(dims)
    sql = f"SELECT {cols}, SUM({value}) FROM {table} WHERE {where} GROUP BY {cols}"  # noqa: S608  # nosec B608: names from the code (models, constants), values as %s parameters
    return [dict(zip([*dims, "n"], row, strict=True)) for row in fetch(sql, params)]


def computed_indicator_values(goals: list[dict], period: Period) -> dict[int, float]:
    """Indicator values computed from the registration as planning defines them
    (``planning.selectors.indicator_current``): from 1 January of the plan's year to the
    end of the period. One grouped query per source in use (at most four), then each
    indicator adds up the groups that match its theme, category and areas."""
    wanted = [g for g in goals if g["indicator__source"] not in (None, "manual")]
    if not wanted:
        return {}
    start = Period(period.year)
    themes = sorted({g["plan__theme_id"] for g in wanted})
    sources = {g["indicator__source"] for g in wanted}
    through = Indicator.areas.through._meta.db_table
    areas: dict[int, set] = {}
    for indicator_id, area_id in fetch(
        f"SELECT indicator_id, area_id FROM {through} WHERE indicator_id = ANY(%s)",  # noqa: S608  # nosec B608: names from the code (models, constants), values as %s parameters
        [[g["indicator__id"] for g in wanted]],
    ):
        areas.setdefault(indicator_id, set()).add(area_id)
    if areas:
        # An indicator for a district counts its neighbourhoods too (one rule for all).
        sets = area_sets(fetch("SELECT id, parent_id FROM enforcement_area", []))
        areas = {
            indicator: set().union(*(sets.get(a, {a}) for a in chosen))
            for indicator, chosen in areas.items()
        }
    # Whole local months from 1 January: summed from the monthly rollups
    # (reports/rollup_sql.py), the same counts as the records themselves.
    months = "month >= %s AND month < %s"
    month_params = [start.start, period.end]
    incident_groups: list = []
    violation_counts: dict = {}
    effort_minutes: dict = {}
    if "incidents" in sources:
        # Per category and per area only when an indicator asks for them.
        counted = [g for g in wanted if g["indicator__source"] == "incidents"]
        by_category = any(g["indicator__category_id"] for g in counted)
        by_area = any(areas.get(g["indicator__id"]) for g in counted)
        # The smallest rollup that has what is asked (per source: a few rows a month).
        if by_category:
            rollup = IncidentCategoryMonthTotal
        elif by_area:
            rollup = IncidentMonthTotal
        else:
            rollup = IncidentSourceMonthTotal
        dims = ["theme_id"] + (["area_id"] if by_area else [])
        dims += ["category_id"] if by_category else []
        incident_groups = _grouped_sums(
            rollup._meta.db_table,
            "n",
            dims,
            f"{months} AND theme_id = ANY(%s)",
            [*month_params, themes],
        )
    if "violations" in sources:
        # As planning counts them: by the theme of the offence.
        rows = _grouped_sums(
            f"{ViolationMonthTotal._meta.db_table} r JOIN enforcement_offence o "
            "ON o.id = r.offence_id",
            "r.n",
            ["o.theme_id"],
            "r.month >= %s AND r.month < %s AND o.theme_id = ANY(%s)",
            [*month_params, themes],
        )
        violation_counts = {row["o.theme_id"]: row["n"] for row in rows}
    if "effort_hours" in sources:
        # Whole local months: summed from planning's monthly effort rollup (the same
        # minutes as the effort rows of shifts started from 1 January to the period's end).
        where, params = "theme_id = ANY(%s) AND year = %s", [themes, start.year]
        if period.end.year == start.year:
            where, params = where + " AND month < %s", [*params, period.end.month]
        rows = _grouped_sums(
            EffortMonthTotal._meta.db_table,
            "minutes",
            ["theme_id"],
            where,
            params,
        )
        effort_minutes = {row["theme_id"]: row["n"] for row in rows}
    out: dict[int, float] = {}
    for g in wanted:
        indicator, theme = g["indicator__id"], g["plan__theme_id"]
        source = g["indicator__source"]
        if source == "incidents":
            category, in_areas = g["indicator__category_id"], areas.get(indicator)
            out[indicator] = float(
                sum(
                    row["n"]
                    for row in incident_groups
                    if row["theme_id"] == theme
                    and (category is None or row.get("category_id") == category)
                    and (not in_areas or row.get("area_id") in in_areas)
                )
            )
        elif source == "violations":
            out[indicator] = float(violation_counts.get(theme, 0))
        elif source == "effort_hours":
            out[indicator] = round(float(effort_minutes.get(theme) or 0) / 60, 1)
    return out
