"""Team lead's "focus deze week": ranked by forecast x policy priority, added to a briefing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.submissions import new_key
from cases.models import AgendaItem
from cases.tests.factories import BriefingFactory
from enforcement.tests.factories import AreaFactory, ThemeFactory
from forecast.models import HotspotCell, TeamDistrict


def _cell(theme, district, expected, row):
    return HotspotCell.objects.create(
        theme=theme, district=district, row=row, col=1, min_lat=52.30, min_lon=4.90,
        max_lat=52.3022, max_lon=4.9037, recent=30, before=0, expected_next_week=expected,
        peak_weekday=4, peak_block=5, computed_at=timezone.now(),
    )  # fmt: skip


@pytest.fixture
def focus(team_lead):
    district = AreaFactory(code="WKF", name="Wijk Focus")
    other = AreaFactory(code="WKO", name="Wijk Elders")
    afval = ThemeFactory(code="afval-f", name="Afval F")
    jeugd = ThemeFactory(code="jeugd-f", name="Jeugd F")
    now = timezone.now()
    TeamDistrict.objects.create(team=team_lead.team, district=district, share=0.8, computed_at=now)
    TeamDistrict.objects.create(team=team_lead.team, district=other, share=0.02, computed_at=now)
    cells = {
        "afval": _cell(afval, district, 4.0, 1),
        "jeugd": _cell(jeugd, district, 3.0, 2),
        "elders": _cell(jeugd, other, 9.0, 3),  # not the team's district
    }
    briefing = BriefingFactory(team=team_lead.team, chair=team_lead, title="Vrijdagbriefing")
    return {"cells": cells, "briefing": briefing, "jeugd": jeugd}


@pytest.mark.django_db
def test_focus_ranks_the_teams_hotspots_by_forecast(
    client, team_lead, focus, django_assert_num_queries
):
    client.force_login(team_lead)
    with django_assert_num_queries(
        8
    ):  # session, user, panels' lookups, cells, priorities, briefings
        response = client.get(reverse("cases:focus_week"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Afval F") < body.index("Jeugd F")
    assert "Wijk Elders" not in body
    assert "vrijdag 20-24 uur" in body


@pytest.mark.django_db
def test_policy_priority_lifts_a_theme(client, team_lead, focus, policy_officer):
    from planning.models import Activity, Programme

    programme = Programme.objects.create(
        year=timezone.localdate().year, title="UP", created_by=policy_officer
    )
    Activity.objects.create(
        programme=programme, theme=focus["jeugd"], title="Jeugd", planned_hours=10,
        start_month=1, end_month=12, priority=1, created_by=policy_officer,
    )  # fmt: skip
    client.force_login(team_lead)
    body = client.get(reverse("cases:focus_week")).content.decode()
    assert body.index("Jeugd F") < body.index("Afval F")  # 3.0 x hoog beats 4.0 x none


@pytest.mark.django_db
def test_one_action_puts_a_focus_point_on_the_briefing_agenda(client, team_lead, focus):
    client.force_login(team_lead)
    data = {
        "cell": focus["cells"]["afval"].pk,
        "briefing": focus["briefing"].pk,
        "submission_key": new_key(),
    }
    response = client.post(reverse("cases:focus_add"), data)
    assert response.status_code == 302
    client.post(reverse("cases:focus_add"), data)  # sent twice: one agenda item
    items = list(AgendaItem.objects.filter(briefing=focus["briefing"]))
    assert len(items) == 1
    assert items[0].text.startswith("Focus Afval F: Wijk Focus")


@pytest.mark.django_db
def test_a_cell_outside_the_teams_districts_cannot_be_added(client, team_lead, focus):
    client.force_login(team_lead)
    data = {"cell": focus["cells"]["elders"].pk, "briefing": focus["briefing"].pk}
    response = client.post(reverse("cases:focus_add"), data)
    assert response.status_code == 404
    assert not AgendaItem.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.BOA, Role.COUNCIL_MEMBER, Role.PARTNER, Role.FUNCTIONAL_ADMIN, Role.MANAGER]
)
def test_focus_is_404_for_roles_without_a_team_to_lead(client, make_user, role, focus):
    client.force_login(make_user(role))
    response = client.get(reverse("cases:focus_week"))
    assert response.status_code == 404
    assert "Focus deze week" not in response.content.decode()
