"""The access-log viewer in words: people by name, records by kind and reference."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.privacy import targeted_search
from accounts.privacy import targeted_search_logged as logged_search
from accounts.services import access_log_record
from accounts.tests.factories import UserFactory
from enforcement.tests.factories import IncidentFactory, ViolationFactory

pytestmark = pytest.mark.django_db

URL = reverse("accounts:access_log")


def _entries(n: int, username: str = "pjansen"):
    piet = UserFactory(username=username, first_name="Piet", last_name="Jansen")
    violations = [ViolationFactory() for _ in range(n)]
    incidents = [IncidentFactory() for _ in range(n)]
    for v, i in zip(violations, incidents, strict=True):
        access_log_record(actor=piet, action="view", obj=v, object_repr="")
        access_log_record(
            actor=piet,
            action="view",
            obj=i,
            detail={"fields": ["reporter_name", "reporter_contact"]},
        )
    return piet, violations, incidents


def test_entries_name_people_and_records_in_words(client_for, functional_admin):
    piet, violations, incidents = _entries(1)
    logged_search(
        actor=piet,
        object_type="enforcement.incident",
        search=targeted_search(text="Kerkstraat 5a"),
        purpose="Z-2026-000004",
        found=[incidents[0].pk],
        older_included=True,
    )
    body = client_for(functional_admin).get(URL).content.decode()
    assert "Piet Jansen (pjansen)" in body
    assert f"Overtreding {violations[0].reference}" in body
    assert f"Melding {incidents[0].reference}" in body
    assert "velden: naam melder, contact melder" in body
    assert "gerichte zoekvraag op adres: KERKSTRAAT 5A" in body
    assert "doel: Z-2026-000004" in body
    assert "enforcement.violation #" not in body and ">enforcement.violation<" not in body
    assert "{&#x27;" not in body and "{'" not in body  # no Python dict


def test_filters_by_person_name_record_reference_and_kind(client_for, functional_admin):
    piet, violations, incidents = _entries(2)
    other = UserFactory(first_name="Anna", last_name="Bakker")
    access_log_record(actor=other, action="view", obj=violations[1])
    client = client_for(functional_admin)

    def listed(params):
        page = client.get(URL, params).context["page"]
        return {(e.person_words, e.record_words) for e in page.object_list}

    by_name = listed({"username": "piet jans"})
    assert by_name and all(p == "Piet Jansen (pjansen)" for p, _ in by_name)
    by_ref = listed({"reference": violations[1].reference.lower()})
    assert by_ref == {
        ("Piet Jansen (pjansen)", f"Overtreding {violations[1].reference}"),
        (f"Anna Bakker ({other.username})", f"Overtreding {violations[1].reference}"),
    }
    by_kind = listed({"object_type": "enforcement.incident"})
    assert {r for _, r in by_kind} == {f"Melding {i.reference}" for i in incidents}
    form = client.get(URL).content.decode()
    assert '<option value="enforcement.violation">Overtreding</option>' in form


def test_list_resolves_references_in_bulk(client_for, functional_admin):
    client = client_for(functional_admin)
    _entries(1)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    _entries(10, username="pjansen2")
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert len(response.context["page"].object_list) == 22
    assert len(many) == len(few)


def test_export_uses_the_same_words(client_for, functional_admin):
    piet, violations, _ = _entries(1)
    response = client_for(functional_admin).get(reverse("accounts:access_log_export"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["tijdstip", "persoon", "handeling", "gegeven", "details", "ip"]
    assert ["Piet Jansen (pjansen)", "ingezien", f"Overtreding {violations[0].reference}"] in [
        r[1:4] for r in rows
    ]
    assert any(r[4] == "velden: naam melder, contact melder" for r in rows)
