"""A boa on a phone: a shift from start to effort split; a violation with a warning letter."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from accounts.roles import Role
from enforcement import demo
from enforcement.models import PatrolLog, Violation
from enforcement.tests.factories import IncidentFactory, LetterTemplateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _htmx_settled(page):
    # A function, not a string: the page's CSP forbids evaluating strings.
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


class _Quiet:
    def write(self, *args, **kwargs):
        pass


def test_boa_starts_ends_shift_and_splits_effort(browser_page, login, make_user):
    demo.seed_reference(stdout=_Quiet())
    boa = make_user(Role.BOA, username="boa-dienst")
    page = browser_page
    login(page, boa)

    page.get_by_role("link", name="Dienst starten").click()
    page.get_by_label("Fiets").check()
    page.get_by_role("button", name="Start dienst nu").click()
    page.wait_for_url(re.compile(r"/diensten/\d+/$"))
    assert "In dienst sinds" in page.get_by_role("status").inner_text()

    # The shift has been running for three hours (time passes without sleeping).
    log = PatrolLog.objects.get(boa=boa)
    PatrolLog.objects.filter(pk=log.pk).update(started_at=timezone.now() - dt.timedelta(hours=3))

    page.goto("/")
    assert "In dienst sinds" in page.content()
    page.get_by_role("button", name="Dienst beëindigen").click()
    page.wait_for_url(re.compile(r"/diensten/\d+/inzet/$"))

    page.locator("#id_effort-0-theme").select_option(label="Overlast")
    page.locator("#id_effort-0-kind").select_option("planned")
    page.locator("#id_effort-0-minutes").fill("120")
    page.locator("#id_effort-1-theme").select_option(label="Jeugd")
    page.locator("#id_effort-1-kind").select_option("reactive")
    page.locator("#id_effort-1-minutes").fill("90")
    page.get_by_role("button", name="Inzet opslaan").click()
    # 210 minutes do not fit a three-hour shift: a Dutch message, input kept.
    assert "30 minuten langer dan de dienst" in page.get_by_role("alert").inner_text()
    assert page.locator("#id_effort-1-minutes").input_value() == "90"
    page.locator("#id_effort-1-minutes").fill("45")
    page.get_by_role("button", name="Inzet opslaan").click()
    page.wait_for_url(re.compile(r"/diensten/\d+/$"))
    assert "165 min" in page.content()

    log.refresh_from_db()
    assert log.ended_at is not None and log.mode == "bike"
    assert sorted(log.efforts.values_list("kind", "minutes")) == [
        ("planned", 120),
        ("reactive", 45),
    ]


def test_boa_records_violation_with_written_warning_and_downloads_letter(
    browser_page, login, make_user
):
    demo.seed_reference(stdout=_Quiet())
    LetterTemplateFactory()
    boa = make_user(Role.BOA, username="boa-overtreding")
    incident = IncidentFactory(registered_by=boa, address="Markt 1")
    page = browser_page
    login(page, boa)

    page.goto(f"/registratie/overtredingen/melding/{incident.pk}/nieuw/")
    page.get_by_label("Zoek op feitcode of woorden").fill("geluid")
    page.wait_for_function(
        "() => document.querySelectorAll('#id_offence option').length === 2"
    )  # the empty choice and H120
    page.locator("#id_offence").select_option(label="H120 Geluidhinder veroorzaken")
    _htmx_settled(page)
    page.get_by_label("B – onverschillig").check()
    _htmx_settled(page)
    page.get_by_label("Beperkt").check()
    _htmx_settled(page)
    proposed = page.get_by_test_id("proposed")
    proposed.wait_for()
    assert proposed.inner_text() == "Schriftelijke waarschuwing"
    assert page.get_by_label("Bedrag (€)").count() == 0  # a warning asks no amount

    page.get_by_label("Naam", exact=True).fill("Jan Jansen")
    page.get_by_label("Geboortedatum").fill("1985-03-04")
    page.get_by_label("Adres", exact=True).fill("Kerkstraat 1")
    page.get_by_role("button", name="Overtreding opslaan").click()
    page.wait_for_url(re.compile(r"/overtredingen/\d+/$"))
    assert "Jan Jansen" in page.content()

    violation = Violation.objects.get()
    assert violation.intervention.code == "written-warning"
    link = page.get_by_role("link", name="Waarschuwingsbrief (PDF)")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_violation_list_fits_a_phone(browser_page, login, make_user):
    # The list used to have five columns; on a phone the incident column was cut off.
    from enforcement.tests.factories import ViolationFactory

    lead = make_user(Role.TEAM_LEAD, username="lead-list")
    for _ in range(3):
        incident = IncidentFactory(registered_by=lead, team=lead.team)
        ViolationFactory(incident=incident, team=lead.team, recorded_by=lead)
    login(browser_page, lead)
    browser_page.goto("/registratie/overtredingen/")
    box = browser_page.locator(".table-responsive")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
    assert browser_page.evaluate("document.scrollingElement.scrollWidth") <= 375
    # The incident and the date are still there, under the violation's reference.
    first = browser_page.locator("tbody tr").first
    assert "Melding M-" in first.inner_text()
    assert re.search(r"\d\d-\d\d-\d{4}", first.inner_text())
