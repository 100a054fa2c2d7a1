"""Shifts left open: flag a shift open for more than 14 hours once and tell the team lead."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Capability as C
from accounts.roles import roles_with
from accounts.services import notification_create
from enforcement.models import PatrolLog, PatrolLogEvent
from enforcement.services.patrols.shifts import _event, _fmt

OPEN_FLAG_AFTER = dt.timedelta(hours=14)


def _team_lead_roles() -> list[str]:
    return roles_with(C.PATROL_LOG_CORRECT_TEAM)


def patrol_logs_flag_open(*, now: dt.datetime | None = None) -> int:
    """Flag shifts open for more than 14 hours once and notify the team's team lead(s)."""
    now = now or timezone.now()
    ids = list(
        PatrolLog.objects.filter(
            ended_at__isnull=True,
            flagged_open_at__isnull=True,
            started_at__lt=now - OPEN_FLAG_AFTER,
        ).values_list("pk", flat=True)
    )
    flagged = 0
    for pk in ids:
        flagged += patrol_log_flag_open(patrol_log_id=pk, now=now)
    return flagged


@transaction.atomic
def patrol_log_flag_open(*, patrol_log_id: int, now: dt.datetime) -> int:
    log = (
        PatrolLog.objects.select_for_update(skip_locked=True)
        .select_related("boa")
        .filter(pk=patrol_log_id, ended_at__isnull=True, flagged_open_at__isnull=True)
        .first()
    )
    if log is None or log.started_at >= now - OPEN_FLAG_AFTER:
        return 0
    log.flagged_open_at = now
    log.save(update_fields=["flagged_open_at"])
    leads = User.objects.filter(team_id=log.team_id, role__in=_team_lead_roles(), is_active=True)
    url = reverse("enforcement:patrol_detail", args=[log.pk])

    def message() -> str:  # in each team lead's own language
        return _(
            "De dienst van %(boa)s (begonnen %(start)s) staat langer dan 14 uur open. "
            "Controleer en corrigeer de eindtijd."
        ) % {"boa": log.boa, "start": _fmt(log.started_at)}

    for lead in leads:
        notification_create(user=lead, message=message, url=url)
    _event(
        log=log,
        actor=None,
        kind=PatrolLogEvent.Kind.FLAGGED,
        message="Dienst staat langer dan 14 uur open; teamleider geïnformeerd",
        data={"notified": [u.pk for u in leads]},
    )
    return 1
