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
Each subject has its module here (incidents, effort, violations, cases, planning,
indicators); ``tables`` is the one table builder they all use.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from enforcement.models import Area, InterventionType, Theme
from enforcement.selectors.areas import area_sets, roll_up
from reports.figures.cases import cases_opened, cases_tables
from reports.figures.effort import effort_by_area, effort_minutes, effort_tables
from reports.figures.forecast import forecast_check_tables
from reports.figures.incidents import incident_tables, incidents_counts
from reports.figures.planning import GOAL_COLUMNS, planning_tables
from reports.figures.queries import compared
from reports.figures.tables import has_data, listing
from reports.figures.trends import trend_series
from reports.figures.violations import violation_tables, violations_counts
from reports.periods import Period

__all__ = [
    "effort_by_area",
    "effort_minutes",
    "figures_compute",
    "incidents_counts",
    "period_is_empty",
    "violations_counts",
]


# --- reference data (3 queries) -----------------------------------------------------


def _reference() -> dict:
    themes = list(Theme.objects.order_by("order", "name").values("id", "code", "name", "active"))
    areas = list(
        Area.objects.order_by("code").values(
            "id", "code", "name", "population", "parent_id", "kind"
        )
    )
    interventions = list(
        InterventionType.objects.order_by("ladder_step", "name").values("id", "code", "name")
    )
    return {"themes": themes, "areas": areas, "interventions": interventions}


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


# The subjects in the order they are computed, with the share of the work done before
# each one starts (for the build's progress bar; measured on the large data set).
STEPS = (
    (0.0, "Meldingen tellen"),
    (0.25, "Inzet van handhavers tellen"),
    (0.45, "Overtredingen tellen"),
    (0.6, "Zaken tellen"),
    (0.75, "Uitvoeringsprogramma en doelen"),
    (0.85, "Trends van acht kwartalen"),
)


def figures_compute(
    *,
    period: Period,
    theme_id: int | None = None,
    per_theme: bool = True,
    progress: Callable[[float, str], None] | None = None,
) -> dict:
    """All figures for ``period`` (optionally one theme), with their comparisons;
    ``per_theme``: also a section per theme (the council report's theme pages);
    ``progress(fraction, step)`` is told before each subject is counted."""
    steps = iter(STEPS)

    def step() -> None:
        fraction, label = next(steps)
        if progress is not None:
            progress(fraction, label)

    step()
    ref = _reference()
    incidents = incidents_counts(period=period, theme_id=theme_id)
    step()
    effort = effort_minutes(period=period, theme_id=theme_id)
    # Per area for all themes only: effort is recorded per shift's areas, not per theme.
    effort_areas = effort_by_area(period=period) if theme_id is None else None
    step()
    violations = violations_counts(period=period, theme_id=theme_id)
    _with_sub_areas(ref, incidents=incidents, violations=violations, effort_areas=effort_areas)
    step()
    cases = cases_tables(period=period, theme_id=theme_id, ref=ref)
    step()
    planning = planning_tables(period=period, theme_id=theme_id, ref=ref)
    step()

    theme = next((t for t in ref["themes"] if t["id"] == theme_id), None)
    sections = [
        {
            "key": "incidents",
            "title": "Meldingen",
            "tables": incident_tables(counts=incidents, ref=ref, period=period, theme_id=theme_id),
        },
        {
            "key": "effort",
            "title": "Inzet van handhavers",
            "tables": effort_tables(
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
            "tables": violation_tables(
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
    if theme_id is None and per_theme:
        # The council report: forecast against actual, stored with the build.
        check = forecast_check_tables(period=period, ref=ref)
        if check:
            sections.append({"key": "forecast", "title": "Vooruitblik", "tables": check})
    theme_sections = []
    goals_rows = next((t["rows"] for t in planning["tables"] if t["key"] == "goals"), [])
    if theme_id is None and per_theme:
        for t in ref["themes"]:
            if not (
                has_data(incidents["theme"].get(t["id"], []))
                or t["id"] in effort["theme"]
                or t["id"] in violations["theme_intervention"]
            ):
                continue
            prefix = f"theme{t['id']}_"
            goals = [g for g in goals_rows if g["values"][0] == t["name"]]
            theme_sections.append(
                {
                    "key": f"theme:{t['id']}",
                    "title": t["name"],
                    "total": incidents["theme"].get(t["id"], [0, 0, 0]),
                    "tables": (
                        [
                            listing(
                                f"{prefix}goals",
                                "Doelen en oordeel van de expertgroep",
                                GOAL_COLUMNS,
                                goals,
                                unit="number",
                            )
                        ]
                        if goals
                        else []
                    )
                    + incident_tables(
                        counts=incidents, ref=ref, period=period, theme_id=t["id"], prefix=prefix
                    )
                    + effort_tables(
                        effort=effort,
                        planned=planning["planned_hours"],
                        ref=ref,
                        theme_id=t["id"],
                        prefix=prefix,
                        period=period,
                    )
                    + violation_tables(
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
                or cases_opened(cases)
            ),
        },
        "sections": sections,
        "theme_sections": theme_sections,
        # The first page of the council report: eight periods of its measures.
        "summary": (
            {
                **trend_series(period=period),
                "themes": [{"id": t["id"], "name": t["name"]} for t in ref["themes"]],
            }
            if theme_id is None and per_theme
            else None
        ),
    }


def period_is_empty(figures: dict) -> bool:
    return figures["meta"]["empty"]
