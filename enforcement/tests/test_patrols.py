"""Patrol log services: start, end, effort split, overlap, correction, open-shift flag."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from accounts.models import Notification
from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from enforcement.models import PatrolLog, PatrolLogEvent
from enforcement.services import patrols as svc
from enforcement.tasks import flag_open_patrol_logs
from enforcement.tests.factories import AreaFactory, PatrolLogFactory, ThemeFactory

pytestmark = pytest.mark.django_db

H = dt.timedelta(hours=1)


def test_start_uses_own_team_and_records_event(boa):
    area = AreaFactory()
    log = svc.patrol_log_start(actor=boa, areas=[area], mode="bike", joint_with_police=True)
    assert log.team == boa.team
    assert list(log.areas.all()) == [area]
    event = log.events.get()
    assert event.kind == "started"
    assert event.data["before"] is None
    assert event.data["after"]["mode"] == "bike"


def test_start_in_the_future_is_refused(boa):
    with pytest.raises(ValidationError, match="toekomst"):
        svc.patrol_log_start(actor=boa, started_at=timezone.now() + dt.timedelta(minutes=5))


def test_second_open_shift_is_refused(boa):
    svc.patrol_log_start(actor=boa)
    with pytest.raises(ValidationError, match="overlappen"):
        svc.patrol_log_start(actor=boa)


def test_overlap_counts_for_companions(make_user):
    team = TeamFactory(name="Team A")
    a = make_user(Role.BOA, team=team)
    b = make_user(Role.BOA, team=team)
    svc.patrol_log_start(actor=a, companions=[b])
    with pytest.raises(ValidationError, match=str(b)):
        svc.patrol_log_start(actor=b)


def test_database_refuses_overlap_for_one_boa_even_without_the_service(boa):
    PatrolLogFactory(boa=boa, started_at=timezone.now() - 5 * H, ended_at=timezone.now() - 2 * H)
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        PatrolLogFactory(boa=boa, started_at=timezone.now() - 3 * H, ended_at=timezone.now() - H)


def test_end_before_start_is_refused(boa):
    log = svc.patrol_log_start(actor=boa, started_at=timezone.now() - H)
    with pytest.raises(ValidationError, match="na het begin"):
        svc.patrol_log_end(actor=boa, patrol_log=log, ended_at=timezone.now() - 2 * H)


def test_end_twice_is_refused(boa):
    log = svc.patrol_log_start(actor=boa, started_at=timezone.now() - H)
    svc.patrol_log_end(actor=boa, patrol_log=log)
    with pytest.raises(ValidationError, match="al beëindigd"):
        svc.patrol_log_end(actor=boa, patrol_log=log)


def test_effort_split_cannot_exceed_shift_and_says_by_how_much(boa):
    theme = ThemeFactory()
    log = PatrolLogFactory(boa=boa)  # four hours
    rows = [svc.EffortRow(theme=theme, kind="planned", minutes=200)]
    rows.append(svc.EffortRow(theme=theme, kind="reactive", minutes=70))
    with pytest.raises(ValidationError) as exc:
        svc.patrol_effort_set(actor=boa, patrol_log=log, rows=rows)
    assert "30 minuten langer dan de dienst (4 uur)" in exc.value.messages[0]
    assert log.efforts.count() == 0


def test_effort_split_is_stored_and_merged(boa):
    theme = ThemeFactory()
    log = PatrolLogFactory(boa=boa)
    rows = [
        svc.EffortRow(theme=theme, kind="planned", minutes=60),
        svc.EffortRow(theme=theme, kind="planned", minutes=30),
        svc.EffortRow(theme=theme, kind="reactive", minutes=45),
    ]
    svc.patrol_effort_set(actor=boa, patrol_log=log, rows=rows)
    assert sorted(log.efforts.values_list("kind", "minutes")) == [
        ("planned", 90),
        ("reactive", 45),
    ]
    event = log.events.get(kind="effort")
    assert event.data["before"]["efforts"] == []
    assert len(event.data["after"]["efforts"]) == 2


def test_effort_on_open_shift_limited_to_time_so_far(boa):
    theme = ThemeFactory()
    log = svc.patrol_log_start(actor=boa, started_at=timezone.now() - H)
    with pytest.raises(ValidationError):
        svc.patrol_effort_set(
            actor=boa, patrol_log=log, rows=[svc.EffortRow(theme=theme, kind="planned", minutes=90)]
        )


def test_ending_earlier_than_the_split_is_refused(boa):
    theme = ThemeFactory()
    log = svc.patrol_log_start(actor=boa, started_at=timezone.now() - 3 * H)
    svc.patrol_effort_set(
        actor=boa, patrol_log=log, rows=[svc.EffortRow(theme=theme, kind="planned", minutes=120)]
    )
    with pytest.raises(ValidationError, match="langer dan de dienst"):
        svc.patrol_log_end(actor=boa, patrol_log=log, ended_at=log.started_at + H)


def test_other_boa_cannot_end_my_shift(make_user, boa):
    log = svc.patrol_log_start(actor=boa)
    other = make_user(Role.BOA, team=boa.team)
    with pytest.raises(PermissionDenied):
        svc.patrol_log_end(actor=other, patrol_log=log)


def test_team_lead_correction_keeps_before_and_after(boa, make_user):
    lead = make_user(Role.TEAM_LEAD, team=boa.team)
    log = PatrolLogFactory(boa=boa)
    new_start = log.started_at - H
    svc.patrol_log_correct(
        actor=lead,
        patrol_log=log,
        started_at=new_start,
        ended_at=log.ended_at,
        areas=[],
        mode="car",
        joint_with_police=True,
        reason="Vergeten te starten",
    )
    log.refresh_from_db()
    assert log.started_at == new_start and log.mode == "car"
    event = log.events.get(kind="corrected")
    assert event.actor == lead
    assert event.data["before"]["mode"] == "foot"
    assert event.data["after"]["mode"] == "car"
    assert set(event.data["changed"]) == {"started_at", "mode", "joint_with_police"}
    assert "Vergeten te starten" in event.message


def test_team_lead_of_other_team_cannot_correct(boa, make_user):
    lead = make_user(Role.TEAM_LEAD, team=TeamFactory(name="Ander team"))
    log = PatrolLogFactory(boa=boa)
    with pytest.raises(PermissionDenied):
        svc.patrol_log_correct(
            actor=lead,
            patrol_log=log,
            started_at=log.started_at,
            ended_at=log.ended_at,
            areas=[],
            mode="car",
            joint_with_police=False,
        )


def test_correction_cannot_create_overlap(boa, make_user):
    lead = make_user(Role.TEAM_LEAD, team=boa.team)
    now = timezone.now()
    PatrolLogFactory(boa=boa, started_at=now - 10 * H, ended_at=now - 6 * H)
    log = PatrolLogFactory(boa=boa, started_at=now - 5 * H, ended_at=now - H)
    with pytest.raises(ValidationError, match="overlappen"):
        svc.patrol_log_correct(
            actor=lead,
            patrol_log=log,
            started_at=now - 7 * H,
            ended_at=log.ended_at,
            areas=[],
            mode="foot",
            joint_with_police=False,
        )


def test_open_shift_flagged_once_and_team_lead_notified(boa, make_user):
    lead = make_user(Role.TEAM_LEAD, team=boa.team)
    other_lead = make_user(Role.TEAM_LEAD, team=TeamFactory(name="Ander team"))
    old = PatrolLogFactory(boa=boa, started_at=timezone.now() - 15 * H, ended_at=None)
    recent = PatrolLogFactory(
        boa=make_user(Role.BOA, team=boa.team),
        started_at=timezone.now() - 13 * H,
        ended_at=None,
    )
    assert flag_open_patrol_logs() == 1
    assert flag_open_patrol_logs() == 0  # idempotent
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.flagged_open_at is not None and recent.flagged_open_at is None
    assert Notification.objects.filter(user=lead).count() == 1
    assert not Notification.objects.filter(user=other_lead).exists()
    assert f"/diensten/{old.pk}/" in Notification.objects.get(user=lead).url
    assert PatrolLogEvent.objects.filter(patrol_log=old, kind="flagged").count() == 1


def test_beat_schedule_runs_flag_task_every_15_minutes(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["flag-open-patrol-logs"]
    assert entry["task"] == flag_open_patrol_logs.name == "enforcement.flag_open_patrol_logs"
    assert entry["schedule"].minute == set(range(0, 60, 15))
    # Registered by autodiscovery of enforcement/tasks.py, as a worker does: no CELERY_IMPORTS.
    from config.celery import app

    app.loader.import_default_modules()
    assert "enforcement.flag_open_patrol_logs" in app.tasks
    assert not getattr(settings, "CELERY_IMPORTS", None)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_starts_for_one_companion_give_one_shift(make_user):
    team = TeamFactory(name="Team Gelijktijdig")
    a = make_user(Role.BOA, team=team)
    b = make_user(Role.BOA, team=team)
    c = make_user(Role.BOA, team=team)
    barrier = threading.Barrier(2)
    results = []

    def start(actor):
        try:
            barrier.wait()
            svc.patrol_log_start(actor=actor, companions=[c])
            results.append("ok")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=start, args=(u,)) for u in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    assert PatrolLog.objects.filter(companions=c).count() == 1


def test_team_lead_corrects_who_joined_a_shift(boa, make_user):
    lead = make_user(Role.TEAM_LEAD, team=boa.team)
    joined = make_user(Role.BOA, team=boa.team)
    forgot = make_user(Role.BOA, team=boa.team)
    now = timezone.now()
    log = PatrolLogFactory(boa=boa, started_at=now - 5 * H, ended_at=now - H)
    log.companions.set([joined])
    common = {
        "actor": lead,
        "patrol_log": log,
        "started_at": log.started_at,
        "ended_at": log.ended_at,
        "areas": [],
        "mode": "foot",
        "joint_with_police": False,
    }
    svc.patrol_log_correct(**common, companions=[forgot], reason="Met een ander gelopen")
    assert list(log.companions.all()) == [forgot]
    event = log.events.get(kind="corrected")
    assert event.data["before"]["companions"] == [joined.pk]
    assert event.data["after"]["companions"] == [forgot.pk]
    assert "companions" in event.data["changed"]
    # Leaving them out changes nothing; the boa cannot be their own companion.
    svc.patrol_log_correct(**common)
    svc.patrol_log_correct(**common, companions=[forgot, boa])
    assert list(log.companions.all()) == [forgot]
    # A companion who was on another shift at that time is refused, as at the start.
    busy = make_user(Role.BOA, team=boa.team)
    PatrolLogFactory(boa=busy, started_at=now - 4 * H, ended_at=now - 2 * H)
    with pytest.raises(ValidationError, match="overlappen"):
        svc.patrol_log_correct(**common, companions=[forgot, busy])
    # Someone who cannot patrol cannot be added.
    with pytest.raises(ValidationError, match="kan geen dienst draaien"):
        svc.patrol_log_correct(**common, companions=[make_user(Role.POLICY_OFFICER)])
    assert list(log.companions.all()) == [forgot]


@pytest.mark.parametrize("seconds", [0, 20, 59])
def test_a_shift_of_zero_minutes_is_refused(boa, seconds):
    log = svc.patrol_log_start(actor=boa, started_at=timezone.now() - H)
    with pytest.raises(ValidationError) as exc:
        svc.patrol_log_end(
            actor=boa, patrol_log=log, ended_at=log.started_at + dt.timedelta(seconds=seconds)
        )
    assert "0 minuten" in str(exc.value) or "na het begin" in str(exc.value)
    log.refresh_from_db()
    assert log.ended_at is None
    svc.patrol_log_end(actor=boa, patrol_log=log, ended_at=log.started_at + dt.timedelta(minutes=1))
