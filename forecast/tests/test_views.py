"""The forecast pages: who sees them, what they say, how many queries they take."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from enforcement.tests.factories import AreaFactory, ThemeFactory
from forecast.models import BacktestResult, ForecastWeek, HotspotCell
from forecast.services import current_monday


@pytest.fixture
def stored():
    now = timezone.now()
    district = AreaFactory(code="WKV", name="Wijk V")
    themes = [ThemeFactory(code=f"t{i}", name=f"Thema {i}") for i in range(3)]
    for theme in themes:
        for w in range(13):
            ForecastWeek.objects.create(
                theme=theme, district=district, week=current_monday() + dt.timedelta(weeks=w),
                expected=10, low=6, high=14, method="glm", computed_at=now,
            )  # fmt: skip
        maes = {"glm": 2, "holt_winters": 3, "seasonal_naive": 4, "last_quarter": 5}
        if theme.code == "t2":
            maes["glm"] = maes["holt_winters"] = 9  # no model beats seasonal-naive
        chosen = "seasonal_naive" if theme.code == "t2" else "glm"
        for method, mae in maes.items():
            BacktestResult.objects.create(
                theme=theme, method=method, mae=mae, mape=mae / 10, quarters=8,
                chosen=method == chosen, computed_at=now,
            )  # fmt: skip
        for i in range(5):
            HotspotCell.objects.create(
                theme=theme, district=district, row=i, col=i, min_lat=52.3, min_lon=4.9,
                max_lat=52.302, max_lon=4.904, recent=20 - i, before=0, expected_next_week=3,
                peak_weekday=5, peak_block=5, computed_at=now,
            )  # fmt: skip
    return themes


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.POLICY_OFFICER, Role.MANAGER, Role.TEAM_LEAD])
def test_overview_shows_forecast_and_backtest(
    client, make_user, role, stored, django_assert_num_queries
):
    client.force_login(make_user(role))
    with django_assert_num_queries(9):
        response = client.get(reverse("forecast:overview"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Thema 0" in body and "130" in body  # 13 weeks x 10
    assert body.count("verslaat 'zelfde week vorig jaar' niet; die") == 1  # Thema 2 only


@pytest.mark.django_db
def test_hotspots_page_lists_cells_for_the_map_and_the_table(
    client, policy_officer, stored, django_assert_num_queries
):
    client.force_login(policy_officer)
    with django_assert_num_queries(8):
        response = client.get(reverse("forecast:hotspots"), {"thema": stored[0].pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("zaterdag 20-24 uur") == 5  # only the chosen theme's cells
    assert 'id="hotspot-cells"' in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.BOA, Role.COUNCIL_MEMBER, Role.PARTNER, Role.FUNCTIONAL_ADMIN]
)
@pytest.mark.parametrize("name", ["forecast:overview", "forecast:hotspots"])
def test_forecast_pages_are_404_for_other_roles(client, make_user, role, name, stored):
    client.force_login(make_user(role))
    response = client.get(reverse(name))
    assert response.status_code == 404
    assert "Thema 0" not in response.content.decode()
