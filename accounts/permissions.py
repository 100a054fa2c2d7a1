"""Who may manage which account, in the application and in Django admin alike.

The functional admin manages the accounts of the organisation; a superuser is
the break-glass account created with ``createsuperuser`` and is out of the
functional admin's reach: it is not listed, cannot be opened (404), changed or
given a password by anyone but another superuser. Only a superuser hands out the
technical flags (``is_staff``, ``is_superuser``). The rules on a change itself
(own role, own account) are in ``accounts.services.user_change_check``.
"""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import Capability, has_capability


def can_manage_users(user) -> bool:
    return bool(
        user.is_active and (user.is_superuser or has_capability(user, Capability.USERS_MANAGE))
    )


def users_manageable_by(actor, qs: QuerySet | None = None) -> QuerySet:
    qs = User.objects.all() if qs is None else qs
    if not can_manage_users(actor):
        return qs.none()
    # An API token's account is managed on the token pages (accounts/views/tokens.py), never as a person.
    qs = qs.filter(is_system_account=False)
    if actor.is_superuser:
        return qs
    return qs.filter(is_superuser=False)


def can_manage_user(actor, target: User) -> bool:
    if not can_manage_users(actor) or target.is_system_account:
        return False
    return actor.is_superuser or not target.is_superuser


def can_grant_technical_rights(actor) -> bool:
    """``is_staff`` and ``is_superuser``: only a superuser sets them."""
    return bool(actor.is_active and actor.is_superuser)
