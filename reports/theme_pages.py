"""The council PDF's page per theme: fewer, fuller tables than the figures have.

A theme's figures hold three effort tables of one row each (realised hours, the reactive
share, planned against realised) and its goals with a column naming the theme. On the
theme's own page these read better, and lay out far faster (WeasyPrint's time grows with
tables and cells), as one effort table of two rows with the plan in a sentence under
its title, and the goals without the theme column. The cells are the presented cells
themselves, so suppression and formatting are those of every other file; the XLSX, CSV
and JSON keep the tables as the figures have them.
"""

from __future__ import annotations

from reports.presentation import DASH

EFFORT_TITLE = "Inzet van handhavers"
REALISED_LABEL = "Gerealiseerd (uren)"
REACTIVE_LABEL = "Aandeel reactief"


def _find(tables: list[dict], suffix: str) -> dict | None:
    return next((t for t in tables if t["key"].endswith(suffix)), None)


def _plan_sentence(planned: dict | None) -> str:
    if planned is None or not planned["rows"]:
        return ""
    plan, _done, share = planned["rows"][0]["cells"]
    if plan["value"] is None:
        return "Voor dit thema zijn in het uitvoeringsprogramma geen uren gepland."
    sentence = f"Gepland in het uitvoeringsprogramma: {plan['text']} uur"
    if share["value"] is not None and share["text"] != DASH:
        sentence += f"; daarvan is {share['text']} % gerealiseerd"
    return sentence + "."


def _effort_table(realised: dict, reactive: dict, planned: dict | None) -> dict:
    rows = [
        {**realised["rows"][0], "label": REALISED_LABEL},
        {**reactive["rows"][0], "label": REACTIVE_LABEL},
    ]
    return {
        **realised,
        "key": realised["key"].removesuffix("_realised"),
        "title": EFFORT_TITLE,
        "note": _plan_sentence(planned),
        "unit": "mixed",
        "rows": rows,
        # One theme's total is its only row.
        "total": None,
        "noted": realised["noted"] or reactive["noted"],
        "chart": "",
    }


def _without_theme_column(goals: dict) -> dict:
    if not goals["headers"] or goals["headers"][0] != "Thema":
        return goals
    return {
        **goals,
        "headers": goals["headers"][1:],
        "rows": [{**r, "cells": r["cells"][1:]} for r in goals["rows"]],
    }


def theme_page(section: dict) -> dict:
    """``section`` (a presented theme section) as its PDF page lays it out."""
    tables = section["tables"]
    realised = _find(tables, "_effort_realised")
    reactive = _find(tables, "_effort_reactive_share")
    planned = _find(tables, "_effort_planned_vs_realised")
    merge = (
        realised is not None
        and reactive is not None
        and len(realised["rows"]) == 1
        and len(reactive["rows"]) == 1
    )
    out = []
    for t in tables:
        if t["key"].endswith("_goals"):
            out.append(_without_theme_column(t))
        elif merge and t is realised:
            out.append(_effort_table(realised, reactive, planned))
        elif merge and (t is reactive or t is planned):
            continue
        else:
            out.append(t)
    return {**section, "tables": out}
