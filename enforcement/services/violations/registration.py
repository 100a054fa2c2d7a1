"""Violation services for recording a violation: proposal, requirements, lookup, create.

Every view and change of offender data is written to the access log in the same
transaction (accounts.services.access_log_record).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AccessLogEntry, User
from accounts.services import access_log_record
from enforcement import matrix
from enforcement import permissions as perms
from enforcement.models import (
    Incident,
    IncidentEvent,
    InterventionType,
    Offence,
    Offender,
    Violation,
)
from enforcement.offenders import offender_key
from enforcement.selectors.violations import address_history, offender_repeats
from enforcement.services.numbering import reference_next

REFERENCE_PREFIX = "O"


@dataclass(frozen=True)
class OffenderData:
    kind: str
    name: str
    date_of_birth: dt.date | None = None
    address: str = ""
    coc_number: str = ""

    def cleaned(self) -> OffenderData:
        """Only the minimum data for the kind: no birth date for a company, no CoC for a person."""
        if self.kind == Offender.Kind.COMPANY:
            return OffenderData(
                kind=self.kind,
                name=self.name.strip(),
                address=self.address.strip(),
                coc_number=self.coc_number.strip(),
            )
        return OffenderData(
            kind=Offender.Kind.PERSON,
            name=self.name.strip(),
            date_of_birth=self.date_of_birth,
            address=self.address.strip(),
        )

    def validate(self) -> None:
        errors = {}
        if not self.name:
            errors["offender_name"] = "Vul de naam van de overtreder in."
        if self.kind == Offender.Kind.COMPANY:
            # Without a KvK number (a foreign company, an unregistered trader) the company
            # is known by its name with its address, so the address is then needed.
            if self.coc_number and not (len(self.coc_number) == 8 and self.coc_number.isdigit()):
                errors["offender_coc_number"] = "Een KvK-nummer bestaat uit 8 cijfers."
            elif not self.coc_number and not self.address:
                errors["offender_address"] = (
                    "Vul het KvK-nummer in, of zonder KvK-nummer het adres van het bedrijf."
                )
        else:
            if self.date_of_birth is None:
                errors["offender_date_of_birth"] = "Vul de geboortedatum in."
            elif self.date_of_birth > timezone.localdate():
                errors["offender_date_of_birth"] = "De geboortedatum ligt in de toekomst."
            if not self.address:
                errors["offender_address"] = "Vul het adres van de overtreder in."
        if errors:
            raise ValidationError(errors)

    def key(self) -> str:
        return offender_key(
            kind=self.kind,
            name=self.name,
            date_of_birth=self.date_of_birth,
            address=self.address,
            coc_number=self.coc_number,
        )


@dataclass(frozen=True)
class ProposalResult:
    proposal: matrix.Proposal
    repeats: list[Violation]  # counted for the escalation (every team)
    address_history: list[Violation]  # others at the address: information only


def violation_proposal(
    *,
    offence: Offence | None,
    attitude: str,
    consequence: str,
    offender: OffenderData | None,
    address: str,
    committed_on: dt.date,
    exclude_pk: int | None = None,
) -> ProposalResult:
    """What the strategy in force on ``committed_on`` proposes, and the violations it rests on."""
    table = matrix.table_in_force(on=committed_on)
    key = offender.key() if offender else ""
    repeats = []
    if offence is not None:
        repeats = offender_repeats(
            key=key,
            offence=offence,
            on=committed_on,
            window_days=table.window_days,
            exclude_pk=exclude_pk,
        )
    if offence is not None and offence.premises_bound:
        who = "operator"
    else:
        who = offender.kind if offender and offender.kind in matrix.WHO_SAME else "person"
    group = offence.group if offence is not None and offence.group_id else None
    proposal = matrix.propose(
        table=table,
        attitude=attitude,
        consequence=consequence,
        repeat_count=len(repeats),
        group_id=group.pk if group else None,
        group_name=group.name if group else "",
        who=who,
        identified=bool(key),
        offence_known=offence is not None,
    )
    history = address_history(
        address=address,
        on=committed_on,
        window_days=table.window_days,
        not_key=key,
        exclude_pk=exclude_pk,
    )
    return ProposalResult(proposal=proposal, repeats=repeats, address_history=history)


@dataclass(frozen=True)
class Requirements:
    """What a violation needs, given the intervention the boa chose and the one proposed."""

    intervention: InterventionType | None  # the one that will be recorded
    deviates: bool  # chosen differs from the proposal: a reason is required
    needs_offender: bool
    needs_amount: bool


def violation_requirements(
    *, chosen: InterventionType | None, proposed: InterventionType | None
) -> Requirements:
    """The one rule the form shows and ``violation_create`` enforces."""
    effective = chosen or proposed
    return Requirements(
        intervention=effective,
        deviates=bool(chosen and proposed and chosen.pk != proposed.pk),
        needs_offender=effective.needs_offender if effective else True,
        needs_amount=effective.needs_amount if effective else False,
    )


@dataclass(frozen=True)
class Lookup:
    """What the violation form may show this user of a proposal's basis."""

    proposal: matrix.Proposal
    repeats: list[Violation]  # the counted ones this user may open
    repeats_hidden: int  # counted, but recorded by a team this user may not see
    address_history: list[Violation]  # others at the address this user may open


@transaction.atomic
def violation_lookup(
    *,
    actor: User,
    incident: Incident,
    offence: Offence | None,
    attitude: str,
    consequence: str,
    offender: OffenderData | None,
    address: str,
    committed_on: dt.date,
    request=None,
) -> Lookup:
    """The proposal for the violation form, with the earlier violations the user may see.

    The escalation counts every earlier offence of the offender, whichever team
    recorded it: the sanction belongs to the offender, and one offender must not get
    a lighter sanction because another team met them first. The boa sees only how
    many of those lie outside their view, never their reference, date or details
    (those stay behind ``violations_visible_to``). The look-up is itself processing
    of personal data, so whatever it shows is written to the access log here, in the
    same transaction.
    """
    result = violation_proposal(
        offence=offence,
        attitude=attitude,
        consequence=consequence,
        offender=offender.cleaned() if offender else None,
        address=address,
        committed_on=committed_on,
    )
    found = [v.pk for v in result.repeats + result.address_history]
    visible: set[int] = set()
    if found and perms.can_view_personal_data(actor):
        visible = set(
            perms.violations_visible_to(actor).filter(pk__in=found).values_list("pk", flat=True)
        )
    repeats = [v for v in result.repeats if v.pk in visible]
    history = [v for v in result.address_history if v.pk in visible]
    hidden = len(result.repeats) - len(repeats)
    if repeats or history or hidden:
        access_log_record(
            actor=actor,
            action=AccessLogEntry.Action.SEARCH,
            object_type="enforcement.violation",
            detail={
                "incident": incident.pk,
                "found": [v.pk for v in repeats + history],
                "counted_not_shown": hidden,
                "by": "offender" if offender else "address",
            },
            request=request,
        )
    return Lookup(
        proposal=result.proposal, repeats=repeats, repeats_hidden=hidden, address_history=history
    )


@transaction.atomic
def violation_create(
    *,
    actor: User,
    incident: Incident,
    offence: Offence,
    attitude: str,
    consequence: str,
    intervention: InterventionType | None,
    deviation_reason: str = "",
    offender: OffenderData | None = None,
    amount: Decimal | None = None,
    committed_on: dt.date | None = None,
    address: str = "",
    recorded_at: dt.datetime | None = None,
    request=None,
) -> Violation:
    """Record a violation on an incident. ``recorded_at`` (validated by the form) is when
    the boa saved it on a device without a connection: it becomes the registration time."""
    if not perms.can_create_violation(actor, incident):
        raise PermissionDenied
    committed_on = committed_on or timezone.localdate()
    if committed_on > timezone.localdate():
        raise ValidationError({"committed_on": _("De datum ligt in de toekomst.")})
    if attitude not in Violation.Attitude.values:
        raise ValidationError({"attitude": _("Kies de houding van de overtreder.")})
    if consequence not in Violation.Consequence.values:
        raise ValidationError({"consequence": _("Kies het gevolg van de overtreding.")})
    address = (address or incident.address).strip()
    offender = offender.cleaned() if offender else None
    result = violation_proposal(
        offence=offence,
        attitude=attitude,
        consequence=consequence,
        offender=offender,
        address=address,
        committed_on=committed_on,
    )
    proposal, earlier = result.proposal, result.repeats
    if proposal.intervention is None:
        raise ValidationError(_("Er zijn geen interventiesoorten ingesteld."))
    required = violation_requirements(chosen=intervention, proposed=proposal.intervention)
    intervention = required.intervention
    deviation_reason = deviation_reason.strip()
    if required.deviates and not deviation_reason:
        raise ValidationError(
            {
                "deviation_reason": _(
                    "U kiest een andere interventie dan voorgesteld (%(proposed)s). "
                    "Geef de reden van de afwijking."
                )
                % {"proposed": proposal.intervention}
            }
        )
    if not required.deviates:
        deviation_reason = ""
    if required.needs_offender:
        if offender is None:
            raise ValidationError({"offender_name": _("Vul de gegevens van de overtreder in.")})
        offender.validate()
    else:
        offender = None
    if required.needs_amount:
        if amount is None:
            amount = offence.default_amount
        if amount is None:
            raise ValidationError({"amount": _("Vul het bedrag in.")})
        if amount < 0:
            raise ValidationError({"amount": _("Het bedrag kan niet negatief zijn.")})
    else:
        amount = None
    offender_row = None
    if offender is not None:
        offender_row = Offender.objects.create(
            kind=offender.kind,
            name=offender.name,
            date_of_birth=offender.date_of_birth,
            address=offender.address,
            coc_number=offender.coc_number,
            match_key=offender.key(),
        )
    violation = Violation.objects.create(
        reference=reference_next(prefix=REFERENCE_PREFIX, year=committed_on.year),
        incident=incident,
        offence=offence,
        offender=offender_row,
        attitude=attitude,
        consequence=consequence,
        proposed_intervention=proposal.intervention,
        intervention=intervention,
        deviation_reason=deviation_reason,
        strategy=proposal.strategy,
        proposal_explanation=proposal.explanation[:500],
        proposal_basis={
            "strategy_version": proposal.strategy.version if proposal.strategy else None,
            "base": proposal.base_intervention.code if proposal.base_intervention else None,
            "position": proposal.position,
            "repeats": [v.pk for v in earlier],
            "address_history": [v.pk for v in result.address_history],
        },
        repeat_count=len(earlier),
        amount=amount,
        committed_on=committed_on,
        address=address,
        recorded_by=actor,
        team=actor.team or incident.team,
    )
    if recorded_at is not None:
        # created_at is auto_now_add; the device's moment of saving is the registration time.
        Violation.objects.filter(pk=violation.pk).update(created_at=recorded_at)
        violation.created_at = recorded_at
    IncidentEvent.objects.create(
        incident=incident,
        actor=actor,
        kind=IncidentEvent.Kind.VIOLATION,
        message=f"Overtreding {violation.reference} vastgelegd: {offence.code}, {intervention}",
        data={"violation": violation.pk},
    )
    if offender_row is not None:
        access_log_record(
            actor=actor,
            action=AccessLogEntry.Action.CREATE,
            obj=violation,
            detail={"offender": offender_row.pk, "kind": offender_row.kind},
            request=request,
        )
    return violation
