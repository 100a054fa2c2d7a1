"""Import of Signalen's ZIP export (datawarehouse CSVs), through the admin's upload page."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from enforcement.models import Incident
from enforcement.tests.factories import ThemeFactory
from integrations.models import SignalenLink

pytestmark = pytest.mark.django_db

URL = reverse("integrations:signalen_import")

# Column order as Signalen writes them (signals.apps.reporting.csv.datawarehouse).
SIGNALS = [
    "id",
    "signal_uuid",
    "source",
    "text",
    "text_extra",
    "incident_date_start",
    "incident_date_end",
    "created_at",
    "updated_at",
    "operational_date",
    "expire_date",
    "image",
    "upload",
    "extra_properties",
    "category_assignment_id",
    "location_id",
    "reporter_id",
    "status_id",
    "priority",
    "priority_created_at",
    "parent",
    "type",
    "type_created_at",
    "directing_departments_assignment_id",
]
LOCATIONS = [
    "id",
    "lat",
    "lng",
    "stadsdeel",
    "buurt_code",
    "address",
    "address_text",
    "created_at",
    "updated_at",
    "extra_properties",
    "_signal_id",
    "address_street",
    "address_number",
    "address_postalcode",
    "address_city",
    "area_code",
    "area_name",
]
CATEGORIES = [
    "id",
    "main",
    "sub",
    "departments",
    "created_at",
    "updated_at",
    "extra_properties",
    "_signal_id",
    "deadline",
    "deadline_factor_3",
]
STATUSES = [
    "id",
    "text",
    "user",
    "target_api",
    "state_display",
    "extern",
    "created_at",
    "updated_at",
    "extra_properties",
    "_signal_id",
    "state",
]


def _csv(header, rows) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def export(signals) -> bytes:
    """signals: dicts with id, text, sub, state, lat, lon (and optionally anything else)."""
    s_rows, l_rows, c_rows, st_rows = [], [], [], []
    for n, s in enumerate(signals, 1):
        s_rows.append(
            {
                "id": s["id"],
                "text": s.get("text", "Overlast"),
                "source": "online",
                "created_at": "2026-11-01 10:00:00+01",
                "incident_date_start": "2026-11-01 09:30:00+01",
                "category_assignment_id": n,
                "location_id": n,
                "status_id": n,
                "reporter_id": n,
                "priority": "normal",
                "type": "SIG",
            }
        )
        # Signalen writes st_x (longitude) into 'lat' and st_y (latitude) into 'lng'.
        l_rows.append(
            {
                "id": n,
                "lat": s.get("lon", "4.95"),
                "lng": s.get("lat", "52.36"),
                "address_text": "Markt 1 1011AB Voorbeeld",
                "_signal_id": s["id"],
            }
        )
        c_rows.append({"id": n, "main": "Overlast", "sub": s["sub"], "_signal_id": s["id"]})
        st_rows.append(
            {
                "id": n,
                "state": s.get("state", "m"),
                "state_display": "Gemeld",
                "_signal_id": s["id"],
                "extern": "False",
            }
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("signals.csv", _csv(SIGNALS, s_rows))
        z.writestr("locations.csv", _csv(LOCATIONS, l_rows))
        z.writestr("categories.csv", _csv(CATEGORIES, c_rows))
        z.writestr("statuses.csv", _csv(STATUSES, st_rows))
        z.writestr("reporters.csv", b"id,email\n1,bewoner@example.org\n")
    return buffer.getvalue()


@pytest.fixture
def setup(settings, make_user):
    settings.SIGNALEN_CATEGORY_THEMES = {"geluidsoverlast": "overlast"}
    make_user(Role.TEAM_LEAD, username="signalen")
    return ThemeFactory(code="overlast")


def _post(client, data: bytes, name="export.zip"):
    return client.post(
        URL, {"file": SimpleUploadedFile(name, data, content_type="application/zip")}
    )


def test_import_reports_bad_rows_and_imports_the_rest_once(setup, functional_admin, client_for):
    client = client_for(functional_admin)
    data = export(
        [
            {"id": "11", "sub": "Geluidsoverlast"},
            {"id": "12", "sub": "Geluidsoverlast", "text": "Muziek"},
            {"id": "13", "sub": "Fietswrak"},  # no theme mapped
            {"id": "14", "sub": "Geluidsoverlast", "lat": "50.0"},  # outside the municipality
            {"id": "15", "sub": "Geluidsoverlast", "lon": "vier"},  # not a number
            {"id": "16", "sub": "Geluidsoverlast", "state": "o"},  # handled in Signalen
            {"id": "17", "sub": "Geluidsoverlast", "text": ""},
        ]
    )
    response = _post(client, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 meldingen overgenomen, 0 al eerder geïmporteerd, 5 geweigerd" in page
    for reason in ("Fietswrak", "buiten de gemeente", "geen getal", "afgehandeld", "geen tekst"):
        assert reason in page
    incidents = Incident.objects.order_by("id")
    assert incidents.count() == 2
    assert {i.source for i in incidents} == {Incident.Source.IMPORT}
    assert (incidents[0].latitude, incidents[0].longitude) == (52.36, 4.95)
    assert set(SignalenLink.objects.values_list("signal_id", flat=True)) == {11, 12}
    assert "bewoner@example.org" not in str(list(incidents.values()))
    # The same export again creates nothing.
    response = _post(client, data)
    assert (
        "0 meldingen overgenomen, 2 al eerder geïmporteerd, 5 geweigerd"
        in response.content.decode()
    )
    assert Incident.objects.count() == 2


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("export.csv", b"id,text\n1,x\n", "ZIP-export"),
        ("export.zip", b"not a zip at all", "geen ZIP-bestand"),
        ("export.zip", None, "mist het bestand"),
    ],
)
def test_wrong_files_are_refused_with_a_reason(
    setup, functional_admin, client_for, name, data, reason
):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("signals.csv", b"id\n1\n")
        data = buffer.getvalue()
    response = _post(client_for(functional_admin), data, name)
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not Incident.objects.exists()


def test_a_too_large_file_is_refused(setup, functional_admin, client_for, monkeypatch):
    from integrations.services import signalen_import

    monkeypatch.setattr(signalen_import, "MAX_UPLOAD_BYTES", 100)
    response = _post(client_for(functional_admin), export([{"id": "1", "sub": "Geluidsoverlast"}]))
    assert "de grens is" in response.content.decode()
    assert not Incident.objects.exists()


def test_only_the_functional_admin_reaches_the_import(setup, boa, client_for):
    response = client_for(boa).get(URL)
    assert response.status_code == 404
    assert "Signalen-export importeren" not in response.content.decode()
