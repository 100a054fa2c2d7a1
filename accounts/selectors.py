"""Read-only queries of the accounts domain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from accounts.models import AccessLogEntry, PartnerOrganisation, Team, User
from accounts.roles import TEAM_ROLES
from accounts.services import access_log_record

# Sort keys offered on the user list: key -> order_by fields. "-key" sorts descending.
USER_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("last_name", "first_name", "username"),
    "username": ("username",),
    "role": ("role", "last_name"),
    "team": ("team__name", "last_name"),
    "last_login": ("last_login", "username"),
}


def user_list(
    *,
    search: str = "",
    role: str = "",
    team: Team | None = None,
    active: bool | None = None,
    sort: str = "name",
) -> QuerySet[User]:
    qs = User.objects.select_related("team", "partner_organisation")
    if search:
        qs = qs.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
        )
    if role:
        qs = qs.filter(role=role)
    if team is not None:
        qs = qs.filter(team=team)
    if active is not None:
        qs = qs.filter(is_active=active)
    descending = sort.startswith("-")
    fields = USER_SORTS.get(sort.lstrip("-"), USER_SORTS["name"])
    if descending:
        fields = tuple(f"-{f}" for f in fields)
    return qs.order_by(*fields, "pk")


def team_list() -> QuerySet[Team]:
    return Team.objects.annotate(
        member_count=Count("members", filter=Q(members__is_active=True))
    ).order_by("-active", "name")


def partner_organisation_list() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.annotate(
        member_count=Count("members", filter=Q(members__is_active=True))
    ).order_by("-active", "name")


def users_admin_overview() -> dict[str, int]:
    """What the functional admin should look at: figures for the home panel."""
    return User.objects.aggregate(
        without_team=Count("pk", filter=Q(is_active=True, role__in=TEAM_ROLES, team__isnull=True)),
        in_inactive_team=Count("pk", filter=Q(is_active=True, team__active=False)),
        never_logged_in=Count("pk", filter=Q(is_active=True, last_login__isnull=True)),
        inactive=Count("pk", filter=Q(is_active=False)),
        active=Count("pk", filter=Q(is_active=True)),
    )


def access_log_list(
    *,
    username: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    reference: str = "",
) -> QuerySet[AccessLogEntry]:
    """Log entries; ``username`` finds a person by username or by (part of) the name,
    ``reference`` a record by its reference (or, for a deleted one, its description)."""
    qs = AccessLogEntry.objects.select_related("user")
    if username:
        term = username.strip()
        by_name = Q()
        for word in term.split()[:4]:
            by_name &= Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
        qs = qs.filter(Q(username__iexact=term) | by_name)
    if reference:
        from accounts.access_log_words import object_ids_for_reference

        term = reference.strip()
        where = Q(object_repr__iexact=term)
        for object_type, object_id in object_ids_for_reference(term, access_log_object_types()):
            where |= Q(object_type=object_type, object_id=object_id)
        qs = qs.filter(where)
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id.strip())
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.order_by("-at", "-id")


def access_log_object_types() -> list[str]:
    return list(
        AccessLogEntry.objects.order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )


def filters_as_dict(cleaned: dict[str, Any]) -> dict[str, str]:
    """Filter values as plain text, to record with an export."""
    return {k: str(v) for k, v in cleaned.items() if v not in (None, "")}


# Accounts the data generator makes for load tests (``generate_data``): never people.
GENERATED_USERNAME_PREFIX = "gen-"


def users_for_choice() -> QuerySet[User]:
    """The people a form may offer in a drop-down (assign to, participants, owner, members):
    active, human accounts only, not the technical superusers or the generated load-test
    accounts. Every form that lists users starts here and narrows by team or role."""
    return User.objects.filter(is_active=True, is_superuser=False, is_system_account=False).exclude(
        username__startswith=GENERATED_USERNAME_PREFIX
    )


def user_for_edit(*, actor: User, user: User, request=None) -> User:
    """``user`` as the functional admin opens their form; the opening is logged (it shows
    their name, e-mail and role). The caller has checked ``users_manageable_by``."""
    with transaction.atomic():
        access_log_record(actor=actor, action=AccessLogEntry.Action.VIEW, obj=user, request=request)
    return user
