"""The council files' appendix: which tables go whole into it (per area), and its two
wide tables (one per area of this period's figures, one of incidents per area and theme).

``reports.presentation.present`` lays out a council report with these; every cell comes
from the presented table it belongs to, so suppression is the same in body and appendix.
"""

from __future__ import annotations

# Council files: tables that go whole into the appendix (per area), and tables the
# general part leaves to the theme pages (each theme's goals are on its page).
APPENDIX_TABLES = (
    "incidents_per_1000",
    "incidents_by_area",
    "violations_by_area",
    "effort_by_area",
)
THEME_PAGE_TABLES = ("goals",)
# The appendix's table per area: its columns (these tables' cells of this period).
AREA_COLUMNS = {
    "incidents_by_area": "Meldingen",
    "incidents_per_1000": "Meldingen per 1.000 inwoners",
    "violations_by_area": "Overtredingen",
    "effort_by_area": "Inzet (uren)",
}


def says_something(row: dict) -> bool:
    """A row with at least one shown, non-zero number of a period (not a difference)."""
    return any(
        c["value"] and not c["suppressed"] for i, c in enumerate(row["cells"]) if i in (0, 1, 3)
    )


def place(t: dict, *, general: bool) -> None:
    """Council files: whether a table is in the body (``body``), and what of it is in the
    appendix. Per-area tables of the municipality and the rates go whole into the
    appendix (the rows that say something); the general part leaves the goals to the
    theme pages."""
    whole = t["key"] in APPENDIX_TABLES if general else t["key"].endswith("incidents_per_1000")
    if whole:
        shown = [r for r in t["rows"] if says_something(r)]
        t["left_out"] += len(t["rows"]) - len(shown)
        t["appendix_rows"] = shown + t["appendix_rows"]
    t["body"] = not whole and not (general and t["key"] in THEME_PAGE_TABLES)


def area_table(sections: list[dict]) -> dict | None:
    """The appendix's one table per area of this period's figures (incidents, the rate,
    effort, violations): each cell as its own table shows it, so suppression is the same.
    One wide table instead of one per measure: a quarter of the cells (the comparisons
    per neighbourhood are in the spreadsheet and the open data) and a fraction of the
    PDF's layout time."""
    tables = {t["key"]: t for s in sections for t in s["tables"] if t["key"] in APPENDIX_TABLES}
    measures = [tables[k] for k in AREA_COLUMNS if k in tables and tables[k]["by_area"]]
    if not measures:
        return None
    for t in measures:
        t["appendix_rows"] = []
    cells = [{key: cell for key, _, _, cell in t["by_area"]} for t in measures]
    empty = {"text": "0", "value": 0, "suppressed": False}
    rows, left_out = [], 0
    for key, label, level, _ in measures[0]["by_area"]:
        row = [c.get(key, empty) for c in cells]
        if any(c["value"] and not c["suppressed"] for c in row):
            rows.append({"label": label, "level": level, "cells": row})
        else:
            left_out += 1
    return {
        "title": f"Per wijk en buurt, {measures[0]['headers'][0]}",
        "headers": [AREA_COLUMNS[t["key"]] for t in measures],
        "rows": rows,
        "left_out": left_out,
        "noted": any(c.get("note") for r in rows for c in r["cells"]),
    }


def area_theme_matrix(sections: list[dict], theme_sections: list[dict]) -> dict | None:
    """The appendix's one table of incidents per area and theme (this period): the cells
    of each theme's area table as they are shown there, so suppression is the same."""
    general = next(
        (t for s in sections for t in s["tables"] if t["key"] == "incidents_by_area"), None
    )
    if general is None or not theme_sections:
        return None
    columns = []
    for s in theme_sections:
        table = next((t for t in s["tables"] if t["key"].endswith("_incidents_by_area")), None)
        cells = {}
        if table is not None:
            cells = {r["key"]: r["cells"][0] for r in [*table["rows"], *table["appendix_rows"]]}
            table["appendix_rows"] = []
        columns.append(cells)
    empty = {"text": "0", "value": 0, "suppressed": False}
    rows, left_out = [], 0
    for r in general["appendix_rows"]:
        cells = [c.get(r["key"], empty) for c in columns]
        if not any(c["value"] and not c["suppressed"] for c in cells):
            left_out += 1
            continue
        rows.append({"label": r["label"], "level": r["level"], "cells": cells})
    return {
        "title": f"Meldingen per gebied en thema, {general['headers'][0]}",
        "headers": [s["title"] for s in theme_sections],
        "rows": rows,
        "left_out": left_out,
    }
