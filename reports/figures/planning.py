"""Planning: programme activities, goals with their latest judgement, expert groups."""

from __future__ import annotations

from django.db.models import Count, Max, Q

from planning.models import (
    Activity,
    EffortMonthTotal,
    Evaluation,
    ExpertGroup,
    Goal,
    Indicator,
    IndicatorValue,
    Meeting,
    Programme,
    ThemePlan,
)
from reports.figures.indicators import computed_indicator_values
from reports.figures.queries import fetch
from reports.figures.tables import listing, num
from reports.periods import Period

GOAL_COLUMNS = ["Thema", "Indicator", "Nulmeting", "Streefwaarde", "Waarde", "Oordeel"]


def planning_tables(*, period: Period, theme_id: int | None, ref: dict) -> dict:
    activity = Activity
    programme_table = Programme._meta.db_table
    # Minutes of effort linked to each activity, of shifts started in the period: from
    # planning's trigger-maintained monthly rollup (periods are whole months of a year).
    rollup = EffortMonthTotal
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
        values = [int(count), int(done), num(hours), round(float(minutes or 0) / 60, 1)]
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
        listing(
            "programme_activities",
            "Activiteiten uitvoeringsprogramma (deze periode)",
            ["Gepland", "Met inzet", "Uren gepland", "Uren op activiteiten"],
            activity_rows,
            unit="hours",
            total=total_row if activity_rows else None,
        ),
        _goals_table(period=period, theme_id=theme_id, ref=ref),
        _groups_not_met_table(period=period, theme_id=theme_id),
    ]
    return {"planned_hours": planned_hours if rows else {}, "tables": tables}


def _goals_table(*, period: Period, theme_id: int | None, ref: dict) -> dict:
    """Goals of the period's theme plans, the indicator's value and the latest judgement."""
    goal, plan, indicator, value = Goal, ThemePlan, Indicator, IndicatorValue
    evaluation, meeting = Evaluation, Meeting
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
    computed = computed_indicator_values(goals, period)
    labels = dict(evaluation.Judgement.choices)
    rows = [
        {
            "key": f"goal:{g['id']}",
            "label": g["title"],
            "values": [
                g["plan__theme__name"],
                g["indicator__name"] or "–",
                num(g["indicator__baseline"]),
                num(g["indicator__target"]),
                num(
                    g["latest_value"]
                    if g["indicator__source"] in (None, "manual")
                    else computed.get(g["indicator__id"])
                ),
                str(labels.get(g["judgement"], "nog geen oordeel")),
            ],
        }
        for g in goals
    ]
    return listing(
        "goals",
        "Doelen, indicatoren en oordeel van de expertgroep",
        GOAL_COLUMNS,
        rows,
        unit="number",
    )


def _groups_not_met_table(*, period: Period, theme_id: int | None) -> dict:
    """Expert groups that did not meet in the quarter (in a year: met fewer than twice)."""
    group = ExpertGroup
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
    return listing(
        "expert_groups_not_met",
        (
            "Expertgroepen die minder dan twee keer bijeenkwamen"
            if period.is_year
            else "Expertgroepen die niet bijeenkwamen"
        ),
        ["Thema", "Bijeenkomsten", "Laatste bijeenkomst"],
        rows,
    )
