"""Services of the handhavingsstrategie: drafts, changes and adoption of versions.

An adopted version is never changed: a change is a new version (a copy), adopted
with its own date. Violations keep the version that proposed their intervention,
so adopting a new version changes the next proposal and no earlier violation.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.models import User
from enforcement import matrix
from enforcement import permissions as perms
from enforcement.models import InterventionType, LadderRung, MatrixCell, OffenceGroup, Strategy

Cells = dict[tuple[str, str], InterventionType]
Ladders = dict[int | None, list[InterventionType]]


def _require_admin(actor: User | None) -> None:
    if actor is not None and not perms.can_manage_reference_data(actor):
        raise PermissionDenied


def _write_table(strategy: Strategy, cells: Cells, ladders: Ladders) -> None:
    missing = [
        (a, c) for a in matrix.ATTITUDES for c in matrix.CONSEQUENCES if cells.get((a, c)) is None
    ]
    if missing:
        raise ValidationError(_("Vul elke cel van de matrix in."))
    if not ladders.get(None):
        raise ValidationError(
            _("De ladder voor de overige feiten heeft ten minste één stap nodig.")
        )
    strategy.cells.all().delete()
    strategy.rungs.all().delete()
    MatrixCell.objects.bulk_create(
        MatrixCell(strategy=strategy, attitude=a, consequence=c, intervention=iv)
        for (a, c), iv in cells.items()
    )
    rungs = []
    for group_id, ladder in ladders.items():
        for position, iv in enumerate([iv for iv in ladder if iv is not None], start=1):
            rungs.append(
                LadderRung(strategy=strategy, group_id=group_id, position=position, intervention=iv)
            )
    LadderRung.objects.bulk_create(rungs)


@transaction.atomic
def strategy_draft_create(*, actor: User | None, source: Strategy | None = None) -> Strategy:
    """A new draft version: a copy of ``source``, of the newest version, or of the default."""
    _require_admin(actor)
    if source is None:
        source = Strategy.objects.order_by("-version").first()
    table = matrix.table_for(source) if source is not None else matrix.default_table()
    version = (Strategy.objects.aggregate(m=Max("version"))["m"] or 0) + 1
    strategy = Strategy.objects.create(
        version=version,
        name=table.name,
        description=source.description if source is not None else "",
        repeat_window_days=table.window_days,
        created_by=actor,
    )
    cells = {k: v for k, v in table.cells.items() if v is not None}
    if len(cells) < len(matrix.ATTITUDES) * len(matrix.CONSEQUENCES) or not table.ladders.get(None):
        raise ValidationError(_("Er zijn geen interventiesoorten ingesteld."))
    _write_table(strategy, cells, table.ladders)
    return strategy


@transaction.atomic
def strategy_draft_update(
    *,
    actor: User,
    strategy: Strategy,
    name: str,
    description: str,
    repeat_window_days: int,
    cells: Cells,
    ladders: Ladders,
) -> Strategy:
    _require_admin(actor)
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    if strategy.adopted:
        raise ValidationError(_("Een vastgestelde versie verandert niet; maak een nieuwe versie."))
    strategy.name = name.strip()
    strategy.description = description.strip()
    strategy.repeat_window_days = repeat_window_days
    strategy.full_clean()
    strategy.save()
    _write_table(strategy, cells, ladders)
    return strategy


@transaction.atomic
def strategy_adopt(*, actor: User | None, strategy: Strategy, adopted_on: dt.date) -> Strategy:
    """Adopt a draft from ``adopted_on``; from then on it proposes, and it is fixed."""
    _require_admin(actor)
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    if strategy.adopted:
        raise ValidationError(_("Deze versie is al vastgesteld."))
    latest = Strategy.objects.filter(adopted_on__isnull=False).aggregate(m=Max("adopted_on"))["m"]
    if latest is not None and adopted_on <= latest:
        raise ValidationError(
            {
                "adopted_on": _(
                    "De datum moet na %(date)s liggen, de vaststelling van de vorige versie."
                )
                % {"date": latest.strftime("%d-%m-%Y")}
            }
        )
    if strategy.cells.count() != len(matrix.ATTITUDES) * len(matrix.CONSEQUENCES):
        raise ValidationError(_("Vul elke cel van de matrix in."))
    strategy.adopted_on = adopted_on
    strategy.adopted_by = actor
    strategy.save(update_fields=["adopted_on", "adopted_by"])
    return strategy


def strategy_groups() -> list[OffenceGroup]:
    return list(OffenceGroup.objects.filter(active=True).order_by("name"))
