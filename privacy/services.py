"""Services of the privacy app: legal holds, privacy-officer designation, audit sign-off."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AccessLogEntry, User
from accounts.services import access_log_record, notification_create
from cases.models import Case
from privacy import permissions
from privacy.models import LegalHold, PrivacyOfficer


@transaction.atomic
def legal_hold_place(*, actor: User, case: Case, reason: str) -> LegalHold:
    if not permissions.can_manage_retention(actor):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden van de bewaarplicht.")})
    if LegalHold.objects.select_for_update().filter(case=case, lifted_at__isnull=True).exists():
        raise ValidationError({"case": _("Op deze zaak rust al een bewaarplicht.")})
    hold = LegalHold.objects.create(
        case=case, reason=reason, placed_by=actor, placed_at=timezone.now()
    )
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.CREATE,
        obj=hold,
        object_repr=f"Bewaarplicht {case.reference}",
        detail={"case": case.reference, "reason": reason},
    )
    return hold


@transaction.atomic
def legal_hold_lift(*, actor: User, hold_id: int, reason: str) -> LegalHold:
    if not permissions.can_manage_retention(actor):
        raise PermissionDenied
    hold = LegalHold.objects.select_for_update().select_related("case").get(pk=hold_id)
    if hold.lifted_at is not None:
        raise ValidationError(_("Deze bewaarplicht is al opgeheven."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden van het opheffen.")})
    hold.lifted_at, hold.lifted_by, hold.lift_reason = timezone.now(), actor, reason
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.CHANGE,
        obj=hold,
        object_repr=f"Bewaarplicht {hold.case.reference} opgeheven",
        detail={"case": hold.case.reference, "reason": reason},
    )
    return hold


@transaction.atomic
def privacy_officer_designate(*, actor: User, user: User) -> PrivacyOfficer:
    if not permissions.can_designate_privacy_officer(actor, user):
        raise PermissionDenied
    officer, _created = PrivacyOfficer.objects.get_or_create(
        user=user, defaults={"designated_by": actor, "designated_at": timezone.now()}
    )
    access_log_record(
        actor=actor, action=AccessLogEntry.Action.CHANGE, obj=user, detail={"privacy_officer": True}
    )
    notification_create(
        user=user,
        message=lambda: _(
            "U bent aangewezen als privacy officer: u tekent de jaarlijkse Wpg-audit af."
        ),
        url=reverse("privacy:audits"),
    )
    return officer
