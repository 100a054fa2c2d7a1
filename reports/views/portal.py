"""The council portal: published reports, downloads (logged) and comparing two periods."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.access import require
from accounts.models import AccessLogEntry
from accounts.services import access_log_record
from reports import permissions
from reports.compare import compare_reports, measure_across
from reports.forms import PortalCompareForm, PortalTrendForm
from reports.models import ReportFile
from reports.renderers import presented_for


def _latest_per_period(user) -> list:
    """Published reports, newest period first; per period the latest version and older ones."""
    reports = list(
        permissions.published_reports_visible_to(user)
        .prefetch_related("files")
        .order_by("-period", "-version")
    )
    by_period: dict[str, dict] = {}
    for report in reports:
        entry = by_period.setdefault(report.period, {"latest": report, "older": []})
        if entry["latest"] is not report:
            entry["older"].append(report)
    return list(by_period.values())


@login_required
def portal(request: HttpRequest) -> HttpResponse:
    require(permissions.can_read_published_reports(request.user))
    entries = _latest_per_period(request.user)
    return render(request, "reports/portal.html", {"entries": entries})


@login_required
def portal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.can_read_published_reports(request.user))
    report = get_object_or_404(permissions.published_reports_visible_to(request.user), pk=pk)
    newer = (
        permissions.published_reports_visible_to(request.user)
        .filter(period=report.period, version__gt=report.version)
        .only("pk", "version")
        .order_by("-version")
        .first()
    )
    return render(
        request,
        "reports/portal_detail.html",
        {
            "report": report,
            "period": report.period_obj,
            "p": presented_for(report),
            "files": report.ordered_files(),
            "newer": newer,
        },
    )


@login_required
def portal_download(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    require(permissions.can_read_published_reports(request.user))
    report = get_object_or_404(permissions.published_reports_visible_to(request.user), pk=pk)
    report_file = get_object_or_404(ReportFile, report=report, format=fmt)
    with transaction.atomic():
        access_log_record(
            actor=request.user,
            action=AccessLogEntry.Action.EXPORT,
            obj=report_file,
            object_repr=report_file.download_name,
            detail={"report": report.pk, "period": report.period, "format": fmt},
            request=request,
        )
    response = FileResponse(
        report_file.file.open("rb"),
        as_attachment=True,
        filename=report_file.download_name,
        content_type=report_file.content_type,
    )
    response["X-Content-SHA256"] = report_file.sha256
    return response


@login_required
def portal_compare(request: HttpRequest) -> HttpResponse:
    require(permissions.can_read_published_reports(request.user))
    entries = _latest_per_period(request.user)
    form = PortalCompareForm(request.GET or None, entries=entries)
    comparison = None
    if form.is_bound and form.is_valid():
        latest = {e["latest"].pk: e["latest"] for e in entries}
        comparison = compare_reports(latest[form.cleaned_data["a"]], latest[form.cleaned_data["b"]])
    return render(
        request,
        "reports/portal_compare.html",
        {"entries": entries, "form": form, "comparison": comparison},
    )


@login_required
def portal_trend(request: HttpRequest) -> HttpResponse:
    """One measure across all published quarters (the latest version of each)."""
    require(permissions.can_read_published_reports(request.user))
    reports = [e["latest"] for e in _latest_per_period(request.user) if "Q" in e["latest"].period]
    reports.reverse()  # oldest first
    follow = measure_across(reports)
    form = PortalTrendForm(request.GET or None, measures=follow["measures"])
    key = form.cleaned_data.get("measure") if form.is_bound and form.is_valid() else None
    key = key or (follow["measures"][0][0] if follow["measures"] else None)
    return render(
        request,
        "reports/portal_trend.html",
        {"form": form, "reports": reports, "trend": follow["tables"].get(key), "key": key},
    )
