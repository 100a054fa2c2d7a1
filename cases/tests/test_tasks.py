import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Notification
from cases.models import CaseStatus
from cases.tasks import extend_briefing_series, send_daily_reminders, send_overdue_digest
from cases.tests.factories import ActionItemFactory, BriefingSeriesFactory, CaseFactory

pytestmark = pytest.mark.django_db


def test_daily_reminders_sent_once_a_day(lead, boa_c, partner_p, police, centrum):
    today = timezone.localdate()
    case = CaseFactory(team=centrum, assignee=boa_c, due_date=today + dt.timedelta(days=1))
    ActionItemFactory(case=case, owner_user=boa_c, due_date=today)
    ActionItemFactory(case=case, owner_user=None, owner_organisation=police, due_date=today)
    ActionItemFactory(
        case=case, owner_user=boa_c, due_date=today + dt.timedelta(days=10)
    )  # not yet
    ActionItemFactory(case=case, owner_user=boa_c, due_date=today, done_at=timezone.now())  # done
    CaseFactory(
        team=centrum,
        assignee=boa_c,
        due_date=today + dt.timedelta(days=1),
        status=CaseStatus.CLOSED,
    )
    first = send_daily_reminders()
    assert first == {"action_items": 2, "cases": 1}
    assert Notification.objects.filter(user=boa_c).count() == 2
    assert Notification.objects.filter(user=partner_p).count() == 1
    assert send_daily_reminders() == {"action_items": 0, "cases": 0}
    assert Notification.objects.count() == 3


def test_overdue_digest_to_team_lead(lead, boa_c, centrum, noord):
    today = timezone.localdate()
    late = CaseFactory(
        team=centrum, opened_by=lead, assignee=boa_c, due_date=today - dt.timedelta(days=3)
    )
    CaseFactory(team=noord, opened_by=lead, due_date=today - dt.timedelta(days=3))
    assert send_overdue_digest() == 1
    assert send_overdue_digest() == 0
    digest = Notification.objects.get(user=lead)
    assert late.reference in digest.message


def test_series_extended_idempotently(lead):
    series = BriefingSeriesFactory(chair=lead, team=lead.team, weekdays=[0, 1, 2, 3, 4, 5, 6])
    assert extend_briefing_series() == 29  # today and four weeks ahead, every day
    assert extend_briefing_series() == 0
    assert series.briefings.count() == 29


def test_beat_schedule_has_the_daily_tasks(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "cases.tasks.send_daily_reminders",
        "cases.tasks.send_overdue_digest",
        "cases.tasks.extend_briefing_series",
    } <= tasks
