"""Violation services for the offender data: correct it, log who saw or searched it.

Every view and change of offender data is written to the access log in the same
transaction (accounts.services.access_log_record).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import AccessLogEntry, User
from accounts.services import access_log_record
from enforcement import permissions as perms
from enforcement.models import Offender, Violation
from enforcement.services.violations.registration import OffenderData


@transaction.atomic
def violation_offender_update(
    *, actor: User, violation: Violation, offender: OffenderData, request=None
) -> Violation:
    """Correct the offender data of a violation (the recording boa or team lead)."""
    violation = Violation.objects.select_for_update().get(pk=violation.pk)
    if not (
        perms.can_view_violation(actor, violation)
        and perms.can_view_personal_data(actor)
        and perms.can_create_violation(actor, violation.incident)
    ):
        raise PermissionDenied
    offender = offender.cleaned()
    offender.validate()
    row = violation.offender
    if row is None:
        row = Offender.objects.create(kind=offender.kind, name=offender.name)
        violation.offender = row
        violation.save(update_fields=["offender"])
    before = {f: str(getattr(row, f) or "") for f in ("kind", "name", "date_of_birth", "address")}
    before["coc_number"] = row.coc_number
    row.kind = offender.kind
    row.name = offender.name
    row.date_of_birth = offender.date_of_birth
    row.address = offender.address
    row.coc_number = offender.coc_number
    row.match_key = offender.key()
    row.full_clean()
    row.save()
    changed = [
        f
        for f in before
        if before[f] != (str(getattr(row, f) or "") if f != "coc_number" else row.coc_number)
    ]
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.CHANGE,
        obj=violation,
        detail={"offender": row.pk, "fields": changed},
        request=request,
    )
    return violation


def violation_view_logged(*, actor: User, violation: Violation, request=None) -> None:
    """Log that ``actor`` saw the offender data of ``violation`` (call inside the view's transaction)."""
    if violation.offender_id is None:
        return
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.VIEW,
        obj=violation,
        detail={"offender": violation.offender_id},
        request=request,
    )


def violation_search_logged(*, actor: User, term: str, found: list[int], request=None) -> None:
    """Log a targeted search of violations by a person's name, address or CoC number."""
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.SEARCH,
        object_type="enforcement.violation",
        detail={"term": term[:200], "found": found},
        request=request,
    )
