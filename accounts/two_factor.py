"""Two-factor authentication: who needs it, enrolment, the code check at login, the reset.

The codes are django-otp's: a TOTP device (an authenticator app, RFC 6238, with its
clock-drift tolerance, replay guard and throttling) and a static device holding ten
single-use recovery codes. This module only decides who must have them and records
what happens in the access log. The login itself is ``accounts.views.two_factor``:
our own login form (with the django-axes throttle) first, then the code step, whose
wrong codes count as failed logins for the same throttle.
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import permissions
from accounts.models import AccessLogEntry, User
from accounts.roles import PERSONAL_DATA_CAPABILITIES, ROLE_CAPABILITIES
from accounts.services import AccountError, access_log_record

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"


def role_needs_two_factor(role: str) -> bool:
    return bool(ROLE_CAPABILITIES.get(role, frozenset()) & PERSONAL_DATA_CAPABILITIES)


def two_factor_required_for(user) -> bool:
    """Whether ``user`` must use a second factor before reaching any page."""
    if not settings.TWO_FACTOR_REQUIRED or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or role_needs_two_factor(user.role))


def two_factor_is_set_up(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_status_by_user(users: list[User]) -> dict[int, bool]:
    """``{user id: has a confirmed authenticator}`` in one query."""
    with_device = set(
        TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list("user_id", flat=True)
    )
    return {u.pk: u.pk in with_device for u in users}


def totp_device_for_enrolment(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (the same one until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret_text(device: TOTPDevice) -> str:
    """The key as the app asks for it when typed in (base32, in groups of four)."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def two_factor_enrol_confirm(*, user: User, token: str, request=None) -> list[str] | None:
    """Confirm the authenticator with a code from the app; returns the recovery codes
    (shown once), or None when the code is wrong."""
    device = totp_device_for_enrolment(user)
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = _new_recovery_codes(user)
    access_log_record(
        actor=user,
        action=AccessLogEntry.Action.CHANGE,
        obj=user,
        detail={"two_factor": "enrolled"},
        request=request,
    )
    return codes


@transaction.atomic
def two_factor_recovery_codes_renew(*, user: User, request=None) -> list[str]:
    if not two_factor_is_set_up(user):
        raise AccountError(_("Stel eerst tweestapsverificatie in."))
    codes = _new_recovery_codes(user)
    access_log_record(
        actor=user,
        action=AccessLogEntry.Action.CHANGE,
        obj=user,
        detail={"two_factor": "recovery_codes_renewed"},
        request=request,
    )
    return codes


def two_factor_verify(*, user: User, token: str):
    """The device that accepts ``token`` (a code from the app or a recovery code), or None."""
    token = "".join(token.split())
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            app_code = token.isdigit() and len(token) == getattr(device, "digits", 6)
            if isinstance(device, TOTPDevice) != app_code:
                continue  # the app's codes are six digits; recovery codes are eight characters
            if device.verify_token(token):
                return device
    return None


@transaction.atomic
def two_factor_reset(*, actor: User, user: User, request=None) -> int:
    """Remove a person's authenticator and recovery codes (a lost phone); they enrol again
    at their next login. Only where the account rules let ``actor`` manage ``user``."""
    if not permissions.can_manage_user(actor, user):
        raise AccountError(_("U mag dit account niet beheren."))
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.CHANGE,
        obj=user,
        detail={"two_factor": "reset", "devices_removed": removed},
        request=request,
    )
    return removed
