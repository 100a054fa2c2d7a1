"""Cross-app flows on a phone: from incidents to a case."""

import pytest

from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from cases.models import Case
from enforcement.tests.factories import CaseTypeFactory, IncidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_team_lead_opens_one_case_from_two_selected_incidents(browser_page, login, make_user):
    page = browser_page
    team = TeamFactory(name="Team Centrum")
    lead = make_user(Role.TEAM_LEAD, username="tl", team=team)
    boa = make_user(Role.BOA, username="bram", team=team)
    a = IncidentFactory(registered_by=boa, address="Markt 1")
    b = IncidentFactory(registered_by=boa, address="Markt 3")
    CaseTypeFactory(name="Overlast op een adres")

    login(page, lead)
    page.goto("/registratie/meldingen/")
    page.get_by_label(f"Melding {a.reference} selecteren").check()
    page.get_by_label(f"Melding {b.reference} selecteren").check()
    page.get_by_role("button", name="Zaak openen met geselecteerde meldingen").click()
    field = page.get_by_label("Meldingen (kenmerken of nummers")
    assert set(field.input_value().split(", ")) == {a.reference, b.reference}
    page.get_by_label("Zaaktype").select_option(label="Overlast op een adres")
    page.get_by_role("button", name="Zaak openen").click()
    assert "is geopend" in page.get_by_role("alert").inner_text()
    case = Case.objects.get()
    assert set(case.incidents.all()) == {a, b}
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    # The incident now shows the case it belongs to.
    page.goto(f"/registratie/meldingen/{a.pk}/")
    assert case.reference in page.locator("#open-cases").inner_text()
