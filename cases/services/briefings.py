"""Services for joint briefings: planning, agenda, minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases import permissions as perms
from cases.models import AgendaItem, Briefing, BriefingSeries
from cases.selectors import agenda_candidates, previous_briefing_start

WEEKDAY_NAMES = ["ma", "di", "wo", "do", "vr", "za", "zo"]


def _check_open(briefing: Briefing) -> None:
    if briefing.status == Briefing.Status.HELD:
        raise ValidationError(_("De briefing is al gehouden; de agenda ligt vast."))


def _check_plan(actor: User) -> None:
    if not perms.can_plan_briefing(actor):
        raise PermissionDenied(_("Alleen een teamleider plant briefings."))


@transaction.atomic
def briefing_create(
    *,
    actor: User,
    title: str,
    starts_at: dt.datetime,
    areas: Iterable,
    participants: Iterable[User],
    location: str = "",
    chair: User | None = None,
    series: BriefingSeries | None = None,
) -> Briefing:
    _check_plan(actor)
    briefing = Briefing.objects.create(
        title=title,
        team_id=actor.team_id,
        chair=chair or actor,
        starts_at=starts_at,
        location=location,
        series=series,
        created_by=actor,
    )
    briefing.areas.set(areas)
    briefing.participants.set(participants)
    return briefing


@transaction.atomic
def briefing_series_create(
    *,
    actor: User,
    title: str,
    weekdays: list[int],
    time: dt.time,
    start_date: dt.date,
    areas: Iterable,
    participants: Iterable[User],
    weeks: int = 4,
    end_date: dt.date | None = None,
    location: str = "",
) -> BriefingSeries:
    _check_plan(actor)
    if not weekdays:
        raise ValidationError({"weekdays": _("Kies ten minste één weekdag.")})
    areas, participants = list(areas), list(participants)
    series = BriefingSeries.objects.create(
        title=title,
        team_id=actor.team_id,
        chair=actor,
        weekdays=sorted(set(weekdays)),
        time=time,
        start_date=start_date,
        end_date=end_date,
        location=location,
        created_by=actor,
    )
    series.areas.set(areas)
    series.participants.set(participants)
    last_day = start_date + dt.timedelta(weeks=weeks, days=-1)
    briefing_series_extend(series_id=series.pk, until=last_day)
    return series


@transaction.atomic
def briefing_series_extend(*, series_id: int, until: dt.date) -> int:
    """Create the occurrences up to ``until`` that do not exist yet (idempotent)."""
    series = BriefingSeries.objects.select_for_update().get(pk=series_id)
    last = series.end_date and min(series.end_date, until) or until
    existing = set(series.briefings.values_list("starts_at", flat=True))
    areas = list(series.areas.all())
    participants = list(series.participants.all())
    day = max(series.start_date, timezone.localdate())
    created = 0
    tz = timezone.get_current_timezone()
    while day <= last:
        if day.weekday() in series.weekdays:
            starts_at = dt.datetime.combine(day, series.time, tzinfo=tz)
            if starts_at not in existing:
                b = Briefing.objects.create(
                    series=series,
                    title=series.title,
                    team_id=series.team_id,
                    chair_id=series.chair_id,
                    starts_at=starts_at,
                    location=series.location,
                    created_by_id=series.created_by_id,
                )
                b.areas.set(areas)
                b.participants.set(participants)
                created += 1
        day += dt.timedelta(days=1)
    return created


@transaction.atomic
def briefing_agenda_generate(*, actor: User | None, briefing_id: int) -> list[AgendaItem]:
    """(Re)build the generated part of the agenda; free items and removals stay."""
    briefing = Briefing.objects.select_for_update().get(pk=briefing_id)
    if actor is not None and not perms.can_run_briefing(actor, briefing):
        raise PermissionDenied
    _check_open(briefing)
    since = previous_briefing_start(briefing)
    existing = {
        (i.kind, i.incident_id, i.case_id, i.action_item_id): i
        for i in briefing.agenda_items.exclude(kind=AgendaItem.Kind.FREE)
    }
    position = (briefing.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    keep, new = set(), []
    for cand in agenda_candidates(briefing, since=since):
        key = (
            cand["kind"],
            cand.get("incident_id"),
            cand.get("case_id"),
            cand.get("action_item_id"),
        )
        if key in existing:
            keep.add(existing[key].pk)
            continue
        new.append(AgendaItem(briefing=briefing, position=position, **cand))
        position += 1
    # Generated items that no longer apply go; removed ones stay removed (and stay away).
    briefing.agenda_items.exclude(kind=AgendaItem.Kind.FREE).exclude(pk__in=keep).filter(
        removed=False
    ).delete()
    AgendaItem.objects.bulk_create(new)
    briefing.agenda_generated_at = timezone.now()
    briefing.agenda_since = since
    briefing.save(update_fields=["agenda_generated_at", "agenda_since"])
    return list(briefing.agenda_items.filter(removed=False))


@transaction.atomic
def agenda_item_remove(*, actor: User, item_id: int) -> AgendaItem:
    item = AgendaItem.objects.select_related("briefing").get(pk=item_id)
    if not perms.can_run_briefing(actor, item.briefing):
        raise PermissionDenied
    _check_open(item.briefing)
    if item.kind == AgendaItem.Kind.FREE:
        item.delete()
    else:
        item.removed = True
        item.save(update_fields=["removed"])
    return item


@transaction.atomic
def agenda_item_add(*, actor: User, briefing: Briefing, text: str) -> AgendaItem:
    if not perms.can_run_briefing(actor, briefing):
        raise PermissionDenied
    _check_open(briefing)
    if not text.strip():
        raise ValidationError({"text": _("Vul een agendapunt in.")})
    position = (briefing.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    return AgendaItem.objects.create(
        briefing=briefing, kind=AgendaItem.Kind.FREE, text=text.strip()[:500], position=position
    )


@transaction.atomic
def briefing_minutes_save(
    *, actor: User, briefing_id: int, minutes: str, held: bool = False
) -> Briefing:
    briefing = Briefing.objects.select_for_update().get(pk=briefing_id)
    if not perms.can_run_briefing(actor, briefing):
        raise PermissionDenied
    briefing.minutes = minutes
    fields = ["minutes"]
    if held:
        briefing.status = Briefing.Status.HELD
        fields.append("status")
    briefing.save(update_fields=fields)
    return briefing
