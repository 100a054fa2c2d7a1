import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry, Notification
from enforcement.models import PatrolEffort
from enforcement.tests.factories import (
    CategoryFactory,
    IncidentFactory,
    PatrolEffortFactory,
    PatrolLogFactory,
)
from planning.models import ActionItem, ChangeProposal, Evaluation, Indicator
from planning.selectors.expert_groups import expert_groups_overdue, indicator_current
from planning.tasks import send_expert_group_reminders
from planning.tests.factories import (
    ExpertGroupFactory,
    ExpertGroupMemberFactory,
    GoalFactory,
    IndicatorValueFactory,
    MeetingFactory,
    ProgrammeFactory,
    ThemePlanFactory,
)

TZ = timezone.get_default_timezone()


@pytest.fixture(autouse=True)
def tasks_run_eagerly(settings):
    """This module runs Celery tasks in-process as they are queued, so what a task really
    does (the e-mails it sends) is checked, not only that it was queued."""
    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = before


pytestmark = pytest.mark.django_db


def test_policy_officer_records_meeting_and_evaluation_with_action(policy_officer, client):
    plan = ThemePlanFactory()
    goal = GoalFactory(plan=plan, title="Minder jeugdoverlast")
    group = ExpertGroupFactory(theme=plan.theme)
    member = ExpertGroupMemberFactory(group=group, name="Els de Wit", organisation="Jongerenwerk")
    client.force_login(policy_officer)
    response = client.post(
        reverse("planning:meeting_create", args=[group.pk]),
        {"held_on": "2026-03-02", "attendees": [member.pk], "notes": "Goed gesprek"},
    )
    assert response.status_code == 302
    meeting = group.meetings.get()
    assert list(meeting.attendees.all()) == [member]
    url = reverse("planning:meeting_detail", args=[group.pk, meeting.pk])
    response = client.post(
        url,
        {
            "goal": goal.pk,
            "judgement": "at_risk",
            "comment": "Stijging in de avond",
            "adjustment": "Extra avondsurveillance in het park",
            "follow_up": "action",
            "action_owner": policy_officer.pk,
            "action_due_on": "2026-04-01",
        },
    )
    assert response.status_code == 302
    ev = Evaluation.objects.get()
    assert (ev.goal, ev.judgement, ev.adjustment) == (
        goal,
        "at_risk",
        "Extra avondsurveillance in het park",
    )
    item = ActionItem.objects.get()
    assert (item.owner, item.due_on, item.group) == (
        policy_officer,
        dt.date(2026, 4, 1),
        group,
    )
    page = client.get(url).content.decode()
    assert "Risico" in page and "Extra avondsurveillance" in page


def test_adjustment_becomes_programme_change_proposal(policy_officer):
    from planning.services.expert_groups import evaluation_record

    plan = ThemePlanFactory(year=2031)
    goal = GoalFactory(plan=plan)
    meeting = MeetingFactory(group=ExpertGroupFactory(theme=plan.theme))
    draft = ProgrammeFactory(year=2031)
    evaluation_record(
        actor=policy_officer,
        meeting=meeting,
        goal=goal,
        judgement="off_track",
        adjustment="Meer uren voor jeugd",
        follow_up="proposal",
    )
    proposal = ChangeProposal.objects.get()
    assert (proposal.programme, proposal.year, proposal.text) == (
        draft,
        2031,
        "Meer uren voor jeugd",
    )


def test_evaluating_a_goal_of_another_group_is_refused(policy_officer, client):
    plan = ThemePlanFactory()
    other_goal = GoalFactory(plan=ThemePlanFactory(), title="Ander doel")
    GoalFactory(plan=plan)
    group = ExpertGroupFactory(theme=plan.theme)
    meeting = MeetingFactory(group=group)
    client.force_login(policy_officer)
    response = client.post(
        reverse("planning:meeting_detail", args=[group.pk, meeting.pk]),
        {"goal": other_goal.pk, "judgement": "on_track", "follow_up": "none", "comment": "x"},
    )
    assert response.status_code == 400
    assert "hoort niet bij deze expertgroep" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_indicator_current_values_computed_or_entered():
    plan = ThemePlanFactory(year=2031)
    category = CategoryFactory(theme=plan.theme)
    counted = GoalFactory(plan=plan)
    Indicator.objects.filter(goal=counted).update(
        source=Indicator.Source.INCIDENTS, category=category
    )
    IncidentFactory.create_batch(
        3, theme=plan.theme, category=category, occurred_at=dt.datetime(2031, 3, 1, tzinfo=TZ)
    )
    IncidentFactory(theme=plan.theme, occurred_at=dt.datetime(2031, 3, 1, tzinfo=TZ))
    IncidentFactory(
        theme=plan.theme, category=category, occurred_at=dt.datetime(2030, 3, 1, tzinfo=TZ)
    )
    counted.refresh_from_db()
    value = indicator_current(indicator=counted.indicator, as_of=dt.date(2031, 6, 1))
    assert value["value"] == 3

    hours = GoalFactory(plan=plan)
    Indicator.objects.filter(goal=hours).update(source=Indicator.Source.EFFORT_HOURS)
    log = PatrolLogFactory(started_at=dt.datetime(2031, 2, 1, 9, tzinfo=TZ))
    PatrolEffortFactory(patrol_log=log, theme=plan.theme, minutes=90, kind="reactive")
    hours.refresh_from_db()
    assert indicator_current(indicator=hours.indicator, as_of=dt.date(2031, 6, 1))["value"] == 1.5
    assert PatrolEffort.objects.count() == 1

    manual = GoalFactory(plan=plan)
    IndicatorValueFactory(indicator=manual.indicator, value=42, source="Bewonersenquête")
    current = indicator_current(indicator=manual.indicator)
    assert (current["value"], current["source"]) == (42, "Bewonersenquête")


def test_effort_indicator_reads_whole_months_from_the_rollup(django_assert_num_queries):
    """Hours of a theme: whole months from the trigger-kept rollup, the month in progress
    from the shifts; same value as summing the effort rows, in two queries."""
    plan = ThemePlanFactory(year=2031)
    goal = GoalFactory(plan=plan)
    Indicator.objects.filter(goal=goal).update(source=Indicator.Source.EFFORT_HOURS)
    for started, minutes in (
        (dt.datetime(2031, 1, 1, 0, 30, tzinfo=TZ), 60),  # first hour of the year
        (dt.datetime(2030, 12, 31, 23, 30, tzinfo=TZ), 600),  # the year before
        (dt.datetime(2031, 5, 31, 23, 0, tzinfo=TZ), 30),  # last whole month
        (dt.datetime(2031, 6, 10, 9, tzinfo=TZ), 50),  # month in progress, counted
        (dt.datetime(2031, 6, 11, 0, 0, tzinfo=TZ), 300),  # after as_of
    ):
        log = PatrolLogFactory(started_at=started)
        PatrolEffortFactory(patrol_log=log, theme=plan.theme, minutes=minutes, kind="planned")
    goal.refresh_from_db()
    indicator = Indicator.objects.select_related("goal__plan").get(goal=goal)
    with django_assert_num_queries(2):
        value = indicator_current(indicator=indicator, as_of=dt.date(2031, 6, 10))["value"]
    assert value == Decimal("2.3")  # 60 + 30 + 50 minutes
    assert indicator_current(indicator=indicator, as_of=dt.date(2031, 5, 31))["value"] == 1.5
    assert indicator_current(indicator=indicator, as_of=dt.date(2032, 2, 1))["value"] == Decimal(
        "7.3"
    )
    assert indicator_current(indicator=indicator, as_of=dt.date(2030, 12, 31))["value"] == 0


def test_computed_indicator_refuses_entered_values(policy_officer, client):
    goal = GoalFactory()
    Indicator.objects.filter(goal=goal).update(source=Indicator.Source.VIOLATIONS)
    client.force_login(policy_officer)
    response = client.post(
        reverse("planning:indicator_value_create", args=[goal.plan_id, goal.pk]),
        {"measured_on": "2026-01-01", "value": "5", "source": "telling"},
    )
    assert response.status_code == 200
    assert "berekend uit de registratie" in response.content.decode()


def _group_last_met(days_ago: int, today: dt.date, **kw):
    group = ExpertGroupFactory(**kw)
    MeetingFactory(group=group, held_on=today - dt.timedelta(days=days_ago))
    return group


def test_overdue_selector_task_and_home_panel(
    policy_officer, client, make_user, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    stale = _group_last_met(200, today, name="Stil")
    _group_last_met(30, today, name="Actief")
    assert list(expert_groups_overdue(as_of=today)) == [stale]
    # A week earlier the stale group had met within six months? 200 days ago: no.
    assert list(expert_groups_overdue(as_of=today - dt.timedelta(days=40))) == []

    second = make_user("policy_officer", username="policy2")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_expert_group_reminders.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_expert_group_reminders.delay().get() == 0  # idempotent within the week
    for user in (policy_officer, second):
        assert Notification.objects.filter(user=user, message__contains="Stil").count() == 1
    # One mail per recipient, each once (it used to go out twice: notification and send_mail).
    from accounts.models import User

    officers = User.objects.filter(role="policy_officer", is_active=True).exclude(email="")
    assert {policy_officer.email, second.email} <= set(officers.values_list("email", flat=True))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(officers.values_list("email", flat=True))
    assert all(len(m.to) == 1 and "Stil" in m.body for m in mail.outbox)

    client.force_login(policy_officer)
    page = client.get(reverse("home")).content.decode()
    assert "Expertgroepen niet bijeengekomen" in page and "Stil" in page


def test_group_detail_logs_access_and_member_management(policy_officer, partner, client):
    group = ExpertGroupFactory()
    client.force_login(policy_officer)
    response = client.post(
        reverse("planning:member_add", args=[group.pk]), {"user": partner.pk, "role": "Wijkagent"}
    )
    assert response.status_code == 302
    member = group.members.get()
    assert member.organisation == partner.partner_organisation.name
    # Written by the service, in its transaction: one row for the new member.
    assert (
        AccessLogEntry.objects.filter(
            object_type="planning.expertgroupmember", object_id=str(member.pk), action="create"
        ).count()
        == 1
    )
    response = client.post(
        reverse("planning:member_add", args=[group.pk]), {"name": "", "organisation": ""}
    )
    assert "Kies een gebruiker of vul een naam in" in response.content.decode()
    client.get(reverse("planning:group_detail", args=[group.pk]))
    assert AccessLogEntry.objects.filter(
        object_type="planning.expertgroup", object_id=str(group.pk), action="view"
    ).exists()
    # The partner now sees the group.
    client.force_login(partner)
    assert client.get(reverse("planning:group_detail", args=[group.pk])).status_code == 200


def test_owner_completes_action_item(policy_officer, partner, client):
    from planning.tests.factories import ActionItemFactory

    group = ExpertGroupFactory()
    ExpertGroupMemberFactory(group=group, user=partner, name="", organisation="Politie")
    item = ActionItemFactory(group=group, owner=partner)
    client.force_login(partner)
    response = client.post(reverse("planning:action_item_done", args=[group.pk, item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.done_at is not None


def test_group_list_queries(policy_officer, client, django_assert_max_num_queries):
    for _ in range(8):
        MeetingFactory()
    client.force_login(policy_officer)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("planning:group_list")).status_code == 200


def test_reminders_replace_last_weeks_and_end_when_the_group_meets(policy_officer):
    from planning.services.expert_groups import meeting_record
    from planning.services.reminders import expert_group_reminders_send

    today = timezone.localdate()
    stale = _group_last_met(200, today, name="Stil")

    def unread():
        return Notification.objects.filter(
            user=policy_officer, message__contains="Stil", read_at__isnull=True
        ).count()

    assert expert_group_reminders_send(today=today - dt.timedelta(days=7)) == 1
    assert expert_group_reminders_send(today=today) == 1
    # Two weekly reminders sent, one left standing on the home page.
    assert Notification.objects.filter(user=policy_officer, message__contains="Stil").count() == 2
    assert unread() == 1
    # A meeting planned for later does not deal with it; one held today does.
    meeting_record(
        actor=policy_officer,
        group=stale,
        held_on=today + dt.timedelta(days=10),
        attendees=[],
        notes="",
        planned=True,
    )
    assert unread() == 1
    meeting_record(actor=policy_officer, group=stale, held_on=today, attendees=[], notes="Verslag")
    assert unread() == 0


def test_a_meeting_in_the_future_can_be_planned_but_not_recorded_as_held(client, policy_officer):
    group = ExpertGroupFactory()
    member = ExpertGroupMemberFactory(group=group, name="Els de Wit", organisation="Jongerenwerk")
    client.force_login(policy_officer)
    url = reverse("planning:meeting_create", args=[group.pk])
    later = (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    response = client.post(
        url, {"held_on": later, "attendees": [member.pk], "notes": "Verslag van later"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "de bijeenkomst is nog niet gehouden. Leg haar vast als gepland." in body
    assert "Verslag van later" in body  # what was typed stays
    assert not group.meetings.exists()
    response = client.post(url, {"held_on": later, "notes": "Agenda: jaarplan", "planned": "on"})
    assert response.status_code == 302
    meeting = group.meetings.get()
    detail = client.get(reverse("planning:group_detail", args=[group.pk])).content.decode()
    assert "gepland" in detail
    from django.core.exceptions import ValidationError

    from planning.services.expert_groups import evaluation_record

    goal = GoalFactory(plan__theme=group.theme)
    with pytest.raises(ValidationError, match="nog niet gehouden"):
        evaluation_record(actor=policy_officer, meeting=meeting, goal=goal, judgement="on_track")
