"""Sharing a case with a partner organisation, and ending the share. One transaction each."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import AccessLogEntry, PartnerOrganisation, User
from accounts.services import access_log_record
from cases import permissions as perms
from cases.models import (
    CaseEvent,
    CaseShare,
)
from cases.services.cases import _bump, _event, _lock


@transaction.atomic
def case_share(
    *,
    actor: User,
    case_id: int,
    partner_organisation: PartnerOrganisation,
    include_personal_data: bool = False,
    request=None,
) -> CaseShare:
    case = _lock(case_id, None)
    if not perms.can_share_case(actor, case):
        raise PermissionDenied
    share, created = CaseShare.objects.get_or_create(
        case=case,
        partner_organisation=partner_organisation,
        defaults={"include_personal_data": include_personal_data, "shared_by": actor},
    )
    if not created and share.include_personal_data != include_personal_data:
        share.include_personal_data = include_personal_data
        share.save(update_fields=["include_personal_data"])
    elif not created:
        return share
    _bump(case, [])
    _event(
        case,
        actor,
        CaseEvent.Kind.SHARED,
        f"Gedeeld met {partner_organisation}"
        + (
            " inclusief persoonsgegevens" if include_personal_data else " (zonder persoonsgegevens)"
        ),
        partner_organisation=partner_organisation.pk,
        include_personal_data=include_personal_data,
    )
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.CHANGE,
        obj=case,
        detail={
            "shared_with": partner_organisation.name,
            "include_personal_data": include_personal_data,
        },
        request=request,
    )
    return share


@transaction.atomic
def case_unshare(
    *, actor: User, case_id: int, partner_organisation: PartnerOrganisation, request=None
) -> None:
    case = _lock(case_id, None)
    if not perms.can_share_case(actor, case):
        raise PermissionDenied
    deleted, _ = CaseShare.objects.filter(
        case=case, partner_organisation=partner_organisation
    ).delete()
    if deleted:
        _bump(case, [])
        _event(
            case,
            actor,
            CaseEvent.Kind.UNSHARED,
            f"Delen met {partner_organisation} beëindigd",
            partner_organisation=partner_organisation.pk,
        )
        access_log_record(
            actor=actor,
            action=AccessLogEntry.Action.CHANGE,
            obj=case,
            detail={"unshared_with": partner_organisation.name},
            request=request,
        )
