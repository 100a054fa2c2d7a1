"""Figures from cases and planning, when those apps have their models.

``reports`` reads every app and nothing depends on it, but cases and planning may
not have their models yet in a given deployment. Each function here looks the
models up with ``apps.get_model`` and returns "no data" (an empty list of tables,
``None`` for planned hours) when they are not there, so reports still build end
to end. One query per subject, computed in the database.
"""

from __future__ import annotations

import math

from reports.periods import Period
from reports.queries import compared, fetch, model, month_sums, months_where


def _num(value) -> float | None:
    return None if value is None else round(float(value), 2)


# --- cases --------------------------------------------------------------------------


def cases_available() -> bool:
    return model("cases.Case") is not None


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
    case = model("cases.Case")
    if case is None:
        return []
    from reports.models import CaseMonthTotal

    periods = compared(period)
    in_period, in_params = month_sums(periods)
    # Overdue at a period's end: the events of all months before it.
    before_end = ", ".join("SUM(n) FILTER (WHERE month < %s)" for _ in periods)
    cols, col_params = f"{in_period}, {before_end}", in_params + [p.end for p in periods]
    where, where_params = months_where(periods, theme_id)
    theme_filter = " AND theme_id = %s" if theme_id is not None else ""
    theme_params = [theme_id] if theme_id is not None else []
    # Opened and closed from the periods' months; the overdue events of all months
    # before the last period's end (a few per theme and month).
    sql = f"""
        SELECT theme_id, event, days, {cols}
        FROM {CaseMonthTotal._meta.db_table}
        WHERE event IN ('opened', 'closed') AND {where}
        GROUP BY theme_id, event, days
        UNION ALL
        SELECT theme_id, event, 0, {cols}
        FROM {CaseMonthTotal._meta.db_table}
        WHERE n <> 0 AND event IN ('overdue_from', 'overdue_to') AND month < %s{theme_filter}
        GROUP BY theme_id, event
    """  # noqa: S608  (table name from the model, values as parameters)  # nosec B608: names from the code (models, constants), values as %s parameters
    latest = max(p.end for p in periods)
    params = col_params + where_params + col_params + [latest] + theme_params
    by_theme = _case_entries(fetch(sql, params))
    total = by_theme.pop(None)
    themes = [t for t in ref["themes"] if t["id"] in by_theme]
    all_filter = {"theme": theme_id} if theme_id is not None else {}

    def table_for(key, title, field, *, unit="count", link=None, basis=None):
        # link: (the list's URL name, which of its parameters take a column's period).
        rows = []
        for t in themes:
            row = {
                "key": f"theme:{t['id']}",
                "label": t["name"],
                "values": by_theme[t["id"]][field],
            }
            if basis:
                row["basis"] = by_theme[t["id"]][basis]
            if link:
                row["filter"] = {"theme": t["id"]}
            rows.append(row)
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
        return {
            "key": key,
            "title": title,
            "kind": "comparison",
            "unit": unit,
            "suppress": True,
            "link": link[0] if link else None,
            **({"link_dates": link[1]} if link else {}),
            "rows": rows,
            "total": tot,
            **({"basis_table": "cases_closed"} if basis else {}),
        }

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


# --- planning -----------------------------------------------------------------------


def planning_available() -> bool:
    return model("planning.Activity") is not None


def planning_tables(*, period: Period, theme_id: int | None, ref: dict) -> dict:
    activity = model("planning.Activity")
    if activity is None:
        return {"planned_hours": None, "tables": []}
    programme_table = model("planning.Programme")._meta.db_table
    # Minutes of effort linked to each activity, of shifts started in the period: from
    # planning's trigger-maintained monthly rollup (periods are whole months of a year).
    rollup = model("planning.EffortMonthTotal")
    first_month = period.start.month
    last_month = period.last_day.month
    # Planned hours are spread evenly over the activity's months.
    share = (
        "a.planned_hours * GREATEST(0, LEAST(a.end_month, %s) - GREATEST(a.start_month, %s) + 1)"
        " / (a.end_month - a.start_month + 1)"
    )
    where = " AND a.theme_id = %s" if theme_id is not None else ""
    sql = f"""
        SELECT a.theme_id, GROUPING(a.theme_id), COUNT(*),
               COUNT(*) FILTER (WHERE COALESCE(e.minutes, 0) > 0),
               SUM({share}), SUM(COALESCE(e.minutes, 0))
        FROM {activity._meta.db_table} a
        JOIN {programme_table} p ON p.id = a.programme_id
        LEFT JOIN (
            SELECT activity_id, SUM(minutes) AS minutes
            FROM {rollup._meta.db_table}
            WHERE year = %s AND month >= %s AND month <= %s AND activity_id IS NOT NULL
            GROUP BY activity_id
        ) e ON e.activity_id = a.id
        WHERE p.status = 'adopted' AND NOT a.deferred
          AND a.start_month <= %s AND a.end_month >= %s AND p.year = %s {where}
        GROUP BY GROUPING SETS ((), (a.theme_id))
    """  # noqa: S608  # nosec B608: names from the code (models, constants), values as %s parameters
    # The share expression's month bounds come first in the SELECT list.
    params = [
        last_month,
        first_month,
        period.year,
        first_month,
        last_month,
        last_month,
        first_month,
        period.year,
    ] + ([theme_id] if theme_id is not None else [])
    rows = fetch(sql, params)
    planned_hours: dict = {}
    activity_rows = []
    names = {t["id"]: t["name"] for t in ref["themes"]}
    total_row = None
    for theme, grouped, count, done, hours, minutes in rows:
        values = [int(count), int(done), _num(hours), round(float(minutes or 0) / 60, 1)]
        if grouped:
            total_row = {"label": "Totaal", "values": values}
            continue
        planned_hours[theme] = float(hours or 0)
        activity_rows.append(
            {"key": f"theme:{theme}", "label": names.get(theme, "?"), "values": values}
        )
    order = {t["id"]: i for i, t in enumerate(ref["themes"])}
    activity_rows.sort(key=lambda r: order.get(int(r["key"].split(":")[1]), 999))
    tables = [
        {
            "key": "programme_activities",
            "title": "Activiteiten uitvoeringsprogramma (deze periode)",
            "kind": "list",
            "unit": "hours",
            "suppress": False,
            "columns": ["Gepland", "Met inzet", "Uren gepland", "Uren op activiteiten"],
            "rows": activity_rows,
            "total": total_row if activity_rows else None,
        },
        _goals_table(period=period, theme_id=theme_id, ref=ref),
        _groups_not_met_table(period=period, theme_id=theme_id),
    ]
    return {"planned_hours": planned_hours if rows else {}, "tables": tables}


def _goals_table(*, period: Period, theme_id: int | None, ref: dict) -> dict:
    """Goals of the period's theme plans, the indicator's value and the latest judgement."""
    goal = model("planning.Goal")
    plan = model("planning.ThemePlan")
    indicator = model("planning.Indicator")
    value = model("planning.IndicatorValue")
    evaluation = model("planning.Evaluation")
    meeting = model("planning.Meeting")
    # One hand-written query (the ORM took three times as long to build it as PostgreSQL
    # to run it): each goal with its indicator, the indicator's latest value and the
    # expert group's latest judgement before the end of the period.
    sql = f"""
        SELECT g.id, g.title, p.theme_id, t.name, i.id, i.name, i.baseline, i.target,
               i.source, i.category_id,
               (SELECT v.value FROM {value._meta.db_table} v
                WHERE v.indicator_id = i.id AND v.measured_on < %s
                ORDER BY v.measured_on DESC, v.id DESC LIMIT 1),
               (SELECT e.judgement FROM {evaluation._meta.db_table} e
                JOIN {meeting._meta.db_table} m ON m.id = e.meeting_id
                WHERE e.goal_id = g.id AND m.held_on < %s
                ORDER BY m.held_on DESC, e.id DESC LIMIT 1)
        FROM {goal._meta.db_table} g
        JOIN {plan._meta.db_table} p ON p.id = g.plan_id
        JOIN enforcement_theme t ON t.id = p.theme_id
        LEFT JOIN {indicator._meta.db_table} i ON i.goal_id = g.id
        WHERE p.year = %s {"AND p.theme_id = %s" if theme_id is not None else ""}
        ORDER BY t."order", t.name, g."order", g.id
    """  # noqa: S608  (table names from the models, values as parameters)  # nosec B608: names from the code (models, constants), values as %s parameters
    params = [period.end, period.end, period.year] + ([theme_id] if theme_id is not None else [])
    fields = (
        "id",
        "title",
        "plan__theme_id",
        "plan__theme__name",
        "indicator__id",
        "indicator__name",
        "indicator__baseline",
        "indicator__target",
        "indicator__source",
        "indicator__category_id",
        "latest_value",
        "judgement",
    )
    goals = [dict(zip(fields, row, strict=True)) for row in fetch(sql, params)]
    computed = _computed_indicator_values(goals, period)
    labels = dict(evaluation.Judgement.choices)
    rows = [
        {
            "key": f"goal:{g['id']}",
            "label": g["title"],
            "values": [
                g["plan__theme__name"],
                g["indicator__name"] or "–",
                _num(g["indicator__baseline"]),
                _num(g["indicator__target"]),
                _num(
                    g["latest_value"]
                    if g["indicator__source"] in (None, "manual")
                    else computed.get(g["indicator__id"])
                ),
                str(labels.get(g["judgement"], "nog geen oordeel")),
            ],
        }
        for g in goals
    ]
    return {
        "key": "goals",
        "title": "Doelen, indicatoren en oordeel van de expertgroep",
        "kind": "list",
        "unit": "number",
        "suppress": False,
        "columns": ["Thema", "Indicator", "Nulmeting", "Streefwaarde", "Waarde", "Oordeel"],
        "rows": rows,
        "total": None,
    }


def _grouped_sums(table: str, value: str, dims: list[str], where: str, params: list) -> list:
    """``SUM(value)`` per ``dims`` of a rollup table, as dicts (hand-written: the ORM
    would take longer to build these small queries than PostgreSQL to run them)."""
    cols = ", ".join(dims)
    sql = f"SELECT {cols}, SUM({value}) FROM {table} WHERE {where} GROUP BY {cols}"  # noqa: S608  # nosec B608: names from the code (models, constants), values as %s parameters
    return [dict(zip([*dims, "n"], row, strict=True)) for row in fetch(sql, params)]


def _computed_indicator_values(goals: list[dict], period: Period) -> dict[int, float]:
    """Indicator values computed from the registration as planning defines them
    (``planning.selectors.indicator_current``): from 1 January of the plan's year to the
    end of the period. One grouped query per source in use (at most four), then each
    indicator adds up the groups that match its theme, category and areas."""
    from reports.models import (
        IncidentCategoryMonthTotal,
        IncidentMonthTotal,
        IncidentSourceMonthTotal,
        ViolationMonthTotal,
    )

    wanted = [g for g in goals if g["indicator__source"] not in (None, "manual")]
    if not wanted:
        return {}
    start = Period(period.year)
    themes = sorted({g["plan__theme_id"] for g in wanted})
    sources = {g["indicator__source"] for g in wanted}
    through = model("planning.Indicator").areas.through._meta.db_table
    areas: dict[int, set] = {}
    for indicator_id, area_id in fetch(
        f"SELECT indicator_id, area_id FROM {through} WHERE indicator_id = ANY(%s)",  # noqa: S608  # nosec B608: names from the code (models, constants), values as %s parameters
        [[g["indicator__id"] for g in wanted]],
    ):
        areas.setdefault(indicator_id, set()).add(area_id)
    if areas:
        # An indicator for a district counts its neighbourhoods too (one rule for all).
        from enforcement.selectors.areas import area_sets

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
            model("planning.EffortMonthTotal")._meta.db_table,
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


def _groups_not_met_table(*, period: Period, theme_id: int | None) -> dict:
    """Expert groups that did not meet in the quarter (in a year: met fewer than twice)."""
    from django.db.models import Count, Max, Q

    group = model("planning.ExpertGroup")
    needed = 2 if period.is_year else 1
    qs = group.objects.annotate(
        met=Count(
            "meetings",
            filter=Q(meetings__held_on__gte=period.start, meetings__held_on__lt=period.end),
        ),
        last_met=Max("meetings__held_on", filter=Q(meetings__held_on__lt=period.end)),
    ).filter(met__lt=needed)
    if theme_id is not None:
        qs = qs.filter(theme_id=theme_id)
    rows = [
        {
            "key": f"group:{g['id']}",
            "label": g["name"],
            "values": [
                g["theme__name"],
                g["met"],
                g["last_met"].strftime("%d-%m-%Y") if g["last_met"] else "nooit",
            ],
        }
        for g in qs.order_by("theme__order", "name").values(
            "id", "name", "theme__name", "met", "last_met"
        )
    ]
    return {
        "key": "expert_groups_not_met",
        "title": (
            "Expertgroepen die minder dan twee keer bijeenkwamen"
            if period.is_year
            else "Expertgroepen die niet bijeenkwamen"
        ),
        "kind": "list",
        "unit": "count",
        "suppress": False,
        "columns": ["Thema", "Bijeenkomsten", "Laatste bijeenkomst"],
        "rows": rows,
        "total": None,
    }
