"""Read-side of theme plans and expert groups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.services import access_log_record
from enforcement.models import Incident, PatrolEffort, Violation
from enforcement.selectors.areas import area_with_descendants
from planning.models import EffortMonthTotal, ExpertGroup, ExpertGroupMember, Indicator

OVERDUE_MONTHS = 6


def months_before(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    import calendar

    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def expert_groups_with_last_meeting(qs: QuerySet | None = None) -> QuerySet:
    qs = ExpertGroup.objects.all() if qs is None else qs
    return qs.select_related("theme").annotate(last_met_on=Max("meetings__held_on"))


def expert_groups_overdue(*, as_of: dt.date | None = None, qs: QuerySet | None = None) -> QuerySet:
    """Groups without a meeting in the six months before ``as_of`` (a new group counts
    from its creation), oldest first. Used by the home panel, the reminder and reports."""
    as_of = as_of or timezone.localdate()
    threshold = months_before(as_of, OVERDUE_MONTHS)
    return (
        expert_groups_with_last_meeting(qs)
        .annotate(
            since=Coalesce(
                Max("meetings__held_on", filter=Q(meetings__held_on__lte=as_of)),
                TruncDate("created_at"),
            )
        )
        .filter(since__lt=threshold)
        .order_by("since", "name")
    )


def indicator_current(*, indicator: Indicator, as_of: dt.date | None = None) -> dict:
    """The indicator's current value: computed from the registration for the plan's
    year (up to ``as_of``), or the latest value entered."""
    as_of = as_of or timezone.localdate()
    plan = indicator.goal.plan
    if indicator.source == Indicator.Source.MANUAL:
        latest = indicator.values.first()
        if latest is None:
            return {"value": None, "measured_on": None, "source": ""}
        return {"value": latest.value, "measured_on": latest.measured_on, "source": latest.source}
    tz = timezone.get_current_timezone()
    start = dt.datetime(plan.year, 1, 1, tzinfo=tz)
    end_day = min(as_of, dt.date(plan.year, 12, 31)) + dt.timedelta(days=1)
    end = dt.datetime(end_day.year, end_day.month, end_day.day, tzinfo=tz)
    if indicator.source == Indicator.Source.INCIDENTS:
        qs = Incident.objects.filter(
            theme_id=plan.theme_id, occurred_at__gte=start, occurred_at__lt=end
        )
        if indicator.category_id:
            qs = qs.filter(category_id=indicator.category_id)
        area_ids = [a.pk for a in indicator.areas.all()]
        if area_ids:
            # A district's indicator counts its neighbourhoods' incidents too.
            qs = qs.filter(area_id__in=area_with_descendants(area_ids).values("pk"))
        value = Decimal(qs.count())
        label = "Meldingen in de registratie"
    elif indicator.source == Indicator.Source.VIOLATIONS:
        value = Decimal(
            Violation.objects.filter(
                offence__theme_id=plan.theme_id,
                committed_on__gte=start.date(),
                committed_on__lt=end_day,
            ).count()
        )
        label = "Overtredingen in de registratie"
    else:
        minutes = _effort_minutes(theme_id=plan.theme_id, year=plan.year, end_day=end_day)
        value = (Decimal(minutes) / 60).quantize(Decimal("0.1"))
        label = "Uren inzet in de diensten"
    return {"value": value, "measured_on": end_day - dt.timedelta(days=1), "source": label}


def _effort_minutes(*, theme_id: int, year: int, end_day: dt.date) -> int:
    """Minutes of ``theme_id``'s effort in shifts started from 1 January of ``year`` up to
    ``end_day`` (exclusive). Whole months from the effort rollup (planning.models.monitoring,
    kept by triggers: a dozen rows instead of a year of effort joined to its shifts), the
    month in progress from the effort rows."""
    if end_day <= dt.date(year, 1, 1):
        return 0
    month_start = end_day.replace(day=1)
    whole_months = month_start.month if month_start.year == year else 13
    minutes = (
        EffortMonthTotal.objects.filter(
            year=year, month__lt=whole_months, theme_id=theme_id
        ).aggregate(m=Sum("minutes"))["m"]
        or 0
    )
    if month_start.year == year and month_start < end_day:
        tz = timezone.get_current_timezone()
        minutes += (
            PatrolEffort.objects.filter(
                theme_id=theme_id,
                patrol_log__started_at__gte=dt.datetime.combine(month_start, dt.time.min, tz),
                patrol_log__started_at__lt=dt.datetime.combine(end_day, dt.time.min, tz),
            ).aggregate(m=Sum("minutes"))["m"]
            or 0
        )
    return minutes


def goal_latest_judgements(goal_ids) -> dict[int, object]:
    from planning.models import Evaluation

    out = {}
    for ev in (
        Evaluation.objects.filter(goal_id__in=goal_ids)
        .select_related("meeting")
        .order_by("goal_id", "-meeting__held_on", "-id")
    ):
        out.setdefault(ev.goal_id, ev)
    return out


def expert_group_members_read(*, user, group: ExpertGroup, request=None) -> list[ExpertGroupMember]:
    """The active members of ``group`` as ``user`` reads them on the group's page.

    Names of external members are personal data: the reading is logged in the same
    transaction (docs/architecture.md).
    """
    with transaction.atomic():
        members = list(group.members.filter(active=True).select_related("user"))
        access_log_record(
            actor=user,
            action=AccessLogEntry.Action.VIEW,
            obj=group,
            detail={"members": len(members)},
            request=request,
        )
    return members
