"""The EFFORT_ACTIVITY provider: planned patrol effort booked on a programme activity.

Registered with ``enforcement.extensions`` from ``PlanningConfig.ready()`` so the
patrol-log screens can offer activities without importing planning.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planning.models import Activity, PlannedEffort, Programme


def _activity_label(activity: Activity) -> str:
    return f"{activity.theme.name}: {activity.title}"


def activities_for_log(*, patrol_log: Any):
    when = timezone.localtime(patrol_log.started_at)
    return (
        Activity.objects.filter(
            programme__year=when.year,
            programme__status=Programme.Status.ADOPTED,
            kind=Activity.Kind.PLANNED,
            deferred=False,
            start_month__lte=when.month,
            end_month__gte=when.month,
        )
        .select_related("theme")
        .order_by("theme__order", "theme__name", "title")
    )


class EffortActivityProvider:
    def choices(self, *, patrol_log: Any) -> list[tuple[int, str]]:
        return [(a.pk, _activity_label(a)) for a in activities_for_log(patrol_log=patrol_log)]

    @transaction.atomic
    def link(self, *, effort: Any, activity_id: int | None, actor: Any) -> None:
        if activity_id is None:
            PlannedEffort.objects.filter(effort=effort).delete()
            return
        if effort.kind != effort.Kind.PLANNED:
            raise ValidationError(_("Alleen geplande inzet hoort bij een programma-activiteit."))
        activity = activities_for_log(patrol_log=effort.patrol_log).filter(pk=activity_id).first()
        if activity is None:
            raise ValidationError(
                _("Deze activiteit staat niet in het vastgestelde programma voor deze dienst.")
            )
        if activity.theme_id != effort.theme_id:
            raise ValidationError(
                _("De activiteit hoort bij thema %(t)s; kies hetzelfde thema voor de inzet.")
                % {"t": activity.theme.name}
            )
        PlannedEffort.objects.update_or_create(
            effort=effort, defaults={"activity": activity, "linked_by": actor}
        )

    def labels(self, *, efforts: Iterable[Any]) -> dict[int, str]:
        ids = [e.pk if hasattr(e, "pk") else e for e in efforts]
        links = PlannedEffort.objects.filter(effort_id__in=ids).select_related("activity__theme")
        return {link.effort_id: _activity_label(link.activity) for link in links}


provider = EffortActivityProvider()
