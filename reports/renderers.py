"""Render a council report's (frozen) figures as HTML, PDF, XLSX and CSV.

All formats render the same presented tables (``presentation.present``) with the
report's own suppression threshold, and contain only aggregate numbers, theme, area
and intervention names: no record, name, address or date of birth.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import exports, pdf
from reports.models import CouncilReport
from reports.presentation import flat_cells, present


def presented_for(report: CouncilReport) -> dict:
    return present(report.figures, threshold=report.threshold, links=False, council=True)


def _context(report: CouncilReport, presented: dict) -> dict:
    return {
        "report": report,
        "period": report.period_obj,
        "p": presented,
        "municipality": settings.MUNICIPALITY_NAME,
        "generated_at": timezone.localtime(report.published_at or timezone.now()),
    }


def render_html(report: CouncilReport, presented: dict | None = None) -> str:
    presented = presented or presented_for(report)
    return render_to_string("reports/pdf/report.html", _context(report, presented))


def render_pdf(report: CouncilReport, presented: dict | None = None) -> bytes:
    return pdf.render_pdf(render_html(report, presented), variant="pdf/ua-1")


def render_xlsx(report: CouncilReport, presented: dict | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    presented = presented or presented_for(report)
    period = report.period_obj
    wb = Workbook()
    ws = wb.active
    ws.title = "Overzicht"
    bold = Font(bold=True)
    exports.xlsx_append(ws, [f"Raadsrapportage {period.long_label}"])
    ws["A1"].font = Font(bold=True, size=14)
    exports.xlsx_append(ws, ["Gemeente", settings.MUNICIPALITY_NAME])
    exports.xlsx_append(
        ws, ["Periode", period.label, period.start.isoformat(), period.last_day.isoformat()]
    )
    exports.xlsx_append(ws, ["Versie", report.version])
    exports.xlsx_append(
        ws,
        [
            "Gepubliceerd",
            timezone.localtime(report.published_at).strftime("%d-%m-%Y %H:%M")
            if report.published_at
            else "concept",
        ],
    )
    exports.xlsx_append(
        ws,
        ["Kleine aantallen", f"Aantallen onder {report.threshold} staan als < {report.threshold}."],
    )
    if report.change_note:
        exports.xlsx_append(ws, ["Wat is er veranderd", report.change_note])
    exports.xlsx_append(ws, [])
    exports.xlsx_append(ws, ["Inleiding"])
    ws.cell(row=ws.max_row, column=1).font = bold
    for paragraph in (report.introduction or "").splitlines():
        exports.xlsx_append(ws, [paragraph])

    def sheet(title: str, sections: list[dict]):
        sh = wb.create_sheet(title=title[:31])
        for s in sections:
            exports.xlsx_append(sh, [s["title"]])
            sh.cell(row=sh.max_row, column=1).font = Font(bold=True, size=12)
            if not s["tables"]:
                exports.xlsx_append(sh, ["Geen gegevens beschikbaar."])
            for t in s["tables"]:
                exports.xlsx_append(sh, [t["title"]])
                sh.cell(row=sh.max_row, column=1).font = bold
                if t["empty"]:
                    exports.xlsx_append(sh, ["Geen gegevens in deze periode."])
                    exports.xlsx_append(sh, [])
                    continue
                exports.xlsx_append(sh, ["", *t["headers"]])
                for row in [*t["rows"], *([t["total"]] if t["total"] else [])]:
                    exports.xlsx_append(
                        sh,
                        [
                            row["label"],
                            *[
                                c["text"]
                                if c["suppressed"]
                                or c["value"] is None
                                or isinstance(c["value"], str)
                                else c["value"]
                                for c in row["cells"]
                            ],
                        ],
                    )
                exports.xlsx_append(sh, [])
        sh.column_dimensions["A"].width = 40

    sheet("Cijfers", presented["sections"])
    if presented["theme_sections"]:
        sheet("Per thema", presented["theme_sections"])
    return exports.workbook_bytes(wb)


def render_csv(report: CouncilReport, presented: dict | None = None) -> bytes:
    presented = presented or presented_for(report)
    return exports.csv_bytes(
        header=["periode", "versie", "onderdeel", "tabel", "rij", "kolom", "waarde"],
        rows=(
            [report.period, report.version, section, table, row, column, cell["text"]]
            for section, table, row, column, cell in flat_cells(presented)
        ),
    )


def render_all(report: CouncilReport) -> dict[str, bytes]:
    presented = presented_for(report)
    return {
        "pdf": render_pdf(report, presented),
        "xlsx": render_xlsx(report, presented),
        "csv": render_csv(report, presented),
    }
