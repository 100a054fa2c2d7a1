"""Figures from cases and planning, when those apps have their models.

``reports`` reads every app and nothing depends on it, but cases and planning may
not have their models yet in a given deployment. Each function here looks the
models up with ``apps.get_model`` and returns "no data" (an empty list of tables,
``None`` for planned hours) when they are not there, so reports still build end
to end. One query per subject, computed in the database.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import connection

from reports.periods import Period


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _periods(period: Period) -> list[Period]:
    return [period, period.previous, period.year_earlier]


def _num(value) -> float | None:
    return None if value is None else round(float(value), 2)


# --- cases --------------------------------------------------------------------------


def cases_available() -> bool:
    return _model("cases.Case") is not None


def cases_tables(*, period: Period, theme_id: int | None, ref: dict) -> list[dict]:
    """Cases opened, closed, overdue at the end of the period, median lead time (days).

    Overdue: still open at the end of the period with a due date before it. Lead time:
    opened to closed, of the cases closed in the period (median, percentile_cont).
    """
    case = _model("cases.Case")
    if case is None:
        return []
    periods = _periods(period)
    table = case._meta.db_table
    cols: list[str] = []
    params: list[Any] = []
    for p in periods:
        cols.append("COUNT(*) FILTER (WHERE opened_at >= %s AND opened_at < %s)")
        params += [p.start_at, p.end_at]
    for p in periods:
        cols.append("COUNT(*) FILTER (WHERE closed_at >= %s AND closed_at < %s)")
        params += [p.start_at, p.end_at]
    for p in periods:
        cols.append(
            "COUNT(*) FILTER (WHERE opened_at < %s AND (closed_at IS NULL OR closed_at >= %s)"
            " AND due_date < %s)"
        )
        params += [p.end_at, p.end_at, p.end]
    for p in periods:
        cols.append(
            "percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM closed_at - opened_at)"
            " / 86400.0) FILTER (WHERE closed_at >= %s AND closed_at < %s)"
        )
        params += [p.start_at, p.end_at]
    earliest = min(p.start_at for p in periods)
    latest = max(p.end_at for p in periods)
    # Open cases and cases closed since the earliest period: both from the closed_at index.
    where = "opened_at < %s AND (closed_at IS NULL OR closed_at >= %s)"
    params += [latest, earliest]
    if theme_id is not None:
        where += " AND theme_id = %s"
        params.append(theme_id)
    sql = f"""
        SELECT theme_id, GROUPING(theme_id), {", ".join(cols)}
        FROM {table} WHERE {where}
        GROUP BY GROUPING SETS ((), (theme_id))
    """  # noqa: S608  (table name from the model, values as parameters)
    by_theme: dict = {}
    total = None
    for theme, grouped, *vals in _fetch(sql, params):
        entry = {
            "opened": [int(v or 0) for v in vals[0:3]],
            "closed": [int(v or 0) for v in vals[3:6]],
            "overdue": [int(v or 0) for v in vals[6:9]],
            "lead": [_num(v) for v in vals[9:12]],
        }
        if grouped:
            total = entry
        else:
            by_theme[theme] = entry
    empty = {"opened": [0] * 3, "closed": [0] * 3, "overdue": [0] * 3, "lead": [None] * 3}
    total = total or empty
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
    return _model("planning.Activity") is not None


def planning_tables(*, period: Period, theme_id: int | None, ref: dict) -> dict:
    activity = _model("planning.Activity")
    if activity is None:
        return {"planned_hours": None, "tables": []}
    programme_table = _model("planning.Programme")._meta.db_table
    link = _model("planning.PlannedEffort")
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
            SELECT pe.activity_id, SUM(ef.minutes) AS minutes
            FROM {link._meta.db_table} pe
            JOIN enforcement_patroleffort ef ON ef.id = pe.effort_id
            JOIN enforcement_patrollog l ON l.id = ef.patrol_log_id
            WHERE l.started_at >= %s AND l.started_at < %s
            GROUP BY pe.activity_id
        ) e ON e.activity_id = a.id
        WHERE p.status = 'adopted' AND NOT a.deferred
          AND a.start_month <= %s AND a.end_month >= %s AND p.year = %s {where}
        GROUP BY GROUPING SETS ((), (a.theme_id))
    """  # noqa: S608
    # The share expression's month bounds come first in the SELECT list.
    params = [
        last_month,
        first_month,
        period.start_at,
        period.end_at,
        last_month,
        first_month,
        period.year,
    ] + ([theme_id] if theme_id is not None else [])
    rows = _fetch(sql, params)
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
    from django.db.models import OuterRef, Subquery

    goal = _model("planning.Goal")
    value = _model("planning.IndicatorValue")
    evaluation = _model("planning.Evaluation")
    latest_value = value.objects.filter(
        indicator__goal=OuterRef("pk"), measured_on__lt=period.end
    ).order_by("-measured_on", "-id")
    latest_judgement = evaluation.objects.filter(
        goal=OuterRef("pk"), meeting__held_on__lt=period.end
    ).order_by("-meeting__held_on", "-id")
    qs = goal.objects.filter(plan__year=period.year)
    if theme_id is not None:
        qs = qs.filter(plan__theme_id=theme_id)
    goals = list(
        qs.annotate(
            latest_value=Subquery(latest_value.values("value")[:1]),
            judgement=Subquery(latest_judgement.values("judgement")[:1]),
        )
        .order_by("plan__theme__order", "plan__theme__name", "order", "id")
        .values(
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
    )
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


def _computed_indicator_values(goals: list[dict], period: Period) -> dict[int, float]:
    """Indicator values computed from the registration as planning defines them
    (``planning.selectors.indicator_current``): from 1 January of the plan's year to the
    end of the period. One grouped query per source in use (at most four), then each
    indicator adds up the groups that match its theme, category and areas."""
    from django.db.models import Count, Sum

    from enforcement.models import Incident, Violation

    wanted = [g for g in goals if g["indicator__source"] not in (None, "manual")]
    if not wanted:
        return {}
    start = Period(period.year)
    themes = {g["plan__theme_id"] for g in wanted}
    sources = {g["indicator__source"] for g in wanted}
    through = _model("planning.Indicator").areas.through
    areas: dict[int, set] = {}
    for indicator_id, area_id in through.objects.filter(
        indicator_id__in=[g["indicator__id"] for g in wanted]
    ).values_list("indicator_id", "area_id"):
        areas.setdefault(indicator_id, set()).add(area_id)
    incident_groups: list = []
    violation_counts: dict = {}
    effort_minutes: dict = {}
    if "incidents" in sources:
        # All themes: counted from the covering index on occurred_at alone (a filter on
        # theme would send the planner to the table); the groups of other themes are
        # ignored below.
        incident_groups = list(
            Incident.objects.filter(occurred_at__gte=start.start_at, occurred_at__lt=period.end_at)
            .values("theme_id", "category_id", "area_id")
            .annotate(n=Count("*"))
        )
    if "violations" in sources:
        violation_counts = dict(
            Violation.objects.filter(
                offence__theme_id__in=themes,
                committed_on__gte=start.start,
                committed_on__lt=period.end,
            )
            .values("offence__theme_id")
            .annotate(n=Count("id"))
            .values_list("offence__theme_id", "n")
        )
    if "effort_hours" in sources:
        # Whole local months: summed from planning's monthly effort rollup (the same
        # minutes as the effort rows of shifts started from 1 January to the period's end).
        months = _model("planning.EffortMonthTotal").objects.filter(
            theme_id__in=themes, year=start.year
        )
        if period.end.year == start.year:
            months = months.filter(month__lt=period.end.month)
        effort_minutes = dict(
            months.values("theme_id").annotate(m=Sum("minutes")).values_list("theme_id", "m")
        )
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
                    and (category is None or row["category_id"] == category)
                    and (not in_areas or row["area_id"] in in_areas)
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

    group = _model("planning.ExpertGroup")
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
