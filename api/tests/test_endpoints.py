"""The API asks the pages' permission functions, selectors and services: who sees what,
the browse limit, idempotent creates, the error shape, query counts."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from accounts.models import AccessLogEntry, Submission
from accounts.roles import Role
from accounts.tests.factories import PartnerOrganisationFactory, TeamFactory, UserFactory
from cases.models import ActionItem, CaseStatus
from cases.tests.factories import ActionItemFactory, CaseFactory, CaseShareFactory
from enforcement.models import Incident
from enforcement.tests.factories import (
    CategoryFactory,
    IncidentFactory,
    PatrolLogFactory,
    ThemeFactory,
    ViolationFactory,
)

pytestmark = pytest.mark.django_db

OPERATIONAL = [
    "/api/v1/meldingen/",
    "/api/v1/meldingen/{incident}/",
    "/api/v1/diensten/",
    "/api/v1/diensten/{patrol}/",
    "/api/v1/overtredingen/",
    "/api/v1/overtredingen/{violation}/",
    "/api/v1/zaken/",
    "/api/v1/zaken/{case}/",
    "/api/v1/zaken/{case}/actiepunten/",
    "/api/v1/referentie/themas/",
    "/api/v1/referentie/categorieen/",
]


@pytest.fixture
def records():
    team = TeamFactory(name="Team Centrum")
    boa = UserFactory(role=Role.BOA, team=team)
    incident = IncidentFactory(registered_by=boa, reporter_name="Jan Melder")
    return {
        "incident": incident.pk,
        "patrol": PatrolLogFactory(boa=boa).pk,
        "violation": ViolationFactory(incident=incident).pk,
        "case": CaseFactory(team=team).pk,
    }


def _error(response):
    return response.json()["fout"]


def test_a_council_token_gets_404_on_every_operational_endpoint(api_for, records):
    client = api_for(Role.COUNCIL_MEMBER)
    for url in OPERATIONAL:
        response = client.get(url.format(**records))
        assert response.status_code == 404, url
        assert _error(response) == {"code": "niet_gevonden", "melding": "Niet gevonden."}, url
    refused = client.post("/api/v1/meldingen/", {"theme": 1}, format="json")
    assert refused.status_code == 404


def test_a_council_token_reads_the_published_report_list(api_for):
    response = api_for(Role.COUNCIL_MEMBER).get("/api/v1/raadsrapportages/")
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_partner_token_sees_shared_cases_only(api_for):
    organisation = PartnerOrganisationFactory(name="Politie Basisteam")
    shared = CaseFactory()
    CaseShareFactory(case=shared, partner_organisation=organisation)
    unshared = CaseFactory()
    client = api_for(Role.PARTNER, partner_organisation=organisation)
    listed = client.get("/api/v1/zaken/?status=")
    assert [c["id"] for c in listed.json()["results"]] == [shared.pk]
    assert client.get(f"/api/v1/zaken/{shared.pk}/").status_code == 200
    for url in (f"/api/v1/zaken/{unshared.pk}/", f"/api/v1/zaken/{unshared.pk}/actiepunten/"):
        response = client.get(url)
        assert response.status_code == 404 and _error(response)["code"] == "niet_gevonden"
    # What the page hides from a partner stays hidden: the description of the case.
    assert client.get(f"/api/v1/zaken/{shared.pk}/").json()["description"] is None


def test_the_browse_limit_holds_through_the_api(api_for, settings):
    client = api_for(Role.BOA)
    boa = client.token.user
    old = IncidentFactory(
        registered_by=boa,
        occurred_at=timezone.now() - dt.timedelta(days=settings.WPG_BROWSE_LIMIT_DAYS + 5),
    )
    new = IncidentFactory(registered_by=boa)
    listed = client.get("/api/v1/meldingen/").json()["results"]
    assert [i["id"] for i in listed] == [new.pk]
    # A targeted search without a purpose still stays within the limit...
    found = client.get("/api/v1/meldingen/", {"q": old.reference}).json()["results"]
    assert found == []
    # ...with a purpose it reaches the old record, and the search is access-logged.
    found = client.get(
        "/api/v1/meldingen/", {"q": old.reference, "purpose": "Zaak Z-2026-000001"}
    ).json()["results"]
    assert [i["id"] for i in found] == [old.pk]
    logged = AccessLogEntry.objects.filter(action=AccessLogEntry.Action.SEARCH).first()
    assert logged.user == boa and logged.detail["purpose"] == "Zaak Z-2026-000001"


def test_a_filter_value_that_is_not_valid_is_refused_with_its_field(api_for):
    response = api_for(Role.BOA).get("/api/v1/meldingen/", {"status": "weg", "date_from": "x"})
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "ongeldig" and set(error["velden"]) == {"status", "date_from"}


def test_the_incident_list_pages_with_a_cursor(api_for):
    client = api_for(Role.BOA)
    for _ in range(5):
        IncidentFactory(registered_by=client.token.user)
    first = client.get("/api/v1/meldingen/", {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    ids = [i["id"] for i in first["results"] + second["results"]]
    assert len(ids) == 4 and len(set(ids)) == 4


def _body(theme, **extra):
    return {
        "theme": theme.pk,
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "address": "Kerkstraat 12",
        "priority": 2,
        "source": "resident",
        "reporter_name": "Mevrouw Bewoner",
        **extra,
    }


def test_create_an_incident_through_the_incident_service(api_for):
    client = api_for(Role.BOA)
    theme = ThemeFactory()
    response = client.post("/api/v1/meldingen/", _body(theme), format="json")
    assert response.status_code == 201, response.content
    incident = Incident.objects.get()
    assert response.json()["reference"] == incident.reference
    assert response["Location"] == f"/api/v1/meldingen/{incident.pk}/"
    assert incident.reported_by == client.token.user and incident.reporter_name == "Mevrouw Bewoner"
    assert incident.events.exists()  # the service wrote the timeline


def test_a_refused_create_names_the_fields_in_dutch(api_for):
    theme = ThemeFactory()
    other = CategoryFactory()
    response = api_for(Role.BOA).post(
        "/api/v1/meldingen/", _body(theme, address="", category=other.pk), format="json"
    )
    assert response.status_code == 400
    fields = _error(response)["velden"]
    assert fields["address"] == ["Geef een adres op of gebruik de GPS-locatie."]
    assert fields["category"] == ["Deze categorie hoort niet bij het gekozen thema."]
    assert not Incident.objects.exists()


def test_a_retry_with_the_same_idempotency_key_creates_once(api_for):
    client = api_for(Role.BOA)
    theme = ThemeFactory()
    key = str(uuid.uuid4())
    first = client.post("/api/v1/meldingen/", _body(theme), format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post("/api/v1/meldingen/", _body(theme), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Incident.objects.count() == 1
    submission = Submission.objects.get()
    assert submission.token == client.token and submission.object_id == Incident.objects.get().pk
    # Another key is another incident; a text key works as well as a UUID.
    other = client.post(
        "/api/v1/meldingen/", _body(theme), format="json", HTTP_IDEMPOTENCY_KEY="bericht-42"
    )
    assert other.status_code == 201 and Incident.objects.count() == 2


def test_the_same_key_from_another_token_is_refused(api_for):
    theme = ThemeFactory()
    key = str(uuid.uuid4())
    first = api_for(Role.BOA).post(
        "/api/v1/meldingen/", _body(theme), format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert first.status_code == 201
    refused = api_for(Role.TEAM_LEAD).post(
        "/api/v1/meldingen/", _body(theme), format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert refused.status_code == 422
    assert _error(refused)["code"] == "sleutel_al_gebruikt"
    assert Incident.objects.count() == 1


def test_a_refused_create_gives_its_key_back(api_for):
    client = api_for(Role.BOA)
    theme = ThemeFactory()
    key = str(uuid.uuid4())
    bad = client.post(
        "/api/v1/meldingen/", _body(theme, address=""), format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert bad.status_code == 400 and not Submission.objects.exists()
    good = client.post("/api/v1/meldingen/", _body(theme), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert good.status_code == 201


def test_the_reporter_only_for_roles_that_may_read_it_and_logged(api_for, records):
    boa = api_for(Role.BOA)
    url = f"/api/v1/meldingen/{records['incident']}/"
    assert boa.get(url).json()["reporter_name"] == "Jan Melder"
    assert AccessLogEntry.objects.filter(
        action=AccessLogEntry.Action.VIEW, object_id=str(records["incident"])
    ).exists()
    manager = api_for(Role.MANAGER).get(url).json()
    assert manager["reporter_name"] is None


def test_the_offender_only_for_roles_that_may_read_it_and_logged(api_for, records):
    url = f"/api/v1/overtredingen/{records['violation']}/"
    seen = api_for(Role.BOA).get(url).json()
    assert seen["offender"]["name"]
    assert AccessLogEntry.objects.filter(
        object_type="enforcement.violation", object_id=str(records["violation"])
    ).exists()
    assert api_for(Role.POLICY_OFFICER).get(url).json()["offender"] is None
    listed = api_for(Role.BOA).get("/api/v1/overtredingen/").json()["results"]
    assert listed and all(v["offender"] is None for v in listed)


def test_transition_assign_and_action_items_go_through_the_case_services(api_for):
    client = api_for(Role.TEAM_LEAD)
    lead = client.token.user
    case = CaseFactory(team=lead.team)
    boa = UserFactory(role=Role.BOA, team=lead.team)
    stale = client.post(
        f"/api/v1/zaken/{case.pk}/toewijzen/",
        {"version": case.version + 5, "assignee": boa.pk},
        format="json",
    )
    assert stale.status_code == 409 and _error(stale)["code"] == "conflict"
    assigned = client.post(
        f"/api/v1/zaken/{case.pk}/toewijzen/",
        {"version": case.version, "assignee": boa.pk},
        format="json",
    )
    assert assigned.status_code == 200, assigned.content
    body = assigned.json()
    assert body["assignee"] == boa.pk and body["status"] == CaseStatus.ASSIGNED
    wrong = client.post(
        f"/api/v1/zaken/{case.pk}/fase/",
        {"version": body["version"], "to_status": CaseStatus.CLOSED},
        format="json",
    )
    assert wrong.status_code == 400 and "algemeen" in _error(wrong)["velden"]
    item = client.post(
        f"/api/v1/zaken/{case.pk}/actiepunten/",
        {
            "description": "Buurtbewoners spreken",
            "owner": f"u:{boa.pk}",
            "due_date": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="actie-1",
    )
    assert item.status_code == 201, item.content
    assert ActionItem.objects.get().description == "Buurtbewoners spreken"
    listed = client.get(f"/api/v1/zaken/{case.pk}/actiepunten/").json()
    assert [i["description"] for i in listed] == ["Buurtbewoners spreken"]


def test_a_boa_token_may_not_assign(api_for):
    client = api_for(Role.BOA)
    case = CaseFactory(team=client.token.user.team)
    response = client.post(
        f"/api/v1/zaken/{case.pk}/toewijzen/", {"version": case.version}, format="json"
    )
    assert response.status_code == 404


def test_the_session_still_works_with_csrf(client_for, boa):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(boa)
    assert client.get("/api/v1/referentie/themas/").status_code == 200
    refused = client.post("/api/v1/meldingen/", {}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["fout"]["code"] == "csrf"
    assert not Incident.objects.exists()


def test_list_endpoints_use_a_fixed_number_of_queries(api_for, django_assert_max_num_queries):
    client = api_for(Role.POLICY_OFFICER)
    team = TeamFactory(name="Team Centrum")
    boa = UserFactory(role=Role.BOA, team=team)
    for _ in range(6):
        incident = IncidentFactory(registered_by=boa)
        ViolationFactory(incident=incident)
        PatrolLogFactory(boa=boa)
        ActionItemFactory(case=CaseFactory(team=team, assignee=boa))
    client.get("/api/v1/meldingen/")  # warm the token's last_used_at
    for url in (
        "/api/v1/meldingen/",
        "/api/v1/overtredingen/",
        "/api/v1/diensten/",
        "/api/v1/zaken/?status=",
    ):
        with django_assert_max_num_queries(8) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.json()["results"]) == 6, url
        few = len(captured)
        for _ in range(6):
            IncidentFactory(registered_by=boa)
        with django_assert_max_num_queries(few):
            client.get(url)
