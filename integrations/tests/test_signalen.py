"""The Signalen connector against a stand-in of Signalen's private API (a real local server)."""

import io

import pytest
from django.core.management import call_command
from PIL import Image

from accounts.roles import Role
from config.celery import app
from enforcement.models import Incident
from enforcement.services.incidents import incident_status_change
from enforcement.tests.factories import CategoryFactory, ThemeFactory
from integrations.models import SignalenLink
from integrations.services import signalen
from integrations.services.signalen_client import SignalenError
from integrations.tests.servers import SignalenStandIn

pytestmark = pytest.mark.django_db


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def stand_in(settings):
    with SignalenStandIn(page_size=2) as server:
        settings.SIGNALEN_API_URL = server.url
        settings.SIGNALEN_API_TOKEN = server.token
        settings.SIGNALEN_CATEGORY_THEMES = {
            "parkeeroverlast": "parkeren",
            "geluidsoverlast": "overlast",
        }
        yield server


@pytest.fixture
def connector(make_user):
    return make_user(Role.TEAM_LEAD, username="signalen")


@pytest.fixture
def themes():
    parkeren = ThemeFactory(code="parkeren", name="Parkeren")
    CategoryFactory(theme=parkeren, name="Parkeeroverlast")
    return {"parkeren": parkeren, "overlast": ThemeFactory(code="overlast", name="Overlast")}


@pytest.fixture
def eager():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def test_round_trip_of_one_signal(
    stand_in, connector, themes, boa, eager, django_capture_on_commit_callbacks
):
    stand_in.add_signal(1001, sub_slug="parkeeroverlast", sub="Parkeeroverlast", photos=[_jpeg()])
    counts = signalen.signalen_fetch()
    assert counts == {"created": 1, "skipped": 0, "failed": 0}
    query = stand_in.queries[0]
    assert sorted(query["category_slug"]) == ["geluidsoverlast", "parkeeroverlast"]
    assert sorted(query["status"]) == ["i", "m"]
    link = SignalenLink.objects.select_related("incident").get(signal_id=1001)
    incident = link.incident
    assert incident.source == Incident.Source.RESIDENT
    assert incident.theme == themes["parkeren"] and incident.category.name == "Parkeeroverlast"
    assert incident.address == "Markt 1 1011AB Voorbeeld"
    assert (incident.latitude, incident.longitude) == (52.36, 4.95)  # GeoJSON lon, lat swapped
    assert "Overlast" in incident.description
    # The resident's contact details stay in Signalen.
    assert incident.reporter_name == "" and incident.reporter_contact == ""
    photo = incident.photos.get()
    assert photo.content_type == "image/jpeg"
    # A boa of the team works it; handled -> the status goes back to Signalen.
    incident.team = boa.team
    incident.save(update_fields=["team"])
    with django_capture_on_commit_callbacks(execute=True):
        incident_status_change(actor=boa, incident=incident, status=Incident.Status.IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        incident_status_change(actor=boa, incident=incident, status=Incident.Status.CLOSED)
    assert [(sid, body["status"]["state"]) for sid, body in stand_in.patches] == [
        (1001, "b"),
        (1001, "o"),
    ]
    assert stand_in.patches[-1][1]["status"]["text"]
    assert stand_in.signals[1001]["status"]["state"] == "o"
    link.refresh_from_db()
    assert link.last_status_sent == "o" and link.status_sent_at is not None
    # Sent once: pushing again sends nothing.
    assert signalen.signalen_status_push(link_id=link.pk) is False
    assert len(stand_in.patches) == 2


def test_running_twice_creates_nothing_twice_across_pages(stand_in, connector, themes):
    for n in range(5):
        stand_in.add_signal(2000 + n, sub_slug="geluidsoverlast", sub="Geluidsoverlast")
    stand_in.add_signal(2100, sub_slug="fietswrak", sub="Fietswrak")  # not for enforcement
    stand_in.add_signal(2101, sub_slug="geluidsoverlast", sub="Geluid", state="o")  # handled
    assert signalen.signalen_fetch()["created"] == 5  # three pages of two
    assert signalen.signalen_fetch() == {"created": 0, "skipped": 5, "failed": 0}
    assert Incident.objects.count() == 5
    assert SignalenLink.objects.count() == 5


def test_a_signal_outside_the_municipality_is_counted_as_failed_and_retried_later(
    stand_in, connector, themes
):
    stand_in.add_signal(3001, sub_slug="geluidsoverlast", sub="Geluid", lat=51.0, lon=3.0)
    assert signalen.signalen_fetch() == {"created": 0, "skipped": 0, "failed": 1}
    assert not Incident.objects.exists()


def test_a_bad_attachment_is_skipped_not_fatal(stand_in, connector, themes):
    stand_in.add_signal(4001, sub_slug="geluidsoverlast", sub="Geluid", photos=[b"not an image"])
    assert signalen.signalen_fetch()["created"] == 1
    assert not Incident.objects.get().photos.exists()


def test_a_wrong_token_raises_and_creates_nothing(stand_in, connector, themes, settings):
    stand_in.add_signal(5001, sub_slug="geluidsoverlast", sub="Geluid")
    settings.SIGNALEN_API_TOKEN = "wrong"
    with pytest.raises(SignalenError, match="401"):
        signalen.signalen_fetch()
    assert not Incident.objects.exists()


def test_the_command_takes_signals_over(stand_in, connector, themes, capsys):
    stand_in.add_signal(6001, sub_slug="geluidsoverlast", sub="Geluid")
    call_command("signalen_fetch")
    assert "created 1" in capsys.readouterr().out
    assert SignalenLink.objects.filter(signal_id=6001).exists()


def test_unconfigured_connector_does_nothing(settings):
    settings.SIGNALEN_API_URL = ""
    assert signalen.signalen_fetch() == {"created": 0, "skipped": 0, "failed": 0}


def test_the_fetch_is_a_beat_entry_in_code(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["integrations-signalen-fetch"]
    assert entry["task"] == "integrations.tasks.signalen_fetch"


def test_a_failed_status_push_is_retried_through_the_task_outbox(
    stand_in, connector, themes, settings
):
    from accounts.models import QueuedTask
    from integrations.tasks import SIGNALEN_PUSH_MAX_ATTEMPTS, signalen_status_push
    from tests.workers import free_port

    stand_in.add_signal(3001, sub_slug="parkeeroverlast", sub="Parkeeroverlast")
    signalen.signalen_fetch()
    link = SignalenLink.objects.select_related("incident").get(signal_id=3001)
    Incident.objects.filter(pk=link.incident_id).update(status=Incident.Status.CLOSED)
    settings.SIGNALEN_API_URL = f"http://127.0.0.1:{free_port()}"  # Signalen unreachable
    QueuedTask.objects.all().delete()

    # The test's transaction never commits: the retry stays in the outbox, as it does
    # when the broker is down, with its backoff moment.
    assert signalen_status_push(link.pk, 3) is False
    retry = QueuedTask.objects.get()
    assert (retry.task, retry.args) == ("integrations.tasks.signalen_status_push", [link.pk, 4])
    assert retry.eta is not None
    assert 230 <= (retry.eta - retry.created_at).total_seconds() <= 250  # 60 s x 2**2
    # The last attempt gives up loudly and queues nothing more.
    with pytest.raises(SignalenError):
        signalen_status_push(link.pk, SIGNALEN_PUSH_MAX_ATTEMPTS)
    assert QueuedTask.objects.count() == 1
