"""Patrol log pages: start/end from the phone, effort form, team lead list and correction."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from enforcement import extensions
from enforcement.models import PatrolLog
from enforcement.tests.factories import (
    IncidentFactory,
    PatrolEffortFactory,
    PatrolLogFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

H = dt.timedelta(hours=1)


def test_home_shows_start_button_then_running_shift(client_for, boa):
    client = client_for(boa)
    assert "Dienst starten" in client.get("/").content.decode()
    response = client.post(
        reverse("enforcement:patrol_start"), {"mode": "foot", "team": boa.team_id}
    )
    log = PatrolLog.objects.get(boa=boa)
    assert response.status_code == 302
    assert response.url == reverse("enforcement:patrol_detail", args=[log.pk])
    home = client.get("/").content.decode()
    assert "In dienst sinds" in home and "Dienst beëindigen" in home


def test_double_tap_on_start_gives_one_shift(client_for, boa):
    client = client_for(boa)
    client.post(reverse("enforcement:patrol_start"), {"mode": "foot", "team": boa.team_id})
    client.post(reverse("enforcement:patrol_start"), {"mode": "foot", "team": boa.team_id})
    assert PatrolLog.objects.filter(boa=boa).count() == 1


def test_end_then_split_effort(client_for, boa):
    theme = ThemeFactory()
    log = PatrolLogFactory(boa=boa, started_at=timezone.now() - 2 * H, ended_at=None)
    client = client_for(boa)
    response = client.post(reverse("enforcement:patrol_end", args=[log.pk]))
    assert response.url == reverse("enforcement:patrol_effort", args=[log.pk])
    log.refresh_from_db()
    assert log.ended_at is not None
    data = {
        "effort-TOTAL_FORMS": "2",
        "effort-INITIAL_FORMS": "0",
        "effort-0-theme": theme.pk,
        "effort-0-kind": "planned",
        "effort-0-minutes": "60",
        "effort-1-theme": theme.pk,
        "effort-1-kind": "reactive",
        "effort-1-minutes": "30",
    }
    response = client.post(reverse("enforcement:patrol_effort", args=[log.pk]), data)
    assert response.status_code == 302
    assert log.efforts.count() == 2


def test_effort_exceeding_shift_shows_dutch_error_and_keeps_input(client_for, boa):
    theme = ThemeFactory()
    log = PatrolLogFactory(boa=boa)
    data = {
        "effort-TOTAL_FORMS": "1",
        "effort-INITIAL_FORMS": "0",
        "effort-0-theme": theme.pk,
        "effort-0-kind": "planned",
        "effort-0-minutes": "300",
    }
    response = client_for(boa).post(reverse("enforcement:patrol_effort", args=[log.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "1 uur langer dan de dienst" in body
    assert 'value="300"' in body


def test_detail_lists_incidents_of_the_shift(client_for, boa):
    log = PatrolLogFactory(boa=boa)
    incident = IncidentFactory(registered_by=boa, patrol_log=log)
    body = client_for(boa).get(reverse("enforcement:patrol_detail", args=[log.pk])).content
    assert incident.reference in body.decode()


@pytest.mark.parametrize(
    "role,same_team,status",
    [
        (Role.TEAM_LEAD, True, 200),
        (Role.TEAM_LEAD, False, 404),
        (Role.BOA, True, 404),
        (Role.COUNCIL_MEMBER, False, 404),
        (Role.PARTNER, False, 404),
        (Role.POLICY_OFFICER, False, 200),
    ],
)
def test_detail_visibility(client_for, boa, make_user, role, same_team, status):
    log = PatrolLogFactory(boa=boa)
    kwargs = {}
    if role in (Role.BOA, Role.TEAM_LEAD):
        kwargs["team"] = boa.team if same_team else TeamFactory(name="Ander team")
    viewer = make_user(role, **kwargs)
    response = client_for(viewer).get(reverse("enforcement:patrol_detail", args=[log.pk]))
    assert response.status_code == status


def test_correct_page_only_for_team_lead_of_team(client_for, boa, make_user):
    log = PatrolLogFactory(boa=boa)
    assert (
        client_for(boa).get(reverse("enforcement:patrol_correct", args=[log.pk])).status_code == 404
    )
    lead = make_user(Role.TEAM_LEAD, team=boa.team)
    client = client_for(lead)
    start = timezone.localtime(log.started_at - H).strftime("%Y-%m-%dT%H:%M")
    end = timezone.localtime(log.ended_at).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("enforcement:patrol_correct", args=[log.pk]),
        {"started_at": start, "ended_at": end, "mode": "car", "reason": "Te laat gestart"},
    )
    assert response.status_code == 302
    log.refresh_from_db()
    assert log.mode == "car"
    detail = client.get(reverse("enforcement:patrol_detail", args=[log.pk])).content.decode()
    assert "Te laat gestart" in detail


def test_correct_refuses_end_before_start(client_for, boa, make_user):
    log = PatrolLogFactory(boa=boa)
    lead = make_user(Role.TEAM_LEAD, team=boa.team)
    start = timezone.localtime(log.started_at).strftime("%Y-%m-%dT%H:%M")
    end = timezone.localtime(log.started_at - H).strftime("%Y-%m-%dT%H:%M")
    response = client_for(lead).post(
        reverse("enforcement:patrol_correct", args=[log.pk]),
        {"started_at": start, "ended_at": end, "mode": "car", "reason": "x"},
    )
    assert response.status_code == 200
    assert "moet na het begin liggen" in response.content.decode()


def test_team_lead_list_filters_and_fixed_queries(
    client_for, boa, make_user, django_assert_max_num_queries
):
    lead = make_user(Role.TEAM_LEAD, team=boa.team)
    other = make_user(Role.BOA, team=TeamFactory(name="Ander team"))
    now = timezone.now()
    for day in range(30):
        log = PatrolLogFactory(
            boa=boa,
            started_at=now - dt.timedelta(days=day + 1),
            ended_at=now - dt.timedelta(days=day + 1) + H,
        )
        PatrolEffortFactory(patrol_log=log, minutes=30)
    PatrolLogFactory(boa=other)
    flagged = PatrolLogFactory(
        boa=make_user(Role.BOA, team=boa.team), started_at=now - 20 * H, ended_at=None
    )
    PatrolLog.objects.filter(pk=flagged.pk).update(flagged_open_at=now)
    client = client_for(lead)
    # Fixed, whatever the number of shifts (the filter form lists boas, themes and areas).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("enforcement:patrol_list"))
    page = response.context["page"]
    assert page.paginator.count == 31
    assert len(page.object_list) == 25
    response = client.get(reverse("enforcement:patrol_list"), {"state": "flagged"})
    assert [log.pk for log in response.context["page"].object_list] == [flagged.pk]
    response = client.get(reverse("enforcement:patrol_list"), {"sort": "start", "boa": boa.pk})
    logs = list(response.context["page"].object_list)
    assert logs[0].started_at < logs[1].started_at
    assert all(log.boa_id == boa.pk for log in logs)
    home = client.get("/").content.decode()
    assert "Diensten te lang open" in home and str(flagged.boa) in home


class FakeActivities:
    """Test double of the planning app's provider."""

    def __init__(self):
        self.linked = {}

    def choices(self, *, patrol_log):
        return [(7, "Controle Markt (programma 2026)")]

    def link(self, *, effort, activity_id, actor):
        self.linked[effort.pk] = activity_id

    def labels(self, *, efforts):
        return {e.pk: "Controle Markt (programma 2026)" for e in efforts if e.pk in self.linked}


@pytest.fixture
def activity_provider():
    provider = FakeActivities()
    with extensions.override(extensions.EFFORT_ACTIVITY, provider):
        yield provider


def test_effort_form_has_no_activity_select_without_provider(client_for, boa):
    log = PatrolLogFactory(boa=boa)
    with extensions.override(extensions.EFFORT_ACTIVITY, None):
        response = client_for(boa).get(reverse("enforcement:patrol_effort", args=[log.pk]))
    assert response.status_code == 200
    body = response.content
    assert "Inzet verdelen" in body.decode()
    assert "Programma-activiteit" not in body.decode()


def test_planned_effort_links_to_programme_activity_through_provider(
    client_for, boa, activity_provider
):
    theme = ThemeFactory()
    log = PatrolLogFactory(boa=boa)
    client = client_for(boa)
    body = client.get(reverse("enforcement:patrol_effort", args=[log.pk])).content.decode()
    assert "Programma-activiteit" in body and "Controle Markt" in body
    data = {
        "effort-TOTAL_FORMS": "2",
        "effort-INITIAL_FORMS": "0",
        "effort-0-theme": theme.pk,
        "effort-0-kind": "planned",
        "effort-0-minutes": "60",
        "effort-0-activity": "7",
        "effort-1-theme": theme.pk,
        "effort-1-kind": "reactive",
        "effort-1-minutes": "30",
        "effort-1-activity": "",
    }
    assert client.post(reverse("enforcement:patrol_effort", args=[log.pk]), data).status_code == 302
    planned = log.efforts.get(kind="planned")
    assert activity_provider.linked == {planned.pk: 7}
    detail = client.get(reverse("enforcement:patrol_detail", args=[log.pk])).content.decode()
    assert "Controle Markt (programma 2026)" in detail


def test_timeline_shows_what_a_correction_changed(client_for, boa, make_user):
    lead = make_user(Role.TEAM_LEAD, team=boa.team)
    log = PatrolLogFactory(boa=boa)
    client = client_for(lead)
    start = timezone.localtime(log.started_at)
    client.post(
        reverse("enforcement:patrol_correct", args=[log.pk]),
        {
            "started_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ended_at": timezone.localtime(log.ended_at).strftime("%Y-%m-%dT%H:%M"),
            "mode": "bike",
            "reason": "Was op de fiets",
        },
    )
    body = client.get(reverse("enforcement:patrol_detail", args=[log.pk])).content.decode()
    assert "vervoer: Te voet → Fiets" in body


def test_boa_who_forgot_to_start_gives_the_start_time(client_for, boa):
    started = timezone.localtime(timezone.now() - 2 * H).replace(second=0, microsecond=0)
    client = client_for(boa)
    client.post(
        reverse("enforcement:patrol_start"),
        {"mode": "foot", "team": boa.team_id, "started_at": started.strftime("%Y-%m-%dT%H:%M")},
    )
    assert PatrolLog.objects.get(boa=boa).started_at == started
    future = timezone.localtime(timezone.now() + 2 * H).strftime("%Y-%m-%dT%H:%M")
    PatrolLog.objects.all().delete()
    response = client.post(
        reverse("enforcement:patrol_start"),
        {"mode": "foot", "team": boa.team_id, "started_at": future},
    )
    assert "toekomst" in response.content.decode()
    assert not PatrolLog.objects.exists()


def test_list_query_count_does_not_grow_with_rows(client_for, boa, make_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lead = make_user(Role.TEAM_LEAD, team=boa.team)
    client = client_for(lead)
    PatrolEffortFactory(patrol_log=PatrolLogFactory(boa=boa))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("enforcement:patrol_list"))
    for _ in range(20):
        log = PatrolLogFactory(boa=boa)
        log.companions.add(make_user(Role.BOA, team=boa.team))
        PatrolEffortFactory(patrol_log=log)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("enforcement:patrol_list"), {"sort": "-effort"})
    assert len(response.context["page"].object_list) == 21
    assert len(many) == len(one)


def test_companion_sees_the_shift_on_home_but_no_end_button(client_for, boa, make_user):
    from enforcement.services.patrols import patrol_log_start

    companion = make_user(Role.BOA, team=boa.team)
    log = patrol_log_start(actor=boa, companions=[companion])
    client = client_for(companion)
    home = client.get("/").content.decode()
    assert "In dienst sinds" in home and f"U loopt mee met {boa}" in home
    assert "Dienst beëindigen" not in home
    assert client.get(reverse("enforcement:patrol_detail", args=[log.pk])).status_code == 200
    # Starting a shift of one's own while on one: lands on the running shift.
    response = client.get(reverse("enforcement:patrol_start"))
    assert response.url == reverse("enforcement:patrol_detail", args=[log.pk])


def test_correction_form_changes_who_joined_and_shows_it_in_the_timeline(
    client_for, boa, make_user
):
    lead = make_user(Role.TEAM_LEAD, team=boa.team)
    mate = make_user(Role.BOA, team=boa.team, first_name="Sanne", last_name="Mol")
    log = PatrolLogFactory(boa=boa)
    client = client_for(lead)
    url = reverse("enforcement:patrol_correct", args=[log.pk])
    assert "Sanne Mol" in client.get(url).content.decode()  # team mates to choose from
    start = timezone.localtime(log.started_at)
    client.post(
        url,
        {
            "started_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ended_at": timezone.localtime(log.ended_at).strftime("%Y-%m-%dT%H:%M"),
            "mode": log.mode,
            "companions": [mate.pk],
            "reason": "Sanne liep mee",
        },
    )
    assert list(log.companions.all()) == [mate]
    body = client.get(reverse("enforcement:patrol_detail", args=[log.pk])).content.decode()
    assert "samen met: — → 1 gekozen" in body


def test_effort_split_shows_the_minutes_still_to_divide(client_for, boa):
    theme = ThemeFactory()
    log = PatrolLogFactory(boa=boa)  # four hours
    url = reverse("enforcement:patrol_effort", args=[log.pk])
    client = client_for(boa)
    page = client.get(url).content.decode()
    assert "Nog te verdelen: 240 minuten." in page
    assert "js/effort_split" in page and "<script>" not in page
    data = {
        "effort-TOTAL_FORMS": "1",
        "effort-INITIAL_FORMS": "0",
        "effort-0-theme": theme.pk,
        "effort-0-kind": "planned",
        "effort-0-minutes": "300",
    }
    body = client.post(url, data).content.decode()
    assert "60 minuten meer verdeeld dan de dienst duurde." in body
    data["effort-0-minutes"] = "90"
    client.post(url, data)
    assert "Nog te verdelen: 150 minuten." in client.get(url).content.decode()


def test_boa_list_shows_own_and_companion_shifts_once_with_fixed_queries(
    client_for, boa, make_user
):
    """The boa's shift list (own shifts UNION companion shifts, no join): each shift once,
    another boa's shift not at all, and the query count does not grow with the rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    other = make_user(Role.BOA, team=boa.team)
    third = make_user(Role.BOA, team=boa.team)
    client = client_for(boa)
    PatrolLogFactory(boa=boa)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("enforcement:patrol_list"))
    own = [PatrolLogFactory(boa=boa) for _ in range(5)]
    for log in own[:2]:
        log.companions.add(other, third)  # two companions: still listed once
    joined = [PatrolLogFactory(boa=other) for _ in range(3)]
    for log in joined:
        log.companions.add(boa)
    not_mine = PatrolLogFactory(boa=other)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("enforcement:patrol_list"))
    assert response.status_code == 200
    listed = [log.pk for log in response.context["page"].object_list]
    assert sorted(listed) == sorted(
        {log.pk for log in PatrolLog.objects.filter(boa=boa)} | {log.pk for log in joined}
    )
    assert not_mine.pk not in listed
    assert len(many) == len(one)
    # Someone else's shift stays a 404 for this boa.
    assert client.get(reverse("enforcement:patrol_detail", args=[not_mine.pk])).status_code == 404
    assert client.get(reverse("enforcement:patrol_detail", args=[joined[0].pk])).status_code == 200
