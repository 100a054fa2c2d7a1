import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.roles import Role
from accounts.tests.factories import PartnerOrganisationFactory, UserFactory
from enforcement.tests.factories import AreaFactory, ThemeFactory
from planning.models import Activity, FocusArea, Priority, Programme
from planning.tests.factories import ActivityFactory, FocusAreaFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = Programme.Status


def test_boa_drafts_activity_and_form_keeps_input_on_error(boa, client):
    programme = ProgrammeFactory(year=2031)
    theme = ThemeFactory(name="Jeugd")
    area = AreaFactory(name="Centrum")
    client.force_login(boa)
    url = reverse("planning:activity_create", args=[programme.pk])
    bad = {
        "theme": theme.pk,
        "title": "Hangplekken",
        "kind": "planned",
        "planned_hours": "-5",
        "start_month": 6,
        "end_month": 3,
        "areas": [area.pk],
    }
    response = client.post(url, bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hangplekken" in page
    assert "De laatste maand ligt voor de eerste maand" in page
    assert not Activity.objects.exists()
    good = {**bad, "planned_hours": "240", "start_month": 3, "end_month": 6}
    response = client.post(url, good)
    assert response.status_code == 302
    a = Activity.objects.get()
    assert (a.title, a.planned_hours, a.start_month, a.end_month) == ("Hangplekken", 240, 3, 6)
    assert list(a.areas.all()) == [area]


def test_second_programme_for_adopted_year_refused_in_dutch(boa, client):
    ProgrammeFactory(year=2031, status=S.ADOPTED)
    client.force_login(boa)
    response = client.post(reverse("planning:programme_create"), {"year": 2031, "title": "Tweede"})
    assert response.status_code == 200
    assert "al een programma vastgesteld" in response.content.decode()
    assert Programme.objects.count() == 1


def test_manager_prioritises_and_adopts_with_decision(manager, boa, client):
    programme = ProgrammeFactory(year=2031)
    a1 = ActivityFactory(programme=programme, title="Eerste")
    a2 = ActivityFactory(programme=programme, title="Tweede")
    client.force_login(manager)
    response = client.post(
        reverse("planning:programme_prioritise", args=[programme.pk]),
        {f"priority_{a1.pk}": "1", f"priority_{a2.pk}": "3", f"deferred_{a2.pk}": "on"},
    )
    assert response.status_code == 302
    a1.refresh_from_db()
    a2.refresh_from_db()
    assert (a1.priority, a1.deferred, a2.priority, a2.deferred) == (
        Priority.HIGH,
        False,
        Priority.LOW,
        True,
    )
    for to in ("prioritised", "adopted"):
        response = client.post(
            reverse("planning:programme_transition", args=[programme.pk, to]),
            {"decision": f"Besluit {to}", "decided_on": "2031-01-15"},
        )
        assert response.status_code == 302, response.content.decode()
    programme.refresh_from_db()
    assert programme.status == S.ADOPTED
    assert programme.adopted_on == dt.date(2031, 1, 15)
    assert [d.decision for d in programme.decisions.all()] == [
        "Besluit prioritised",
        "Besluit adopted",
    ]
    # A boa may not set a priority: refused, nothing changed.
    draft = ProgrammeFactory(year=2032)
    a3 = ActivityFactory(programme=draft)
    client.force_login(boa)
    response = client.post(
        reverse("planning:programme_prioritise", args=[draft.pk]), {f"priority_{a3.pk}": "1"}
    )
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
    a3.refresh_from_db()
    assert a3.priority is None
    # A boa may not adopt either.
    response = client.get(reverse("planning:programme_transition", args=[draft.pk, "prioritised"]))
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == draft.Status.DRAFT


def test_adopted_programme_change_is_new_version_with_difference(boa, client):
    programme = ProgrammeFactory(year=2031, status=S.ADOPTED)
    a = ActivityFactory(programme=programme, title="Surveillance station", planned_hours=100)
    client.force_login(boa)
    response = client.post(reverse("planning:programme_new_version", args=[programme.pk]))
    assert response.status_code == 302
    new = Programme.objects.get(version=2)
    assert (new.status, new.previous) == (S.DRAFT, programme)
    copy = new.activities.get()
    response = client.post(
        reverse("planning:activity_edit", args=[new.pk, copy.pk]),
        {
            "theme": a.theme_id,
            "title": "Surveillance station",
            "kind": "planned",
            "planned_hours": "150",
            "start_month": 1,
            "end_month": 12,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("planning:programme_detail", args=[new.pk])).content.decode()
    assert "Verschil met versie 1" in page
    assert "uren 100 → 150" in page


def test_capacity_warning_shown_before_prioritising(manager, team_lead, client):
    programme = ProgrammeFactory(year=2031)
    ActivityFactory(programme=programme, planned_hours=5000)
    client.force_login(team_lead)
    data = {}
    for m in range(1, 13):
        data.update(
            {
                f"m{m}-people": 2,
                f"m{m}-contract_hours": 100,
                f"m{m}-leave_hours": 10,
                f"m{m}-training_hours": 5,
                f"m{m}-overhead_hours": 5,
            }
        )
    url = reverse("planning:capacity_edit", args=[team_lead.team_id, 2031])
    assert client.post(url, data).status_code == 302
    client.force_login(manager)
    page = client.get(
        reverse("planning:programme_transition", args=[programme.pk, "prioritised"])
    ).content.decode()
    assert "is meer dan beschikbaar" in page
    assert "2160" in page  # 12 × (2 × 100 − 20)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("leave_hours", "-1", "niet negatief"),
        ("contract_hours", "800", "meer dan 24 uur per dag"),
        ("overhead_hours", "1000", "meer dan de contracturen"),
    ],
)
def test_capacity_refuses_negative_or_absurd_hours(team_lead, client, field, value, message):
    client.force_login(team_lead)
    data = {}
    for m in range(1, 13):
        data.update(
            {
                f"m{m}-people": 2,
                f"m{m}-contract_hours": 100,
                f"m{m}-leave_hours": 0,
                f"m{m}-training_hours": 0,
                f"m{m}-overhead_hours": 0,
            }
        )
    data[f"m2-{field}"] = value
    url = reverse("planning:capacity_edit", args=[team_lead.team_id, 2031])
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'value="{value}"' in page  # what was typed is kept
    from planning.models import CapacityEntry

    assert not CapacityEntry.objects.exists()  # nothing half-saved


def test_council_reads_adopted_programme_as_pdf(council_member, client):
    programme = ProgrammeFactory(year=2031, status=S.ADOPTED, title="Programma 2031")
    ActivityFactory(programme=programme, title="Toezicht winkelcentrum", planned_hours=320)
    draft = ProgrammeFactory(year=2032)
    client.force_login(council_member)
    assert client.get(reverse("planning:programme_detail", args=[draft.pk])).status_code == 404
    page = client.get(reverse("planning:programme_detail", args=[programme.pk])).content.decode()
    assert "Toezicht winkelcentrum" in page
    assert "Aandachtsgebieden" not in page
    response = client.get(reverse("planning:programme_pdf", args=[programme.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Programma 2031" in text
    assert "Toezicht winkelcentrum" in text
    assert "320" in text


def test_partner_contributes_focus_area_and_sees_outcome(boa, client):
    org = PartnerOrganisationFactory(name="Politie Noord")
    partner = UserFactory(role=Role.PARTNER, partner_organisation=org)
    other_org_fa = FocusAreaFactory(title="Van een ander")
    programme = other_org_fa.programme
    client.force_login(partner)
    response = client.post(
        reverse("planning:focus_area_create"),
        {"programme": programme.pk, "title": "Drugsoverlast park", "description": "Avonden"},
    )
    assert response.status_code == 302
    fa = FocusArea.objects.get(title="Drugsoverlast park")
    assert fa.partner_organisation == org
    # The partner sees no programme draft.
    assert client.get(reverse("planning:programme_detail", args=[programme.pk])).status_code == 404
    client.force_login(boa)
    url = reverse("planning:focus_area_decide", args=[fa.pk])
    response = client.post(url, {"accept": "0", "reason": ""})
    assert response.status_code == 200  # a reason is required
    response = client.post(url, {"accept": "0", "reason": "Valt onder politietaak"})
    assert response.status_code == 302
    client.force_login(partner)
    page = client.get(reverse("planning:focus_area_list")).content.decode()
    assert "Niet overgenomen" in page and "Valt onder politietaak" in page
    assert "Van een ander" not in page
    assert partner.notifications.filter(message__contains="Drugsoverlast park").exists()


def test_programme_detail_queries_do_not_grow(boa, client, django_assert_max_num_queries):
    programme = ProgrammeFactory(year=2031)
    areas = [AreaFactory() for _ in range(3)]
    for _ in range(15):
        ActivityFactory(programme=programme).areas.set(areas)
    FocusAreaFactory.create_batch(3, programme=programme)
    client.force_login(boa)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("planning:programme_detail", args=[programme.pk]))
    assert response.status_code == 200
