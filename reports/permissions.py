"""Who may see which management information and council reports.

Dashboards: DASHBOARD_VIEW (managers, team leads, policy officers). Drafts, builds and
publishing: REPORT_MANAGE (policy officers). Published reports and their files:
REPORT_READ_PUBLISHED (council members, managers, policy officers). Anyone else gets
404 on every reports page.
"""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.roles import Capability as C
from accounts.roles import has_capability
from reports.models import CouncilReport, ReportBuild


def can_view_dashboard(user) -> bool:
    return has_capability(user, C.DASHBOARD_VIEW)


def can_manage_reports(user) -> bool:
    return has_capability(user, C.REPORT_MANAGE)


def can_read_published_reports(user) -> bool:
    return has_capability(user, C.REPORT_READ_PUBLISHED)


def reports_visible_to(user) -> QuerySet:
    if can_manage_reports(user):
        return CouncilReport.objects.all()
    if can_read_published_reports(user):
        return CouncilReport.objects.filter(status=CouncilReport.Status.PUBLISHED)
    return CouncilReport.objects.none()


def published_reports_visible_to(user) -> QuerySet:
    return reports_visible_to(user).filter(status=CouncilReport.Status.PUBLISHED)


def builds_visible_to(user) -> QuerySet:
    """Policy officers see every build; anyone sees the builds they asked for."""
    if can_manage_reports(user):
        return ReportBuild.objects.all()
    if user.is_authenticated:
        return ReportBuild.objects.filter(requested_by=user)
    return ReportBuild.objects.none()
