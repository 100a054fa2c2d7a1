"""Staff pages: dashboards, and drafting, building and publishing council reports."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.submissions import submission_once
from enforcement.models import Theme
from reports import permissions
from reports.figures import figures_compute
from reports.forms import BuildRequestForm, DashboardPeriodForm, ReportTextForm
from reports.models import CouncilReport, ReportBuild
from reports.periods import Period
from reports.presentation import present
from reports.renderers import presented_for
from reports.services import (
    ReportError,
    report_build_request,
    report_publish_request,
    report_update_text,
)


def _require(allowed: bool) -> None:
    if not allowed:
        raise Http404


# --- dashboard ----------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_view_dashboard(request.user))
    error = None
    default = Period.containing(Period.last_completed_quarter().end)  # the current quarter
    picker = DashboardPeriodForm()
    period = default
    if request.GET.get("period", "").strip():
        try:
            period = picker.fields["period"].clean(request.GET["period"])
        except ValidationError as exc:
            error = f"{exc.messages[0]} U ziet {default.label}."
    picker.select(period)
    themes = list(Theme.objects.filter(active=True).values("id", "name"))
    theme_id = None
    if request.GET.get("theme"):
        try:
            theme_id = int(request.GET["theme"])
        except ValueError:
            theme_id = None
        if theme_id not in {t["id"] for t in themes}:
            error, theme_id = "Onbekend thema; alle thema's getoond.", None
    figures = figures_compute(period=period, theme_id=theme_id)
    # The dashboard drills down by choosing a theme; the per-theme sections of the
    # council report would repeat that here.
    figures["theme_sections"] = []
    context = {
        "p": present(figures, threshold=None, links=permissions.list_links_for(request.user)),
        "period": period,
        "picker": picker,
        "themes": themes,
        "theme_id": theme_id,
        "error": error,
        "lists_partial": not permissions.lists_show_everything(request.user),
        "browse_limit_days": settings.WPG_BROWSE_LIMIT_DAYS,
    }
    template = "reports/dashboard_body.html" if request.htmx else "reports/dashboard.html"
    return render(request, template, context)


# --- council reports (policy officer) ---------------------------------------------


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_manage_reports(request.user))
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
    _require(permissions.can_manage_reports(request.user))
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
        messages.info(request, "Deze periode wordt al opgebouwd; u ziet hier de voortgang.")
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
    _require(permissions.can_manage_reports(request.user))
    report = get_object_or_404(permissions.reports_visible_to(request.user), pk=pk)
    form = ReportTextForm(instance=report)
    if request.method == "POST":
        _require(not report.is_published)
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
                messages.success(request, "De tekst is opgeslagen.")
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
            "p": presented_for(report) if report.figures else None,
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
    _require(permissions.can_manage_reports(request.user))
    report = get_object_or_404(permissions.reports_visible_to(request.user), pk=pk)
    if request.method == "POST":
        try:
            build = report_publish_request(report_id=report.pk, actor=request.user)
        except ReportError as exc:
            messages.error(request, str(exc))
            return redirect("reports:report_detail", pk=report.pk)
        messages.info(
            request, "De bestanden worden gemaakt; daarna staat de rapportage in het raadsportaal."
        )
        return redirect("reports:build_detail", pk=build.pk)
    if report.is_published:
        messages.error(request, f"Versie {report.version} van {report.period} is al gepubliceerd.")
        return redirect("reports:report_detail", pk=report.pk)
    return render(
        request, "reports/report_publish.html", {"report": report, "period": report.period_obj}
    )


@login_required
@require_POST
def report_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a correction: a new build of the period makes a new draft version."""
    _require(permissions.can_manage_reports(request.user))
    report = get_object_or_404(permissions.reports_visible_to(request.user), pk=pk)
    try:
        build, _created = report_build_request(period=report.period_obj, actor=request.user)
    except ReportError as exc:
        messages.error(request, str(exc))
        return redirect("reports:report_detail", pk=report.pk)
    return redirect("reports:build_detail", pk=build.pk)
