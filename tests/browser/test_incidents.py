import io
import re

import pytest
from PIL import Image

from accounts.roles import Role
from enforcement.models import Incident, IncidentPhoto
from enforcement.tests.factories import AreaFactory, IncidentFactory, ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def small_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def test_boa_logs_incident_with_gps_and_photo_and_finds_it_in_the_list(
    browser_page, login, make_user
):
    page = browser_page
    boa = make_user(Role.BOA, username="veldboa")
    ThemeFactory(code="afval", name="Afval")
    AreaFactory.with_box(52.30, 4.90, 52.42, 5.10, code="WK000001", name="Centrum")
    earlier = IncidentFactory(registered_by=boa, latitude=52.3501, longitude=4.9501)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 52.35, "longitude": 4.95, "accuracy": 8})

    login(page, boa)
    page.get_by_role("link", name="Nieuwe melding").first.click()
    page.get_by_label("Thema").select_option(label="Afval")
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    # The nearby history appears before saving (htmx), with the earlier incident.
    page.locator("#nearby").get_by_text(earlier.reference).wait_for()
    assert page.get_by_label("Breedtegraad").input_value().startswith("52.35")
    page.get_by_label("Adres").fill("Markt 1")
    page.get_by_label("Korte omschrijving").fill("Vuilniszakken naast de container")
    page.get_by_label("Foto's").set_input_files(
        files=[{"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": small_jpeg()}]
    )
    page.get_by_role("button", name="Melding opslaan").click()

    page.wait_for_url(re.compile(r"/meldingen/\d+/$"))
    incident = Incident.objects.exclude(pk=earlier.pk).get()
    assert incident.reference in page.get_by_role("heading", level=1).inner_text()
    assert incident.area.name == "Centrum"
    assert IncidentPhoto.objects.filter(incident=incident).count() == 1
    assert page.get_by_alt_text(re.compile("Foto 1")).is_visible()

    page.goto("/registratie/meldingen/")
    page.get_by_role("link", name=incident.reference).wait_for()


def test_incident_list_fits_a_phone_with_time_and_status_under_the_reference(
    browser_page, login, make_user
):
    # A manager sees every team's incidents; long statuses used to push the status
    # column off a 375 px screen.
    manager = make_user(Role.MANAGER, username="manager-incidents")
    theme = ThemeFactory(name="Horeca en evenementen")
    for status in ("closed", "in_progress", "new"):
        IncidentFactory(theme=theme, status=status)
    login(browser_page, manager)
    browser_page.goto("/registratie/meldingen/")
    box = browser_page.locator(".table-responsive")
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
    assert browser_page.evaluate("document.scrollingElement.scrollWidth") <= 375
    text = browser_page.locator("tbody").inner_text()
    assert "Afgehandeld" in text and re.search(r"\d{1,2}-\d{1,2}-\d{4} \d\d:\d\d", text)
    # The map's markers use the collected (hashed in production) image files.
    marker = browser_page.locator("#incident-map").get_attribute("data-marker-icon")
    assert marker.endswith(".png")
    browser_page.wait_for_selector(".leaflet-marker-icon")
    sources = browser_page.eval_on_selector_all(
        ".leaflet-marker-icon", "imgs => imgs.map(i => i.getAttribute('src'))"
    )
    assert sources == [marker] * 3
