"""Selectors that read briefings and action items. Each list is a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from cases import permissions as perms
from cases.models import OPEN_STATUSES, ActionItem, AgendaItem, Briefing, Case, CaseShare
from enforcement.models import Incident
from enforcement.selectors.areas import area_with_descendants


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
