"""What reports contributes to the home page and the menu."""

from django.utils.translation import gettext_lazy as _

from accounts import home
from reports import permissions
from reports.models import CouncilReport, ReportBuild


def _portal_context(user) -> dict:
    reports = (
        permissions.published_reports_visible_to(user)
        .order_by("-period", "-version")
        .prefetch_related("files")[:12]
    )
    latest: dict[str, CouncilReport] = {}
    for report in reports:  # newest version first within a period
        latest.setdefault(report.period, report)
    return {"reports": list(latest.values())[:4]}


def _manage_context(user) -> dict:
    return {
        # Without their figures, as every page reads reports (permissions.reports_visible_to).
        "drafts": list(
            permissions.reports_visible_to(user).filter(status=CouncilReport.Status.DRAFT)[:5]
        ),
        "builds": list(ReportBuild.objects.filter(status__in=ReportBuild.ACTIVE)[:5]),
    }


home.register_panel(
    home.HomePanel(
        key="council-reports",
        template="reports/home/portal.html",
        visible=lambda user: (
            permissions.can_read_published_reports(user)
            and not permissions.can_manage_reports(user)
        ),
        context=_portal_context,
        order=10,
    )
)
home.register_panel(
    home.HomePanel(
        key="report-manage",
        template="reports/home/manage.html",
        visible=permissions.can_manage_reports,
        context=_manage_context,
        order=40,
    )
)
home.register_panel(
    home.HomePanel(
        key="dashboard",
        template="reports/home/dashboard.html",
        visible=permissions.can_view_dashboard,
        order=45,
    )
)
home.register_nav(
    home.NavItem(
        key="dashboard",
        label=_("Managementinformatie"),
        url_name="reports:dashboard",
        visible=permissions.can_view_dashboard,
        order=60,
        icon="bar-chart",
    )
)
home.register_nav(
    home.NavItem(
        key="report-manage",
        label=_("Raadsrapportages"),
        url_name="reports:report_list",
        visible=permissions.can_manage_reports,
        order=65,
        icon="file-earmark-bar-graph",
    )
)
home.register_nav(
    home.NavItem(
        key="council-portal",
        label=_("Raadsportaal"),
        url_name="reports:portal",
        visible=permissions.can_read_published_reports,
        order=70,
        icon="bank",
    )
)
