"""Incidents link to cases: 'Zaak openen' on the detail and list, open cases shown.

Enforcement asks cases (through the OPEN_CASES extension) who may open a case,
so these tests live here, with the real provider registered.
"""

import pytest
from django.urls import reverse

from cases.models import CaseStatus
from cases.tests.factories import CaseFactory
from enforcement.tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def _detail(client, incident):
    return client.get(reverse("enforcement:incident_detail", args=[incident.pk])).content.decode()


def test_detail_offers_open_case_preset_with_the_incident(client_for, boa_c):
    incident = IncidentFactory(registered_by=boa_c)
    html = _detail(client_for(boa_c), incident)
    assert "Zaak openen" in html
    assert f'href="{reverse("cases:open")}?incident={incident.pk}"' in html


def test_detail_hides_open_case_from_who_may_not_open_one(client_for, policy_officer):
    incident = IncidentFactory()
    html = _detail(client_for(policy_officer), incident)
    assert incident.reference in html
    assert "Zaak openen" not in html


def test_detail_lists_open_cases_holding_the_incident(client_for, boa_c, lead, centrum):
    incident = IncidentFactory(registered_by=boa_c)
    open_case = CaseFactory(team=centrum, opened_by=lead, title="Hangjongeren plein")
    open_case.incidents.add(incident)
    closed = CaseFactory(
        team=centrum, opened_by=lead, title="Oud dossier", status=CaseStatus.CLOSED
    )
    closed.incidents.add(incident)
    html = _detail(client_for(boa_c), incident)
    assert reverse("cases:detail", args=[open_case.pk]) in html
    assert "Hangjongeren plein" in html
    assert "Oud dossier" not in html


def test_detail_says_when_no_case_holds_the_incident(client_for, boa_c):
    html = _detail(client_for(boa_c), IncidentFactory(registered_by=boa_c))
    assert "hoort (nog) bij geen open zaak" in html


def test_list_lets_team_lead_select_incidents_for_one_case(client_for, lead, boa_c):
    a = IncidentFactory(registered_by=boa_c)
    b = IncidentFactory(registered_by=boa_c)
    client = client_for(lead)
    html = client.get(reverse("enforcement:incident_list")).content.decode()
    assert f'action="{reverse("cases:open")}"' in html
    assert f'name="incidents" value="{a.pk}"' in html
    assert "Zaak openen met geselecteerde meldingen" in html
    # What the browser submits: the form opens preset with both incidents.
    form = client.get(reverse("cases:open"), {"incidents": [a.pk, b.pk]}).content.decode()
    assert f"{a.reference}, {b.reference}" in form


def test_list_has_no_selection_for_who_may_not_open_cases(client_for, policy_officer):
    incident = IncidentFactory()
    response = client_for(policy_officer).get(reverse("enforcement:incident_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert incident.reference in html
    assert 'name="incidents"' not in html
    assert "Zaak openen" not in html


def test_open_form_does_not_preset_from_another_teams_incident(client_for, boa_c, boa_n):
    foreign = IncidentFactory(registered_by=boa_n, address="Geheimstraat 9")
    response = client_for(boa_c).get(reverse("cases:open"), {"incident": foreign.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nieuwe zaak" in html and foreign.reference not in html
    assert "Geheimstraat 9" not in html


def test_link_treats_other_teams_reference_as_not_found(client_for, lead, boa_n, centrum):
    case = CaseFactory(team=centrum, opened_by=lead)
    foreign = IncidentFactory(registered_by=boa_n)
    response = client_for(lead).post(
        reverse("cases:link", args=[case.pk]), {"references": foreign.reference}
    )
    assert response.status_code == 400
    assert f"Niet gevonden: {foreign.reference}" in response.content.decode()
    assert not case.incidents.exists()


def test_case_detail_links_to_its_incidents(client_for, lead, boa_c, centrum):
    incident = IncidentFactory(registered_by=boa_c)
    case = CaseFactory(team=centrum, opened_by=lead)
    case.incidents.add(incident)
    html = client_for(lead).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'href="{reverse("enforcement:incident_detail", args=[incident.pk])}"' in html


def test_empty_case_list_explains_instead_of_blaming_filters(client_for, boa_c):
    client = client_for(boa_c)
    html = client.get(reverse("cases:list")).content.decode()
    assert "Er zijn geen open zaken voor u of uw team." in html
    assert "Zaak openen" in html
    assert "met deze filters" not in html
    filtered = client.get(reverse("cases:list"), {"q": "xyzzy"}).content.decode()
    assert "Geen zaken gevonden met deze filters." in filtered
