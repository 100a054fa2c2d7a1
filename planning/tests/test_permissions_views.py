"""Role table: each role × planning object × view/change, through the views."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from planning.models import Programme
from planning.tests.factories import (
    ActivityFactory,
    ExpertGroupFactory,
    ExpertGroupMemberFactory,
    GoalFactory,
    MeetingFactory,
    ThemePlanFactory,
)

pytestmark = pytest.mark.django_db

R = Role
ROLES = [
    R.BOA,
    R.TEAM_LEAD,
    R.POLICY_OFFICER,
    R.MANAGER,
    R.COUNCIL_MEMBER,
    R.PARTNER,
    R.FUNCTIONAL_ADMIN,
]


def _objects():
    draft = ActivityFactory(programme__status=Programme.Status.DRAFT, programme__year=2030)
    adopted = ActivityFactory(programme__status=Programme.Status.ADOPTED, programme__year=2029)
    plan = ThemePlanFactory()
    goal = GoalFactory(plan=plan)
    group = ExpertGroupFactory(theme=plan.theme)
    meeting = MeetingFactory(group=group)
    return {
        "draft": draft.programme,
        "adopted": adopted.programme,
        "draft_activity": draft,
        "adopted_activity": adopted,
        "plan": plan,
        "goal": goal,
        "group": group,
        "meeting": meeting,
        "team": TeamFactory(name="Team Centrum"),
    }


# url builder, then expected status per role in ROLES order
CASES = {
    "programme draft view": (
        lambda o: reverse("planning:programme_detail", args=[o["draft"].pk]),
        [200, 404, 200, 200, 404, 404, 404],
    ),
    "programme adopted view": (
        lambda o: reverse("planning:programme_detail", args=[o["adopted"].pk]),
        [200, 200, 200, 200, 200, 404, 404],
    ),
    "programme adopted pdf": (
        lambda o: reverse("planning:programme_pdf", args=[o["adopted"].pk]),
        [200, 200, 200, 200, 200, 404, 404],
    ),
    "programme draft pdf": (
        lambda o: reverse("planning:programme_pdf", args=[o["draft"].pk]),
        [200, 404, 200, 200, 404, 404, 404],
    ),
    "activity add to draft": (
        lambda o: reverse("planning:activity_create", args=[o["draft"].pk]),
        [200, 404, 200, 404, 404, 404, 404],
    ),
    "activity change in draft": (
        lambda o: reverse("planning:activity_edit", args=[o["draft"].pk, o["draft_activity"].pk]),
        [200, 404, 200, 404, 404, 404, 404],
    ),
    "activity change in adopted": (
        lambda o: reverse(
            "planning:activity_edit", args=[o["adopted"].pk, o["adopted_activity"].pk]
        ),
        # Read-only: shown again with the reason (see the test below), nothing changes.
        [302, 302, 302, 302, 302, 404, 404],
    ),
    "prioritise draft": (
        lambda o: reverse("planning:programme_prioritise", args=[o["draft"].pk]),
        [404, 404, 404, 200, 404, 404, 404],
    ),
    "monitoring adopted": (
        lambda o: reverse("planning:programme_monitoring", args=[o["adopted"].pk]),
        [200, 200, 200, 200, 404, 404, 404],
    ),
    "capacity view": (
        lambda o: reverse("planning:capacity"),
        [200, 200, 200, 200, 404, 404, 200],
    ),
    "capacity change own team": (
        lambda o: reverse("planning:capacity_edit", args=[o["team"].pk, 2030]),
        [404, 200, 404, 404, 404, 404, 200],
    ),
    "theme plan view": (
        lambda o: reverse("planning:plan_detail", args=[o["plan"].pk]),
        [200, 404, 200, 200, 404, 404, 404],
    ),
    "theme plan change": (
        lambda o: reverse("planning:goal_edit", args=[o["plan"].pk, o["goal"].pk]),
        [404, 404, 200, 404, 404, 404, 404],
    ),
    "expert group view": (
        lambda o: reverse("planning:group_detail", args=[o["group"].pk]),
        [404, 404, 200, 200, 404, 404, 404],
    ),
    "expert group change": (
        lambda o: reverse("planning:member_add", args=[o["group"].pk]),
        [404, 404, 200, 404, 404, 404, 404],
    ),
    "meeting view": (
        lambda o: reverse("planning:meeting_detail", args=[o["group"].pk, o["meeting"].pk]),
        [404, 404, 200, 200, 404, 404, 404],
    ),
    "meeting change": (
        lambda o: reverse("planning:meeting_create", args=[o["group"].pk]),
        [404, 404, 200, 404, 404, 404, 404],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_role_table(case, make_user, client):
    objects = _objects()
    url_for, expected = CASES[case]
    url = url_for(objects)
    got = []
    for i, role in enumerate(ROLES):
        user = make_user(role, username=f"{role}-{i}")
        client.force_login(user)
        got.append(client.get(url).status_code)
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, expected, strict=True))


def test_partner_member_sees_only_own_group(make_user, client):
    partner = make_user(R.PARTNER, username="p1")
    own = ExpertGroupFactory(name="Jeugd centrum")
    other = ExpertGroupFactory(name="Ondermijning")
    ExpertGroupMemberFactory(group=own, user=partner, name="", organisation="Politie")
    meeting = MeetingFactory(group=own)
    plan = ThemePlanFactory(theme=own.theme)
    other_plan = ThemePlanFactory(theme=other.theme)
    client.force_login(partner)
    page = client.get(reverse("planning:group_list")).content.decode()
    assert "Jeugd centrum" in page and "Ondermijning" not in page
    assert client.get(reverse("planning:group_detail", args=[own.pk])).status_code == 200
    assert (
        client.get(reverse("planning:meeting_detail", args=[own.pk, meeting.pk])).status_code == 200
    )
    assert client.get(reverse("planning:group_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("planning:plan_detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("planning:plan_detail", args=[other_plan.pk])).status_code == 404
    # A member reads, but does not record meetings.
    response = client.post(reverse("planning:meeting_create", args=[own.pk]))
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
    assert not own.meetings.exclude(pk=meeting.pk).exists()


def test_team_lead_may_not_record_capacity_of_another_team(team_lead, client):
    other = TeamFactory(name="Team Noord")
    client.force_login(team_lead)
    response = client.get(reverse("planning:capacity_edit", args=[other.pk, 2030]))
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
    assert "Capaciteit" not in response.content.decode().split("<main", 1)[-1]


def test_changing_an_adopted_programme_shows_it_again_with_the_reason(make_user, client):
    objects = _objects()
    adopted, activity = objects["adopted"], objects["adopted_activity"]
    client.force_login(make_user(R.BOA, username="boa-adopted"))
    url = reverse("planning:activity_edit", args=[adopted.pk, activity.pk])
    response = client.post(url, {"title": "Gewijzigd"}, follow=True)
    assert response.redirect_chain == [
        (reverse("planning:programme_detail", args=[adopted.pk]), 302)
    ]
    assert "Een vastgesteld programma is alleen-lezen." in response.content.decode()
    activity.refresh_from_db()
    assert activity.title != "Gewijzigd"
