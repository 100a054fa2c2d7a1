import hashlib
from pathlib import Path

import pytest

from accounts.roles import Role
from reports.periods import Period
from reports.services import report_build, report_publish, report_update_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_council_member_opens_portal_and_downloads_latest_pdf(browser_page, login, make_user):
    officer = make_user(Role.POLICY_OFFICER, username="beleid-browser")
    for period in (Period(2019, 4), Period(2020, 1)):
        report = report_build(period=period, actor=officer)
        report_update_text(
            report_id=report.pk, actor=officer, introduction="Rustig kwartaal.", change_note=""
        )
        latest = report_publish(report_id=report.pk, actor=officer)
    council = make_user(Role.COUNCIL_MEMBER, username="raadslid-browser")
    page = browser_page

    login(page, council)
    page.get_by_role("link", name="Naar het raadsportaal").click()
    page.wait_for_url("**/rapportages/raad/")
    assert page.get_by_role("heading", level=1).inner_text() == "Raadsrapportages"
    page.get_by_role("link", name="1e kwartaal 2020").click()
    assert "Rustig kwartaal." in page.content()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF").click()
    download = info.value
    assert download.suggested_filename == "raadsrapportage-2020Q1-v1.pdf"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == latest.files.get(format="pdf").sha256


def test_council_member_compares_two_quarters_and_sees_a_chart(
    browser_page, login, make_user, live_server
):
    import datetime as dt

    from enforcement.tests.factories import AreaFactory, IncidentFactory, ThemeFactory
    from reports.tests.conftest import at

    theme = ThemeFactory(code="overlast-b", name="Overlast")
    area = AreaFactory(code="WK0091", name="Centrum")
    for day, n in ((dt.date(2025, 11, 3), 8), (dt.date(2026, 2, 3), 14)):
        for _ in range(n):
            IncidentFactory(theme=theme, area=area, occurred_at=at(day))
    officer = make_user(Role.POLICY_OFFICER, username="beleid-vergelijk")
    for period in (Period(2025, 4), Period(2026, 1)):
        report = report_build(period=period, actor=officer)
        report_publish(report_id=report.pk, actor=officer)
    council = make_user(Role.COUNCIL_MEMBER, username="raadslid-vergelijk")
    page = browser_page
    login(page, council)
    page.goto(f"{live_server.url}/rapportages/raad/")
    page.get_by_role("link", name="Twee perioden vergelijken").click()
    page.get_by_label("Periode A").select_option(label="Q4 2025")
    page.get_by_label("Periode B").select_option(label="Q1 2026")
    page.get_by_role("button", name="Vergelijk").click()
    page.wait_for_url("**/vergelijken/?a=*")
    figure = page.locator("figure", has=page.get_by_role("heading", name="Meldingen per thema"))
    chart = figure.get_by_role("img")
    assert chart.is_visible()
    assert chart.locator("rect").count() >= 2
    row = figure.locator("tbody tr", has_text="Overlast")
    assert row.inner_text().split() == ["Overlast", "8", "14", "+6"]
    # And one figure across all published quarters, as a line.
    page.get_by_role("link", name="Of volg één cijfer over alle kwartalen").click()
    page.get_by_label("Cijfer").select_option(label="Meldingen per thema")
    page.get_by_role("button", name="Toon").click()
    line = page.locator("svg.reports-chart")
    assert line.is_visible() and line.locator("polyline").count() == 1
    assert "Q4 2025: 8; Q1 2026: 14" in line.locator("title").text_content()
