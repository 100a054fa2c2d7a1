"""The programme draft's proposal from the forecast: hours from demand, priority and
capacity, with reasoning; changed freely; the activities keep proposed and chosen."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.submissions import new_key
from enforcement.tests.factories import AreaFactory, ThemeFactory
from forecast.models import ForecastWeek
from forecast.services import current_monday
from planning.models import Activity
from planning.selectors.proposal import programme_proposal
from planning.tests.factories import CapacityEntryFactory, ProgrammeFactory


@pytest.fixture
def setup(policy_officer):
    now = timezone.now()
    year = timezone.localdate().year
    programme = ProgrammeFactory(year=year, created_by=policy_officer)
    jeugd = ThemeFactory(code="jeugd-p", name="Jeugd P")
    afval = ThemeFactory(code="afval-p", name="Afval P")
    noord = AreaFactory(code="WKPN", name="Wijk Noord")
    zuid = AreaFactory(code="WKPZ", name="Wijk Zuid")
    for theme, district, per_week in ((jeugd, noord, 10), (afval, noord, 10), (afval, zuid, 20)):
        for w in range(13):
            ForecastWeek.objects.create(
                theme=theme, district=district, week=current_monday() + dt.timedelta(weeks=w),
                expected=per_week, low=per_week - 3, high=per_week + 3, method="glm",
                computed_at=now,
            )  # fmt: skip
    CapacityEntryFactory(year=year, month=1, people=10, contract_hours=Decimal("106"),
                         leave_hours=0, training_hours=0, overhead_hours=0)  # fmt: skip
    Activity.objects.create(
        programme=programme, theme=jeugd, title="Bestaand", planned_hours=1, start_month=1,
        end_month=12, priority=1, created_by=policy_officer,
    )  # fmt: skip
    return {"programme": programme, "jeugd": jeugd, "afval": afval, "noord": noord}


@pytest.mark.django_db
def test_proposal_shares_capacity_by_demand_times_priority(setup):
    rows, available = programme_proposal(programme=setup["programme"])
    assert available == Decimal("1060")
    hours = {(r.theme.code, r.district.name): r.hours for r in rows}
    # Jeugd 130 x3 (hoog) = 390; afval 130 and 260: 390 + 130 + 260 = 780.
    assert hours == {
        ("jeugd-p", "Wijk Noord"): Decimal("530"),
        ("afval-p", "Wijk Zuid"): Decimal("353"),
        ("afval-p", "Wijk Noord"): Decimal("177"),
    }
    assert "prioriteit Hoog" in rows[0].reason and "Verwacht 130 meldingen" in rows[0].reason


@pytest.mark.django_db
def test_drafter_changes_the_proposal_and_the_activities_keep_both(
    client, policy_officer, setup, django_assert_max_num_queries
):
    client.force_login(policy_officer)
    url = reverse("planning:programme_proposal", args=[setup["programme"].pk])
    with django_assert_max_num_queries(14):
        page = client.get(url)
    assert "Wijk Zuid" in page.content.decode()
    response = client.post(
        url, {"hours_0": "600", "hours_1": "353", "hours_2": "0", "submission_key": new_key()}
    )
    assert response.status_code == 302
    made = Activity.objects.filter(programme=setup["programme"], proposed_hours__isnull=False)
    got = {(a.theme.code, a.planned_hours, a.proposed_hours) for a in made}
    assert got == {
        ("jeugd-p", Decimal("600"), Decimal("530")),
        ("afval-p", Decimal("353"), Decimal("353")),
    }
    detail = client.get(reverse("planning:programme_detail", args=[setup["programme"].pk]))
    assert "voorgesteld 530" in detail.content.decode()


@pytest.mark.django_db
def test_proposal_refuses_negative_hours_and_keeps_what_was_typed(client, policy_officer, setup):
    client.force_login(policy_officer)
    url = reverse("planning:programme_proposal", args=[setup["programme"].pk])
    response = client.post(url, {"hours_0": "-5", "hours_1": "12", "hours_2": "3"})
    body = response.content.decode()
    assert response.status_code == 200 and 'value="12"' in body
    assert not Activity.objects.filter(proposed_hours__isnull=False).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.PARTNER, Role.MANAGER, Role.TEAM_LEAD])
def test_proposal_is_404_for_who_may_not_draft(client, make_user, role, setup):
    client.force_login(make_user(role))
    response = client.get(reverse("planning:programme_proposal", args=[setup["programme"].pk]))
    assert response.status_code == 404
    assert "Wijk Zuid" not in response.content.decode()
