"""API tokens for other systems (docs/api.md, "Sleutels").

A token acts as its own system account: a user with a role (and a team for a boa or
team lead role, a partner organisation for a partner), flagged ``is_system_account``,
without a usable password, so it cannot log in to the web application. The key is
``hh_<prefix>_<secret>``; only its SHA-256 hash is stored, and it is shown once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import AccessLogEntry, ApiToken, PartnerOrganisation, Team, User
from accounts.roles import API_TOKEN_ROLES
from accounts.services.access_log import access_log_record
from accounts.services.users import AccountError, _validate_membership

KEY_START = "hh_"
TOKEN_ROLES = API_TOKEN_ROLES
# How often last_used_at is written: once a minute at most, not on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _split(key: str) -> str | None:
    """The prefix of a well-formed key, else None."""
    if not key.startswith(KEY_START):
        return None
    prefix, _sep, secret = key[len(KEY_START) :].partition("_")
    if len(prefix) != 12 or len(secret) < 32:
        return None
    return prefix


@transaction.atomic
def api_token_create(
    *,
    actor: User,
    name: str,
    role: str,
    expires_at: dt.datetime,
    team: Team | None = None,
    partner_organisation: PartnerOrganisation | None = None,
    request=None,
) -> tuple[ApiToken, str]:
    """A new token and its key (the only time the key is known)."""
    if not permissions.can_manage_users(actor):
        raise AccountError(_("U mag geen API-sleutels beheren."))
    if role not in TOKEN_ROLES:
        raise AccountError(_("Een API-sleutel kan niet met deze rol werken."))
    if expires_at <= timezone.now():
        raise AccountError(_("De vervaldatum moet in de toekomst liggen."))
    _validate_membership(role=role, team=team, partner_organisation=partner_organisation)
    prefix = secrets.token_hex(6)
    key = f"{KEY_START}{prefix}_{secrets.token_urlsafe(32)}"
    user = User(
        username=f"systeem-{slugify(name)[:100]}-{prefix}",
        first_name=name[:150],
        last_name=_("(systeem)"),
        role=role,
        team=team,
        partner_organisation=partner_organisation,
        is_system_account=True,
    )
    user.set_unusable_password()
    user.save()
    token = ApiToken.objects.create(
        name=name,
        user=user,
        prefix=prefix,
        key_hash=_hash(key),
        created_by=actor,
        expires_at=expires_at,
    )
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.CREATE,
        obj=token,
        detail={"role": role, "team": team and team.pk, "expires_at": expires_at.isoformat()},
        request=request,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken, request=None) -> ApiToken:
    if not permissions.can_manage_users(actor):
        raise AccountError(_("U mag geen API-sleutels beheren."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    token.user.is_active = False
    token.user.save(update_fields=["is_active"])
    access_log_record(
        actor=actor, action=AccessLogEntry.Action.CHANGE, obj=token, detail={"revoked": True}
    )
    return token


class TokenRefused(Exception):
    """The key is unknown, revoked or expired; the message says which, in Dutch."""


def api_token_authenticate(key: str) -> ApiToken:
    """The token for ``key`` (with its user), or TokenRefused. Notes when it was used."""
    prefix = _split(key or "")
    token = (
        ApiToken.objects.select_related("user").filter(prefix=prefix).first() if prefix else None
    )
    if token is None or not hmac.compare_digest(token.key_hash, _hash(key)):
        raise TokenRefused(_("Deze API-sleutel is onbekend."))
    now = timezone.now()
    if token.revoked_at is not None or not token.user.is_active:
        raise TokenRefused(_("Deze API-sleutel is ingetrokken."))
    if token.expires_at <= now:
        raise TokenRefused(_("Deze API-sleutel is verlopen."))
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
