"""GPS gives an address (issue 15): the BAG extract import and the nearest known address
within 25 m, from the address list or from earlier registrations."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enforcement import importers
from enforcement.models import Address
from enforcement.selectors.reference import address_nearest
from enforcement.tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

# 0.0001 degree latitude is about 11 m.
BAG = (
    "postcode;straat;huisnummer;woonplaats;lat;lon\n"
    "1011AB;Markt;1A;Voorbeeld;52,36010;4,95010\n"
    "1011 ab;Markt;3;Voorbeeld;52.36030;4.95010\n"
    "1011AC;Kerkstraat;5;Voorbeeld;52.36200;4.95010\n"
    "99AB;Nergens;1;Voorbeeld;52.36;4.95\n"
    "1011AD;Buitenweg;2;Elders;51.0;3.0\n"
    "1011AE;Laan;7;Voorbeeld;noord;4.95\n"
)


def _import(actor, text=BAG):
    upload = SimpleUploadedFile("bag.csv", text.encode(), content_type="text/csv")
    return importers.run_import(importers.IMPORTERS["adressen"], upload, actor=actor)


def test_bag_import_reports_rejected_rows_and_reimport_updates(functional_admin):
    report = _import(functional_admin)
    assert (report.created, report.updated) == (3, 0)
    reasons = {e.row: e.reason for e in report.rejected}
    assert set(reasons) == {5, 6, 7}
    assert "1234AB" in reasons[5]
    assert "buiten de gemeente" in reasons[6]
    assert "geen getal" in reasons[7]
    assert Address.objects.get(number="3").postcode == "1011AB"  # spaces and case tidied
    again = _import(functional_admin)
    assert (again.created, again.updated) == (0, 3)


@pytest.mark.parametrize(
    ("lat", "expected"),
    [
        (52.36012, ("Markt 1A", 2, "bag")),  # nearest of two
        (52.36027, ("Markt 3", 3, "bag")),
        (52.36120, None),  # 100 m from both: nothing within 25 m
    ],
)
def test_nearest_address_within_25_metres(functional_admin, lat, expected):
    _import(functional_admin)
    assert address_nearest(latitude=lat, longitude=4.95010) == expected


def test_without_an_address_list_an_earlier_registration_gives_the_address(db):
    IncidentFactory(latitude=52.35000, longitude=4.94000, address="Stationsplein 2")
    IncidentFactory(latitude=52.35100, longitude=4.94000, address="Verweg 9")
    assert address_nearest(latitude=52.35005, longitude=4.94000) == (
        "Stationsplein 2",
        6,
        "earlier",
    )


def test_suggestion_view_answers_json_and_validates_its_input(functional_admin, client_for, boa):
    _import(functional_admin)
    client = client_for(boa)
    url = reverse("enforcement:incident_address_suggest")
    body = client.get(url, {"latitude": "52.36011", "longitude": "4.9501"}).json()
    assert body == {"address": "Markt 1A", "distance_m": 1, "source": "bag"}
    assert client.get(url, {"latitude": "52.5", "longitude": "4.9501"}).json() == {"address": ""}
    bad = client.get(url, {"latitude": "x\x00", "longitude": "4.95"})
    assert bad.status_code == 400
