"""Offline registration (issue 15) in Chromium: the installable app, the device's queue,
sending by itself, failures and privacy.

Offline is the browser context set offline *and* the service worker's own requests
aborted (Playwright's set_offline does not reach the worker).
"""

import datetime as dt
import io
import os
import re
import time
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from accounts.roles import Role
from enforcement import demo
from enforcement.models import Incident, IncidentPhoto, PatrolLog, Theme, Violation
from enforcement.tests.factories import PatrolLogFactory
from tests.browser.conftest import (
    PHONE,
    BrowserProblems,
    close_context,
    log_in,
    new_watched_context,
)

# Two senders may send the queue when the connection returns: the page (its online
# event) and the worker (Chromium fires Background Sync when the emulated offline ends);
# a Web Lock lets one at a time. The tests do not assume which one sends.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SAVED = "Opgeslagen op dit toestel, wordt verstuurd zodra er verbinding is."


def snap(page, name: str) -> None:
    """A full-page screenshot of an offline state, into $HH_SHOTS when that is set."""
    if os.environ.get("HH_SHOTS"):
        Path(os.environ["HH_SHOTS"]).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(os.environ["HH_SHOTS"]) / name), full_page=True)


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
        route.fallback()  # to the watcher's routes (nothing leaves the machine)


NEW_INCIDENT = "/registratie/meldingen/nieuw/"


class Device:
    """A phone with the app: one browser context (its caches and IndexedDB), watched like
    every browser test's (tests/browser/conftest.py): a CSP violation, a script error, a
    failed subresource or a refusal the page did not show fails the test."""

    def __init__(self, chromium, live_server, problems):
        self.context = chromium.new_context(
            base_url=live_server.url, locale="nl-NL", service_workers="allow", **PHONE
        )
        self.context.set_default_timeout(15_000)
        problems.watch(self.context, live_server.url, route_others=False)
        self.problems = problems
        self.page = self.context.new_page()

    def login(self, user, password="demo"):
        log_in(self.page, user.username, password)

    def wait_until_kept(self, user, *paths):
        """The worker is active, controls the page and has kept these pages for this user.

        The page the boa lands on after logging in was loading while the worker
        installed. clients.claim() hands it to the worker in most runs; in about one
        run in four Chromium left it uncontrolled (and at times let a reload bypass the
        worker too): the flakiness of issue 15. On the phone such a page stays so until
        the boa's next page, which the worker serves, and the app does not need the
        control (it talks to the active worker). The tests want the worker to serve
        what follows, so the page is opened anew, as the next page would be; the
        second opening was always controlled."""
        self.page.wait_for_function(
            "() => navigator.serviceWorker.getRegistration('/')"
            ".then(r => !!(r && r.active && r.active.state === 'activated'))"
        )
        controlled = "() => !!navigator.serviceWorker.controller"
        for _attempt in range(3):
            try:
                self.page.wait_for_function(controlled, timeout=3_000)
                break
            except PlaywrightTimeout:
                self.page.goto(self.page.url)
        self.page.wait_for_function(controlled)
        script = """([name, paths]) => caches.open(name).then(c => c.keys()).then(keys => {
            const kept = keys.map(r => new URL(r.url).pathname + new URL(r.url).search);
            return paths.every(p => kept.includes(p));
        })"""
        deadline = time.monotonic() + 20
        while not self.page.evaluate(script, [f"hh-pages-{user.pk}", list(paths)]):
            assert time.monotonic() < deadline, f"pages not kept: {paths}"
            self.page.wait_for_timeout(200)

    is_offline = False

    def offline(self):
        self.is_offline = True
        self.context.set_offline(True)
        self.context.route("**/*", _abort_worker)

    def online(self):
        self.is_offline = False
        self.context.unroute("**/*", _abort_worker)
        self.context.set_offline(False)

    def wait_until(self, condition, message, seconds=20):
        """Poll a condition (the database, what the routes saw) until it holds. It waits
        inside Playwright, so route handlers and events go on meanwhile (a time.sleep
        would hold every routed request of the browser until it ends)."""
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, message
            self.page.wait_for_timeout(100)

    def fill_incident(self, *, theme, address, description="", photo=None):
        """Open the new-incident form (from the device when offline) and fill it in."""
        page = self.page
        page.goto(NEW_INCIDENT)
        page.get_by_label("Thema").select_option(label=theme)
        page.get_by_label("Adres").fill(address)
        if description:
            page.get_by_label("Korte omschrijving").fill(description)
        if photo:
            name, data = photo
            page.get_by_label("Foto's").set_input_files(
                files=[{"name": name, "mimeType": "image/jpeg", "buffer": data}]
            )

    def save_incident(self, **fields):
        """Register an incident and see it stored on the device ("Opgeslagen op dit toestel")."""
        self.fill_incident(**fields)
        self.page.get_by_role("button", name="Melding opslaan").click()
        self.page.get_by_text(SAVED).wait_for()

    def queue(self, user):
        return self.page.evaluate("uid => HHQueue.all(uid)", str(user.pk))

    def badge(self):
        return self.page.locator("#hh-queue-count")

    def close(self):
        close_context(self.context)


@pytest.fixture
def device(chromium, live_server):
    """Makes phones; at the end each is closed and its browser problems are checked."""
    made = []

    def _make():
        problems = BrowserProblems()
        made.append((Device(chromium, live_server, problems), problems))
        return made[-1][0]

    yield _make
    for phone, _problems in made:
        phone.close()
    for _phone, problems in made:
        problems.check()


@pytest.fixture
def street(make_user):
    demo.seed_reference(stdout=_Quiet())
    boa = make_user(Role.BOA, username="straatboa")
    shift = PatrolLogFactory(
        boa=boa, started_at=timezone.now() - dt.timedelta(hours=3), ended_at=None
    )
    return boa, shift


@pytest.fixture
def phone(device, street):
    """The street boa's phone: logged in, the new-incident page kept on the device."""
    boa, _shift = street
    phone = device()
    phone.login(boa)
    phone.wait_until_kept(boa, NEW_INCIDENT)
    return phone


@pytest.fixture
def off_duty(make_user):
    """A boa who is not on shift: the shift starts (and ends) on the device."""
    demo.seed_reference(stdout=_Quiet())
    return make_user(Role.BOA, username="straatboa")


def _when(item) -> dt.datetime:
    return dt.datetime.fromisoformat(item["recorded_at"].replace("Z", "+00:00"))


OFF_DUTY_PAGES = (
    "/",
    "/registratie/meldingen/nieuw/",
    "/registratie/overtredingen/bij-wachtende-melding/nieuw/",
    "/registratie/diensten/starten/",
    "/registratie/diensten/wachtende/beeindigen/",
    "/registratie/offline/wachtrij/",
)


def test_boa_starts_registers_and_ends_a_shift_offline_and_each_record_arrives_once(
    device, off_duty
):
    """The whole street scenario of issue 15 with the browser context offline."""
    boa = off_duty
    phone = device()
    page = phone.page
    phone.login(boa)
    phone.wait_until_kept(boa, *OFF_DUTY_PAGES)
    # Installable: manifest with a Dutch name and icons, the worker from the site root.
    manifest = page.request.get("/manifest.webmanifest")
    assert manifest.headers["content-type"] == "application/manifest+json"
    assert manifest.json()["name"] == "Handhaving OOV"
    icon = page.request.get(manifest.json()["icons"][0]["src"])
    assert icon.status == 200 and icon.body().startswith(b"\x89PNG")

    phone.offline()
    page.goto("/registratie/diensten/starten/")  # from the device, no connection
    began = timezone.localtime(timezone.now() - dt.timedelta(minutes=30)).replace(
        second=0, microsecond=0
    )
    page.get_by_text("Samen met, gebieden en team").click()
    page.get_by_label("Al eerder begonnen? Begintijd (leeg = nu)").fill(
        began.strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name="Start dienst nu").click()
    page.get_by_text(SAVED).wait_for()
    assert page.get_by_role("link", name="Deze dienst beëindigen").is_visible()

    page.goto("/registratie/meldingen/nieuw/")
    page.get_by_label("Thema").select_option(label="Afval")
    page.get_by_label("Adres").fill("Markt 1")
    page.get_by_label("Korte omschrijving").fill("Gedumpt afval in de parkeergarage")
    assert "verbinding nodig" in page.locator("#nearby").inner_text()
    photo = jpeg()
    page.get_by_label("Foto's").set_input_files(
        files=[{"name": "garage.jpg", "mimeType": "image/jpeg", "buffer": photo}]
    )
    page.get_by_role("button", name="Melding opslaan").click()
    assert SAVED in page.get_by_role("status").filter(has_text=SAVED).inner_text()
    expect(phone.badge()).to_have_text("2 wachten")

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

    # The shift that waits on the device is ended from the queue page.
    page.goto("/registratie/offline/wachtrij/")
    page.get_by_role("link", name="Deze dienst beëindigen").click()
    page.get_by_role("button", name="Dienst beëindigen").click()
    page.get_by_text(SAVED).wait_for()
    expect(phone.badge()).to_have_text("4 wachten")

    # Still offline: the app opens again, the queue is intact.
    page.reload()
    page.get_by_role("button", name="Dienst beëindigen").wait_for()
    page.goto("/")
    expect(phone.badge()).to_have_text("4 wachten")
    items = phone.queue(boa)
    assert [i["kind"] for i in items] == ["patrol_start", "incident", "violation", "patrol_end"]
    assert items[2]["dependsOn"] == items[1]["key"]  # the violation waits for its incident
    assert items[3]["dependsOn"] == items[0]["key"]  # the end waits for its start
    _started, reported, recorded, ended = (_when(i) for i in items)
    assert not PatrolLog.objects.exists() and not Incident.objects.exists()
    # A copy of the queue, to send it all again after the first sending.
    page.evaluate("uid => HHQueue.all(uid).then(items => { window.__copy = items; })", str(boa.pk))

    phone.online()
    page.locator("#hh-sent").wait_for()
    page.wait_for_function(
        "() => document.getElementById('hh-queue-count').classList.contains('d-none')"
    )
    assert phone.queue(boa) == [] and not page.locator("#hh-refused").count()

    shift = PatrolLog.objects.get(boa=boa)
    assert (shift.started_at, shift.ended_at) == (began, ended)  # the boa's and device's times
    incident = Incident.objects.get()
    assert incident.reported_at == reported and incident.patrol_log_id == shift.pk
    assert incident.reported_by == boa
    stored = IncidentPhoto.objects.get(incident=incident)
    with stored.image.open("rb") as handle:
        assert Image.open(handle).size == (64, 48)
    violation = Violation.objects.get()
    assert violation.incident_id == incident.pk and violation.created_at == recorded
    assert violation.offender.name == "Piet Pieters"

    # The device sends everything again (it did not hear the answers): nothing doubles.
    again = page.evaluate(
        """([uid, statusUrl]) => Promise.all(window.__copy.map(i => HHQueue.add(uid, i)))
            .then(() => HHQueue.sendAll(uid, { statusUrl }))
            .then(r => ({ state: r.state, sent: r.sent.length }))""",
        [str(boa.pk), "/registratie/offline/status/"],
    )
    assert again == {"state": "done", "sent": 4}
    assert phone.queue(boa) == []
    assert Incident.objects.count() == 1 and Violation.objects.count() == 1
    assert PatrolLog.objects.filter(boa=boa).count() == 1
    assert shift.events.filter(kind="ended").count() == 1
    assert IncidentPhoto.objects.count() == 1


def test_a_network_that_fails_while_the_browser_says_online_keeps_the_form(phone, street):
    """navigator.onLine is true, but the request fails or hangs: the form is queued."""
    boa, _shift = street
    page = phone.page
    create = "**" + NEW_INCIDENT
    held = []

    def fail(route):
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    def hang_first(route):
        if route.request.method != "POST":
            route.continue_()
        elif not held:
            held.append(route)  # never answered: the page gives up after its time limit
        else:
            route.abort("internetdisconnected")

    for handler, address, timeout in ((fail, "Markt 2", None), (hang_first, "Markt 3", "1500")):
        page.context.route(create, handler)
        phone.fill_incident(theme="Afval", address=address)
        assert page.evaluate("navigator.onLine") is True
        page.evaluate(
            """t => { const d = document.getElementById('hh-offline').dataset;
                      d.retryMs = '300'; if (t) d.sendTimeout = t; }""",
            timeout,
        )
        page.get_by_role("button", name="Melding opslaan").click()
        page.get_by_text(SAVED).wait_for()
        assert [i["kind"] for i in phone.queue(boa)] == ["incident"]
        assert not Incident.objects.filter(address=address).exists()
        page.context.unroute(create, handler)
        # The connection carries again: the page's own retry sends it, once.
        phone.wait_until(lambda a=address: Incident.objects.filter(address=a).exists(), address)
        page.wait_for_function(
            "() => document.getElementById('hh-queue-count').classList.contains('d-none')"
        )
        assert phone.queue(boa) == []
    assert len(held) == 1  # the hanging request, given up by the page itself
    assert Incident.objects.filter(address="Markt 2").count() == 1
    assert Incident.objects.filter(address="Markt 3").count() == 1


def test_online_submit_that_the_server_refuses_keeps_the_form_with_the_servers_messages(
    device, street
):
    """Online, the form goes by fetch (so a failing network keeps it on the device). A
    refusal (422) comes back at the form's fields: the boa's input and photo stay, and
    nothing is uploaded twice. The watcher accepts the 422 because the page showed it."""
    boa, _shift = street
    phone = device()
    page = phone.page
    phone.login(boa)
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    phone.fill_incident(
        theme="Parkeren", address="Markt 4", description="Wrak", photo=("wrak.jpg", jpeg())
    )
    Theme.objects.filter(code="parkeren").update(active=False)  # deactivated meanwhile
    page.get_by_role("button", name="Melding opslaan").click()
    refused = page.locator("#hh-form-refused")
    refused.wait_for()
    assert "Nog niet opgeslagen. Controleer de velden hieronder." in refused.inner_text()
    theme = page.locator(".mb-3:has(#id_theme)").first
    assert "geldige keuze" in theme.inner_text()
    expect(page.get_by_label("Thema")).to_have_class(re.compile(r"\bis-invalid\b"))
    assert page.get_by_label("Adres").input_value() == "Markt 4"
    assert page.get_by_label("Korte omschrijving").input_value() == "Wrak"
    assert page.get_by_label("Foto's").evaluate("i => i.files[0].name") == "wrak.jpg"
    assert len(posts) == 1 and not Incident.objects.exists()
    snap(page, "live-refused-375.png")

    page.get_by_label("Thema").select_option(label="Afval")
    page.get_by_role("button", name="Melding opslaan").click()
    page.wait_for_url(re.compile(r"/meldingen/\d+/$"))
    expect(page.get_by_text(re.compile(r"Melding M-\d{4}-\d+ is opgeslagen."))).to_be_visible()
    incident = Incident.objects.get(address="Markt 4")
    assert incident.theme.code == "afval" and incident.photos.count() == 1
    assert len(posts) == 2 and phone.queue(boa) == []


def test_the_watcher_fails_a_refusal_the_page_did_not_show(chromium, live_server, street):
    """The other side of the watcher's rule: a 422 of the offline protocol that no page
    showed to the boa is a fault, like any other failed request."""
    boa, _shift = street
    problems = BrowserProblems()
    context = new_watched_context(chromium, live_server.url, problems, **PHONE)
    try:
        page = context.new_page()
        log_in(page, boa.username)
        page.goto(NEW_INCIDENT)
        status = page.evaluate(
            """() => fetch(location.pathname, {
                 method: "POST", body: new FormData(document.getElementById("incident-form")),
                 headers: {"X-HH-Offline": "1"} }).then(r => r.json().then(() => r.status))"""
        )
        assert status == 422
    finally:
        close_context(context)
    assert problems.unshown_refusals() == [
        f"422 for {live_server.url}{NEW_INCIDENT}: the server's refusal was not shown to the user"
    ]


def test_a_stale_csrf_token_is_renewed_and_the_item_sent_once(phone, street):
    """Whoever sends (the page on its online event, or the worker when Chromium fires
    Background Sync as the connection returns: both may, one at a time under a Web
    Lock), a stale token costs one 403 and one renewed token, and the item goes once."""
    boa, _shift = street
    page = phone.page
    phone.offline()
    phone.save_incident(theme="Jeugd", address="Kerkstraat 9")

    # The first status answer hands out a token that is no longer valid (rotated meanwhile).
    handed = []

    def stale_once(route):
        if phone.is_offline:
            route.fallback()  # still no connection
            return
        response = route.fetch()
        body = response.json()
        if not handed and body.get("csrf"):
            body["csrf"] = "x" * 64
        handed.append(body.get("csrf"))
        route.fulfill(response=response, json=body)

    answers = []
    phone.context.on(  # the page's and the worker's requests
        "response",
        lambda r: answers.append(r.status) if r.request.method == "POST" else None,
    )
    phone.context.route("**/registratie/offline/status/", stale_once)
    phone.online()
    page.locator("#hh-sent").wait_for()
    phone.wait_until(lambda: len(answers) >= 2, f"POST answers: {answers}")
    assert answers == [403, 201]  # refused with the stale token, sent with a fresh one
    assert handed[0] == "x" * 64 and handed[1] != handed[0]
    # That 403 is this test's own doing; the watcher saw it when the page was the sender.
    stale = [p for p in phone.problems if p.startswith("403 for fetch ") and NEW_INCIDENT in p]
    for problem in stale:
        phone.problems.remove(problem)
    assert Incident.objects.filter(address="Kerkstraat 9").count() == 1
    assert phone.queue(boa) == []


def test_background_sync_sends_the_queue_from_the_service_worker(phone, street, live_server):
    """Chromium's Background Sync: the worker's sync handler sends the queue by itself."""
    boa, _shift = street
    page = phone.page
    phone.offline()
    phone.save_incident(theme="Afval", address="Havenweg 5")
    # The page registered a sync; the worker could not send yet, so it stays registered.
    page.wait_for_function(
        """() => navigator.serviceWorker.ready
              .then(r => r.sync.getTags()).then(t => t.includes('hh-send-queue'))"""
    )
    # The connection is back, but the page cannot reach the status endpoint (so it
    # cannot send): only the worker can, when Chromium fires the sync event.
    senders = []

    def page_cut_off(route):
        if route.request.service_worker:
            route.fallback()
        else:
            route.abort("internetdisconnected")

    def who_sends(route):
        if route.request.method == "POST":
            senders.append("worker" if route.request.service_worker else "page")
        route.fallback()

    phone.context.route("**/registratie/offline/status/", page_cut_off)
    phone.context.route("**" + NEW_INCIDENT, who_sends)
    phone.online()
    cdp = phone.context.new_cdp_session(page)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 10
    while not registrations:
        assert time.monotonic() < deadline, "no service worker registration seen"
        page.wait_for_timeout(50)
    registration = next(r for r in registrations if not r.get("isDeleted"))

    def sent():
        return Incident.objects.filter(address="Havenweg 5").exists()

    # Fire the sync event as Chromium does when the connection returns (again, should the
    # worker still be starting up the first time), until the record is on the server.
    for _attempt in range(4):
        cdp.send(
            "ServiceWorker.dispatchSyncEvent",
            {
                "origin": live_server.url,
                "registrationId": registration["registrationId"],
                "tag": "hh-send-queue",
                "lastChance": False,
            },
        )
        deadline = time.monotonic() + 8
        while not sent() and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        if sent():
            break
    assert sent(), "the worker did not send the queue"
    # The worker tells the page, which shows the result.
    page.locator("#hh-sent").wait_for()
    assert senders == ["worker"]
    assert phone.queue(boa) == []
    assert Incident.objects.filter(address="Havenweg 5").count() == 1
    phone.context.unroute("**/registratie/offline/status/", page_cut_off)
    phone.context.unroute("**" + NEW_INCIDENT, who_sends)


def test_session_expired_meanwhile_boa_logs_in_again_and_the_queue_is_sent(phone, street):
    boa, _shift = street
    page = phone.page
    phone.offline()
    phone.save_incident(theme="Jeugd", address="Stationsplein 2")

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


def test_item_refused_by_the_server_comes_back_as_the_form_with_its_message(phone, street):
    boa, _shift = street
    page = phone.page
    phone.offline()
    phone.save_incident(
        theme="Parkeren",
        address="Kerkplein 7",
        description="Wrak op de stoep",
        photo=("wrak.jpg", jpeg()),
    )

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


@pytest.fixture
def small_uploads(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024  # before the pages are rendered and kept


def test_photo_too_large_is_reported_and_not_dropped(small_uploads, phone, street):
    boa, _shift = street
    page = phone.page
    phone.offline()
    big = b"\xff\xd8" + b"0" * (3 * 512 * 1024)  # 1.5 MB against a 1 MB limit
    phone.fill_incident(theme="Afval", address="Markt 1", photo=("groot.jpg", big))
    page.get_by_role("button", name="Melding opslaan").click()
    message = page.locator("#hh-form-refused")
    message.wait_for()
    form = page.locator("#incident-form")
    assert "groot.jpg" in form.inner_text() and "hoogstens 1 MB" in form.inner_text()
    assert page.get_by_label("Adres").input_value() == "Markt 1"
    assert phone.queue(boa) == []


def test_logout_warns_and_clears_the_device_and_another_user_sees_nothing(phone, street, make_user):
    boa, _shift = street
    page = phone.page
    phone.offline()
    phone.save_incident(theme="Afval", address="Geheimstraat 1")
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
    phone.wait_until_kept(other, NEW_INCIDENT)
    phone.offline()
    page.goto(NEW_INCIDENT)
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
        log_in(page, boa.username)
        hint = page.locator("#hh-install-ios")
        hint.wait_for()
        assert "kies ‘Zet op beginscherm’" in hint.inner_text()
        assert not page.locator("#hh-install-button").is_visible()  # no prompt to offer
    finally:
        close_context(context)
