"""Management figures for a period: the one selector layer behind dashboards and reports.

``figures_compute(period=..., theme_id=None)`` returns plain, JSON-serialisable data:

    {"meta": {...}, "sections": [section, ...], "theme_sections": [section, ...]}

A section is ``{"key", "title", "intro", "tables": [table, ...]}``; a table is

    {"key", "title", "kind": "comparison" | "list", "unit": "count" | "hours" | "rate"
     | "percent" | "days" | "text", "suppress": bool,
     "columns": [...]            # list tables only
     "rows": [{"key", "label", "values": [...], "basis": [...]?, "filter": {...}?}],
     "total": {"label", "values", "basis"?} | None}

Comparison tables hold three values per row: the period, the previous period and the
same period a year earlier. ``basis`` holds the record counts a derived value
(a rate, a share, a median) rests on, so the presentation layer can suppress it with
its basis. ``filter`` is the filter that produced the number, for the click-through
to the records behind it (staff pages only; never rendered into council files).

Everything is counted in the database: one GROUPING SETS query per subject, with one
filtered aggregate per period, so the number of queries is fixed whatever the data.
Cases and planning figures come from their apps when those have models; without
them the sections say "no data" instead of failing.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from enforcement.models import Area, Incident, InterventionType, Theme
from enforcement.selectors.areas import area_sets, roll_up
from reports import figures_extra
from reports.models import (
    EffortAreaMonthTotal,
    IncidentMonthTotal,
    IncidentSourceMonthTotal,
    ViolationAreaMonthTotal,
    ViolationMonthTotal,
)
from reports.periods import Period
from reports.queries import compared, fetch, model, month_sums, months_where

SOURCE_LABELS = {code: str(label) for code, label in Incident.Source.choices}


# --- helpers ------------------------------------------------------------------------


def _per_period_union(
    select: str,
    where: str,
    group: str,
    periods: list[Period],
    *,
    column: str,
    dates: bool = False,
    extra_params: list | None = None,
    hint: str = "",
):
    """``UNION ALL`` of one grouped subquery per distinct period, each tagged ``p``.

    One plain GROUP BY per period on the period's index range keeps each part as cheap
    as counting one period (the planner estimates the groups from column statistics).
    A year's previous period is also its year earlier: that part is computed once.
    """
    parts, params = [], []
    for i, p in enumerate(periods):
        if i == 2 and periods[2] == periods[1]:
            continue
        bounds = [p.start, p.end] if dates else [p.start_at, p.end_at]
        part = f"SELECT {select}, {i} AS p FROM {where} "  # noqa: S608  (placeholders only)  # nosec B608: names from the code (models, constants), values as %s parameters
        parts.append(part + f"AND {column} >= %s AND {column} < %s {hint} GROUP BY {group}")
        params += (extra_params or []) + bounds + bounds * (hint.count("%s") // 2)
    return " UNION ALL ".join(parts), params


def _per_period(agg: str, extra: str = "") -> str:
    """Three aggregates over the bucketed rows, one per period."""
    cond = f" AND {extra}" if extra else ""
    return ", ".join(f"{agg} FILTER (WHERE p = {i}{cond})" for i in range(3))


def _same_range_fix(period: Period, values: list) -> list:
    """For a year, the previous period is the year earlier: computed once, copied here."""
    if period.previous == period.year_earlier:
        values[2] = values[1]
    return values


def _ints(values) -> list[int]:
    return [int(v or 0) for v in values]


def _date_filter(period: Period) -> dict[str, str]:
    return {"date_from": period.start.isoformat(), "date_to": period.last_day.isoformat()}


def _row(key: str, label: str, values: list, *, filter: dict | None = None, basis=None) -> dict:
    row: dict[str, Any] = {"key": key, "label": label, "values": values}
    if filter is not None:
        row["filter"] = filter
    if basis is not None:
        row["basis"] = basis
    return row


def _comparison(key: str, title: str, rows: list, *, total=None, unit="count", link=None):
    return {
        "key": key,
        "title": title,
        "kind": "comparison",
        "unit": unit,
        "suppress": unit != "hours",
        "link": link,
        "rows": rows,
        "total": total,
    }


# --- reference data (3 queries) -----------------------------------------------------


def _reference() -> dict:
    themes = list(Theme.objects.order_by("order", "name").values("id", "code", "name", "active"))
    areas = list(
        Area.objects.order_by("code").values("id", "code", "name", "population", "parent_id")
    )
    interventions = list(
        InterventionType.objects.order_by("ladder_step", "name").values("id", "code", "name")
    )
    return {"themes": themes, "areas": areas, "interventions": interventions}


# --- incidents (1 query) ------------------------------------------------------------


def incidents_counts(*, period: Period, theme_id: int | None = None) -> dict:
    """Incident counts per theme, area, source, theme x area and theme x source.

    Read from the trigger-maintained monthly rollups (reports/rollup_sql.py): per
    theme and area, and per theme and source.
    """
    periods = compared(period)
    sums, sum_params = month_sums(periods)
    where, where_params = months_where(periods, theme_id)
    # Totals per theme and overall from the small per-source rollup; per area from the
    # larger per-area one.
    sql = f"""
        SELECT 'area', theme_id, area_id, NULL, GROUPING(theme_id), GROUPING(area_id), {sums}
        FROM {IncidentMonthTotal._meta.db_table} WHERE {where}
        GROUP BY GROUPING SETS ((area_id), (theme_id, area_id))
        UNION ALL
        SELECT 'source', theme_id, NULL, source, GROUPING(theme_id), GROUPING(source), {sums}
        FROM {IncidentSourceMonthTotal._meta.db_table} WHERE {where}
        GROUP BY GROUPING SETS ((), (theme_id), (source), (theme_id, source))
    """  # noqa: S608  (table names from the models, values as parameters)  # nosec B608: names from the code (models, constants), values as %s parameters
    params = sum_params + where_params + sum_params + where_params
    out: dict[str, Any] = {
        "total": [0, 0, 0],
        "theme": {},
        "area": {},
        "source": {},
        "theme_area": {},
        "theme_source": {},
    }
    for kind, theme, area, source, g_theme, g_other, *counts in fetch(sql, params):
        counts = _ints(counts)
        if not _has_data(counts):
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


# --- effort (1 query) ---------------------------------------------------------------


_EFFORT_PER_SHIFT = (
    "enforcement_patrollog l CROSS JOIN LATERAL (SELECT theme_id, kind, minutes "
    "FROM enforcement_patroleffort WHERE patrol_log_id = l.id OFFSET 0) e "
)


def _month_key(day) -> int:
    return day.year * 100 + day.month


def effort_minutes(*, period: Period, theme_id: int | None = None) -> dict:
    """Realised patrol minutes per theme and in total, and the reactive part of them.

    A shift counts in the period it started in. Effort is not split by area: a shift
    covers several areas and its minutes are not recorded per area.

    Periods are whole local months, so the sums come from planning's trigger-maintained
    monthly rollup of effort (``planning_effortmonthtotal``: minutes per local month of
    the shift's start, theme, kind and activity), a few hundred rows instead of a
    quarter's effort rows. Without planning, the effort rows themselves are summed.
    """
    rollup = model("planning.EffortMonthTotal")
    if rollup is None:
        return _effort_minutes_from_rows(period=period, theme_id=theme_id)
    periods = compared(period)
    cols, params = [], []
    for reactive in (False, True):
        for p in periods:
            cond = " AND kind = 'reactive'" if reactive else ""
            cols.append(f"SUM(minutes) FILTER (WHERE ym >= %s AND ym < %s{cond})")
            params += [_month_key(p.start), _month_key(p.end)]
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
              FROM {rollup._meta.db_table} WHERE {where}) t
        GROUP BY GROUPING SETS ((), (theme_id))
    """  # noqa: S608  (table name from the model, values as parameters)  # nosec B608: names from the code (models, constants), values as %s parameters
    return _effort_result(fetch(sql, params))


def _effort_minutes_from_rows(*, period: Period, theme_id: int | None = None) -> dict:
    theme_filter = "e.theme_id = %s" if theme_id is not None else "TRUE"
    # Per shift of the period, its effort rows by index (LATERAL ... OFFSET 0 keeps the
    # planner from hashing the whole effort table for a quarter's shifts).
    union, params = _per_period_union(
        "e.theme_id, e.kind, SUM(e.minutes) AS m",
        _EFFORT_PER_SHIFT + f"WHERE {theme_filter}",
        "e.theme_id, e.kind",
        compared(period),
        column="l.started_at",
        extra_params=[theme_id] if theme_id is not None else [],
    )
    sql = f"""
        WITH base AS ({union})
        SELECT theme_id, GROUPING(theme_id),
               {_per_period("SUM(m)")},
               {_per_period("SUM(m)", "kind = 'reactive'")}
        FROM base
        GROUP BY GROUPING SETS ((), (theme_id))
    """  # noqa: S608  # nosec B608: names from the code (models, constants), values as %s parameters
    return _effort_result(fetch(sql, params), period=period)


def _effort_result(rows: list[tuple], *, period: Period | None = None) -> dict:
    """``period``: a year's year earlier was computed once as its previous period."""
    out: dict[str, Any] = {"total": None, "theme": {}}
    for theme, g_theme, *sums in rows:
        sums = _ints(sums)
        minutes, reactive = sums[:3], sums[3:]
        if period is not None:
            minutes, reactive = _same_range_fix(period, minutes), _same_range_fix(period, reactive)
        entry = {"minutes": minutes, "reactive": reactive}
        if g_theme:
            out["total"] = entry
        elif _has_data(sums):  # a theme's appended rows may cancel out (rollup_sql.py)
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
    sql = f"""
        SELECT area_id, {minutes}, {reactive}
        FROM {EffortAreaMonthTotal._meta.db_table} WHERE {where}
        GROUP BY area_id
    """  # noqa: S608  (table name from the model, values as parameters)  # nosec B608: names from the code (models, constants), values as %s parameters
    out = {}
    for area, *values in fetch(sql, minutes_params + reactive_params + where_params):
        values = _ints(values)
        if _has_data(values[:3]):
            out[area] = {"minutes": values[:3], "reactive": values[3:]}
    return out


# --- violations (1 query) -----------------------------------------------------------


def violations_counts(*, period: Period, theme_id: int | None = None) -> dict:
    """Violations per intervention, per theme x intervention (theme of the incident) and,
    for all themes, per area of the incident.

    Read from the trigger-maintained monthly rollups of violations (reports/rollup_sql.py).
    """
    periods = compared(period)
    sums, sum_params = month_sums(periods)
    where, where_params = months_where(periods, theme_id)
    sql = f"""
        SELECT 'intervention', theme_id, intervention_id,
               GROUPING(theme_id), GROUPING(intervention_id), {sums}
        FROM {ViolationMonthTotal._meta.db_table} WHERE {where}
        GROUP BY GROUPING SETS ((), (intervention_id), (theme_id, intervention_id))
    """  # noqa: S608  (table names from the models, values as parameters)  # nosec B608: names from the code (models, constants), values as %s parameters
    params = sum_params + where_params
    if theme_id is None:
        area_where, area_params = months_where(periods, None)
        sql += f"""
            UNION ALL
            SELECT 'area', NULL, area_id, 1, 0, {sums}
            FROM {ViolationAreaMonthTotal._meta.db_table} WHERE {area_where}
            GROUP BY area_id
        """  # noqa: S608  # nosec B608: names from the code (models, constants), values as %s parameters
        params += sum_params + area_params
    out: dict[str, Any] = {
        "total": [0, 0, 0],
        "intervention": {},
        "theme_intervention": {},
        "area": {},
    }
    for kind, theme, key, g_theme, g_key, *counts in fetch(sql, params):
        counts = _ints(counts)
        if kind == "area":
            if _has_data(counts):
                out["area"][key] = counts
        elif g_theme and g_key:
            out["total"] = counts
        elif not _has_data(counts):
            continue
        elif g_theme:
            out["intervention"][key] = counts
        else:
            out["theme_intervention"].setdefault(theme, {})[key] = counts
    return out


# --- assembling tables --------------------------------------------------------------


def _hours(minutes: list[int]) -> list[float]:
    # SUM over a bigint column arrives as Decimal; figures are stored as JSON floats.
    return [round(float(m) / 60, 1) for m in minutes]


def _share(part: list[int], whole: list[int]) -> list[float | None]:
    return [round(100 * p / w, 1) if w else None for p, w in zip(part, whole, strict=True)]


def _per_1000(counts: list[int], population: int | None) -> list[float | None]:
    if not population:
        return [None, None, None]
    return [round(1000 * c / population, 2) for c in counts]


def _has_data(values: list) -> bool:
    return any(values)


def _incident_tables(
    *, counts: dict, ref: dict, period: Period, theme_id: int | None, prefix: str = ""
) -> list[dict]:
    base = _date_filter(period)
    if theme_id is not None:
        base["theme"] = theme_id
    by_area = counts["theme_area"].get(theme_id, {}) if prefix else counts["area"]
    by_source = counts["theme_source"].get(theme_id, {}) if prefix else counts["source"]
    total = counts["theme"].get(theme_id, [0, 0, 0]) if prefix else counts["total"]
    tables = []
    if not prefix:
        rows = [
            _row(
                f"theme:{t['id']}",
                t["name"],
                counts["theme"].get(t["id"], [0, 0, 0]),
                filter={**base, "theme": t["id"]},
            )
            for t in ref["themes"]
            if (theme_id is None or t["id"] == theme_id)
            and (t["active"] or _has_data(counts["theme"].get(t["id"], [])))
        ]
        tables.append(
            _comparison(
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
        if not values or not _has_data(values):
            continue
        area_rows.append(
            _row(f"area:{a['id']}", a["name"], values, filter={**base, "area": a["id"]})
        )
        if a["population"]:
            rate_rows.append(
                _row(
                    f"area:{a['id']}",
                    f"{a['name']} ({a['population']:,} inw.)".replace(",", "."),
                    _per_1000(values, a["population"]),
                    basis=values,
                    filter={**base, "area": a["id"]},
                )
            )
    unknown = by_area.get(None)
    if unknown and _has_data(unknown):
        area_rows.append(_row("area:none", "Geen gebied bekend", unknown))
    tables.append(
        _comparison(
            f"{prefix}incidents_by_area",
            "Meldingen per gebied",
            area_rows,
            total={"label": "Totaal", "values": total, "filter": base},
            link="enforcement:incident_list",
        )
    )
    rates = _comparison(
        f"{prefix}incidents_per_1000",
        "Meldingen per 1.000 inwoners",
        rate_rows,
        unit="rate",
        link="enforcement:incident_list",
    )
    rates["basis_table"] = f"{prefix}incidents_by_area"
    tables.append(rates)
    source_rows = [
        _row(f"source:{code}", label, by_source[code], filter={**base, "source": code})
        for code, label in SOURCE_LABELS.items()
        if code in by_source and _has_data(by_source[code])
    ]
    tables.append(
        _comparison(
            f"{prefix}incidents_by_source",
            "Meldingen naar bron",
            source_rows,
            total={"label": "Totaal", "values": total, "filter": base},
            link="enforcement:incident_list",
        )
    )
    return tables


def _effort_tables(
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
    base = _date_filter(period) if period is not None else None
    realised = [
        _row(
            f"theme:{t}",
            names.get(t, "?"),
            _hours(e["minutes"]),
            filter={**base, "theme": t} if base else None,
        )
        for t, e in entries
    ]
    reactive = [
        _row(
            f"theme:{t}",
            names.get(t, "?"),
            _share(e["reactive"], e["minutes"]),
        )
        for t, e in entries
    ]
    total = effort["theme"].get(theme_id) if prefix else effort["total"]
    tables = [
        _comparison(
            f"{prefix}effort_realised",
            "Gerealiseerde inzet (uren)",
            realised,
            total={
                "label": "Totaal",
                "values": _hours(total["minutes"]),
                "filter": {**base, "theme": theme_id} if base and prefix else base,
            }
            if total
            else None,
            unit="hours",
            link="enforcement:patrol_list" if base else None,
        ),
        _comparison(
            f"{prefix}effort_reactive_share",
            "Aandeel reactieve inzet (%)",
            reactive,
            total={"label": "Totaal", "values": _share(total["reactive"], total["minutes"])}
            if total
            else None,
            unit="percent",
        ),
    ]
    tables[1]["suppress"] = False
    if by_area is not None:
        base = base or _date_filter(period)
        tables.append(
            _comparison(
                "effort_by_area",
                "Inzet per gebied (uren; een dienst in meer gebieden telt in elk ervan)",
                [
                    _row(
                        f"area:{a['id']}",
                        a["name"],
                        _hours(by_area[a["id"]]["minutes"]),
                        filter={**base, "area": a["id"]},
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
                {
                    "key": f"theme:{t['id']}",
                    "label": t["name"],
                    "values": [
                        round(plan, 1) if plan is not None else None,
                        round(done / 60, 1),
                        round(100 * done / 60 / plan, 1) if plan else None,
                    ],
                }
            )
        tables.append(
            {
                "key": f"{prefix}effort_planned_vs_realised",
                "title": "Inzet gepland en gerealiseerd (uren, deze periode)",
                "kind": "list",
                "unit": "hours",
                "suppress": False,
                "columns": ["Gepland", "Gerealiseerd", "Realisatie %"],
                "rows": rows,
                "total": None,
            }
        )
    return tables


def _violation_tables(
    *, violations: dict, ref: dict, period: Period, theme_id: int | None, prefix: str = ""
) -> list[dict]:
    base = _date_filter(period)
    if theme_id is not None:
        base["theme"] = theme_id
    by_int = (
        violations["theme_intervention"].get(theme_id, {}) if prefix else violations["intervention"]
    )
    rows = [
        _row(
            f"intervention:{i['id']}",
            i["name"],
            by_int[i["id"]],
            filter={**base, "intervention": i["id"]},
        )
        for i in ref["interventions"]
        if i["id"] in by_int and _has_data(by_int[i["id"]])
    ]
    total = (
        [sum(col) for col in zip(*by_int.values(), strict=True)]
        if prefix and by_int
        else (violations["total"] if not prefix else [0, 0, 0])
    )
    tables = [
        _comparison(
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
            _row(f"area:{a['id']}", a["name"], by_area[a["id"]], filter={**base, "area": a["id"]})
            for a in ref["areas"]
            if a["id"] in by_area
        ]
        if None in by_area:
            area_rows.append(_row("area:none", "Geen gebied bekend", by_area[None]))
        tables.append(
            _comparison(
                "violations_by_area",
                "Overtredingen per gebied (van de melding)",
                area_rows,
                total={"label": "Totaal", "values": violations["total"], "filter": base},
                link="enforcement:violation_list",
            )
        )
    return tables


def _with_sub_areas(ref: dict, *, incidents: dict, violations: dict, effort_areas) -> None:
    """The rollups count per area as registered (mostly the neighbourhood); a district's
    row sums its set of areas (enforcement.selectors.areas), as its list click-through does."""
    sets = area_sets((a["id"], a["parent_id"]) for a in ref["areas"])
    incidents["area"] = roll_up(incidents["area"], sets)
    incidents["theme_area"] = {t: roll_up(v, sets) for t, v in incidents["theme_area"].items()}
    violations["area"] = roll_up(violations["area"], sets)
    if effort_areas:
        # A shift in a district and one of its neighbourhoods counts once per area it
        # names, as the effort table's title says.
        minutes = roll_up({a: v["minutes"] for a, v in effort_areas.items()}, sets)
        reactive = roll_up({a: v["reactive"] for a, v in effort_areas.items()}, sets)
        effort_areas.clear()
        effort_areas.update({a: {"minutes": minutes[a], "reactive": reactive[a]} for a in minutes})


def figures_compute(*, period: Period, theme_id: int | None = None) -> dict:
    """All figures for ``period`` (optionally one theme), with their comparisons."""
    ref = _reference()
    incidents = incidents_counts(period=period, theme_id=theme_id)
    effort = effort_minutes(period=period, theme_id=theme_id)
    # Per area for all themes only: effort is recorded per shift's areas, not per theme.
    effort_areas = effort_by_area(period=period) if theme_id is None else None
    violations = violations_counts(period=period, theme_id=theme_id)
    _with_sub_areas(ref, incidents=incidents, violations=violations, effort_areas=effort_areas)
    cases = figures_extra.cases_tables(period=period, theme_id=theme_id, ref=ref)
    planning = figures_extra.planning_tables(period=period, theme_id=theme_id, ref=ref)

    theme = next((t for t in ref["themes"] if t["id"] == theme_id), None)
    sections = [
        {
            "key": "incidents",
            "title": "Meldingen",
            "tables": _incident_tables(counts=incidents, ref=ref, period=period, theme_id=theme_id),
        },
        {
            "key": "effort",
            "title": "Inzet van handhavers",
            "tables": _effort_tables(
                effort=effort,
                planned=planning["planned_hours"],
                ref=ref,
                theme_id=theme_id,
                by_area=effort_areas,
                period=period,
            ),
        },
        {
            "key": "violations",
            "title": "Overtredingen en interventies",
            "tables": _violation_tables(
                violations=violations, ref=ref, period=period, theme_id=theme_id
            ),
        },
        {"key": "cases", "title": "Zaken", "tables": cases},
        {
            "key": "planning",
            "title": "Uitvoeringsprogramma en doelen",
            "tables": planning["tables"],
        },
    ]
    theme_sections = []
    if theme_id is None:
        for t in ref["themes"]:
            if not (
                _has_data(incidents["theme"].get(t["id"], []))
                or t["id"] in effort["theme"]
                or t["id"] in violations["theme_intervention"]
            ):
                continue
            prefix = f"theme{t['id']}_"
            theme_sections.append(
                {
                    "key": f"theme:{t['id']}",
                    "title": t["name"],
                    "total": incidents["theme"].get(t["id"], [0, 0, 0]),
                    "tables": _incident_tables(
                        counts=incidents, ref=ref, period=period, theme_id=t["id"], prefix=prefix
                    )
                    + _effort_tables(
                        effort=effort,
                        planned=planning["planned_hours"],
                        ref=ref,
                        theme_id=t["id"],
                        prefix=prefix,
                        period=period,
                    )
                    + _violation_tables(
                        violations=violations,
                        ref=ref,
                        period=period,
                        theme_id=t["id"],
                        prefix=prefix,
                    ),
                }
            )
    return {
        "meta": {
            "period": period.code,
            "periods": [
                {
                    "code": p.code,
                    "label": p.label,
                    "start": p.start.isoformat(),
                    "end": p.last_day.isoformat(),
                }
                for p in compared(period)
            ],
            "theme": theme and {"id": theme["id"], "name": theme["name"]},
            "computed_at": timezone.now().isoformat(timespec="seconds"),
            # Nothing registered in the period itself (comparisons may still hold data).
            "empty": not (
                incidents["total"][0]
                or effort["total"]["minutes"][0]
                or violations["total"][0]
                or figures_extra.cases_opened(cases)
            ),
            "has_cases": figures_extra.cases_available(),
            "has_planning": figures_extra.planning_available(),
        },
        "sections": sections,
        "theme_sections": theme_sections,
    }


def period_is_empty(figures: dict) -> bool:
    return figures["meta"]["empty"]
