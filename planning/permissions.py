"""Who may see and change planning records, object by object.

Role capabilities come from ``accounts.roles``; this module adds what the
object decides (status of the programme, own team, membership of a group).
A user who may not see an object gets 404 (``get_object_or_404`` on the
``*_visible_to`` queryset); one who sees it but may not act on it gets 404 for
that action too (``accounts.access.require``; see docs/architecture.md).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.roles import Capability as C
from accounts.roles import has_capability
from planning.models import (
    ActionItem,
    Activity,
    CapacityEntry,
    ExpertGroup,
    FocusArea,
    Meeting,
    Programme,
    ThemePlan,
)

READABLE_WHEN_ADOPTED = (Programme.Status.ADOPTED, Programme.Status.SUPERSEDED)


def _works_on_programme(user) -> bool:
    return has_capability(user, C.PROGRAMME_DRAFT) or has_capability(user, C.PROGRAMME_PRIORITISE)


# --- programme -------------------------------------------------------------------


def programmes_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Programme.objects.all() if qs is None else qs
    if _works_on_programme(user):
        return qs
    if has_capability(user, C.PROGRAMME_READ_ADOPTED):
        return qs.filter(status__in=READABLE_WHEN_ADOPTED)
    return qs.none()


def can_view_programme(user, programme: Programme) -> bool:
    if _works_on_programme(user):
        return True
    return (
        has_capability(user, C.PROGRAMME_READ_ADOPTED) and programme.status in READABLE_WHEN_ADOPTED
    )


def can_list_programmes(user) -> bool:
    return (
        has_capability(user, C.PROGRAMME_DRAFT)
        or has_capability(user, C.PROGRAMME_PRIORITISE)
        or has_capability(user, C.PROGRAMME_READ_ADOPTED)
    )


def can_create_programme(user) -> bool:
    return has_capability(user, C.PROGRAMME_DRAFT)


def can_change_programme(user, programme: Programme) -> bool:
    """Write activities, accept focus areas: drafters, while it is a draft."""
    return has_capability(user, C.PROGRAMME_DRAFT) and programme.status == Programme.Status.DRAFT


def can_prioritise_programme(user, programme: Programme) -> bool:
    return has_capability(user, C.PROGRAMME_PRIORITISE) and programme.status in (
        Programme.Status.DRAFT,
        Programme.Status.PRIORITISED,
    )


def can_new_version(user, programme: Programme) -> bool:
    return (
        has_capability(user, C.PROGRAMME_DRAFT)
        and programme.status == Programme.Status.ADOPTED
        and not Programme.objects.filter(
            year=programme.year,
            status__in=[Programme.Status.DRAFT, Programme.Status.PRIORITISED],
        ).exists()
    )


def can_monitor_programme(user, programme: Programme) -> bool:
    return programme.status in READABLE_WHEN_ADOPTED and (
        _works_on_programme(user) or has_capability(user, C.DASHBOARD_VIEW)
    )


def activities_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Activity.objects.all() if qs is None else qs
    return qs.filter(programme__in=programmes_visible_to(user))


def can_change_activity(user, activity: Activity) -> bool:
    return can_change_programme(user, activity.programme)


# --- focus areas -------------------------------------------------------------------


def focus_areas_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = FocusArea.objects.all() if qs is None else qs
    if _works_on_programme(user):
        return qs
    if has_capability(user, C.PROGRAMME_CONTRIBUTE) and user.partner_organisation_id:
        return qs.filter(partner_organisation_id=user.partner_organisation_id)
    return qs.none()


def can_contribute_focus_area(user, programme: Programme) -> bool:
    return (
        has_capability(user, C.PROGRAMME_CONTRIBUTE)
        and bool(getattr(user, "partner_organisation_id", None))
        and programme.status == Programme.Status.DRAFT
    )


def can_decide_focus_area(user, focus_area: FocusArea) -> bool:
    return can_change_programme(user, focus_area.programme)


# --- capacity ----------------------------------------------------------------------


def can_view_capacity(user) -> bool:
    return has_capability(user, C.CAPACITY_MANAGE) or _works_on_programme(user)


def capacity_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = CapacityEntry.objects.all() if qs is None else qs
    return qs if can_view_capacity(user) else qs.none()


def can_manage_capacity(user, team) -> bool:
    """The functional admin for every team; a team lead for their own team."""
    if not has_capability(user, C.CAPACITY_MANAGE):
        return False
    if has_capability(user, C.USERS_MANAGE):
        return True
    return team is not None and team.pk == getattr(user, "team_id", None)


# --- theme plans and expert groups ---------------------------------------------------


def _manages_themes(user) -> bool:
    return has_capability(user, C.THEME_PLAN_MANAGE)


def _reads_all_groups(user) -> bool:
    return _manages_themes(user) or has_capability(user, C.PROGRAMME_PRIORITISE)


def expert_groups_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = ExpertGroup.objects.all() if qs is None else qs
    if _reads_all_groups(user):
        return qs
    if has_capability(user, C.EXPERT_GROUP_PARTICIPATE):
        return qs.filter(members__user=user, members__active=True).distinct()
    return qs.none()


def can_view_expert_group(user, group: ExpertGroup) -> bool:
    return expert_groups_visible_to(user).filter(pk=group.pk).exists()


def can_manage_expert_group(user, group: ExpertGroup | None = None) -> bool:
    """Members, meetings and evaluations are recorded by the policy officer."""
    return _manages_themes(user)


def meetings_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Meeting.objects.all() if qs is None else qs
    return qs.filter(group__in=expert_groups_visible_to(user))


def theme_plans_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = ThemePlan.objects.all() if qs is None else qs
    if _reads_all_groups(user) or has_capability(user, C.PROGRAMME_DRAFT):
        return qs
    if has_capability(user, C.EXPERT_GROUP_PARTICIPATE):
        themes = expert_groups_visible_to(user).values("theme_id")
        return qs.filter(theme_id__in=themes)
    return qs.none()


def can_manage_theme_plan(user, plan: ThemePlan | None = None) -> bool:
    return _manages_themes(user)


def action_items_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = ActionItem.objects.all() if qs is None else qs
    return qs.filter(Q(group__in=expert_groups_visible_to(user)) | Q(owner=user))


def can_complete_action_item(user, item: ActionItem) -> bool:
    return item.owner_id == user.pk or _manages_themes(user)
