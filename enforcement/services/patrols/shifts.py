"""Services for patrol logs (diensten): start, end, effort split, correction.

Every change appends a PatrolLogEvent (with before/after) in the same transaction.
Overlap of shifts is refused for the boa and each companion: the rows of the
people involved are locked first, so two simultaneous starts for one person
are serialised; the exclusion constraint on (boa, tstzrange) backs this up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User
from accounts.roles import Capability as C
from enforcement import extensions
from enforcement import permissions as perms
from enforcement.models import Area, PatrolEffort, PatrolLog, PatrolLogEvent, Theme

FUTURE_TOLERANCE = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class EffortRow:
    theme: Theme
    kind: str
    minutes: int
    activity_id: int | None = None


def _fmt(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else "—"


def _minutes_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(h)s uur en %(m)s minuten") % {"h": hours, "m": rest}
    if hours:
        return _("%(h)s uur") % {"h": hours}
    return _("%(m)s minuten") % {"m": rest}


def _snapshot(log: PatrolLog) -> dict:
    return {
        "started_at": log.started_at.isoformat() if log.started_at else None,
        "ended_at": log.ended_at.isoformat() if log.ended_at else None,
        "mode": log.mode,
        "joint_with_police": log.joint_with_police,
        "team": log.team_id,
        "areas": sorted(a.pk for a in log.areas.all()),
        "companions": sorted(u.pk for u in log.companions.all()),
        "notes": log.notes,
        "efforts": [
            [e.theme_id, e.kind, e.minutes]
            for e in log.efforts.order_by("theme_id", "kind", "minutes", "pk")
        ],
    }


def _event(
    *,
    log: PatrolLog,
    actor: User | None,
    kind: PatrolLogEvent.Kind,
    message: str,
    data: dict,
) -> None:
    PatrolLogEvent.objects.create(
        patrol_log=log,
        actor=actor,
        kind=kind,
        message=message[:500],
        data=data,
    )


def _check_not_future(value: dt.datetime, field: str, now: dt.datetime) -> None:
    if value > now + FUTURE_TOLERANCE:
        raise ValidationError(
            {field: _("Dit tijdstip ligt in de toekomst. Vul een tijd in tot nu.")}, code="future"
        )


def _check_times(started_at: dt.datetime, ended_at: dt.datetime | None) -> None:
    now = timezone.now()
    _check_not_future(started_at, "started_at", now)
    if ended_at is not None:
        _check_not_future(ended_at, "ended_at", now)
        if ended_at <= started_at:
            raise ValidationError(
                {"ended_at": _("Het einde van de dienst moet na het begin liggen.")}, code="order"
            )
        if ended_at - started_at < dt.timedelta(minutes=1):
            # Whole minutes are what the effort split and the figures count.
            raise ValidationError(
                {
                    "ended_at": _(
                        "Een dienst van 0 minuten kan niet: het einde ligt minder dan "
                        "een minuut na het begin."
                    )
                },
                code="zero",
            )


def _lock_people(ids: Iterable[int]) -> list[User]:
    # Locking in pk order avoids deadlocks between two services locking the same people.
    return list(User.objects.select_for_update().filter(pk__in=set(ids)).order_by("pk"))


def _check_no_overlap(
    *,
    people: Sequence[User],
    started_at: dt.datetime,
    ended_at: dt.datetime | None,
    exclude_pk: int | None = None,
) -> None:
    ids = [p.pk for p in people]
    qs = PatrolLog.objects.filter(Q(boa_id__in=ids) | Q(companions__in=ids)).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=started_at)
    )
    if ended_at is not None:
        qs = qs.filter(started_at__lt=ended_at)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    clash = qs.distinct().select_related("boa").prefetch_related("companions").first()
    if clash is None:
        return
    involved = {clash.boa_id, *(c.pk for c in clash.companions.all())}
    who = next((p for p in people if p.pk in involved), people[0])
    until = _("nu (nog open)") if clash.ended_at is None else _fmt(clash.ended_at)
    raise ValidationError(
        _(
            "%(who)s heeft al een dienst van %(start)s tot %(until)s. "
            "Diensten van één boa mogen elkaar niet overlappen."
        )
        % {"who": who, "start": _fmt(clash.started_at), "until": until},
        code="overlap",
    )


def _effort_total(log: PatrolLog) -> int:
    return sum(log.efforts.values_list("minutes", flat=True))


def _check_effort_fits(*, total: int, started_at: dt.datetime, ended_at: dt.datetime | None):
    end = ended_at or timezone.now()
    length = max(0, int((end - started_at).total_seconds() // 60))
    if total > length:
        raise ValidationError(
            _("De verdeelde inzet (%(total)s) is %(over)s langer dan de dienst (%(length)s).")
            % {
                "total": _minutes_text(total),
                "over": _minutes_text(total - length),
                "length": _minutes_text(length),
            },
            code="effort_exceeds",
        )


def _save_guarded(log: PatrolLog, **kwargs) -> None:
    try:
        with transaction.atomic():
            log.save(**kwargs)
    except IntegrityError as exc:
        if "patrol_log_no_overlap_per_boa" in str(exc):
            raise ValidationError(
                _("Deze dienst overlapt met een andere dienst van dezelfde boa."), code="overlap"
            ) from exc
        raise


@transaction.atomic
def patrol_log_start(
    *,
    actor: User,
    started_at: dt.datetime | None = None,
    companions: Iterable[User] = (),
    team: Team | None = None,
    areas: Iterable[Area] = (),
    mode: str = PatrolLog.Mode.FOOT,
    joint_with_police: bool = False,
    notes: str = "",
) -> PatrolLog:
    """The actor starts a shift now (or at ``started_at``), optionally with other boa's."""
    if not actor.can(C.PATROL_LOG_OWN):
        raise PermissionDenied
    team = team or actor.team
    if team is None:
        raise ValidationError({"team": _("Kies het team waarvoor u deze dienst draait.")})
    started_at = started_at or timezone.now()
    _check_times(started_at, None)
    companions = [c for c in companions if c.pk != actor.pk]
    for companion in companions:
        if not companion.can(C.PATROL_LOG_OWN):
            raise ValidationError(
                {"companions": _("%(who)s kan geen dienst draaien.") % {"who": companion}}
            )
    people = _lock_people([actor.pk, *(c.pk for c in companions)])
    _check_no_overlap(people=people, started_at=started_at, ended_at=None)
    log = PatrolLog(
        boa=actor,
        team=team,
        mode=mode,
        joint_with_police=joint_with_police,
        started_at=started_at,
        notes=notes,
    )
    _save_guarded(log)
    log.companions.set(companions)
    log.areas.set(list(areas))
    _event(
        log=log,
        actor=actor,
        kind=PatrolLogEvent.Kind.STARTED,
        message=f"Dienst gestart om {_fmt(started_at)}",
        data={"before": None, "after": _snapshot(log)},
    )
    return log


@transaction.atomic
def patrol_log_end(
    *,
    actor: User,
    patrol_log: PatrolLog,
    ended_at: dt.datetime | None = None,
) -> PatrolLog:
    """End an open shift now (or at ``ended_at``)."""
    log = PatrolLog.objects.select_for_update().get(pk=patrol_log.pk)
    if not perms.can_change_patrol_log(actor, log):
        raise PermissionDenied
    if log.ended_at is not None:
        raise ValidationError(_("Deze dienst is al beëindigd."), code="already_ended")
    ended_at = ended_at or timezone.now()
    _check_times(log.started_at, ended_at)
    _check_effort_fits(total=_effort_total(log), started_at=log.started_at, ended_at=ended_at)
    before = _snapshot(log)
    log.ended_at = ended_at
    _save_guarded(log, update_fields=["ended_at", "updated_at"])
    _event(
        log=log,
        actor=actor,
        kind=PatrolLogEvent.Kind.ENDED,
        message=f"Dienst beëindigd om {_fmt(ended_at)}",
        data={"before": before, "after": _snapshot(log)},
    )
    patrol_log.ended_at = log.ended_at
    return log


@transaction.atomic
def patrol_effort_set(
    *,
    actor: User,
    patrol_log: PatrolLog,
    rows: Sequence[EffortRow],
    kind: PatrolLogEvent.Kind = PatrolLogEvent.Kind.EFFORT,
) -> PatrolLog:
    """Replace the effort split of a shift. Rows of the same theme and kind are added up."""
    log = PatrolLog.objects.select_for_update().get(pk=patrol_log.pk)
    if not perms.can_change_patrol_log(actor, log):
        raise PermissionDenied
    merged: dict[tuple[int, str, int | None], int] = {}
    themes: dict[int, Theme] = {}
    for row in rows:
        if row.minutes <= 0:
            continue
        if row.kind not in PatrolEffort.Kind.values:
            raise ValidationError(_("Kies gepland of reactief."))
        activity = row.activity_id if row.kind == PatrolEffort.Kind.PLANNED else None
        key = (row.theme.pk, row.kind, activity)
        merged[key] = merged.get(key, 0) + row.minutes
        themes[row.theme.pk] = row.theme
    total = sum(merged.values())
    _check_effort_fits(total=total, started_at=log.started_at, ended_at=log.ended_at)
    before = _snapshot(log)
    log.efforts.all().delete()
    provider = extensions.get(extensions.EFFORT_ACTIVITY)
    for (theme_id, effort_kind, activity_id), minutes in merged.items():
        effort = PatrolEffort.objects.create(
            patrol_log=log, theme=themes[theme_id], kind=effort_kind, minutes=minutes
        )
        if provider is not None and activity_id is not None:
            provider.link(effort=effort, activity_id=activity_id, actor=actor)
    log.save(update_fields=["updated_at"])
    _event(
        log=log,
        actor=actor,
        kind=kind,
        message=f"Inzet verdeeld: {_minutes_text(total)} over {len(merged)} regel(s)",
        data={"before": before, "after": _snapshot(log)},
    )
    return log


@transaction.atomic
def patrol_log_correct(
    *,
    actor: User,
    patrol_log: PatrolLog,
    started_at: dt.datetime,
    ended_at: dt.datetime | None,
    areas: Iterable[Area],
    mode: str,
    joint_with_police: bool,
    reason: str = "",
    companions: Iterable[User] | None = None,
) -> PatrolLog:
    """The team lead corrects a shift of the team: times, areas, mode, police and who
    joined it (``companions``; None leaves them as they are)."""
    log = PatrolLog.objects.select_for_update().get(pk=patrol_log.pk)
    if not perms.can_correct_patrol_log(actor, log):
        raise PermissionDenied
    if log.ended_at is not None and ended_at is None:
        raise ValidationError({"ended_at": _("Een beëindigde dienst heeft een eindtijd nodig.")})
    _check_times(started_at, ended_at)
    current = list(log.companions.values_list("pk", flat=True))
    if companions is not None:
        companions = [c for c in companions if c.pk != log.boa_id]
        for companion in companions:
            if not companion.can(C.PATROL_LOG_OWN):
                raise ValidationError(
                    {"companions": _("%(who)s kan geen dienst draaien.") % {"who": companion}}
                )
    joined = current if companions is None else [c.pk for c in companions]
    # Lock everyone involved before and after; the overlap check is for who is on it after.
    locked = _lock_people([log.boa_id, *current, *joined])
    people = [u for u in locked if u.pk == log.boa_id or u.pk in joined]
    _check_no_overlap(people=people, started_at=started_at, ended_at=ended_at, exclude_pk=log.pk)
    _check_effort_fits(total=_effort_total(log), started_at=started_at, ended_at=ended_at)
    before = _snapshot(log)
    log.started_at = started_at
    log.ended_at = ended_at
    log.mode = mode
    log.joint_with_police = joint_with_police
    fields = ["started_at", "ended_at", "mode", "joint_with_police", "updated_at"]
    _save_guarded(log, update_fields=fields)
    log.areas.set(list(areas))
    if companions is not None:
        log.companions.set(companions)
    after = _snapshot(log)
    changed = [k for k in after if before.get(k) != after.get(k)]
    message = "Dienst gecorrigeerd door teamleider"
    if reason:
        message += f": {reason}"
    _event(
        log=log,
        actor=actor,
        kind=PatrolLogEvent.Kind.CORRECTED,
        message=message,
        data={"before": before, "after": after, "changed": changed, "reason": reason},
    )
    return log


def patrol_effort_correct(*, actor: User, patrol_log: PatrolLog, rows: Sequence[EffortRow]):
    """The team lead corrects the effort split; kept in the timeline as a correction."""
    if not perms.can_correct_patrol_log(actor, patrol_log):
        raise PermissionDenied
    return patrol_effort_set(
        actor=actor, patrol_log=patrol_log, rows=rows, kind=PatrolLogEvent.Kind.EFFORT_CORRECTED
    )
