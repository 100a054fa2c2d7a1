"""Who may see and change registration records, object by object.

Role capabilities come from ``accounts.roles``; this module adds what the
object decides (own team, own shift). Views, exports and tasks call these;
a user who may not see an object gets 404 (``get_object_or_404`` on the
``*_visible_to`` queryset).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.roles import Capability as C
from accounts.roles import has_capability
from enforcement.models import Incident, PatrolLog, Violation


def _team_id(user) -> int | None:
    return getattr(user, "team_id", None)


# --- incidents -------------------------------------------------------------------


def incidents_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Incident.objects.all() if qs is None else qs
    if has_capability(user, C.INCIDENT_VIEW_ALL):
        return qs
    if has_capability(user, C.INCIDENT_VIEW_TEAM):
        mine = Q(reported_by=user) | Q(registered_by=user)
        if _team_id(user):
            mine |= Q(team_id=_team_id(user))
        return qs.filter(mine)
    return qs.none()


def can_list_incidents(user) -> bool:
    return has_capability(user, C.INCIDENT_VIEW_ALL) or has_capability(user, C.INCIDENT_VIEW_TEAM)


def can_view_incident(user, incident: Incident) -> bool:
    if has_capability(user, C.INCIDENT_VIEW_ALL):
        return True
    if not has_capability(user, C.INCIDENT_VIEW_TEAM):
        return False
    return user.pk in (incident.reported_by_id, incident.registered_by_id) or (
        _team_id(user) is not None and incident.team_id == _team_id(user)
    )


def can_create_incident(user) -> bool:
    return has_capability(user, C.INCIDENT_CREATE) or has_capability(
        user, C.INCIDENT_CREATE_ON_BEHALF
    )


def can_create_incident_on_behalf(user) -> bool:
    return has_capability(user, C.INCIDENT_CREATE_ON_BEHALF)


def can_change_incident(user, incident: Incident) -> bool:
    """Boa's and team leads of the incident's team change it; viewers-only roles do not."""
    return has_capability(user, C.INCIDENT_CREATE) and can_view_incident(user, incident)


def can_export_incidents(user) -> bool:
    return has_capability(user, C.EXPORT_OPERATIONAL)


# --- personal data ---------------------------------------------------------------


def can_view_personal_data(user) -> bool:
    """Offender and reporter details: only roles whose work needs them (boa, team lead)."""
    return has_capability(user, C.PERSONAL_DATA_VIEW)


# --- patrol logs -----------------------------------------------------------------


def patrol_logs_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = PatrolLog.objects.all() if qs is None else qs
    if has_capability(user, C.PATROL_LOG_VIEW_ALL):
        return qs
    if has_capability(user, C.PATROL_LOG_CORRECT_TEAM) and _team_id(user):
        return qs.filter(Q(team_id=_team_id(user)) | Q(boa=user))
    if has_capability(user, C.PATROL_LOG_OWN):
        # The ids of own and companion shifts as one UNION (each side an index look-up),
        # not an OR across a LEFT JOIN: that made PostgreSQL read every shift (300-600 ms
        # on the large data set, where a boa has about 1,400 shifts among 500,000).
        own = PatrolLog.objects.filter(boa_id=user.pk).order_by().values("pk")
        joined = (
            PatrolLog.companions.through.objects.filter(user_id=user.pk)
            .order_by()
            .values("patrollog_id")
        )
        return qs.filter(pk__in=own.union(joined))
    return qs.none()


def can_list_patrol_logs(user) -> bool:
    return any(
        has_capability(user, c)
        for c in (C.PATROL_LOG_OWN, C.PATROL_LOG_CORRECT_TEAM, C.PATROL_LOG_VIEW_ALL)
    )


def can_view_patrol_log(user, log: PatrolLog) -> bool:
    return patrol_logs_visible_to(user).filter(pk=log.pk).exists()


def can_change_patrol_log(user, log: PatrolLog) -> bool:
    """The boa changes their own shift; the team lead corrects any shift of the team."""
    if has_capability(user, C.PATROL_LOG_CORRECT_TEAM) and log.team_id == _team_id(user):
        return True
    return has_capability(user, C.PATROL_LOG_OWN) and log.boa_id == user.pk


def can_correct_patrol_log(user, log: PatrolLog) -> bool:
    return has_capability(user, C.PATROL_LOG_CORRECT_TEAM) and log.team_id == _team_id(user)


# --- violations ------------------------------------------------------------------


def violations_visible_to(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Violation.objects.all() if qs is None else qs
    if has_capability(user, C.INCIDENT_VIEW_ALL):
        return qs
    if has_capability(user, C.INCIDENT_VIEW_TEAM):
        mine = Q(recorded_by=user)
        if _team_id(user):
            mine |= Q(team_id=_team_id(user))
        return qs.filter(mine)
    return qs.none()


def can_list_violations(user) -> bool:
    """The violation list is open to whoever lists incidents (the team's or all)."""
    return can_list_incidents(user)


def can_view_violation(user, violation: Violation) -> bool:
    return violations_visible_to(user).filter(pk=violation.pk).exists()


def can_create_violation(user, incident: Incident) -> bool:
    return has_capability(user, C.VIOLATION_CREATE) and can_view_incident(user, incident)


# --- reference data --------------------------------------------------------------


def can_manage_reference_data(user) -> bool:
    return has_capability(user, C.REFERENCE_DATA_MANAGE)
