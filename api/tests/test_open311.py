"""Open311 GeoReport v2: an independent client (georeport) lists the services and reads
requests back from a live server; POST creates an incident through the incident
service; no GET answer carries personal data; the 90-day and 1,000 limits."""

import datetime as dt
import xml.etree.ElementTree as ET  # nosec B405: parsing our own answer in a test

import pytest
import requests
from django.utils import timezone
from georeport import GeoReport

from accounts.roles import Role
from enforcement.models import Incident
from enforcement.tests.factories import CategoryFactory, IncidentFactory, ThemeFactory

BASE = "/open311/v2"


@pytest.fixture
def themes(db):
    theme = ThemeFactory(name="Overlast", code="overlast")
    category = CategoryFactory(theme=theme, name="Geluid")
    return theme, category


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_georeport_client_lists_posts_and_reads_back(
    live_server, themes, make_token, output_format
):
    theme, category = themes
    _token, key = make_token(Role.TEAM_LEAD)
    root = f"{live_server.url}{BASE}"
    client = GeoReport(root, api_key=key, output_format=output_format)
    services = client.get_service_list()
    codes = {s["service_code"]: s for s in services}
    assert {f"t-{theme.pk}", f"c-{category.pk}"} <= set(codes)
    assert codes[f"c-{category.pk}"]["service_name"] == "Geluid"
    definition = client.get_service_definition(f"c-{category.pk}")
    assert definition["service_code"] == f"c-{category.pk}"

    # georeport has no POST; the standard's form-encoded POST, as a client sends it.
    posted = requests.post(
        f"{root}/requests.{output_format}",
        data={
            "api_key": key,
            "service_code": f"c-{category.pk}",
            "lat": "52.3612",
            "long": "4.9531",
            "description": "Harde muziek bij nummer 12, de buurman Jansen",
            "first_name": "Petra",
            "last_name": "Bewoner",
            "email": "petra@example.org",
            "attribute[bron]": "resident",
        },
        timeout=10,
    )
    assert posted.status_code == 201, posted.text
    incident = Incident.objects.get()
    assert incident.source == Incident.Source.RESIDENT
    assert incident.category == category and incident.reporter_name == "Petra Bewoner"
    assert incident.reference in posted.text

    found = client.get_service_request(incident.reference)
    assert found["service_request_id"] == incident.reference
    assert found["status"] == "open"
    listed = client.get_service_requests(status="open")
    if isinstance(listed, dict):  # xmltodict gives one request as a dict
        listed = [listed]
    assert [r["service_request_id"] for r in listed] == [incident.reference]
    raw = requests.get(f"{root}/requests/{incident.reference}.{output_format}", timeout=10).text
    for personal in ("Petra", "Bewoner", "petra@example.org", "Jansen", "Harde muziek"):
        assert personal not in raw


@pytest.mark.django_db
def test_post_needs_a_valid_api_key_that_may_register(client, themes, api_for):
    theme, _category = themes
    body = {"service_code": f"t-{theme.pk}", "address_string": "Kerkstraat 12"}
    missing = client.post(f"{BASE}/requests.json", body)
    assert missing.status_code == 403
    assert missing.json() == [{"code": 403, "description": "Geef een geldige api_key mee."}]
    bad = client.post(f"{BASE}/requests.json", {**body, "api_key": "hh_x"})
    assert bad.status_code == 403
    council = api_for(Role.COUNCIL_MEMBER)
    refused = client.post(f"{BASE}/requests.xml", {**body, "api_key": council.key})
    assert refused.status_code == 403
    error = ET.fromstring(refused.content)  # nosec B314: our own answer
    assert error.tag == "errors" and error.find("error/code").text == "403"
    assert not Incident.objects.exists()


@pytest.mark.django_db
def test_post_names_what_is_missing(client, themes, api_for):
    theme, _category = themes
    key = api_for(Role.TEAM_LEAD).key
    unknown = client.post(f"{BASE}/requests.json", {"api_key": key, "service_code": "t-999999"})
    assert unknown.status_code == 400 and "service_code" in unknown.json()[0]["description"]
    nowhere = client.post(
        f"{BASE}/requests.json", {"api_key": key, "service_code": f"t-{theme.pk}"}
    )
    assert nowhere.status_code == 400
    assert "address_string" in nowhere.json()[0]["description"]
    partner = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "service_code": f"t-{theme.pk}",
            "address_string": "Kerkstraat 12",
            "attribute[bron]": "partner",
        },
    )
    assert partner.status_code == 201
    assert Incident.objects.get().source == Incident.Source.PARTNER


@pytest.mark.django_db
def test_get_requests_keeps_to_90_days_and_residents_reports(client, themes):
    theme, _category = themes
    recent = IncidentFactory(theme=theme, source=Incident.Source.RESIDENT, address="Markt 14B")
    old_at = timezone.now() - dt.timedelta(days=120)
    IncidentFactory(theme=theme, source=Incident.Source.RESIDENT, reported_at=old_at)
    IncidentFactory(theme=theme, source=Incident.Source.OWN_OBSERVATION)  # a boa's own
    answer = client.get(f"{BASE}/requests.json").json()
    assert [r["service_request_id"] for r in answer] == [recent.reference]
    assert answer[0]["address"] == "Markt" and answer[0]["lat"] == round(recent.latitude, 3)
    too_long = client.get(
        f"{BASE}/requests.json",
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
    )
    assert too_long.status_code == 400 and "90 dagen" in too_long.json()[0]["description"]
    assert client.get(f"{BASE}/requests.json", {"status": "weg"}).status_code == 400
    closed = client.get(f"{BASE}/requests.json", {"status": "closed"}).json()
    assert closed == []


@pytest.mark.django_db
def test_get_requests_answers_at_most_1000(client, themes, monkeypatch):
    from api import open311

    monkeypatch.setattr(open311, "MAX_REQUESTS", 3)
    theme, _category = themes
    for _ in range(5):
        IncidentFactory(theme=theme, source=Incident.Source.RESIDENT)
    assert len(client.get(f"{BASE}/requests.json").json()) == 3


@pytest.mark.django_db
def test_discovery_and_unknown_requests(client):
    discovery = client.get(f"{BASE}/discovery.xml")
    assert discovery.status_code == 200 and discovery["Content-Type"].startswith("text/xml")
    root = ET.fromstring(discovery.content)  # nosec B314: our own answer
    assert root.find("endpoints/endpoint/specification").text.endswith("GeoReport_v2")
    assert client.get(f"{BASE}/discovery.json").json()["endpoints"][0]["type"] == "production"
    assert client.get(f"{BASE}/requests/M-2026-999999.json").status_code == 404
    assert client.get(f"{BASE}/services/x-1.json").status_code == 404
