import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import AgendaItem, Briefing
from cases.tests.factories import ActionItemFactory, BriefingFactory, CaseFactory, CaseShareFactory
from enforcement.tests.factories import AreaFactory, IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return AreaFactory(code="WK01", name="Centrum")


@pytest.fixture
def elsewhere():
    return AreaFactory(code="WK02", name="Noord")


@pytest.fixture
def briefing(lead, area, boa_c, partner_p, centrum):
    b = BriefingFactory(chair=lead, team=centrum, starts_at=timezone.now() + dt.timedelta(hours=1))
    b.areas.set([area])
    b.participants.set([lead, boa_c, partner_p])
    return b


def test_recurring_series_planned_from_the_form(client_for, lead, area, boa_c, partner_p):
    monday = timezone.localdate() + dt.timedelta(days=(7 - timezone.localdate().weekday()))
    response = client_for(lead).post(
        reverse("cases:briefing_create"),
        {
            "title": "Briefing Centrum",
            "recurring": "on",
            "date": monday.isoformat(),
            "time": "08:30",
            "weekdays": ["0", "2", "4"],
            "weeks": "2",
            "areas": [area.pk],
            "participants": [boa_c.pk, partner_p.pk],
        },
    )
    assert response.status_code == 302
    briefings = list(Briefing.objects.order_by("starts_at"))
    assert len(briefings) == 6  # Mon/Wed/Fri for two weeks
    local = [timezone.localtime(b.starts_at) for b in briefings]
    assert {d.weekday() for d in local} == {0, 2, 4}
    assert all((d.hour, d.minute) == (8, 30) for d in local)
    assert set(briefings[0].participants.all()) == {boa_c, partner_p}


def test_briefing_form_refuses_past_date_and_keeps_input(client_for, lead, area):
    response = client_for(lead).post(
        reverse("cases:briefing_create"),
        {
            "title": "Oude briefing",
            "date": "2020-01-01",
            "time": "08:30",
            "weeks": 4,
            "areas": [area.pk],
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "De datum ligt in het verleden." in body and "Oude briefing" in body


def test_agenda_is_generated_from_what_changed(
    lead, boa_c, briefing, area, elsewhere, police, youth
):
    now = timezone.now()
    previous = BriefingFactory(chair=lead, team=briefing.team, starts_at=now - dt.timedelta(days=2))
    previous.areas.set([area])
    new_incident = IncidentFactory(
        area=area, occurred_at=now - dt.timedelta(days=1), registered_by=boa_c
    )
    IncidentFactory(
        area=area, occurred_at=now - dt.timedelta(days=3), registered_by=boa_c
    )  # before prev
    IncidentFactory(area=elsewhere, occurred_at=now - dt.timedelta(hours=5), registered_by=boa_c)
    changed = CaseFactory(
        area=area, team=briefing.team, status_changed_at=now - dt.timedelta(hours=3)
    )
    CaseFactory(area=area, team=briefing.team, status_changed_at=now - dt.timedelta(days=5))
    overdue = ActionItemFactory(
        case=changed, owner_user=boa_c, due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    shared = CaseFactory(
        area=elsewhere, team=briefing.team, status_changed_at=now - dt.timedelta(days=9)
    )
    CaseShareFactory(case=shared, partner_organisation=police, shared_by=lead)
    not_participating = CaseFactory(area=elsewhere, status_changed_at=now - dt.timedelta(days=9))
    CaseShareFactory(case=not_participating, partner_organisation=youth, shared_by=lead)

    items = services.briefing_agenda_generate(actor=lead, briefing_id=briefing.pk)
    got = {(i.kind, i.incident_id or i.action_item_id or i.case_id) for i in items}
    assert got == {
        ("incident", new_incident.pk),
        ("case_status", changed.pk),
        ("action_item", overdue.pk),
        ("shared_case", shared.pk),
    }
    briefing.refresh_from_db()
    assert briefing.agenda_since == previous.starts_at


def test_agenda_edits_survive_regeneration(client_for, lead, boa_c, briefing, area):
    IncidentFactory(
        area=area, occurred_at=timezone.now() - dt.timedelta(hours=2), registered_by=boa_c
    )
    IncidentFactory(
        area=area, occurred_at=timezone.now() - dt.timedelta(hours=3), registered_by=boa_c
    )
    client = client_for(lead)
    client.post(reverse("cases:briefing_generate", args=[briefing.pk]))
    first = briefing.agenda_items.filter(kind="incident").first()
    response = client.post(
        reverse("cases:agenda_item_remove", args=[briefing.pk, first.pk]), HTTP_HX_REQUEST="true"
    )
    assert first.text not in response.content.decode()
    client.post(
        reverse("cases:agenda_item_add", args=[briefing.pk]),
        {"text": "Evenement zaterdag"},
        HTTP_HX_REQUEST="true",
    )
    client.post(reverse("cases:briefing_generate", args=[briefing.pk]))
    visible = list(briefing.agenda_items.filter(removed=False).values_list("kind", flat=True))
    assert sorted(visible) == ["free", "incident"]
    print_page = client.get(reverse("cases:briefing_print", args=[briefing.pk])).content.decode()
    assert "Evenement zaterdag" in print_page and first.text not in print_page


def test_agenda_query_count_is_fixed(lead, boa_c, briefing, area, django_assert_max_num_queries):
    for i in range(5):
        c = CaseFactory(
            area=area,
            team=briefing.team,
            status_changed_at=timezone.now() - dt.timedelta(hours=i + 1),
        )
        IncidentFactory(
            area=area, occurred_at=timezone.now() - dt.timedelta(hours=i + 1), registered_by=boa_c
        )
        ActionItemFactory(case=c, owner_user=boa_c, due_date=timezone.localdate())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        services.briefing_agenda_generate(actor=lead, briefing_id=briefing.pk)
    n = len(ctx.captured_queries)
    for i in range(5):
        c = CaseFactory(
            area=area,
            team=briefing.team,
            status_changed_at=timezone.now() - dt.timedelta(minutes=i + 1),
        )
        IncidentFactory(
            area=area, occurred_at=timezone.now() - dt.timedelta(minutes=i + 1), registered_by=boa_c
        )
    with django_assert_max_num_queries(n):
        services.briefing_agenda_generate(actor=lead, briefing_id=briefing.pk)


def test_chair_creates_partner_action_item_during_briefing_and_partner_sees_only_that(
    client_for, lead, boa_c, briefing, area, police, partner_p, partner_y
):
    case = CaseFactory(area=area, team=briefing.team, opened_by=lead, title="Overlast plein")
    CaseShareFactory(case=case, partner_organisation=police, shared_by=lead)
    ActionItemFactory(case=case, owner_user=boa_c, description="Interne actie")
    client = client_for(lead)
    services.briefing_agenda_generate(actor=lead, briefing_id=briefing.pk)
    form = client.get(reverse("cases:briefing_detail", args=[briefing.pk])).context["action_form"]
    assert [c for c, _ in form.fields["case"].choices if c] == [case.pk]  # the agenda's cases
    response = client.post(
        reverse("cases:briefing_action_item", args=[briefing.pk]),
        {
            "case": case.pk,
            "description": "Extra surveillance",
            "owner": f"u:{partner_p.pk}",
            "due_date": (timezone.localdate() + dt.timedelta(days=2)).isoformat(),
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Extra surveillance" in response.content.decode()
    item = case.action_items.get(description="Extra surveillance")
    assert item.briefing == briefing and item.owner_user == partner_p

    services.briefing_agenda_generate(actor=lead, briefing_id=briefing.pk)
    partner_client = client_for(partner_p)
    home = partner_client.get("/").content.decode()
    assert "Extra surveillance" in home and "Interne actie" not in home
    detail = partner_client.get(
        reverse("cases:briefing_detail", args=[briefing.pk])
    ).content.decode()
    assert "Extra surveillance" in detail and "Interne actie" not in detail
    agenda = [
        i.kind
        for i in partner_client.get(reverse("cases:briefing_detail", args=[briefing.pk])).context[
            "agenda"
        ]
    ]
    assert set(agenda) <= {"shared_case", "action_item", "free"}
    # a partner of another organisation who is no participant: 404
    assert (
        client_for(partner_y).get(reverse("cases:briefing_detail", args=[briefing.pk])).status_code
        == 404
    )


def test_owner_outside_sharing_refused_in_briefing(client_for, lead, briefing, area, partner_p):
    case = CaseFactory(area=area, team=briefing.team, opened_by=lead)
    response = client_for(lead).post(
        reverse("cases:briefing_action_item", args=[briefing.pk]),
        {
            "case_reference": case.reference,
            "description": "Iets",
            "owner": f"u:{partner_p.pk}",
            "due_date": (timezone.localdate() + dt.timedelta(days=2)).isoformat(),
        },
        HTTP_HX_REQUEST="true",
    )
    assert "buiten de deling" in response.content.decode()
    assert not case.action_items.exists()


def test_minutes_saved_by_chair_only(client_for, lead, boa_c, briefing):
    response = client_for(lead).post(
        reverse("cases:briefing_minutes", args=[briefing.pk]),
        {"minutes": "Besproken: plein"},
        HTTP_HX_REQUEST="true",
    )
    assert "Opgeslagen" in response.content.decode()
    briefing.refresh_from_db()
    assert briefing.minutes == "Besproken: plein"
    assert (
        client_for(boa_c)
        .post(reverse("cases:briefing_minutes", args=[briefing.pk]), {"minutes": "x"})
        .status_code
        == 404
    )


def test_participant_boa_sees_agenda_but_cannot_edit(client_for, boa_c, briefing):
    AgendaItem.objects.create(briefing=briefing, kind="free", text="Rondvraag")
    client = client_for(boa_c)
    body = client.get(reverse("cases:briefing_detail", args=[briefing.pk])).content.decode()
    assert "Rondvraag" in body
    assert client.post(reverse("cases:briefing_generate", args=[briefing.pk])).status_code == 404


def test_action_item_on_a_case_not_visible_is_refused(client_for, lead, briefing, noord):
    foreign = CaseFactory(team=noord)
    response = client_for(lead).post(
        reverse("cases:briefing_action_item", args=[briefing.pk]),
        {
            "case_reference": foreign.reference,
            "description": "x",
            "owner": f"u:{lead.pk}",
            "due_date": (timezone.localdate() + dt.timedelta(days=2)).isoformat(),
        },
        HTTP_HX_REQUEST="true",
    )
    assert "Zaak niet gevonden of niet zichtbaar." in response.content.decode()
    assert not foreign.action_items.exists()


def test_agenda_of_a_held_briefing_is_fixed(client_for, lead, briefing):
    from django.core.exceptions import ValidationError

    item = AgendaItem.objects.create(briefing=briefing, kind="free", text="Rondvraag")
    services.briefing_minutes_save(actor=lead, briefing_id=briefing.pk, minutes="klaar", held=True)
    with pytest.raises(ValidationError, match="ligt vast"):
        services.briefing_agenda_generate(actor=lead, briefing_id=briefing.pk)
    response = client_for(lead).post(
        reverse("cases:agenda_item_remove", args=[briefing.pk, item.pk]), follow=True
    )
    assert "ligt vast" in response.content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_finishing_a_briefing_shows_its_new_state_at_once(client_for, lead, briefing):
    client = client_for(lead)
    url = reverse("cases:briefing_minutes", args=[briefing.pk])
    response = client.post(url, {"minutes": "Klaar", "held": "1"}, HTTP_HX_REQUEST="true")
    detail = reverse("cases:briefing_detail", args=[briefing.pk])
    assert response["HX-Redirect"] == detail  # htmx loads the page anew, no manual reload
    briefing.refresh_from_db()
    assert briefing.status == "held"
    page = client.get(detail).content.decode()
    assert "Gehouden" in page and "de briefing is afgerond" in page
    assert "Opslaan en briefing afronden" not in page
    # Without JavaScript the form posts and redirects to the same new state.
    response = client.post(url, {"minutes": "Klaar", "held": "1"})
    assert response.status_code == 302 and response.url == detail


def test_partner_sees_the_briefings_item_behind_a_hundred_earlier_ones(
    client_for, lead, briefing, area, police, partner_p
):
    case = CaseFactory(area=area, team=briefing.team, opened_by=lead, title="Overlast plein")
    CaseShareFactory(case=case, partner_organisation=police, shared_by=lead)
    soon = timezone.localdate() + dt.timedelta(days=1)
    for n in range(101):  # due earlier than the briefing's item: first in "my action items"
        ActionItemFactory(case=case, owner_user=partner_p, due_date=soon, description=f"Oud {n}")
    ActionItemFactory(
        case=case,
        owner_user=partner_p,
        briefing=briefing,
        due_date=soon + dt.timedelta(days=5),
        description="Uit de briefing",
    )
    response = client_for(partner_p).get(reverse("cases:briefing_detail", args=[briefing.pk]))
    assert response.status_code == 200
    assert [i.description for i in response.context["action_items"]] == ["Uit de briefing"]
    assert "Uit de briefing" in response.content.decode()
