"""Who may see and do what on the privacy (Wpg) pages.

Retention preview, run log and legal holds: RETENTION_MANAGE (functional admin).
The yearly audit: PRIVACY_AUDIT_BUILD (functional admin) asks for it and reads it;
a designated privacy officer (privacy.models.PrivacyOfficer) reads it and signs
it off. The signer is never a functional admin: the audit judges the admin's
own work (holds, retention runs, access rights). Anyone else gets 404.
"""

from __future__ import annotations

from accounts.roles import Capability as C
from accounts.roles import has_capability


def can_manage_retention(user) -> bool:
    return has_capability(user, C.RETENTION_MANAGE)


def is_privacy_officer(user) -> bool:
    from privacy.models import PrivacyOfficer

    return (
        user.is_authenticated
        and user.is_active
        and PrivacyOfficer.objects.filter(user=user).exists()
    )


def can_build_audit(user) -> bool:
    return has_capability(user, C.PRIVACY_AUDIT_BUILD)


def can_view_audits(user) -> bool:
    return can_build_audit(user) or is_privacy_officer(user)


def can_sign_audit(user, audit) -> bool:
    return (
        is_privacy_officer(user)
        and not has_capability(user, C.USERS_MANAGE)
        and audit.status == audit.Status.READY
    )


def can_designate_privacy_officer(actor, user) -> bool:
    return has_capability(actor, C.USERS_MANAGE) and actor.pk != user.pk
