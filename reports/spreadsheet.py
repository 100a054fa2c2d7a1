"""The council report as a workbook for analysts.

A sheet per section with one frozen, bold header row; each comparison table is a block
of rows named in the column "tabel", so the sheet can be filtered and pivoted. Numbers
are numbers (a suppressed cell is empty, with a comment "< 5", and the row's column
"onderdrukt" names what is hidden); the two difference columns have distinct names;
each main sheet has a native bar chart of its first table. List tables (programme,
goals, expert groups) get their own sheet with their own header. All cells go through
``accounts.exports`` (formula-like text is neutralised).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from accounts import exports

FORMATS = {"count": "0", "hours": "0.0", "percent": "0.0", "rate": "0.00", "days": "0.0"}
LIST_SHEETS = {
    "effort_planned_vs_realised": "Inzet gepland",
    "programme_activities": "Activiteiten",
    "goals": "Doelen",
    "expert_groups_not_met": "Expertgroepen",
    "forecast_check": "Verwacht en werkelijk",
}
SHEET_NAMES = {
    "incidents": "Meldingen",
    "effort": "Inzet",
    "violations": "Overtredingen",
    "cases": "Zaken",
    "planning": "Programma",
}


def _bold_header(ws, values: list[str]) -> None:
    cells = exports.xlsx_row(ws, values)
    for cell in cells:
        cell.font = _bold()
    ws.append(cells)


def _bold(size: float | None = None):
    from openpyxl.styles import Font

    return Font(bold=True, size=size)


def _write_rows(ws, *, table: dict, theme: str | None, threshold: int) -> None:
    from openpyxl.comments import Comment

    unit_format = FORMATS.get(table["unit"], "0.0")
    rows = [*table["rows"], *table.get("appendix_rows", [])]
    rows += [table["total"]] if table["total"] else []
    for r in rows:
        cells = r["cells"]
        values = [
            None if c["suppressed"] or isinstance(c["value"], str) else c["value"] for c in cells
        ]
        hidden = [h for h, c in zip(table["headers"], cells, strict=True) if c["suppressed"]]
        prefix = [table["title"]] + ([theme] if theme is not None else []) + [r["label"]]
        row = exports.xlsx_row(ws, [*prefix, *values, ", ".join(hidden)])
        for c, cell in zip(cells, row[len(prefix) :], strict=False):
            cell.number_format = unit_format
            if c["suppressed"]:
                cell.comment = Comment(
                    c["text"] if c["text"] != "–" else f"verborgen (< {threshold})", "rapportage"
                )
        ws.append(row)


def _chart(ws, *, title: str, rows: int, first_col: int, header_row: int = 1) -> None:
    """A bar chart of the first table's period and previous period, beside the data."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    if rows < 1:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.height, chart.width = 7 + rows * 0.35, 16
    data = Reference(
        ws, min_col=first_col, max_col=first_col + 1, min_row=header_row, max_row=header_row + rows
    )
    labels = Reference(ws, min_col=first_col - 1, min_row=header_row + 1, max_row=header_row + rows)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(labels)
    ws.add_chart(chart, f"{get_column_letter(first_col + 7)}2")


def _widths(ws, widths: list[float]) -> None:
    """Column widths (a write-only sheet takes them, and its frozen panes, before its
    first row)."""
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _comparison_sheet(
    wb, name: str, tables: list[tuple[str | None, dict]], presented: dict
) -> None:
    comparison = [(theme, t) for theme, t in tables if t["comparison"]]
    if not comparison:
        return
    ws = wb.create_sheet(title=name[:31])
    headers = comparison[0][1]["headers"]
    with_theme = any(theme is not None for theme, _t in comparison)
    lead = ["tabel"] + (["thema"] if with_theme else []) + ["onderdeel"]
    _widths(ws, [44] + ([22] if with_theme else []) + [30] + [14] * len(headers) + [30])
    ws.freeze_panes = "A2"
    _bold_header(ws, [*lead, *headers, "onderdrukt"])
    first_col = len(lead) + 1
    for theme, t in comparison:
        _write_rows(
            ws,
            table=t,
            theme=theme if with_theme else None,
            threshold=presented["threshold"],
        )
    first = comparison[0][1]
    _chart(ws, title=first["title"], rows=len(first["rows"]), first_col=first_col)


def _list_sheet(wb, table: dict) -> None:
    name = LIST_SHEETS.get(table["key"], table["title"])
    ws = wb.create_sheet(title=name[:31])
    _widths(ws, [40] + [18] * len(table["headers"]))
    ws.freeze_panes = "A2"
    _bold_header(ws, ["naam", *table["headers"]])
    for r in [*table["rows"], *([table["total"]] if table["total"] else [])]:
        exports.xlsx_append(ws, [r["label"], *[c["value"] for c in r["cells"]]])


def _overview(wb, report, presented: dict) -> None:
    ws = wb.create_sheet(title="Overzicht")
    _widths(ws, [30, 22, 90, 24])
    period = report.period_obj
    title = exports.xlsx_row(ws, [f"Raadsrapportage {period.long_label}"])
    title[0].font = _bold(14)
    ws.append(title)
    published = (
        timezone.localtime(report.published_at).strftime("%d-%m-%Y %H:%M")
        if report.published_at
        else "concept"
    )
    for values in (
        ["Gemeente", settings.MUNICIPALITY_NAME],
        ["Periode", period.label, period.start.isoformat(), period.last_day.isoformat()],
        ["Versie", report.version],
        ["Gepubliceerd", published],
        [
            "Kleine aantallen",
            f"Aantallen onder {report.threshold} zijn leeg, met een opmerking in de cel en de "
            "kolom 'onderdrukt'.",
        ],
        *([["Wat is er veranderd", report.change_note]] if report.change_note else []),
        [],
        ["Inleiding", report.introduction or ""],
        [],
    ):
        row = exports.xlsx_row(ws, values)
        if row:
            row[0].font = _bold()
        ws.append(row)
    summary = presented.get("summary") or []
    if summary:
        _bold_header(ws, ["Samenvatting", "waarde", "toelichting"])
        for card in summary:
            exports.xlsx_append(
                ws, [card["title"], card["value"], card["sentence"], card["flag_text"]]
            )


def render_xlsx(report, presented: dict, council: dict | None = None) -> bytes:
    """``presented``: full tables (every area); ``council``: with the summary cards."""
    from openpyxl import Workbook

    # Write-only: rows stream to the file; an ordinary workbook recounts its rows
    # (``max_row``) on every row asked for, which grew with the square of the rows.
    wb = Workbook(write_only=True)
    _overview(wb, report, council or presented)
    lists = []
    for s in presented["sections"]:
        _comparison_sheet(
            wb, SHEET_NAMES.get(s["key"], s["title"]), [(None, t) for t in s["tables"]], presented
        )
        lists += [t for t in s["tables"] if not t["comparison"] and not t["empty"]]
    if presented["theme_sections"]:
        tables = [(s["title"], t) for s in presented["theme_sections"] for t in s["tables"]]
        _comparison_sheet(wb, "Per thema", tables, presented)
    for t in lists:
        _list_sheet(wb, t)
    return exports.workbook_bytes(wb)
