"""Forecast on a phone: a team lead puts a focus point on the briefing agenda; policy staff
read the backtest and see the hotspot map."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from cases.models import AgendaItem
from cases.tests.factories import BriefingFactory
from enforcement.tests.factories import AreaFactory, ThemeFactory
from forecast.models import BacktestResult, HotspotCell, TeamDistrict

# The login page of a live server on this shared machine sometimes misses its 10 s window.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.flaky(reruns=2, reruns_delay=1),
]
SHOTS = "/work/notes/shots/forecast"


def _hotspot(theme, district, expected, row):
    return HotspotCell.objects.create(
        theme=theme, district=district, row=row, col=1, min_lat=52.30 + row * 0.0023,
        min_lon=4.90, max_lat=52.3022 + row * 0.0023, max_lon=4.9037, recent=24, before=2,
        expected_next_week=expected, peak_weekday=4, peak_block=5, computed_at=timezone.now(),
    )  # fmt: skip


def test_team_lead_adds_a_focus_point_to_the_briefing(browser_page, login, make_user):
    page = browser_page
    lead = make_user(Role.TEAM_LEAD, username="lead-focus")
    district = AreaFactory(code="WKB1", name="Wijk Centrum")
    theme = ThemeFactory(code="jeugd-b", name="Jeugd")
    TeamDistrict.objects.create(
        team=lead.team, district=district, share=0.7, computed_at=timezone.now()
    )
    _hotspot(theme, district, 4.5, 1)
    briefing = BriefingFactory(team=lead.team, chair=lead, title="Vrijdagbriefing")

    login(page, lead)
    page.goto("/")
    expect(page.get_by_role("heading", name="Focus deze week")).to_be_visible()
    page.get_by_role("link", name="Focuspunten op een briefing zetten").click()
    expect(page.get_by_text("Jeugd · Wijk Centrum · vrijdag 20-24 uur")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/focus-375.png", full_page=True)
    page.get_by_label("Briefing").select_option(str(briefing.pk))
    page.get_by_role("button", name="Op de briefingagenda").click()
    expect(page.get_by_role("alert").first).to_contain_text("Toegevoegd aan de agenda")
    item = AgendaItem.objects.get(briefing=briefing)
    assert item.text.startswith("Focus Jeugd: Wijk Centrum")


def test_policy_officer_reads_the_backtest_and_the_hotspot_map(browser_page, login, make_user):
    page = browser_page
    officer = make_user(Role.POLICY_OFFICER, username="policy-forecast")
    district = AreaFactory(code="WKB2", name="Wijk Noord")
    theme = ThemeFactory(code="afval-b", name="Afval")
    for method, mae in (
        ("glm", 5),
        ("holt_winters", 6),
        ("seasonal_naive", 4),
        ("last_quarter", 9),
    ):
        BacktestResult.objects.create(
            theme=theme, method=method, mae=mae, mape=0.1, quarters=8,
            chosen=method == "seasonal_naive", computed_at=timezone.now(),
        )  # fmt: skip
    for row in range(3):
        _hotspot(theme, district, 2.0, row)
    login(page, officer)
    page.goto("/vooruitblik/")
    expect(page.locator("#backtest")).to_contain_text("Zelfde week vorig jaar")
    expect(page.locator("#backtest")).to_contain_text("verslaat 'zelfde week vorig jaar' niet")
    page.screenshot(path=f"{SHOTS}/overview-375.png", full_page=True)
    page.get_by_role("link", name="Hotspots op de kaart").click()
    expect(page.locator("#hotspot-map path.leaflet-interactive")).to_have_count(3)
    expect(page.get_by_role("table")).to_contain_text("vrijdag 20-24 uur")
    page.screenshot(path=f"{SHOTS}/hotspots-375.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=f"{SHOTS}/hotspots-1280.png", full_page=True)


def test_drafter_takes_over_the_proposal_with_changed_hours(browser_page, login, make_user):
    import datetime as dt
    from decimal import Decimal

    from forecast.models import ForecastWeek
    from forecast.services import current_monday
    from planning.models import Activity
    from planning.tests.factories import CapacityEntryFactory, ProgrammeFactory

    page = browser_page
    officer = make_user(Role.POLICY_OFFICER, username="policy-proposal")
    year = timezone.localdate().year
    programme = ProgrammeFactory(year=year, title=f"Programma {year}", created_by=officer)
    theme = ThemeFactory(code="overlast-b", name="Overlast")
    district = AreaFactory(code="WKB3", name="Wijk Oost")
    for w in range(13):
        ForecastWeek.objects.create(
            theme=theme, district=district, week=current_monday() + dt.timedelta(weeks=w),
            expected=8, low=5, high=11, method="glm", computed_at=timezone.now(),
        )  # fmt: skip
    CapacityEntryFactory(year=year, month=1, people=10, contract_hours=Decimal("100"),
                         leave_hours=0, training_hours=0, overhead_hours=0)  # fmt: skip
    login(page, officer)
    page.goto(f"/planning/programma/{programme.pk}/")
    page.get_by_role("link", name="Voorstel uit de vooruitblik").click()
    expect(page.get_by_text("Verwacht 104 meldingen in 13 weken")).to_be_visible()
    field = page.get_by_label("Overlast, Wijk Oost")
    expect(field).to_have_value("1000")
    field.fill("750")
    page.screenshot(path=f"{SHOTS}/proposal-375.png", full_page=True)
    page.get_by_role("button", name="Overnemen in het concept").click()
    expect(page.get_by_role("alert").first).to_contain_text("1 activiteiten uit het voorstel")
    expect(page.get_by_text("voorgesteld 1000")).to_be_visible()
    activity = Activity.objects.get(programme=programme)
    assert (activity.planned_hours, activity.proposed_hours) == (Decimal("750"), Decimal("1000"))
