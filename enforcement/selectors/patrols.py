"""Read-only queries of patrol logs."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from accounts import privacy
from enforcement import extensions
from enforcement import permissions as perms
from enforcement.models import PatrolEffort, PatrolLog
from enforcement.selectors.areas import area_with_descendants
from enforcement.selectors.incidents import _day_start

SORTS = {
    "start": "started_at",
    "-start": "-started_at",
    "boa": "boa__last_name",
    "-boa": "-boa__last_name",
    "effort": F("effort_total").asc(nulls_first=True),
    "-effort": F("effort_total").desc(nulls_last=True),
}


def open_patrol_log_for(*, user) -> PatrolLog | None:
    """The shift this user is on now (as boa or companion), if any.

    Incident registration uses this to link a new incident to the running shift.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        PatrolLog.objects.filter(Q(boa=user) | Q(companions=user), ended_at__isnull=True)
        .order_by("-started_at")
        .first()
    )


def within_browse_limit() -> Q:
    return Q(started_at__gte=privacy.browse_limit_start()) | Q(ended_at__isnull=True)


def patrol_log_list(
    *,
    user,
    boa_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    state: str = "",
    area_id: int | None = None,
    theme_id: int | None = None,
    sort: str = "-start",
) -> QuerySet[PatrolLog]:
    """Visible shifts. Shifts name the boa's who worked them, so they fall under the
    browse limit: a shift that started before WPG_BROWSE_LIMIT_DAYS is not listed
    (unless still running). The list has no targeted search: a shift has no reference
    number, and an old one is reached from the incident or case that links to it."""
    qs = perms.patrol_logs_visible_to(user)
    if qs.query.distinct:
        # Own shifts as boa or companion: a join that needs DISTINCT; filter by ids instead,
        # so the page query stays a plain indexed ORDER BY ... LIMIT.
        qs = PatrolLog.objects.filter(pk__in=qs.values("pk"))
    qs = qs.filter(within_browse_limit())
    if boa_id:
        joined = PatrolLog.objects.filter(companions=boa_id).values("pk")
        qs = qs.filter(Q(boa_id=boa_id) | Q(pk__in=joined))
    # A range on started_at itself (local midnights), as the incident list does: the
    # __date lookup casts every row and cannot use the started_at index.
    if date_from:
        qs = qs.filter(started_at__gte=_day_start(date_from))
    if date_to:
        qs = qs.filter(started_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    if area_id:
        in_area = PatrolLog.areas.through.objects.filter(
            area_id__in=area_with_descendants(area_id).values("pk")
        )
        qs = qs.filter(pk__in=in_area.values("patrollog_id"))
    if theme_id:
        on_theme = PatrolEffort.objects.filter(theme_id=theme_id)
        qs = qs.filter(pk__in=on_theme.values("patrol_log_id"))
    if state == "open":
        qs = qs.filter(ended_at__isnull=True)
    elif state == "flagged":
        qs = qs.filter(flagged_open_at__isnull=False, ended_at__isnull=True)
    elif state == "ended":
        qs = qs.filter(ended_at__isnull=False)
    # The effort total is a correlated subquery, so PostgreSQL computes it only for the
    # rows of the page (unless the list is sorted by it).
    effort_total = (
        PatrolEffort.objects.filter(patrol_log=OuterRef("pk"))
        .order_by()
        .values("patrol_log")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    qs = (
        qs.select_related("boa", "team")
        .prefetch_related("areas", "companions")
        .annotate(effort_total=Subquery(effort_total))
    )
    return qs.order_by(SORTS.get(sort, "-started_at"), "-id")


def patrol_log_detail(*, user, pk: int) -> PatrolLog:
    from django.shortcuts import get_object_or_404

    qs = perms.patrol_logs_visible_to(user).select_related("boa", "team")
    return get_object_or_404(qs, pk=pk)


def effort_rows(*, patrol_log: PatrolLog) -> list:
    efforts = list(patrol_log.efforts.select_related("theme").order_by("theme__order", "kind"))
    provider = extensions.get(extensions.EFFORT_ACTIVITY)
    labels = provider.labels(efforts=efforts) if provider and efforts else {}
    for effort in efforts:
        effort.activity_label = labels.get(effort.pk, "")
    return efforts


def flagged_open_logs_for_team(*, user) -> QuerySet[PatrolLog]:
    if not user.team_id:
        return PatrolLog.objects.none()
    return (
        PatrolLog.objects.filter(
            team_id=user.team_id, ended_at__isnull=True, flagged_open_at__isnull=False
        )
        .select_related("boa")
        .order_by("started_at")
    )


FIELD_LABELS = {
    "started_at": "begin",
    "ended_at": "einde",
    "mode": "vervoer",
    "joint_with_police": "met politie",
    "areas": "gebieden",
    "companions": "samen met",
    "notes": "opmerkingen",
    "efforts": "inzet",
    "team": "team",
}


def _readable(field: str, value) -> str:
    if value in (None, "", []):
        return "—"
    if field in ("started_at", "ended_at"):
        return timezone.localtime(dt.datetime.fromisoformat(value)).strftime("%d-%m %H:%M")
    if field == "mode":
        return str(PatrolLog.Mode(value).label)
    if field == "joint_with_police":
        return "ja" if value else "nee"
    if field == "efforts":
        return f"{sum(row[2] for row in value)} min in {len(value)} regel(s)"
    if isinstance(value, list):
        return f"{len(value)} gekozen"
    return str(value)


def event_changes(event) -> list[str]:
    """'begin: 27-11 08:00 → 27-11 07:00' lines for an event that holds before/after."""
    data = event.data or {}
    before, after = data.get("before"), data.get("after")
    if not before or not after:
        return []
    lines = []
    for field, label in FIELD_LABELS.items():
        if before.get(field) != after.get(field):
            old, new = _readable(field, before.get(field)), _readable(field, after.get(field))
            lines.append(f"{label}: {old} → {new}")
    return lines
