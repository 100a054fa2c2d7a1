"""Main flows of cases and briefings on a phone, in Debian's Chromium."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import PartnerOrganisationFactory, TeamFactory
from cases.tests.factories import ActionItemFactory, BriefingFactory, CaseFactory, CaseShareFactory
from enforcement.tests.factories import AreaFactory, IncidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_team_lead_assigns_and_boa_moves_case_on(browser_page, login, logout, make_user):
    page = browser_page
    team = TeamFactory(name="Team Centrum")
    lead = make_user(Role.TEAM_LEAD, username="tl", team=team, first_name="Ingrid")
    boa = make_user(Role.BOA, username="bram", team=team, first_name="Bram", last_name="de Boer")
    case = CaseFactory(team=team, opened_by=lead, title="Overlast portiek")

    login(page, lead)
    page.goto(f"/zaken/{case.pk}/")
    page.get_by_label("Behandelaar").select_option(label=str(boa))
    page.get_by_role("button", name="Toewijzen", exact=True).click()
    assert "Zaak toegewezen aan" in page.get_by_role("alert").inner_text()
    assert "Toegewezen" in page.locator("main").inner_text()

    logout(page)
    login(page, boa)
    panel = page.locator("section", has=page.get_by_role("heading", name="Mijn zaken"))
    panel.get_by_role("link", name="Overlast portiek").click()
    page.get_by_role("button", name="Start onderzoek").click()
    assert "Fase is nu: Onderzoek" in page.get_by_role("alert").inner_text()
    case.refresh_from_db()
    assert case.status == "investigating" and case.assignee == boa


def test_briefing_agenda_and_partner_action_item(browser_page, login, logout, make_user):
    page = browser_page
    team = TeamFactory(name="Team Centrum")
    police = PartnerOrganisationFactory(name="Politie Basisteam")
    lead = make_user(Role.TEAM_LEAD, username="tl", team=team)
    boa = make_user(Role.BOA, username="bram", team=team)
    agent = make_user(
        Role.PARTNER, username="agent", partner_organisation=police, first_name="Yvonne"
    )
    area = AreaFactory(code="WK01", name="Centrum")
    case = CaseFactory(team=team, opened_by=lead, area=area, title="Jongeren plein")
    CaseShareFactory(case=case, partner_organisation=police, shared_by=lead)
    internal = CaseFactory(team=team, opened_by=lead, area=area, title="Interne zaak")
    ActionItemFactory(case=internal, owner_user=boa, description="Interne controle")
    IncidentFactory(
        area=area, registered_by=boa, reference="M-2026-000777",
        occurred_at=timezone.now() - dt.timedelta(hours=3),
    )  # fmt: skip
    briefing = BriefingFactory(
        chair=lead,
        team=team,
        title="Briefing Centrum",
        starts_at=timezone.now() + dt.timedelta(hours=1),
    )
    briefing.areas.set([area])
    briefing.participants.set([lead, boa, agent])

    login(page, lead)
    page.goto(f"/zaken/briefings/{briefing.pk}/")
    page.get_by_role("button", name="Agenda maken").click()
    agenda = page.locator("#agenda")
    assert "M-2026-000777" in agenda.inner_text()
    assert "Jongeren plein" in agenda.inner_text()

    form = page.locator("#briefing-actions form")
    form.get_by_label("Zaak", exact=True).select_option(label=str(case))
    form.get_by_label("Actie").fill("Extra surveillance vrijdagavond")
    form.get_by_label("Eigenaar").select_option(label=f"{agent} ({police})")
    form.get_by_role("button", name="Actiepunt vastleggen").click()
    page.locator("#briefing-actions").get_by_text("Extra surveillance vrijdagavond").wait_for()

    logout(page)
    login(page, agent)
    home = page.locator("main").inner_text()
    assert "Extra surveillance vrijdagavond" in home
    assert "Interne controle" not in home
    page.get_by_role("link", name="Briefing Centrum").click()
    text = page.locator("main").inner_text()
    assert "Jongeren plein" in text
    assert "M-2026-000777" not in text and "Interne" not in text
