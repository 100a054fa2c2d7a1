"""The one table builder of the figures: rows, comparison tables and list tables.

A table is ``{"key", "title", "kind": "comparison" | "list", "unit", "suppress",
"link", "rows": [row, ...], "total": row | None}`` (list tables add ``columns``); a row
is ``{"key", "label", "values", "basis"?, "filter"?}``. See ``reports.figures``.
"""

from __future__ import annotations

from typing import Any

from reports.periods import Period


def ints(values) -> list[int]:
    return [int(v or 0) for v in values]


def has_data(values: list) -> bool:
    return any(values)


def num(value) -> float | None:
    return None if value is None else round(float(value), 2)


def hours(minutes: list[int]) -> list[float]:
    # SUM over a bigint column arrives as Decimal; figures are stored as JSON floats.
    return [round(float(m) / 60, 1) for m in minutes]


def share(part: list[int], whole: list[int]) -> list[float | None]:
    return [round(100 * p / w, 1) if w else None for p, w in zip(part, whole, strict=True)]


def per_1000(counts: list[int], population: int | None) -> list[float | None]:
    if not population:
        return [None, None, None]
    return [round(1000 * c / population, 2) for c in counts]


def date_filter(period: Period) -> dict[str, str]:
    return {"date_from": period.start.isoformat(), "date_to": period.last_day.isoformat()}


def row(
    key: str,
    label: str,
    values: list,
    *,
    filter: dict | None = None,
    basis=None,
    level: str | None = None,
) -> dict:
    """``level``: an area row's kind (``wijk`` or ``buurt``): districts go in the report's
    body, neighbourhoods in its appendix."""
    out: dict[str, Any] = {"key": key, "label": label, "values": values}
    if level is not None:
        out["level"] = level
    if filter is not None:
        out["filter"] = filter
    if basis is not None:
        out["basis"] = basis
    return out


def total_row(values: list, *, filter: dict | None = None, basis=None, label="Totaal") -> dict:
    out: dict[str, Any] = {"label": label, "values": values}
    if filter is not None:
        out["filter"] = filter
    if basis is not None:
        out["basis"] = basis
    return out


def comparison(
    key: str,
    title: str,
    rows: list,
    *,
    total=None,
    unit="count",
    link=None,
    suppress: bool | None = None,
    **extra,
) -> dict:
    """Three values per row: the period, the previous period, the same period a year
    earlier. Counts (and what derives from them) are suppressed; hours are not."""
    return {
        "key": key,
        "title": title,
        "kind": "comparison",
        "unit": unit,
        "suppress": unit != "hours" if suppress is None else suppress,
        "link": link,
        "rows": rows,
        "total": total,
        **extra,
    }


def listing(key: str, title: str, columns: list[str], rows: list, *, unit="count", total=None):
    """A table of this period only, with its own columns (not suppressed)."""
    return {
        "key": key,
        "title": title,
        "kind": "list",
        "unit": unit,
        "suppress": False,
        "columns": columns,
        "rows": rows,
        "total": total,
    }
