"""A manager opens the running quarter on a phone and on a desktop: the dashboard says
which days are compared (reports/figures/running.py)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from enforcement.tests.factories import AreaFactory, IncidentFactory, ThemeFactory
from reports.periods import Period

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
SHOTS = "/work/notes/shots/running"


@pytest.mark.parametrize("width", [375, 1280])
def test_manager_sees_the_running_quarter_against_the_same_days(
    browser_page, login, make_user, width
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    manager = make_user(Role.MANAGER, username=f"manager-running-{width}")
    theme, area = ThemeFactory(name="Overlast"), AreaFactory(name="Centrum")
    today = timezone.localdate()
    for day in (today, today.replace(year=today.year - 1), today - dt.timedelta(days=1)):
        IncidentFactory(
            theme=theme,
            area=area,
            occurred_at=timezone.make_aware(dt.datetime.combine(day, dt.time(0, 30))),
        )
    running = Period.containing(today)
    login(page, manager)
    page.goto(f"/rapportages/dashboard/?period={running.code}")
    expect(page.locator(".reports-same-days")).to_contain_text(f"{running.label} t/m {today.day} ")
    expect(page.locator(".reports-same-days")).to_contain_text("vergeleken met dezelfde dagen in")
    page.screenshot(path=f"{SHOTS}/dashboard-running-{width}.png", full_page=False)
