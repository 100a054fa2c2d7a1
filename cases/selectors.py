"""Selectors that read cases and briefings. Each list is a fixed number of queries."""

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
from cases.models import OPEN_STATUSES, ActionItem, AgendaItem, Briefing, Case, CaseShare
from cases.models.cases import CaseStatus
from enforcement.models import Incident
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
    members = User.objects.filter(team_id=team_id, is_active=True).order_by(
        "first_name", "last_name"
    )
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


def _my_open_action_items(user: User) -> QuerySet:
    qs = perms.action_items_visible_to(user).filter(done_at__isnull=True)
    if user.partner_organisation_id:
        qs = qs.filter(Q(owner_user=user) | Q(owner_organisation_id=user.partner_organisation_id))
    else:
        qs = qs.filter(owner_user=user)
    return qs.select_related("case", "owner_user", "owner_organisation").order_by("due_date")


def my_action_items(*, user: User, limit: int = 20) -> list[ActionItem]:
    return list(_my_open_action_items(user)[:limit])


def briefing_action_items(*, user: User, briefing: Briefing) -> list[ActionItem]:
    """The action items of ``briefing`` this user sees on its page.

    A partner sees the open items of their own (or their organisation's), all of them:
    filtered in the query, not after a limit."""
    if perms.is_partner_view(user):
        return list(_my_open_action_items(user).filter(briefing=briefing))
    return list(briefing.action_items.select_related("case", "owner_user", "owner_organisation"))


# --- briefings --------------------------------------------------------------------

AGENDA_LIMIT = 50


def previous_briefing_start(briefing: Briefing) -> dt.datetime:
    """When the previous briefing of the series (or of the team) began; else a week back."""
    qs = Briefing.objects.filter(starts_at__lt=briefing.starts_at).exclude(
        status=Briefing.Status.CANCELLED
    )
    qs = (
        qs.filter(series_id=briefing.series_id)
        if briefing.series_id
        else qs.filter(team_id=briefing.team_id, series__isnull=True)
    )
    prev = qs.order_by("-starts_at").values_list("starts_at", flat=True).first()
    return prev or briefing.starts_at - dt.timedelta(days=7)


def agenda_candidates(briefing: Briefing, *, since: dt.datetime) -> list[dict]:
    """What the agenda should hold: four bounded queries (plus two for areas/partners)."""
    # The briefing's areas with the neighbourhoods in them (one query).
    area_ids = list(area_with_descendants(briefing.areas.all()).values_list("pk", flat=True))
    org_ids = list(
        briefing.participants.filter(partner_organisation__isnull=False)
        .values_list("partner_organisation_id", flat=True)
        .distinct()
    )
    until = briefing.starts_at
    out: list[dict] = []
    incidents = (
        Incident.objects.filter(area_id__in=area_ids, occurred_at__gte=since, occurred_at__lt=until)
        .select_related("theme", "area")
        .order_by("-occurred_at")[:AGENDA_LIMIT]
    )
    for i in incidents:
        out.append(
            {
                "kind": AgendaItem.Kind.INCIDENT,
                "incident_id": i.pk,
                "text": f"{i.reference} {i.theme} – {i.area} {i.occurred_at:%d-%m %H:%M}",
            }
        )
    changed = (
        Case.objects.filter(
            area_id__in=area_ids, status_changed_at__gte=since, status_changed_at__lt=until
        )
        .select_related("area")
        .order_by("-status_changed_at")[:AGENDA_LIMIT]
    )
    for c in changed:
        out.append(
            {
                "kind": AgendaItem.Kind.CASE_STATUS,
                "case_id": c.pk,
                "text": f"{c.reference} {c.title} – nu {c.get_status_display()}",
                "partner_organisation_ids": [],
            }
        )
    horizon = timezone.localtime(until).date() + dt.timedelta(days=2)
    items = (
        ActionItem.objects.filter(
            done_at__isnull=True, due_date__lte=horizon, case__area_id__in=area_ids
        )
        .select_related("case", "owner_user", "owner_organisation")
        .order_by("due_date")[:AGENDA_LIMIT]
    )
    for a in items:
        org = a.owner_organisation_id or (
            a.owner_user.partner_organisation_id if a.owner_user else None
        )
        late = "verlopen" if a.due_date < timezone.localtime(until).date() else "verloopt"
        out.append(
            {
                "kind": AgendaItem.Kind.ACTION_ITEM,
                "case_id": a.case_id,
                "action_item_id": a.pk,
                "text": f"{a.case.reference}: {a.description} – {a.owner}, {late} {a.due_date:%d-%m}",
                "partner_organisation_ids": [org] if org else [],
            }
        )
    if org_ids:
        shares = (
            CaseShare.objects.filter(
                partner_organisation_id__in=org_ids, case__status__in=OPEN_STATUSES
            )
            .select_related("case", "partner_organisation")
            .order_by("case__due_date")[:AGENDA_LIMIT]
        )
        seen: dict[int, dict] = {}
        for s in shares:
            if s.case_id in seen:
                seen[s.case_id]["partner_organisation_ids"].append(s.partner_organisation_id)
                continue
            seen[s.case_id] = {
                "kind": AgendaItem.Kind.SHARED_CASE,
                "case_id": s.case_id,
                "text": f"{s.case.reference} {s.case.title} – {s.case.get_status_display()}, "
                f"gedeeld met {s.partner_organisation}",
                "partner_organisation_ids": [s.partner_organisation_id],
            }
        out.extend(seen.values())
    return out


def agenda_for(*, user: User, briefing: Briefing) -> list[AgendaItem]:
    """The agenda as this user may see it: partners only items that concern their organisation."""
    qs = briefing.agenda_items.filter(removed=False).select_related("case", "incident")
    if perms.is_partner_view(user):
        org = user.partner_organisation_id
        return [
            i
            for i in qs
            if i.kind == AgendaItem.Kind.FREE or org in (i.partner_organisation_ids or [])
        ]
    return list(qs)


def upcoming_briefings(*, user: User, limit: int = 5) -> list[Briefing]:
    return list(
        perms.briefings_visible_to(user)
        .filter(starts_at__gte=timezone.now() - dt.timedelta(hours=2))
        .exclude(status=Briefing.Status.CANCELLED)
        .order_by("starts_at")[:limit]
    )


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
