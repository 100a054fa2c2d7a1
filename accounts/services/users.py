"""Users, teams and partner organisations: created, changed and (de)activated by the functional admin. One transaction each."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import AccessLogEntry, PartnerOrganisation, Team, User
from accounts.roles import TEAM_ROLES, is_partner_role
from accounts.services.access_log import access_log_record
from accounts.services.language import in_language_of

USER_PERSONAL_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "phone",
    "role",
    "team",
    "partner_organisation",
)


class AccountError(Exception):
    """A rule of the accounts domain refused the change; the message is Dutch, for the user.

    ``field`` names the form field the message belongs to, if any.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _changed_fields(instance: models.Model, fields: dict[str, Any]) -> list[str]:
    return [name for name, value in fields.items() if getattr(instance, name) != value]


def _validate_membership(
    *, role: str, team: Team | None, partner_organisation: PartnerOrganisation | None
) -> None:
    """The same rule the user form shows; checked here too so no caller can skip it."""
    if role in TEAM_ROLES and team is None:
        raise AccountError(_("Een handhaver of teamleider hoort bij een team."))
    if is_partner_role(role) and partner_organisation is None:
        raise AccountError(_("Een partner hoort bij een partnerorganisatie."))
    if not is_partner_role(role) and partner_organisation is not None:
        raise AccountError(_("Alleen een partner hoort bij een partnerorganisatie."))


def user_change_check(*, actor: User, user: User | None, changes: dict[str, Any]) -> None:
    """The rules every change of an account obeys, in the application and in Django admin.

    ``user`` is the account as it is now (None for a new one), ``changes`` the new
    values of the fields being set. Raises AccountError with a Dutch message.
    """
    if user is not None and user.pk is not None and not permissions.can_manage_user(actor, user):
        raise AccountError(_("U mag dit account niet beheren."))
    technical_change = any(
        flag in changes and bool(changes[flag]) != bool(getattr(user, flag, False))
        for flag in ("is_staff", "is_superuser")
    )
    if technical_change and not permissions.can_grant_technical_rights(actor):
        raise AccountError(_("Alleen een superuser kent technische beheerrechten toe."))
    if user is not None and user.pk == actor.pk:
        if "role" in changes and changes["role"] != user.role:
            raise AccountError(_("U kunt uw eigen rol niet wijzigen."), field="role")
        if changes.get("is_active") is False and user.is_active:
            raise AccountError(_("U kunt uw eigen account niet deactiveren."))


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    team: Team | None = None,
    partner_organisation: PartnerOrganisation | None = None,
    phone: str = "",
    request=None,
) -> User:
    """Create an account without a password; the person sets one through the e-mailed link."""
    _validate_membership(role=role, team=team, partner_organisation=partner_organisation)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        team=team,
        partner_organisation=partner_organisation,
        phone=phone,
    )
    user.set_unusable_password()
    user.save()
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.CREATE,
        obj=user,
        detail={"role": role},
        request=request,
    )
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, request=None, **fields: Any) -> User:
    """Change a user's personal data, role or team; the access log names the changed fields."""
    unknown = set(fields) - set(USER_PERSONAL_FIELDS)
    if unknown:
        raise TypeError(f"user_update got unknown fields {sorted(unknown)}")
    merged = {name: fields.get(name, getattr(user, name)) for name in USER_PERSONAL_FIELDS}
    _validate_membership(
        role=merged["role"],
        team=merged["team"],
        partner_organisation=merged["partner_organisation"],
    )
    user_change_check(actor=actor, user=user, changes=merged)
    changed = _changed_fields(user, fields)
    if not changed:
        return user
    for name in changed:
        setattr(user, name, fields[name])
    user.save(update_fields=changed)
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.CHANGE,
        obj=user,
        detail={"fields": sorted(changed)},
        request=request,
    )
    return user


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool, request=None) -> User:
    """Deactivate or reactivate an account. Users are never deleted: the access log names them."""
    user_change_check(actor=actor, user=user, changes={"is_active": active})
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.CHANGE,
        obj=user,
        detail={"is_active": active},
        request=request,
    )
    return user


def user_send_password_link(*, actor: User, user: User, request) -> None:
    """E-mail the user a link to set a (new) password; works for accounts without one too.

    Django's PasswordResetForm skips users without a usable password, so new
    accounts would never get mail; this sends the same e-mail for any active user.
    """
    from django.contrib.auth.tokens import default_token_generator
    from django.contrib.sites.shortcuts import get_current_site
    from django.core.mail import EmailMultiAlternatives
    from django.template import loader
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    if not permissions.can_manage_user(actor, user):
        raise AccountError(_("U mag dit account niet beheren."))
    if not user.is_active:
        raise AccountError(_("Een gedeactiveerd account krijgt geen wachtwoordlink."))
    if not user.email:
        raise AccountError(_("Deze gebruiker heeft geen e-mailadres."))
    site = get_current_site(request)
    context = {
        "email": user.email,
        "domain": site.domain,
        "site_name": site.name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request.is_secure() else "http",
    }
    with in_language_of(user):  # the recipient's language, not the admin's
        subject = "".join(
            loader.render_to_string("registration/password_reset_subject.txt", context).splitlines()
        )
        body = loader.render_to_string("registration/password_reset_email.html", context)
    with transaction.atomic():
        access_log_record(
            actor=actor,
            action=AccessLogEntry.Action.CHANGE,
            obj=user,
            detail={"password_link_sent": True},
            request=request,
        )
    EmailMultiAlternatives(subject, body, None, [user.email]).send()


@transaction.atomic
def login_lockout_record(*, username: str, reasons: list[str], request=None) -> AccessLogEntry:
    """A username or address was locked out after too many failed logins."""
    user = User.objects.filter(username=username).first() if username else None
    return access_log_record(
        actor=None,
        action=AccessLogEntry.Action.CHANGE,
        object_type="accounts.login_lockout",
        object_id=user.pk if user else None,
        object_repr=username[:200],
        detail={"login_locked_out": reasons},
        request=request,
    )


@transaction.atomic
def user_login_unlock(*, actor: User, user: User, request=None) -> int:
    """Lift the lock on a username after failed logins; returns the attempts cleared."""
    from axes.utils import reset

    if not permissions.can_manage_user(actor, user):
        raise AccountError(_("U mag dit account niet beheren."))
    cleared = reset(username=user.username)
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.CHANGE,
        obj=user,
        detail={"login_unlocked": True, "attempts_cleared": cleared},
        request=request,
    )
    return cleared


@transaction.atomic
def user_password_reset_completed(*, user: User, request=None) -> None:
    """Someone set a new password through the e-mailed link: that proves the mailbox,
    so a lock on the username from earlier failed logins is lifted (and logged)."""
    from axes.utils import reset

    cleared = reset(username=user.username)
    access_log_record(
        actor=user,
        action=AccessLogEntry.Action.CHANGE,
        obj=user,
        detail={"password_reset": True, "attempts_cleared": cleared},
        request=request,
    )


@transaction.atomic
def team_create(*, actor: User, name: str) -> Team:
    return Team.objects.create(name=name)


@transaction.atomic
def team_update(*, actor: User, team: Team, name: str) -> Team:
    team.name = name
    team.save(update_fields=["name"])
    return team


@transaction.atomic
def team_set_active(*, actor: User, team: Team, active: bool) -> Team:
    if not active and team.members.filter(is_active=True).exists():
        raise AccountError(
            _("Dit team heeft nog actieve leden. Plaats hen eerst in een ander team.")
        )
    team.active = active
    team.save(update_fields=["active"])
    return team


@transaction.atomic
def partner_organisation_create(*, actor: User, name: str, kind: str) -> PartnerOrganisation:
    return PartnerOrganisation.objects.create(name=name, kind=kind)


@transaction.atomic
def partner_organisation_update(
    *, actor: User, organisation: PartnerOrganisation, name: str, kind: str
) -> PartnerOrganisation:
    organisation.name = name
    organisation.kind = kind
    organisation.save(update_fields=["name", "kind"])
    return organisation


@transaction.atomic
def partner_organisation_set_active(
    *, actor: User, organisation: PartnerOrganisation, active: bool
) -> PartnerOrganisation:
    if not active and organisation.members.filter(is_active=True).exists():
        raise AccountError(
            _("Deze organisatie heeft nog actieve gebruikers. Deactiveer die eerst.")
        )
    organisation.active = active
    organisation.save(update_fields=["active"])
    return organisation
