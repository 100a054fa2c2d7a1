import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from cases.models import Case, CaseStatus
from cases.tests.factories import CaseFactory
from enforcement import extensions
from enforcement.tests.factories import CaseTypeFactory, IncidentFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_boa_opens_case_from_selected_incidents(client_for, boa_c):
    a = IncidentFactory(registered_by=boa_c)
    b = IncidentFactory(registered_by=boa_c)
    ctype = CaseTypeFactory()
    client = client_for(boa_c)
    form = client.get(reverse("cases:open"), {"incidents": [a.pk, b.pk]})
    assert f"{a.reference}, {b.reference}" in form.content.decode()
    response = client.post(
        reverse("cases:open"),
        {
            "title": "Overlast",
            "case_type": ctype.pk,
            "priority": 2,
            "incidents": f"{a.pk}, {b.reference}",
        },
    )
    case = Case.objects.get()
    assert response.url == reverse("cases:detail", args=[case.pk])
    assert set(case.incidents.all()) == {a, b}
    assert case.theme == a.theme and case.team == boa_c.team and case.status == CaseStatus.NEW
    assert case.reference.startswith("Z-")
    assert AccessLogEntry.objects.filter(user=boa_c, action="create").exists()
    assert list(a.cases.all()) == [case]


def test_incident_of_another_team_cannot_be_used(client_for, boa_c, boa_n):
    foreign = IncidentFactory(registered_by=boa_n)
    response = client_for(boa_c).post(
        reverse("cases:open"),
        {
            "title": "X",
            "case_type": CaseTypeFactory().pk,
            "priority": 2,
            "incidents": str(foreign.pk),
        },
    )
    assert "Niet gevonden of niet zichtbaar" in response.content.decode()
    assert not Case.objects.exists()


def test_only_team_lead_opens_case_without_incident(client_for, boa_c, lead):
    data = {
        "title": "Direct",
        "case_type": CaseTypeFactory().pk,
        "theme": ThemeFactory().pk,
        "priority": 2,
    }
    response = client_for(boa_c).post(reverse("cases:open"), data)
    assert "alleen een teamleider" in response.content.decode()
    assert client_for(lead).post(reverse("cases:open"), data).status_code == 302
    assert Case.objects.get().opened_by == lead


def test_open_cases_extension_gives_links_in_one_query(
    boa_c, boa_n, centrum, noord, django_assert_num_queries
):
    provider = extensions.get(extensions.OPEN_CASES)
    inc = IncidentFactory(registered_by=boa_c)
    other = IncidentFactory(registered_by=boa_c)
    mine = CaseFactory(team=centrum, title="Zichtbaar")
    hidden = CaseFactory(team=noord, title="Verborgen")
    closed = CaseFactory(team=centrum, status=CaseStatus.CLOSED)
    for c in (mine, hidden, closed):
        c.incidents.add(inc)
    with django_assert_num_queries(1):
        links = provider.for_incidents(incident_ids=[inc.pk, other.pk], user=boa_c)
    assert links == {
        inc.pk: [(reverse("cases:detail", args=[mine.pk]), f"{mine.reference} Zichtbaar")]
    }
    assert provider.for_incidents(incident_ids=[], user=boa_c) == {}


def test_home_panels_per_role(client_for, boa_c, lead, partner_p, council_member, centrum):
    CaseFactory(team=centrum, assignee=boa_c, title="Mijn zaak")
    body = client_for(boa_c).get("/").content.decode()
    assert "Mijn zaken" in body and "Mijn zaak" in body and "Mijn actiepunten" in body
    body = client_for(lead).get("/").content.decode()
    assert "Werkvoorraad team" in body
    body = client_for(partner_p).get("/").content.decode()
    assert "Mijn actiepunten" in body and "Komende briefings" in body and "Mijn zaken" not in body
    body = client_for(council_member).get("/").content.decode()
    assert "Zaken" not in body and "Briefings" not in body


def test_violations_of_the_incidents_come_along(boa_c):
    from cases import services
    from enforcement.tests.factories import ViolationFactory

    incident = IncidentFactory(registered_by=boa_c)
    violation = ViolationFactory(incident=incident, recorded_by=boa_c)
    case = services.case_open(
        actor=boa_c, title="X", case_type=CaseTypeFactory(), incident_ids=[incident.pk]
    )
    assert list(case.violations.all()) == [violation]
    assert list(violation.cases.all()) == [case]
