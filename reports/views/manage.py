"""Drafting, building and publishing council reports (policy officer)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require
from accounts.submissions import submission_once
from reports import permissions
from reports.forms import BuildRequestForm, ReportTextForm
from reports.models import CouncilReport, ReportBuild
from reports.periods import Period
from reports.renderers import presented_for
from reports.services import (
    ReportError,
    report_build_request,
    report_publish_request,
    report_update_text,
)

# --- council reports (policy officer) ---------------------------------------------


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    require(permissions.can_manage_reports(request.user))
    reports = permissions.reports_visible_to(request.user).select_related("published_by")[:200]
    builds = permissions.builds_visible_to(request.user).select_related("requested_by")[:10]
    form = BuildRequestForm(initial={"period": Period.last_completed_quarter().code})
    return render(
        request,
        "reports/report_list.html",
        {"reports": reports, "builds": builds, "form": form},
    )


@login_required
@require_POST
@submission_once
def build_request(request: HttpRequest) -> HttpResponse:
    require(permissions.can_manage_reports(request.user))
    form = BuildRequestForm(request.POST)
    if not form.is_valid():
        reports = permissions.reports_visible_to(request.user)[:200]
        builds = permissions.builds_visible_to(request.user)[:10]
        return render(
            request,
            "reports/report_list.html",
            {"reports": reports, "builds": builds, "form": form},
            status=400,
        )
    try:
        build, created = report_build_request(
            period=form.cleaned_data["period"], actor=request.user
        )
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reports:report_list")
    if not created:
        messages.info(request, _("Deze periode wordt al opgebouwd; u ziet hier de voortgang."))
    return redirect("reports:build_detail", pk=build.pk)


@login_required
def build_detail(request: HttpRequest, pk: int) -> HttpResponse:
    build = get_object_or_404(
        permissions.builds_visible_to(request.user).select_related("report"), pk=pk
    )
    template = "reports/_build_status.html" if request.htmx else "reports/build_detail.html"
    return render(request, template, {"build": build})


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.can_manage_reports(request.user))
    # Without the figures (permissions.reports_visible_to): a draft's are read below.
    report = get_object_or_404(permissions.reports_visible_to(request.user), pk=pk)
    form = ReportTextForm(instance=report)
    if request.method == "POST":
        require(not report.is_published)
        form = ReportTextForm(request.POST, instance=report)
        if form.is_valid():
            try:
                report_update_text(
                    report_id=report.pk,
                    actor=request.user,
                    introduction=form.cleaned_data["introduction"],
                    change_note=form.cleaned_data.get("change_note", ""),
                )
            except ReportError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("De tekst is opgeslagen."))
                return redirect("reports:report_detail", pk=report.pk)
    active_build = ReportBuild.objects.filter(
        period=report.period, status__in=ReportBuild.ACTIVE
    ).first()
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "period": report.period_obj,
            "p": presented_for(report) if report.is_published or report.figures else None,
            "form": form,
            "files": report.ordered_files(),
            "active_build": active_build,
            "newer": CouncilReport.objects.filter(
                period=report.period, version__gt=report.version
            ).exists(),
        },
    )


@login_required
def report_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    require(permissions.can_manage_reports(request.user))
    report = get_object_or_404(permissions.reports_visible_to(request.user), pk=pk)
    if request.method == "POST":
        try:
            build = report_publish_request(report_id=report.pk, actor=request.user)
        except ReportError as exc:
            messages.error(request, str(exc))
            return redirect("reports:report_detail", pk=report.pk)
        messages.info(
            request,
            _("De bestanden worden gemaakt; daarna staat de rapportage in het raadsportaal."),
        )
        return redirect("reports:build_detail", pk=build.pk)
    if report.is_published:
        messages.error(
            request,
            _("Versie %(version)s van %(period)s is al gepubliceerd.")
            % {"version": report.version, "period": report.period},
        )
        return redirect("reports:report_detail", pk=report.pk)
    return render(
        request, "reports/report_publish.html", {"report": report, "period": report.period_obj}
    )


@login_required
@require_POST
def report_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a correction: a new build of the period makes a new draft version."""
    require(permissions.can_manage_reports(request.user))
    report = get_object_or_404(permissions.reports_visible_to(request.user), pk=pk)
    try:
        build, _created = report_build_request(period=report.period_obj, actor=request.user)
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reports:report_detail", pk=report.pk)
    return redirect("reports:build_detail", pk=build.pk)
