"""Turn figures into display tables: formatting, small-count suppression, links.

The same presented tables feed every renderer (HTML, PDF, XLSX, CSV), so what a
council member reads in one format is what the others say.

Small-count suppression (``threshold`` = settings.REPORT_SUPPRESSION_THRESHOLD, per
table and per period column):

1. Primary: a count of records ``n`` with ``0 < n < threshold`` is shown as
   "< threshold". Zero is shown: it says nothing about any person.
2. Complementary: when a table has a total that is shown, the suppressed cells of a
   column must not be recoverable as "total minus the shown cells". So while a
   column has exactly one suppressed cell, or its suppressed cells add up to less
   than the threshold, the smallest shown non-zero cell is suppressed too; when no
   such cell is left, the total is suppressed.
3. Differences between periods are shown only when both numbers are shown.
4. Derived numbers (per 1,000 inhabitants, a median lead time) are shown only when
   the count they rest on (``basis``) is shown, also after step 2 of the count table
   they derive from (``basis_table``).

Hours and percentages of hours are not counts of records or persons and are not
suppressed. Staff dashboards call ``present`` with ``threshold=None``: they show the
real numbers and link each one to the records behind it.
"""

from __future__ import annotations

from django.utils.translation import gettext

from reports import charts
from reports.appendix import area_table, area_theme_matrix, place, says_something
from reports.links import linker as _linker

DASH = "–"
MAIN_DISTRICTS = 5  # districts on a theme's page; the others are in the appendix
# Units of numbers derived from counts (hidden with their basis, shown as a dash).
DERIVED_UNITS = ("rate", "days", "percent")
SUPPRESSED_NOTE = (
    "– bij een verhouding of mediaan: niet getoond, omdat het aantal waarop die berust "
    "kleiner is dan {threshold} (of een klein aantal zou verraden)."
)


def _(text: str) -> str:
    """A stored Dutch label in the reader's language: the figures are kept in Dutch (the
    council's files are rendered under Dutch, ``renderers``), the pages translate them.
    Never ``gettext("")``: that is the catalogue's header. A label without a translation
    (a theme's name, typed by the municipality) comes back exactly as stored: Django's
    gettext turns a carriage return into a line break even when it finds nothing."""
    if not text:
        return text
    translated = gettext(text)
    return text if translated == text.replace("\r\n", "\n").replace("\r", "\n") else translated


def delta_headers(periods: list[dict]) -> tuple[str, str]:
    """Distinct names for the two difference columns (also in the spreadsheet)."""
    if len(periods[0]["code"]) == 4:
        return _("verschil t.o.v. vorig jaar"), _("verschil t.o.v. vorig jaar")
    return _("verschil t.o.v. vorig kwartaal"), _("verschil t.o.v. zelfde kwartaal vorig jaar")


# --- number formatting (Dutch) --------------------------------------------------------


def fmt_number(value, unit: str = "count") -> str:
    if value is None:
        return DASH
    if unit == "count":
        return f"{int(value):,}".replace(",", ".")
    decimals = 2 if unit == "rate" else 1
    text = f"{float(value):,.{decimals}f}"
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{text} %" if unit == "percent" else text


def fmt_delta(value, unit: str) -> str:
    if value is None:
        return DASH
    if value == 0:
        return "0"
    sign = "+" if value > 0 else "−"
    text = fmt_number(abs(value), unit)
    if unit == "percent":
        text = text.replace(" %", " %-punt")
    return f"{sign}{text}"


# --- suppression ------------------------------------------------------------------


def suppress_column(values: list, total, threshold: int) -> tuple[list[bool], bool]:
    """Which cells of one column (and whether the total) must be hidden."""
    hidden = [v is not None and 0 < v < threshold for v in values]
    total_hidden = total is not None and 0 < total < threshold
    if total is None or total_hidden:
        return hidden, total_hidden
    while True:
        suppressed = [v for v, h in zip(values, hidden, strict=True) if h]
        if not suppressed or (len(suppressed) >= 2 and sum(suppressed) >= threshold):
            return hidden, False
        candidates = [
            (v, i) for i, (v, h) in enumerate(zip(values, hidden, strict=True)) if not h and v
        ]
        if not candidates:
            return hidden, True
        hidden[min(candidates)[1]] = True


def _suppression(table: dict, threshold: int | None, registry: dict) -> tuple[list, list]:
    """(hidden[row][col], total_hidden[col]) for a table."""
    rows = table["rows"]
    ncols = len(rows[0]["values"]) if rows else 3
    hidden = [[False] * ncols for _ in rows]
    total_hidden = [False] * ncols
    if threshold is None:
        return hidden, total_hidden
    if table.get("kind") == "comparison" and table.get("suppress") and table["unit"] == "count":
        total = table.get("total")
        for col in range(ncols):
            column = [r["values"][col] for r in rows]
            col_hidden, t_hidden = suppress_column(
                column, total["values"][col] if total else None, threshold
            )
            for i, h in enumerate(col_hidden):
                hidden[i][col] = h
            total_hidden[col] = t_hidden
    elif table.get("suppress"):
        sibling = registry.get(table.get("basis_table"), {})
        # Which column of the basis table each column rests on (default: the same one).
        sibling_cols = table.get("basis_columns") or list(range(ncols))
        for i, row in enumerate(rows):
            basis = row.get("basis")
            for col in range(ncols):
                b = basis[col] if basis else None
                hidden[i][col] = (b is not None and 0 < b < threshold) or (
                    sibling_cols[col] is not None
                    and sibling.get((row["key"], sibling_cols[col]), False)
                )
    registry[table["key"]] = {
        (row["key"], col): hidden[i][col] for i, row in enumerate(rows) for col in range(ncols)
    }
    return hidden, total_hidden


def _allowed_link(link: str | None, links) -> str | None:
    """``links``: False (none), True (all), or the names of the lists the user may open."""
    if not link or not links:
        return None
    if links is True or link in links:
        return link
    return None


# --- tables -------------------------------------------------------------------------


def _cell(value, unit: str, hidden: bool, threshold, href=None) -> dict:
    if hidden and unit in DERIVED_UNITS:
        # A rate or median is no count: "< 5" would read as a value; the footnote says why.
        return {"text": DASH, "value": None, "suppressed": True, "href": None, "note": True}
    if hidden:
        return {"text": f"< {threshold}", "value": None, "suppressed": True, "href": None}
    return {"text": fmt_number(value, unit), "value": value, "suppressed": False, "href": href}


def _text_cell(value: str, hidden: bool) -> dict:
    # A word resting on a hidden count (inside the interval or not) would tell it.
    if hidden:
        return {"text": DASH, "value": None, "suppressed": True, "href": None, "kind": "text"}
    return {"text": _(value), "value": value, "suppressed": False, "href": None, "kind": "text"}


def _cell_class(c: dict, *, delta: bool) -> str:
    """The classes of a table cell on a page (templates/reports/_table.html); set here once,
    so the template does not test every cell's column."""
    if c.get("kind") == "text":
        css = "text-start"
    elif delta:
        css = "text-end reports-delta"
    else:
        css = "text-end text-nowrap"
    return f"{css} text-body-secondary" if c["suppressed"] else css


def _delta_cell(a: dict, b: dict, unit: str) -> dict:
    if a["suppressed"] or b["suppressed"] or a["value"] is None or b["value"] is None:
        return {"text": DASH, "value": None, "suppressed": False, "href": None, "delta": True}
    value = round(a["value"] - b["value"], 2)
    return {"text": fmt_delta(value, unit), "value": value, "suppressed": False, "href": None}


def present_table(
    table: dict,
    *,
    periods: list[dict],
    threshold: int | None,
    registry: dict,
    links=False,
    split_levels: bool = False,
    top: int | None = None,
) -> dict:
    unit = table["unit"]
    hidden, total_hidden = _suppression(table, threshold, registry)
    comparison = table.get("kind") == "comparison"
    same_prev = comparison and periods[1]["code"] == periods[2]["code"]
    href = _linker(_allowed_link(table.get("link"), links), table.get("link_dates"))

    def cells(values, hidden_row, filt):
        if not comparison:
            return [
                _cell(v, unit if not isinstance(v, str) else "text", h, threshold)
                if not isinstance(v, str)
                else _text_cell(v, h)
                for v, h in zip(values, hidden_row, strict=True)
            ]
        base = [
            _cell(v, unit, h, threshold, href(filt, periods[i]))
            for i, (v, h) in enumerate(zip(values, hidden_row, strict=True))
        ]
        out = [base[0], base[1], _delta_cell(base[0], base[1], unit)]
        if not same_prev:
            out += [base[2], _delta_cell(base[0], base[2], unit)]
        return out

    delta_prev, delta_year = delta_headers(periods)
    if comparison:
        headers = [periods[0]["label"], periods[1]["label"], delta_prev]
        if not same_prev:
            headers += [periods[2]["label"], delta_year]
    else:
        headers = [_(c) for c in table.get("columns", [])]
    rows = [
        {
            "key": r["key"],
            "label": _(r["label"]),
            "level": r.get("level"),
            "cells": cells(r["values"], hidden[i], r.get("filter")),
        }
        for i, r in enumerate(table["rows"])
    ]
    # Council files: districts in the body, neighbourhoods in the appendix (only those
    # that say something); suppression was decided on the whole table above.
    # A theme's page names its main districts (``top``); the others join the appendix.
    appendix_rows, left_out, by_area = [], 0, []
    if split_levels and any(r["level"] for r in rows):
        # Every area's cell of this period, for the appendix's one table per area.
        by_area = [(r["key"], r["label"], r["level"], r["cells"][0]) for r in rows if r["level"]]
        body = [r for r in rows if r["level"] != "buurt"]
        if top is not None:
            ranked = sorted(
                (r for r in body if r["level"] == "wijk"),
                key=lambda r: (
                    -(r["cells"][0]["value"] or 0) if not r["cells"][0]["suppressed"] else 0
                ),
            )
            main = {id(r) for r in ranked[:top] if says_something(r)}
            body = sorted(
                (r for r in body if r["level"] != "wijk" or id(r) in main),
                key=lambda r: -(r["cells"][0]["value"] or 0) if r["level"] == "wijk" else 1,
            )
        rest = [r for r in rows if r not in body]
        appendix_rows = [r for r in rest if says_something(r)]
        left_out = len(rest) - len(appendix_rows)
        rows = body
    delta_columns = [i for i in (2, 4) if i < len(headers)] if comparison else []
    for row in rows:
        for i, c in enumerate(row["cells"]):
            c["delta"] = i in delta_columns
            c["css"] = _cell_class(c, delta=c["delta"])
    total = None
    if table.get("total"):
        t = table["total"]
        total = {"label": _(t["label"]), "cells": cells(t["values"], total_hidden, t.get("filter"))}
    presented = {
        "key": table["key"],
        "title": _(table["title"]),
        "note": _(table.get("note", "")),
        "unit": unit,
        "comparison": comparison,
        "headers": headers,
        # The difference columns: a phone shows them narrower (templates/reports/_table.html).
        "delta_columns": delta_columns,
        "rows": rows,
        "total": total,
        "empty": not rows,
        "noted": any(c.get("note") for r in rows for c in r["cells"]),
        "appendix_rows": appendix_rows,
        "left_out": left_out,
        "by_area": by_area,
    }
    drawn = [c["value"] for r in rows for c in r["cells"][:2] if c["value"]]
    if comparison and drawn and unit in ("count", "hours", "rate"):
        presented["chart"] = charts.bar_chart(presented, periods=periods)
    return presented


def present(figures: dict, *, threshold: int | None, links=False, council: bool = False) -> dict:
    """Display tables for every section of ``figures``.

    ``links``: False, True, or the URL names of the lists the viewer may open; a
    number links to the records behind it only where its list is among them.
    ``council``: the council's files and portal: districts in the body, neighbourhoods in
    an appendix, and the summary page first.
    """
    periods = figures["meta"]["periods"]
    registry: dict = {}

    def section(s: dict, top: int | None = None) -> dict:
        tables = [
            present_table(
                t,
                periods=periods,
                threshold=threshold,
                registry=registry,
                links=links,
                split_levels=council,
                top=top,
            )
            for t in s["tables"]
        ]
        if council:
            for t in tables:
                place(t, general=top is None)
        return {"key": s["key"], "title": _(s["title"]), "tables": tables}

    from reports.summary import NORMAL_VARIATION, summary_cards

    sections = [section(s) for s in figures["sections"]]
    theme_sections = [section(s, top=MAIN_DISTRICTS) for s in figures.get("theme_sections", [])]
    matrix = area_theme_matrix(sections, theme_sections) if council else None
    areas = area_table(sections) if council else None
    appendix = [
        {"section": s["title"], "table": t}
        for s in sections
        for t in s["tables"]
        if t["appendix_rows"]
    ]
    return {
        "meta": figures["meta"],
        "periods": periods,
        "threshold": threshold,
        "summary": summary_cards(figures, threshold) if council else [],
        "normal_variation": NORMAL_VARIATION,
        "suppressed_note": SUPPRESSED_NOTE.format(threshold=threshold) if threshold else "",
        "sections": sections,
        "theme_sections": theme_sections,
        "appendix": appendix,
        "matrix": matrix,
        "areas": areas,
    }
