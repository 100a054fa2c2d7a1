"""A planted pattern: the weekly job's forecast and hotspot layer must find it.

District A gets a summer surge of one theme (five times its usual weekly count in July
and August, every year); district B stays flat. In the last six weeks a new place in
district B starts drawing incidents every week: a grid cell that had none before.
"""

import datetime as dt
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement.models import Incident
from enforcement.tests.factories import AreaFactory, ThemeFactory
from forecast.models import BacktestResult, ForecastWeek, HotspotCell
from forecast.services import forecast_compute

TODAY = dt.date(2026, 6, 3)  # a Wednesday; the forecast starts on Monday 1 June
ORIGIN = dt.date(2026, 6, 1)
SPOT = (52.40, 5.05)


def _summer(day: dt.date) -> bool:
    return day.month in (7, 8)


@pytest.fixture
def planted(boa):
    rng = random.Random(19)
    theme = ThemeFactory(code="overlast-test", name="Overlast (test)")
    a = AreaFactory(code="WKA", name="Wijk A")
    b = AreaFactory(code="WKB", name="Wijk B")
    tz = timezone.get_current_timezone()
    rows = []

    def add(day, area, lat, lon):
        at = dt.datetime.combine(day, dt.time(21, rng.randrange(60)), tzinfo=tz)
        rows.append(
            Incident(
                reference=f"M-T-{len(rows):06d}", theme=theme, area=area, occurred_at=at,
                reported_at=at, latitude=lat, longitude=lon, registered_by=boa,
                reported_by=boa, team=boa.team,
            )
        )  # fmt: skip

    for week in range(160):
        monday = ORIGIN - dt.timedelta(weeks=160 - week)
        for area, base in ((a, 3), (b, 3)):
            n = base * (5 if area is a and _summer(monday) else 1)
            for _ in range(n):
                day = monday + dt.timedelta(days=rng.randrange(7))
                add(day, area, 52.31 + 0.05 * rng.random(), 4.91 + 0.08 * rng.random())
        if week >= 154:  # the new hotspot: five a week on Friday night
            for _ in range(5):
                add(monday + dt.timedelta(days=4), b, SPOT[0] + 0.0002 * rng.random(), SPOT[1])
    Incident.objects.bulk_create(rows, batch_size=2000)
    return theme, a, b


@pytest.mark.django_db
def test_the_forecast_finds_a_summer_surge_in_one_district(planted):
    theme, a, b = planted
    summary = forecast_compute(today=TODAY)
    assert summary["methods"][theme.code] in ("glm", "holt_winters", "seasonal_naive")
    weeks = {
        (f.district_id, f.week): f
        for f in ForecastWeek.objects.filter(theme=theme, week__gte=ORIGIN)
    }
    assert len(weeks) == 2 * 13
    june = [weeks[(a.pk, ORIGIN + dt.timedelta(weeks=i))].expected for i in range(3)]
    july = [weeks[(a.pk, dt.date(2026, 7, 13) + dt.timedelta(weeks=i))].expected for i in range(4)]
    assert min(july) > 2.5 * max(june)  # the surge, in district A
    flat_b = [
        weeks[(b.pk, dt.date(2026, 7, 13) + dt.timedelta(weeks=i))].expected for i in range(4)
    ]
    assert max(flat_b) < 2 * 3 + 5  # district B: its usual three (and the new spot)
    for f in weeks.values():
        assert f.low <= f.expected <= f.high
    assert BacktestResult.objects.filter(theme=theme, chosen=True).count() == 1


@pytest.mark.django_db
def test_the_hotspot_layer_finds_the_new_cell(planted):
    theme, _a, b = planted
    forecast_compute(today=TODAY)
    top = HotspotCell.objects.filter(theme=theme).order_by("-recent").first()
    assert top.min_lat <= SPOT[0] < top.max_lat and top.min_lon <= SPOT[1] < top.max_lon
    assert top.district_id == b.pk
    assert top.recent >= 30 and top.before == 0 and top.emerging
    assert top.peak_weekday == 4 and top.peak_block == 5  # Friday, 20-24 h
    assert top.expected_next_week > 0


@pytest.mark.django_db
def test_running_the_job_twice_stores_the_same_rows(planted):
    forecast_compute(today=TODAY)
    first = list(ForecastWeek.objects.order_by("pk").values_list("district_id", "week", "expected"))
    forecast_compute(today=TODAY)
    again = list(ForecastWeek.objects.order_by("pk").values_list("district_id", "week", "expected"))
    assert sorted(first) == sorted(again)


@pytest.mark.django_db
def test_the_quarter_just_ended_is_checked_against_what_came_in(planted, client, policy_officer):
    from forecast.models import QuarterCheck

    theme, _a, _b = planted
    forecast_compute(today=TODAY)
    check = QuarterCheck.objects.get(theme=theme)
    assert check.quarter_start == dt.date(2026, 1, 1) and check.weeks == 13
    assert check.actual == 6 * 13  # three a week in each district, no summer, no new spot
    assert abs(check.expected - check.actual) < 0.3 * check.actual
    client.force_login(policy_officer)
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert "Vooruitblik tegen werkelijkheid, K1 2026" in body
    assert "Overlast (test)" in body
