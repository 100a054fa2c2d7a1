"""Who may see and change cases and briefings, object by object.

Starts from the role capabilities (``accounts.roles``) and adds what the case
decides: team, assignee, shared with the partner's organisation. A user who
may not see a case gets 404 (``get_object_or_404(cases_visible_to(user), ...)``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.roles import Capability as C
from accounts.roles import has_capability, is_partner
from cases.models import ActionItem, Briefing, Case, CaseNote


def _team_id(user) -> int | None:
    return getattr(user, "team_id", None)


def _org_id(user) -> int | None:
    return getattr(user, "partner_organisation_id", None)


def _is_partner(user) -> bool:
    return has_capability(user, C.CASE_VIEW_SHARED) and not has_capability(user, C.CASE_VIEW_TEAM)


# --- cases ------------------------------------------------------------------------


def cases_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    """boa: own team's cases and cases assigned to them; team lead: the team;
    policy/manager: all; partner: shared with their organisation; others: none."""
    qs = Case.objects.all() if qs is None else qs
    if has_capability(user, C.CASE_VIEW_ALL):
        return qs
    if has_capability(user, C.CASE_VIEW_TEAM):
        mine = Q(assignee=user)
        if _team_id(user):
            mine |= Q(team_id=_team_id(user))
        return qs.filter(mine)
    if has_capability(user, C.CASE_VIEW_SHARED) and _org_id(user):
        return qs.filter(shares__partner_organisation_id=_org_id(user))
    return qs.none()


def can_list_cases(user) -> bool:
    return any(
        has_capability(user, cap) for cap in (C.CASE_VIEW_ALL, C.CASE_VIEW_TEAM, C.CASE_VIEW_SHARED)
    )


def can_view_case(user, case: Case) -> bool:
    return cases_visible_to(user).filter(pk=case.pk).exists()


def is_partner_view(user) -> bool:
    """Partners see the phase, action items and partner notes, not the internal file."""
    return _is_partner(user)


def can_open_case(user) -> bool:
    """From incidents (boa, team lead) — the incidents must be visible to the user as well."""
    return has_capability(user, C.CASE_WORK)


def can_open_case_directly(user) -> bool:
    """Without an incident: team leads only."""
    return has_capability(user, C.CASE_ASSIGN)


def can_change_case(user, case: Case) -> bool:
    """Work the case: status, notes, documents, action items, links."""
    if not has_capability(user, C.CASE_WORK):
        return False
    if (
        has_capability(user, C.CASE_ASSIGN)
        and case.team_id is not None
        and case.team_id == _team_id(user)
    ):
        return True
    if case.assignee_id == user.pk:
        return True
    # A case of the team nobody picked up yet may be worked by any boa of the team.
    return case.assignee_id is None and case.team_id is not None and case.team_id == _team_id(user)


def can_assign_case(user, case: Case) -> bool:
    return has_capability(user, C.CASE_ASSIGN) and (
        case.team_id is None or case.team_id == _team_id(user)
    )


def can_share_case(user, case: Case) -> bool:
    return has_capability(user, C.CASE_SHARE) and (
        case.team_id is None or case.team_id == _team_id(user)
    )


def can_view_case_internals(user, case: Case) -> bool:
    """Incidents, violations, internal notes, documents, full timeline: not for partners."""
    return (
        not _is_partner(user)
        and has_capability(user, C.CASE_VIEW_TEAM)
        or has_capability(user, C.CASE_VIEW_ALL)
    )


def can_view_case_personal_data(user, case: Case) -> bool:
    """Offender data: roles that need it, or a partner when the share explicitly includes it."""
    if _is_partner(user):
        return case.shares.filter(
            partner_organisation_id=_org_id(user), include_personal_data=True
        ).exists()
    return has_capability(user, C.PERSONAL_DATA_VIEW) and can_view_case(user, case)


def can_bulk_assign_cases(user) -> bool:
    """Assign several cases of the own team at once; each case is checked by the service."""
    return has_capability(user, C.CASE_ASSIGN)


def can_list_own_action_items(user) -> bool:
    return has_capability(user, C.CASE_WORK) or has_capability(user, C.CASE_VIEW_SHARED)


def can_export_cases(user) -> bool:
    return has_capability(user, C.EXPORT_OPERATIONAL)


def can_view_workload(user) -> bool:
    return has_capability(user, C.CASE_ASSIGN) and _team_id(user) is not None


def notes_visible_to(user, case: Case) -> QuerySet:
    qs = CaseNote.objects.filter(case=case)
    if _is_partner(user):
        return qs.filter(visible_to_partners=True)
    return qs


# --- action items -----------------------------------------------------------------


def action_items_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    """Team members see the items of the cases they see; partners only items they own
    (as person or organisation) on cases shared with their organisation."""
    qs = ActionItem.objects.all() if qs is None else qs
    if _is_partner(user):
        org = _org_id(user)
        return qs.filter(
            Q(owner_user=user) | Q(owner_organisation_id=org),
            case__shares__partner_organisation_id=org,
        )
    return qs.filter(case__in=cases_visible_to(user))


def can_complete_action_item(user, item: ActionItem) -> bool:
    if item.owner_user_id == user.pk:
        return True
    if _is_partner(user):
        return item.owner_organisation_id is not None and item.owner_organisation_id == _org_id(
            user
        )
    return can_change_case(user, item.case)


def owner_allowed_for_case(*, case: Case, owner_user=None, owner_organisation=None) -> bool:
    """An owner must be within the case's sharing: staff, or a partner (organisation) it is shared with."""
    shared_org_ids = set(case.shares.values_list("partner_organisation_id", flat=True))
    if owner_organisation is not None:
        return owner_organisation.pk in shared_org_ids
    if owner_user is None or not owner_user.is_active:
        return False
    if is_partner(owner_user):
        return owner_user.partner_organisation_id in shared_org_ids
    return has_capability(owner_user, C.CASE_WORK)


# --- briefings --------------------------------------------------------------------


def briefings_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Briefing.objects.all() if qs is None else qs
    if has_capability(user, C.BRIEFING_RUN):
        mine = Q(chair=user) | Q(participants=user)
        if _team_id(user):
            mine |= Q(team_id=_team_id(user))
        return qs.filter(mine).distinct()
    if has_capability(user, C.BRIEFING_ATTEND):
        return qs.filter(participants=user).distinct()
    return qs.none()


def can_list_briefings(user) -> bool:
    return has_capability(user, C.BRIEFING_ATTEND) or has_capability(user, C.BRIEFING_RUN)


def can_plan_briefing(user) -> bool:
    return has_capability(user, C.BRIEFING_RUN) and _team_id(user) is not None


def can_run_briefing(user, briefing: Briefing) -> bool:
    """Edit the agenda, record minutes, create action items: the chair or a team lead of the team."""
    return has_capability(user, C.BRIEFING_RUN) and (
        briefing.chair_id == user.pk or briefing.team_id == _team_id(user)
    )
