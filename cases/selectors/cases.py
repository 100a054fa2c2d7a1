"""Selectors that read cases. Each list is a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts import privacy
from accounts.models import AccessLogEntry, User
from accounts.roles import Capability as C
from accounts.roles import has_capability
from accounts.services import access_log_record
from cases import permissions as perms
from cases.models import OPEN_STATUSES, Case
from cases.models.cases import CaseStatus
from enforcement.selectors.areas import area_with_descendants

SORTS = {
    "due": ("due_date", "id"),
    "-due": ("-due_date", "-id"),
    "opened": ("opened_at", "id"),
    "-opened": ("-opened_at", "-id"),
    "priority": ("priority", "due_date"),
    "-priority": ("-priority", "due_date"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "status": ("status", "due_date"),
}


@dataclass
class CaseFilters:
    status: str = ""
    case_type: int | None = None
    theme: int | None = None
    area: int | None = None
    assignee: int | None = None
    due: str = ""  # "overdue" | "week" | ""
    shared_with: int | None = None
    q: str = ""
    sort: str = "due"
    # Whole local days, both ends inclusive (like the incident list's date_from/date_to).
    opened_from: dt.date | None = None
    opened_to: dt.date | None = None
    closed_from: dt.date | None = None
    closed_to: dt.date | None = None
    # Still open at the end of this day (opened by then, not closed by then).
    open_on: dt.date | None = None
    due_to: dt.date | None = None
    purpose: str = ""

    @property
    def search(self) -> privacy.TargetedSearch | None:
        return privacy.targeted_search(text=self.q, kinds=TARGETED_KINDS)

    @property
    def reach(self) -> privacy.Reach:
        return privacy.reach(self.search, self.purpose)


# Every case counts as holding personal data: its description, notes and documents may
# name people, and its incidents and violations carry reporters and offenders. A case
# is a current record while it is open; once closed, it falls under the browse limit
# from its closing date (WPG_BROWSE_LIMIT_DAYS). A targeted search names a reference
# (the case's, or one of its incidents' or violations') or a full address of one of
# its incidents or violations.
TARGETED_KINDS = frozenset({privacy.REFERENCE, privacy.ADDRESS})


def within_browse_limit() -> Q:
    return Q(closed_at__isnull=True) | Q(closed_at__gte=privacy.browse_limit_start())


def _targeted_filter(qs: QuerySet, search: privacy.TargetedSearch) -> QuerySet:
    if search.kind == privacy.REFERENCE:
        ids = (
            Case.objects.filter(
                Q(reference=search.value)
                | Q(incidents__reference=search.value)
                | Q(violations__reference=search.value)
            )
            .order_by()
            .values("pk")
        )
        return qs.filter(pk__in=ids)
    through_incident = Case.incidents.through.objects.annotate(
        key=privacy.address_normalised("incident__address")
    ).filter(key=search.value)
    through_violation = Case.violations.through.objects.annotate(
        key=privacy.address_normalised("violation__address")
    ).filter(key=search.value)
    return qs.filter(
        Q(pk__in=through_incident.values("case_id")) | Q(pk__in=through_violation.values("case_id"))
    )


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _next_day_start(day: dt.date) -> dt.datetime:
    return _day_start(day + dt.timedelta(days=1))


def case_list(*, user: User, filters: CaseFilters, older: bool | None = None) -> QuerySet:
    """Cases ``user`` may see matching ``filters``. Closed cases past the browse limit only
    for a targeted search with a purpose (accounts.privacy); ``older=True`` drops the
    limit for the view's "are there older ones?" question."""
    qs = perms.cases_visible_to(user)
    f = filters
    if f.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif f.status:
        qs = qs.filter(status=f.status)
    if f.case_type:
        qs = qs.filter(case_type_id=f.case_type)
    if f.theme:
        qs = qs.filter(theme_id=f.theme)
    if f.area:
        qs = qs.filter(area_id__in=area_with_descendants(f.area).values("pk"))
    if f.assignee:
        qs = qs.filter(assignee_id=f.assignee)
    today = timezone.localdate()
    if f.due == "overdue":
        qs = qs.filter(status__in=OPEN_STATUSES, due_date__lt=today)
    elif f.due == "week":
        qs = qs.filter(
            status__in=OPEN_STATUSES,
            due_date__gte=today,
            due_date__lte=today + dt.timedelta(days=7),
        )
    if f.shared_with:
        qs = qs.filter(shares__partner_organisation_id=f.shared_with)
    if f.opened_from:
        qs = qs.filter(opened_at__gte=_day_start(f.opened_from))
    if f.opened_to:
        qs = qs.filter(opened_at__lt=_next_day_start(f.opened_to))
    if f.closed_from:
        qs = qs.filter(closed_at__gte=_day_start(f.closed_from))
    if f.closed_to:
        qs = qs.filter(closed_at__lt=_next_day_start(f.closed_to))
    if f.open_on:
        end = _next_day_start(f.open_on)
        qs = qs.filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end), opened_at__lt=end)
    if f.due_to:
        qs = qs.filter(due_date__lte=f.due_to)
    search = f.search
    if search is not None:
        qs = _targeted_filter(qs, search)
    elif f.q.strip():
        term = f.q.strip()
        qs = qs.filter(Q(reference__icontains=term) | Q(title__icontains=term))
    if not (f.reach.older_allowed if older is None else older):
        qs = qs.filter(within_browse_limit())
    return qs.select_related("case_type", "theme", "area", "assignee", "team").order_by(
        *SORTS.get(f.sort, SORTS["due"])
    )


def workload_for_team(*, team_id: int) -> list[dict]:
    """Per boa of the team: open cases, due within 7 days, overdue (two queries)."""
    today = timezone.localdate()
    week = today + dt.timedelta(days=7)
    rows = (
        Case.objects.filter(team_id=team_id, status__in=OPEN_STATUSES)
        .values("assignee_id")
        .annotate(
            open=Count("id"),
            due_soon=Count("id", filter=Q(due_date__gte=today, due_date__lte=week)),
            overdue=Count("id", filter=Q(due_date__lt=today)),
        )
    )
    by_user = {r["assignee_id"]: r for r in rows}
    members = User.objects.filter(
        team_id=team_id, is_active=True, is_system_account=False
    ).order_by("first_name", "last_name")
    out = []
    for m in members:
        if not has_capability(m, C.CASE_WORK):
            continue
        r = by_user.get(m.pk, {})
        out.append(
            {
                "user": m,
                "open": r.get("open", 0),
                "due_soon": r.get("due_soon", 0),
                "overdue": r.get("overdue", 0),
            }
        )
    unassigned = by_user.get(None)
    if unassigned:
        out.append({"user": None, **{k: unassigned[k] for k in ("open", "due_soon", "overdue")}})
    return out


# --- briefings --------------------------------------------------------------------


def status_label(status: str) -> str:
    return CaseStatus(status).label


def case_detail(*, user, case: Case, request=None) -> dict:
    """What of ``case`` this user may see on its page, and what they may do with it.

    A partner sees the action items of their organisation and the events marked for
    partners; offender data only where the share includes it. Reading offender data is
    logged in the same transaction (docs/architecture.md).
    """
    partner = perms.is_partner_view(user)
    can_change = perms.can_change_case(user, case)
    internals = perms.can_view_case_internals(user, case)
    personal = (
        internals
        and perms.can_view_case_personal_data(user, case)
        or (partner and perms.can_view_case_personal_data(user, case))
    )
    items = (
        perms.action_items_visible_to(user, case.action_items.all())
        if partner
        else case.action_items.all()
    )
    events = case.events.select_related("actor")
    if partner:
        events = events.filter(visible_to_partners=True)
    with transaction.atomic():
        detail = {
            "case": case,
            "partner_view": partner,
            "can_change": can_change,
            "can_assign": perms.can_assign_case(user, case),
            "can_share": perms.can_share_case(user, case),
            "internals": internals,
            "personal": personal,
            "action_items": list(items.select_related("owner_user", "owner_organisation")),
            "notes": list(perms.notes_visible_to(user, case).select_related("author")),
            "documents": list(case.documents.all()) if internals else [],
            "incidents": list(case.incidents.select_related("theme", "area")) if internals else [],
            "violations": list(
                case.violations.select_related("offence", "offender", "intervention")
            )
            if internals or personal
            else [],
            "shares": list(case.shares.select_related("partner_organisation")),
            "events": list(events),
        }
        if personal and detail["violations"]:
            access_log_record(
                actor=user,
                action=AccessLogEntry.Action.VIEW,
                obj=case,
                detail={"violations": [v.pk for v in detail["violations"]]},
                request=request,
            )
    return detail
