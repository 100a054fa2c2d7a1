"""The staff dashboard: the real numbers of a period, each linked to the records behind it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import require
from reports import permissions
from reports.figures import figures_compute
from reports.figures.queries import compared
from reports.forms import DashboardPeriodForm
from reports.presentation import present


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    require(permissions.can_view_dashboard(request.user))
    form = DashboardPeriodForm(request.GET or None)
    period, theme, errors = form.choice()
    # The dashboard drills down by choosing a theme; the council report's per-theme
    # sections would repeat that here.
    figures = figures_compute(period=period, theme_id=theme.pk if theme else None, per_theme=False)
    # A running period and the same days of the two it is compared with (a year's
    # previous period is its year earlier: named once).
    spans = [] if period.is_complete() else list(dict.fromkeys(compared(period)))
    context = {
        "same_days": spans and {"running": spans[0], "earlier": spans[1:]},
        "p": present(figures, threshold=None, links=permissions.list_links_for(request.user)),
        "period": period,
        "period_complete": period.is_complete(),
        "picker": form.showing(period, theme),
        "error": " ".join(errors),
        "lists_partial": not permissions.lists_show_everything(request.user),
        "browse_limit_days": settings.WPG_BROWSE_LIMIT_DAYS,
    }
    template = "reports/dashboard_body.html" if request.htmx else "reports/dashboard.html"
    return render(request, template, context)
