"""Forecast against actual for the quarter just ended (forecast.models.QuarterCheck),
per theme: what the weekly job forecast from the weeks before the quarter, its 80%
interval, and the incidents that came in. Plain figures; one query."""

from __future__ import annotations

from django.utils import translation

from forecast.models import Method, QuarterCheck
from reports.figures.tables import listing, row


def forecast_vs_actual() -> dict | None:
    latest = QuarterCheck.objects.order_by("-quarter_start").values_list(
        "quarter_start", flat=True
    )[:1]
    rows = list(QuarterCheck.objects.filter(quarter_start__in=latest).select_related("theme"))
    if not rows:
        return None
    start = rows[0].quarter_start
    return {
        "quarter": f"K{(start.month - 1) // 3 + 1} {start.year}",
        "rows": [
            {
                "theme": r.theme.name,
                "expected": round(r.expected),
                "low": round(r.low),
                "high": round(r.high),
                "actual": r.actual,
                "error_pct": r.error_pct,
                "inside": r.low <= r.actual <= r.high,
                "method": r.get_method_display(),
            }
            for r in rows
        ],
    }


# The council report's table (a list table of the figures, so it is stored in the
# report's build and reaches the PDF, the XLSX and the open data like every other).
CHECK_COLUMNS = ["Verwacht", "80%-interval van", "tot", "Werkelijk", "Binnen interval", "Methode"]
CHECK_NOTE = (
    "Meldingen per thema: de verwachting gemaakt uit de weken vóór het kwartaal "
    "(met het 80%-interval) tegen wat er binnenkwam."
)


def forecast_check_tables(*, period, ref: dict) -> list[dict]:
    """Forecast against actual for ``period`` (a quarter) as one list table, or none when
    the weekly job has not checked that quarter. One query. The actual count and
    whether it fell inside the interval are hidden with the theme's incident count
    (``basis``, and the theme table's own suppression through ``basis_columns``)."""
    if period.is_year:
        return []
    checks = {
        c["theme_id"]: c
        for c in QuarterCheck.objects.filter(quarter_start=period.start).values(
            "theme_id", "expected", "low", "high", "actual", "method"
        )
    }
    if not checks:
        return []
    rows = []
    with translation.override("nl"):
        for t in ref["themes"]:
            c = checks.get(t["id"])
            if c is None:
                continue
            inside = c["low"] <= c["actual"] <= c["high"]
            rows.append(
                row(
                    f"theme:{t['id']}",
                    t["name"],
                    [
                        round(c["expected"]),
                        round(c["low"]),
                        round(c["high"]),
                        c["actual"],
                        "ja" if inside else "nee",
                        str(Method(c["method"]).label),
                    ],
                    basis=[None, None, None, c["actual"], c["actual"], None],
                )
            )
    table = listing("forecast_check", "Vooruitblik tegen werkelijkheid", CHECK_COLUMNS, rows)
    # The theme's actual count is the one of the incidents table: hidden where it is.
    table.update(
        suppress=True,
        basis_table="incidents_by_theme",
        basis_columns=[None, None, None, 0, 0, None],
        note=CHECK_NOTE,
    )
    return [table]
