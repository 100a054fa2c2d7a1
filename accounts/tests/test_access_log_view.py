"""The functional admin reads and exports the access log; the export is logged too."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.tests.factories import AccessLogEntryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_client(client_for, functional_admin):
    return client_for(functional_admin)


def test_filters_by_user_action_type_and_period(log_client):
    piet = UserFactory(username="piet")
    AccessLogEntryFactory(
        user=piet, action="view", object_type="enforcement.incident", object_repr="rec-EEN"
    )
    AccessLogEntryFactory(
        user=piet, action="export", object_type="enforcement.violation", object_repr="rec-TWEE"
    )
    with time_machine.travel(dt.datetime(2025, 1, 15, 12, tzinfo=dt.UTC)):
        AccessLogEntryFactory(action="view", object_repr="rec-OUD")
    url = reverse("accounts:access_log")
    body = log_client.get(url, {"username": "piet"}).content.decode()
    assert "rec-EEN" in body and "rec-TWEE" in body and "rec-OUD" not in body
    body = log_client.get(url, {"action": "export"}).content.decode()
    assert "rec-TWEE" in body and "rec-EEN" not in body
    body = log_client.get(url, {"object_type": "enforcement.violation"}).content.decode()
    assert "rec-TWEE" in body and "rec-EEN" not in body
    body = log_client.get(
        url, {"date_from": "2025-01-01", "date_to": "2025-01-31"}
    ).content.decode()
    assert "rec-OUD" in body and "rec-EEN" not in body
    body = log_client.get(
        url, {"date_from": "2025-02-01", "date_to": "2025-01-01"}
    ).content.decode()
    assert "De einddatum ligt vóór de begindatum." in body


def test_export_is_csv_and_is_logged(log_client, functional_admin):
    AccessLogEntryFactory.create_batch(3, action="view")
    response = log_client.get(reverse("accounts:access_log_export"), {"action": "view"})
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["tijdstip", "persoon", "handeling"]
    assert len(rows) == 4
    assert {r[2] for r in rows[1:]} == {"ingezien"}
    export = AccessLogEntry.objects.get(action="export", user=functional_admin)
    assert export.object_type == "accounts.accesslogentry"
    assert export.detail == {"filters": {"action": "view"}, "rows": 3}


def test_access_log_list_query_count_is_fixed(log_client, django_assert_num_queries):
    # 8, plus one per kind of record on the page for the references (here: incidents).
    AccessLogEntryFactory.create_batch(3)
    with django_assert_num_queries(10):
        log_client.get(reverse("accounts:access_log"))
    AccessLogEntryFactory.create_batch(30)
    with django_assert_num_queries(10):
        response = log_client.get(reverse("accounts:access_log"))
    assert response.status_code == 200


def test_access_log_is_paginated(log_client):
    AccessLogEntryFactory.create_batch(55)
    body = log_client.get(reverse("accounts:access_log"), {"page": 2}).content.decode()
    assert "Pagina 2 van 2" in body
