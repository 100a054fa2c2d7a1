"""Offline registration (issue 15) in Chromium: the installable app, the device's queue,
sending by itself, failures and privacy.

Offline is the browser context set offline *and* the service worker's own requests
aborted (Playwright's set_offline does not reach the worker).
"""

import datetime as dt
import io
import re
import time

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from PIL import Image

from accounts.roles import Role
from enforcement import demo
from enforcement.models import Incident, IncidentPhoto, PatrolLog, Theme, Violation
from enforcement.tests.factories import PatrolLogFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = "Opgeslagen op dit toestel, wordt verstuurd zodra er verbinding is."


class _Quiet:
    def write(self, *args, **kwargs):
        pass


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(out, format="JPEG")
    return out.getvalue()


def _abort_worker(route):
    if route.request.service_worker:
        route.abort("internetdisconnected")
    else:
        route.continue_()


class Device:
    """A phone with the app: one browser context (its caches and IndexedDB)."""

    def __init__(self, chromium, live_server):
        self.context = chromium.new_context(
            viewport={"width": 375, "height": 740},
            base_url=live_server.url,
            locale="nl-NL",
            has_touch=True,
            is_mobile=True,
            service_workers="allow",
        )
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def login(self, user, password="demo"):
        page = self.page
        page.goto("/login/")
        page.get_by_label("Gebruikersnaam").fill(user.username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(lambda url: "/login/" not in url)

    def wait_until_kept(self, user, *paths):
        """The worker controls the page and has kept these pages for this user."""
        self.page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller")
        script = """([name, paths]) => caches.open(name).then(c => c.keys()).then(keys => {
            const kept = keys.map(r => new URL(r.url).pathname + new URL(r.url).search);
            return paths.every(p => kept.includes(p));
        })"""
        deadline = time.monotonic() + 20
        while not self.page.evaluate(script, [f"hh-pages-{user.pk}", list(paths)]):
            assert time.monotonic() < deadline, f"pages not kept: {paths}"
            self.page.wait_for_timeout(200)

    def offline(self):
        self.context.set_offline(True)
        self.context.route("**/*", _abort_worker)

    def online(self):
        self.context.unroute("**/*", _abort_worker)
        self.context.set_offline(False)

    def queue(self, user):
        return self.page.evaluate("uid => HHQueue.all(uid)", str(user.pk))

    def badge(self):
        return self.page.locator("#hh-queue-count")

    def close(self):
        self.context.close()


@pytest.fixture
def device(chromium, live_server):
    made = []

    def _make():
        d = Device(chromium, live_server)
        made.append(d)
        return d

    yield _make
    for d in made:
        d.close()


@pytest.fixture
def street(make_user):
    demo.seed_reference(stdout=_Quiet())
    boa = make_user(Role.BOA, username="straatboa")
    shift = PatrolLogFactory(
        boa=boa, started_at=timezone.now() - dt.timedelta(hours=3), ended_at=None
    )
    return boa, shift


STREET_PAGES = (
    "/",
    "/registratie/meldingen/nieuw/",
    "/registratie/overtredingen/bij-wachtende-melding/nieuw/",
)


def test_boa_registers_incident_violation_and_ends_shift_offline_and_each_arrives_once(
    device, street
):
    boa, shift = street
    phone = device()
    page = phone.page
    phone.login(boa)
    shift_page = f"/registratie/diensten/{shift.pk}/"
    phone.wait_until_kept(boa, *STREET_PAGES, shift_page)
    # Installable: manifest with a Dutch name and icons, the worker from the site root.
    manifest = page.request.get("/manifest.webmanifest")
    assert manifest.headers["content-type"] == "application/manifest+json"
    assert manifest.json()["name"] == "Handhaving OOV"
    icon = page.request.get(manifest.json()["icons"][0]["src"])
    assert icon.status == 200 and icon.body().startswith(b"\x89PNG")

    phone.offline()
    before = timezone.now()
    page.goto("/registratie/meldingen/nieuw/")  # from the device, no connection
    page.get_by_label("Thema").select_option(label="Afval")
    page.get_by_label("Adres").fill("Markt 1")
    page.get_by_label("Korte omschrijving").fill("Gedumpt afval in de parkeergarage")
    assert "verbinding nodig" in page.locator("#nearby").inner_text()
    page.get_by_label("Foto's").set_input_files(
        files=[{"name": "garage.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}]
    )
    page.get_by_role("button", name="Melding opslaan").click()
    assert SAVED in page.get_by_role("status").filter(has_text=SAVED).inner_text()
    assert phone.badge().inner_text() == "1 wacht"

    page.get_by_role("link", name="Overtreding vastleggen bij deze melding").click()
    page.locator("#id_offence").select_option(
        label="H009 Afval buiten de daarvoor bestemde container plaatsen"
    )
    page.get_by_label("B – onverschillig").check()
    page.get_by_label("Beperkt").check()
    page.get_by_label("Naam", exact=True).fill("Piet Pieters")
    page.get_by_label("Geboortedatum").fill("1990-01-02")
    page.get_by_label("Adres", exact=True).fill("Dorpsstraat 3")
    page.get_by_role("button", name="Overtreding opslaan").click()
    page.get_by_text(SAVED).wait_for()

    page.goto(shift_page)
    page.get_by_role("button", name="Dienst beëindigen").click()
    page.get_by_text(SAVED).wait_for()
    assert phone.badge().inner_text() == "3 wachten"
    saved_by = timezone.now()

    # Still offline: the app opens again, the queue is intact.
    page.reload()
    page.get_by_role("button", name="Dienst beëindigen").wait_for()
    page.goto("/")
    assert phone.badge().inner_text() == "3 wachten"
    items = phone.queue(boa)
    assert [i["kind"] for i in items] == ["incident", "violation", "patrol_end"]
    assert items[1]["dependsOn"] == items[0]["key"]
    assert Incident.objects.count() == 0 and Violation.objects.count() == 0

    time.sleep(1.5)  # the original times must differ from the moment of sending
    sent_from = timezone.now()
    phone.online()
    page.locator("#hh-sent").wait_for()
    page.wait_for_function("document.getElementById('hh-queue-count').classList.contains('d-none')")
    assert phone.queue(boa) == []

    incident = Incident.objects.get()
    assert before <= incident.reported_at <= saved_by < sent_from
    assert incident.reported_by == boa and incident.patrol_log_id == shift.pk
    assert IncidentPhoto.objects.filter(incident=incident).count() == 1
    violation = Violation.objects.get()
    assert violation.incident_id == incident.pk
    assert violation.offender.name == "Piet Pieters"
    assert before <= violation.created_at <= saved_by
    shift.refresh_from_db()
    assert shift.ended_at is not None and before <= shift.ended_at <= saved_by

    # Another page load and the online event again send nothing twice.
    page.reload()
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_timeout(500)
    assert Incident.objects.count() == 1 and Violation.objects.count() == 1
    assert PatrolLog.objects.get(pk=shift.pk).events.filter(kind="ended").count() == 1
    assert not phone.errors


def test_session_expired_meanwhile_boa_logs_in_again_and_the_queue_is_sent(device, street):
    boa, _shift = street
    phone = device()
    page = phone.page
    phone.login(boa)
    phone.wait_until_kept(boa, "/registratie/meldingen/nieuw/")
    phone.offline()
    page.goto("/registratie/meldingen/nieuw/")
    page.get_by_label("Thema").select_option(label="Jeugd")
    page.get_by_label("Adres").fill("Stationsplein 2")
    page.get_by_role("button", name="Melding opslaan").click()
    page.get_by_text(SAVED).wait_for()

    Session.objects.all().delete()  # the session expired while the boa had no signal
    phone.online()
    page.get_by_role("link", name="Opnieuw inloggen").click()
    page.get_by_label("Gebruikersnaam").fill(boa.username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/meldingen/nieuw/$"))
    page.locator("#hh-sent").wait_for()
    assert Incident.objects.filter(address="Stationsplein 2").count() == 1
    assert phone.queue(boa) == []


def test_item_refused_by_the_server_comes_back_as_the_form_with_its_message(device, street):
    boa, _shift = street
    phone = device()
    page = phone.page
    phone.login(boa)
    phone.wait_until_kept(boa, "/registratie/meldingen/nieuw/")
    phone.offline()
    page.goto("/registratie/meldingen/nieuw/")
    page.get_by_label("Thema").select_option(label="Parkeren")
    page.get_by_label("Adres").fill("Kerkplein 7")
    page.get_by_label("Korte omschrijving").fill("Wrak op de stoep")
    page.get_by_label("Foto's").set_input_files(
        files=[{"name": "wrak.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}]
    )
    page.get_by_role("button", name="Melding opslaan").click()
    page.get_by_text(SAVED).wait_for()

    Theme.objects.filter(code="parkeren").update(active=False)  # deactivated meanwhile
    phone.online()
    page.locator("#hh-refused").wait_for()
    assert Incident.objects.count() == 0
    items = phone.queue(boa)
    assert len(items) == 1 and items[0]["status"] == "refused"

    page.goto("/registratie/offline/wachtrij/")
    page.get_by_role("link", name="Bekijken en verbeteren").click()
    refused = page.locator("#hh-form-refused")
    refused.wait_for()
    assert "niet opgeslagen" in refused.inner_text()
    assert "geldige keuze" in page.locator("#div_id_theme, .mb-3:has(#id_theme)").first.inner_text()
    # The boa's input is back, photo included.
    assert page.get_by_label("Korte omschrijving").input_value() == "Wrak op de stoep"
    assert (
        page.get_by_label("Foto's").evaluate("i => i.files.length && i.files[0].name") == "wrak.jpg"
    )
    page.get_by_label("Thema").select_option(label="Overlast")
    page.get_by_role("button", name="Melding opslaan").click()
    page.wait_for_url(re.compile(r"/offline/wachtrij/$"))
    incident = Incident.objects.get()
    assert incident.theme.code == "overlast" and incident.description == "Wrak op de stoep"
    assert incident.photos.count() == 1
    assert phone.queue(boa) == []


def test_photo_too_large_is_reported_and_not_dropped(device, street, settings):
    boa, _shift = street
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    phone = device()
    page = phone.page
    phone.login(boa)
    phone.wait_until_kept(boa, "/registratie/meldingen/nieuw/")
    phone.offline()
    page.goto("/registratie/meldingen/nieuw/")
    page.get_by_label("Thema").select_option(label="Afval")
    page.get_by_label("Adres").fill("Markt 1")
    big = b"\xff\xd8" + b"0" * (3 * 512 * 1024)  # 1.5 MB against a 1 MB limit
    page.get_by_label("Foto's").set_input_files(
        files=[{"name": "groot.jpg", "mimeType": "image/jpeg", "buffer": big}]
    )
    page.get_by_role("button", name="Melding opslaan").click()
    message = page.locator("#hh-form-refused")
    message.wait_for()
    form = page.locator("#incident-form")
    assert "groot.jpg" in form.inner_text() and "hoogstens 1 MB" in form.inner_text()
    assert page.get_by_label("Adres").input_value() == "Markt 1"
    assert phone.queue(boa) == []


def test_logout_warns_and_clears_the_device_and_another_user_sees_nothing(
    device, street, make_user
):
    boa, _shift = street
    phone = device()
    page = phone.page
    phone.login(boa)
    phone.wait_until_kept(boa, "/registratie/meldingen/nieuw/")
    phone.offline()
    page.goto("/registratie/meldingen/nieuw/")
    page.get_by_label("Thema").select_option(label="Afval")
    page.get_by_label("Adres").fill("Geheimstraat 1")
    page.get_by_role("button", name="Melding opslaan").click()
    page.get_by_text(SAVED).wait_for()
    # Sending is held back here (the status request fails): the boa logs out before it goes.
    page.context.route("**/registratie/offline/status/", lambda route: route.abort())
    phone.online()
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    page.goto("/")
    page.get_by_role("button", name="Menu openen").click()
    page.get_by_role("button", name="Mijn account").click()  # the user menu
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/login/"))
    assert dialogs and "1 registratie" in dialogs[0] and "wist" in dialogs[0]
    page.context.unroute("**/registratie/offline/status/")
    assert Incident.objects.count() == 0
    names = page.evaluate("indexedDB.databases().then(d => d.map(x => x.name))")
    assert f"hh-queue-{boa.pk}" not in names
    kept = page.evaluate("caches.keys()")
    assert not [k for k in kept if k.startswith("hh-pages-")]

    # Another boa on the same phone: no page or queue of the first one, offline or not.
    other = make_user(Role.BOA, username="tweedeboa")
    phone.login(other)
    phone.wait_until_kept(other, "/registratie/meldingen/nieuw/")
    phone.offline()
    page.goto("/registratie/meldingen/nieuw/")
    assert page.locator("#hh-offline").get_attribute("data-user") == str(other.pk)
    assert str(other) in page.locator("nav").text_content()
    assert str(boa) not in page.content()
    assert phone.queue(other) == []


def test_gps_offers_the_nearest_known_address_which_the_boa_can_change(browser_page, login, street):
    from enforcement.models import Address

    boa, _shift = street
    Address.objects.create(
        postcode="1011AB", street="Markt", number="1A", latitude=52.36010, longitude=4.95010
    )
    page = browser_page
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 52.36012, "longitude": 4.95010, "accuracy": 5})
    login(page, boa)
    page.goto("/registratie/meldingen/nieuw/")
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    page.locator("#address-suggestion").get_by_text("Markt 1A (2 m)").wait_for()
    assert page.get_by_label("Adres").input_value() == "Markt 1A"
    page.get_by_label("Adres").fill("Markt 1A, bij de ingang")  # a suggestion, not a lock
    page.get_by_label("Thema").select_option(label="Afval")
    page.get_by_role("button", name="Melding opslaan").click()
    page.wait_for_url(re.compile(r"/meldingen/\d+/$"))
    assert Incident.objects.get().address == "Markt 1A, bij de ingang"


def test_iphone_is_told_how_to_install_since_safari_has_no_install_prompt(
    chromium, live_server, street
):
    boa, _shift = street
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        user_agent=(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
        ),
        service_workers="block",
    )
    try:
        page = context.new_page()
        page.goto("/login/")
        page.get_by_label("Gebruikersnaam").fill(boa.username)
        page.get_by_label("Wachtwoord").fill("demo")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(lambda url: "/login/" not in url)
        hint = page.locator("#hh-install-ios")
        hint.wait_for()
        assert "kies ‘Zet op beginscherm’" in hint.inner_text()
        assert not page.locator("#hh-install-button").is_visible()  # no prompt to offer
    finally:
        context.close()
