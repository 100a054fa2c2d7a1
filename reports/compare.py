"""Compare two published reports, period against period, from their frozen figures.

Each side keeps the suppression of its own report; a difference is shown only when
both numbers are shown (presentation rule 3).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from reports import charts
from reports.models import CouncilReport
from reports.presentation import DASH, fmt_delta
from reports.renderers import load_figures_to_present, presented_for


def _tables(report: CouncilReport) -> dict[str, dict]:
    presented = presented_for(report)
    return {t["key"]: t for s in presented["sections"] for t in s["tables"] if t["comparison"]}


def compare_reports(a: CouncilReport, b: CouncilReport) -> dict:
    """Tables with, per row, the period figure of ``a``, of ``b`` and ``b - a``."""
    if a.period > b.period:
        a, b = b, a
    load_figures_to_present([a, b])
    ta, tb = _tables(a), _tables(b)
    empty = {"text": DASH, "value": None, "suppressed": False}
    tables = []
    for key, table in {**ta, **tb}.items():
        left, right = ta.get(key), tb.get(key)
        rows_a = {r["key"]: r for r in (left["rows"] if left else [])}
        rows_b = {r["key"]: r for r in (right["rows"] if right else [])}
        order = list(rows_a) + [k for k in rows_b if k not in rows_a]
        rows = []
        for row_key in order:
            ra, rb = rows_a.get(row_key), rows_b.get(row_key)
            rows.append(
                _row(
                    (ra or rb)["label"],
                    ra and ra["cells"][0],
                    rb and rb["cells"][0],
                    table["unit"],
                    empty,
                )
            )
        total = None
        if (left and left["total"]) or (right and right["total"]):
            total = _row(
                _("Totaal"),
                left and left["total"] and left["total"]["cells"][0],
                right and right["total"] and right["total"]["cells"][0],
                table["unit"],
                empty,
            )
        labels = (a.period_obj.label, b.period_obj.label)
        drawn = [r for r in rows if any(c["value"] for c in r["cells"][:2])]
        chart = (
            charts.compare_chart(table["title"], drawn, labels=labels)
            if drawn and table["unit"] in ("count", "hours", "rate")
            else ""
        )
        tables.append(
            {"key": key, "title": table["title"], "rows": rows, "total": total, "chart": chart}
        )
    return {
        "a": a,
        "b": b,
        "headers": [a.period_obj.label, b.period_obj.label, _("verschil")],
        "tables": tables,
    }


def _row(label, ca, cb, unit, empty) -> dict:
    ca, cb = ca or empty, cb or empty
    if ca["suppressed"] or cb["suppressed"] or ca["value"] is None or cb["value"] is None:
        delta = empty
    else:
        value = round(cb["value"] - ca["value"], 2)
        delta = {"text": fmt_delta(value, unit), "value": value, "suppressed": False}
    return {"label": label, "cells": [ca, cb, delta]}


def measure_across(reports: list[CouncilReport]) -> dict:
    """Each comparison table of ``reports`` (oldest first) across them: per row the
    period figure of every report, as that report shows it (its own suppression), and a
    line chart of the total (or of the only row)."""
    load_figures_to_present(reports)
    per_report = [_tables(r) for r in reports]
    measures: dict[str, str] = {}
    for tables in reversed(per_report):
        for key, t in tables.items():
            measures.setdefault(key, t["title"])
    empty = {"text": DASH, "value": None, "suppressed": False}
    out = {}
    for key, title in measures.items():
        rows: dict[str, dict] = {}
        for i, tables in enumerate(per_report):
            t = tables.get(key)
            if t is None:
                continue
            for r in [*t["rows"], *([t["total"] | {"key": "total"}] if t["total"] else [])]:
                entry = rows.setdefault(
                    r.get("key", "total"), {"label": r["label"], "cells": [empty] * len(reports)}
                )
                entry["cells"] = [*entry["cells"][:i], r["cells"][0], *entry["cells"][i + 1 :]]
        line_row = rows.get("total") or (next(iter(rows.values())) if len(rows) == 1 else None)
        chart = ""
        if line_row is not None:
            points = [
                (r.period_obj.label, None if c["suppressed"] else c["value"], c["text"])
                for r, c in zip(reports, line_row["cells"], strict=True)
            ]
            chart = charts.line_chart(f"{title}, {line_row['label']}", points)
        out[key] = {"title": title, "rows": list(rows.values()), "chart": chart}
    return {"measures": list(measures.items()), "tables": out}
