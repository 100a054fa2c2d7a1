"""Who may see which management information and council reports.

Dashboards: DASHBOARD_VIEW (managers, team leads, policy officers). Drafts, builds and
publishing: REPORT_MANAGE (policy officers). Published reports and their files:
REPORT_READ_PUBLISHED (council members, managers, policy officers). Anyone else gets
404 on every reports page.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from accounts.roles import Capability as C
from accounts.roles import has_capability
from reports.models import CouncilReport, ReportBuild


def can_view_dashboard(user) -> bool:
    return has_capability(user, C.DASHBOARD_VIEW)


def can_manage_reports(user) -> bool:
    return has_capability(user, C.REPORT_MANAGE)


def can_read_published_reports(user) -> bool:
    return has_capability(user, C.REPORT_READ_PUBLISHED)


def list_links_for(user) -> set[str]:
    """The record lists a dashboard number may link to for ``user``: those the user may
    open (each list still shows only the records the user may see)."""
    from django.apps import apps

    from enforcement import permissions as registration

    links = set()
    if registration.can_list_incidents(user):
        # The violations list has the same gate as the incidents list.
        links |= {"enforcement:incident_list", "enforcement:violation_list"}
    if registration.can_list_patrol_logs(user):
        links.add("enforcement:patrol_list")
    if apps.is_installed("cases"):
        from cases import permissions as cases

        if cases.can_list_cases(user):
            links.add("cases:list")
    return links


# Lists that show records older than WPG_BROWSE_LIMIT_DAYS only to a targeted search
# (Wet politiegegevens art. 8: no browsing of old personal data).
# Every list of records with personal data (accounts.privacy, docs/privacy.md).
BROWSE_LIMITED_LISTS = frozenset(
    {
        "enforcement:incident_list",
        "enforcement:violation_list",
        "enforcement:patrol_list",
        "cases:list",
    }
)


def list_browse_floor(link: str) -> dt.date | None:
    """The first day from which ``link``'s list shows every record, or None (no limit).
    A number of a period starting before it gets no link: the list would show fewer
    records than the number counts. One day of margin, as the incident list counts the
    limit from the current moment rather than from midnight."""
    if link not in BROWSE_LIMITED_LISTS:
        return None
    return timezone.localdate() - dt.timedelta(days=settings.WPG_BROWSE_LIMIT_DAYS - 1)


def lists_show_everything(user) -> bool:
    """Whether the linked lists show this user all records a dashboard number counts
    (a team lead's lists show the own team's records only)."""
    return has_capability(user, C.INCIDENT_VIEW_ALL) and has_capability(user, C.CASE_VIEW_ALL)


def reports_visible_to(user) -> QuerySet:
    """The reports a user may read, without their figures: a large JSON that only a
    report presented anew needs (a draft, or a published one this process has not kept:
    reports.renderers.presented_for). Reading ``report.figures`` loads it then."""
    reports = CouncilReport.objects.defer("figures")
    if can_manage_reports(user):
        return reports.all()
    if can_read_published_reports(user):
        return reports.filter(status=CouncilReport.Status.PUBLISHED)
    return reports.none()


def published_reports_visible_to(user) -> QuerySet:
    return reports_visible_to(user).filter(status=CouncilReport.Status.PUBLISHED)


def builds_visible_to(user) -> QuerySet:
    """Policy officers see every build; anyone sees the builds they asked for."""
    if can_manage_reports(user):
        return ReportBuild.objects.all()
    if user.is_authenticated:
        return ReportBuild.objects.filter(requested_by=user)
    return ReportBuild.objects.none()
