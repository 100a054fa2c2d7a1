"""Render a council report's (frozen) figures as HTML, PDF, XLSX, CSV and JSON.

All formats render the same presented tables (``presentation.present``) with the
report's own suppression threshold, and contain only aggregate numbers, theme, area
and intervention names: no record, name, address or date of birth.
"""

from __future__ import annotations

from collections import OrderedDict

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts import pdf
from reports import opendata, spreadsheet
from reports.models import CouncilReport
from reports.presentation import present
from reports.theme_pages import theme_page

# A published version never changes (CouncilReport), so its presented tables are kept per
# process, per language: the portal's trend page presents every published quarter on each
# view (85 ms each on the large data set), the comparison page two. Drafts are presented
# anew each time. The readers only read what they get (test_presented_reports_are_kept).
_PRESENTED: OrderedDict[tuple, dict] = OrderedDict()
PRESENTED_KEPT = 32


def _kept_key(report: CouncilReport) -> tuple | None:
    if report.status != CouncilReport.Status.PUBLISHED or report.pk is None:
        return None
    return (report.pk, report.published_at, translation.get_language())


def load_figures_to_present(reports: list[CouncilReport]) -> None:
    """Read, in one query, the figures of those ``reports`` (read without them, as
    reports.permissions gives them) that presented_for would present anew: the trend
    page's first view in a process otherwise read them one report at a time."""
    missing = [
        r
        for r in reports
        if "figures" in r.get_deferred_fields()
        and ((key := _kept_key(r)) is None or key not in _PRESENTED)
    ]
    if not missing:
        return
    figures = dict(
        CouncilReport.objects.filter(pk__in=[r.pk for r in missing]).values_list("pk", "figures")
    )
    for report in missing:
        report.figures = figures[report.pk]


def presented_for(report: CouncilReport) -> dict:
    key = _kept_key(report)
    if key is None:
        return _present(report)
    presented = _PRESENTED.get(key)
    if presented is None:
        presented = _PRESENTED[key] = _present(report)
        while len(_PRESENTED) > PRESENTED_KEPT:
            _PRESENTED.popitem(last=False)
    else:
        _PRESENTED.move_to_end(key)
    return presented


def _present(report: CouncilReport) -> dict:
    return present(report.figures, threshold=report.threshold, links=False, council=True)


def _context(report: CouncilReport, presented: dict) -> dict:
    # The PDF lays each theme's page out with fewer, fuller tables (reports.theme_pages).
    pdf_tables = {
        **presented,
        "theme_sections": [theme_page(s) for s in presented["theme_sections"]],
    }
    return {
        "report": report,
        "period": report.period_obj,
        "p": pdf_tables,
        "municipality": settings.MUNICIPALITY_NAME,
        "generated_at": timezone.localtime(report.published_at or timezone.now()),
    }


def render_html(report: CouncilReport, presented: dict | None = None) -> str:
    # The council's files are a Dutch document whatever the interface language of whoever
    # set off the build: they render under Dutch (the pages around them translate).
    with translation.override("nl"):
        presented = presented or presented_for(report)
        return render_to_string("reports/pdf/report.html", _context(report, presented))


def render_pdf(report: CouncilReport, presented: dict | None = None) -> bytes:
    return pdf.render_pdf(render_html(report, presented), variant="pdf/ua-1")


def full_tables(report: CouncilReport) -> dict:
    """Every table whole (all areas), with the report's suppression: the data files."""
    return present(report.figures, threshold=report.threshold, links=False)


def render_xlsx(report: CouncilReport, presented: dict | None = None) -> bytes:
    return spreadsheet.render_xlsx(
        report, full_tables(report), council=presented or presented_for(report)
    )


def render_csv(report: CouncilReport, full: dict | None = None) -> bytes:
    return opendata.render_csv(report, full or full_tables(report))


def render_json(report: CouncilReport, full: dict | None = None) -> bytes:
    return opendata.render_json(report, full or full_tables(report))


# Each file's step and the progress before it starts (the PDF takes most of the time).
STEPS = [
    ("pdf", 10, "PDF maken (1 van 4)"),
    ("xlsx", 80, "Excel maken (2 van 4)"),
    ("csv", 88, "CSV maken (3 van 4)"),
    ("json", 92, "JSON maken (4 van 4)"),
]


def render_all(report: CouncilReport, progress=None) -> dict[str, bytes]:
    """All files of ``report``; ``progress(percent, step)`` is told before each file."""
    with translation.override("nl"):
        return _render_all(report, progress)


def _render_all(report: CouncilReport, progress=None) -> dict[str, bytes]:
    presented = presented_for(report)
    full = full_tables(report)
    render = {
        "pdf": lambda: render_pdf(report, presented),
        "xlsx": lambda: spreadsheet.render_xlsx(report, full, council=presented),
        "csv": lambda: render_csv(report, full),
        "json": lambda: render_json(report, full),
    }
    files = {}
    for fmt, percent, step in STEPS:
        if progress is not None:
            progress(percent, step)
        files[fmt] = render[fmt]()
    return files
