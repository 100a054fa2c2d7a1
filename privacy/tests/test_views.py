import pytest
from django.urls import reverse

from cases.tests.factories import CaseFactory
from privacy.models import LegalHold

pytestmark = pytest.mark.django_db


def test_functional_admin_sees_preview_and_places_and_lifts_a_hold(functional_admin, client):
    case = CaseFactory(reference="Z-2020-000001")
    client.force_login(functional_admin)
    page = client.get(reverse("privacy:retention")).content.decode()
    assert "De volgende ronde verwijdert" in page and "Meldingen: melder" in page
    response = client.post(
        reverse("privacy:hold_place"), {"case_reference": "z-2020-000001", "reason": "Rechtszaak"}
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get(case=case)
    assert hold.reason == "Rechtszaak" and hold.placed_by == functional_admin
    assert "Rechtszaak" in client.get(reverse("privacy:retention")).content.decode()
    client.post(reverse("privacy:hold_lift", args=[hold.pk]), {"reason": "Uitspraak"})
    hold.refresh_from_db()
    assert hold.lifted_at and hold.lift_reason == "Uitspraak"


def test_unknown_case_is_refused_in_dutch_and_keeps_the_reason(functional_admin, client):
    client.force_login(functional_admin)
    response = client.post(
        reverse("privacy:hold_place"), {"case_reference": "Z-1-1", "reason": "Mijn reden"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er is geen zaak met dit zaaknummer." in body and 'value="Mijn reden"' in body
    assert not LegalHold.objects.exists()


@pytest.mark.parametrize(
    "role_user", ["boa", "team_lead", "policy_officer", "manager", "council_member"]
)
def test_other_roles_get_404_on_retention(role_user, request, client):
    client.force_login(request.getfixturevalue(role_user))
    response = client.get(reverse("privacy:retention"))
    assert response.status_code == 404
    assert "De volgende ronde verwijdert" not in response.content.decode()


def test_retention_page_in_english(functional_admin, client):
    client.force_login(functional_admin)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("privacy:retention")).content.decode()
    assert "The next run removes" in page
    assert "Incidents: reporter, address, location and description" in page


def test_lifting_a_hold_asks_first_and_needs_a_reason(functional_admin, client):
    """Lifting lets the next clean-up run remove the case: the form asks (data-confirm)
    and the server lifts nothing without a reason."""
    case = CaseFactory(reference="Z-2020-000002")
    client.force_login(functional_admin)
    client.post(reverse("privacy:hold_place"), {"case_reference": case.reference, "reason": "R"})
    hold = LegalHold.objects.get(case=case)
    page = client.get(reverse("privacy:retention")).content.decode()
    assert 'data-confirm="Bewaarplicht op Z-2020-000002 opheffen?' in page

    client.post(reverse("privacy:hold_lift", args=[hold.pk]), {"reason": ""})
    hold.refresh_from_db()
    assert hold.lifted_at is None

    client.post(reverse("privacy:hold_lift", args=[hold.pk]), {"reason": "Uitspraak"})
    hold.refresh_from_db()
    assert hold.lifted_at is not None
