"""Recording available boa hours per team per month."""

from __future__ import annotations

import calendar
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from planning import permissions
from planning.models import CapacityEntry


def capacity_validate(
    *,
    year: int,
    month: int,
    people: int,
    contract_hours: Decimal,
    leave_hours: Decimal,
    training_hours: Decimal,
    overhead_hours: Decimal,
) -> None:
    """Refuse negative or absurd hours (more than 24 a day per person)."""
    errors: dict[str, str] = {}
    values = {
        "people": people,
        "contract_hours": contract_hours,
        "leave_hours": leave_hours,
        "training_hours": training_hours,
        "overhead_hours": overhead_hours,
    }
    for field, value in values.items():
        if value is None or value < 0:
            errors[field] = _("Uren en aantallen kunnen niet negatief zijn.")
    if errors:
        raise ValidationError(errors)
    days = calendar.monthrange(year, month)[1]
    max_per_person = Decimal(24 * days)
    if contract_hours > max_per_person:
        errors["contract_hours"] = _(
            "%(h)s uur per persoon is meer dan 24 uur per dag in deze maand (max. %(m)s)."
        ) % {"h": contract_hours, "m": max_per_person}
    deductions = leave_hours + training_hours + overhead_hours
    if deductions > people * contract_hours and "contract_hours" not in errors:
        errors["leave_hours"] = _(
            "Verlof, opleiding en overhead samen (%(d)s uur) zijn meer dan de contracturen "
            "van het team (%(c)s uur)."
        ) % {"d": deductions, "c": people * contract_hours}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def capacity_save_month(
    *,
    actor,
    team,
    year: int,
    month: int,
    people: int,
    contract_hours: Decimal,
    leave_hours: Decimal,
    training_hours: Decimal,
    overhead_hours: Decimal,
) -> CapacityEntry:
    if not permissions.can_manage_capacity(actor, team):
        raise PermissionDenied(_("U mag de capaciteit van dit team niet vastleggen."))
    capacity_validate(
        year=year,
        month=month,
        people=people,
        contract_hours=contract_hours,
        leave_hours=leave_hours,
        training_hours=training_hours,
        overhead_hours=overhead_hours,
    )
    entry, _created = CapacityEntry.objects.update_or_create(
        team=team,
        year=year,
        month=month,
        defaults={
            "people": people,
            "contract_hours": contract_hours,
            "leave_hours": leave_hours,
            "training_hours": training_hours,
            "overhead_hours": overhead_hours,
            "updated_by": actor,
        },
    )
    entry.refresh_from_db(fields=["available_hours"])
    return entry
