"""The server's side of offline registration (issue 15): JSON confirmation and refusal for
the device's queue, the device's time within bounds, one record per submission key, the
per-user page marking, the worker and manifest."""

import datetime as dt
import io
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from accounts.models import Submission
from accounts.roles import Role
from enforcement import demo
from enforcement.models import Incident, PatrolLog, Theme, Violation
from enforcement.tests.factories import IncidentFactory, PatrolLogFactory, ThemeFactory

pytestmark = pytest.mark.django_db

QUEUED = {"HTTP_X_HH_OFFLINE": "1"}


class _Quiet:
    def write(self, *args, **kwargs):
        pass


def _submitted(user, key, obj):
    """As if ``user``'s form with ``key`` had created ``obj`` (accounts.submissions)."""
    Submission.objects.create(
        user=user,
        key=key,
        path="/",
        url=f"/{obj.pk}/",
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
    )


def _jpeg():
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(out, format="JPEG")
    return SimpleUploadedFile("f.jpg", out.getvalue(), content_type="image/jpeg")


def _incident_post(theme, **extra):
    data = {
        "theme": theme.pk,
        "address": "Markt 1",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "priority": 2,
        "source": "own",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(extra)
    return data


def test_queued_incident_gets_json_keeps_device_time_and_is_saved_once(client_for, boa):
    theme = ThemeFactory()
    client = client_for(boa)
    recorded = timezone.now() - dt.timedelta(hours=2)
    data = _incident_post(theme, recorded_at=recorded.isoformat(), photos=_jpeg())
    url = reverse("enforcement:incident_create")
    first = client.post(url, data, **QUEUED)
    assert first.status_code == 201
    incident = Incident.objects.get()
    assert first.json() == {
        "ok": True,
        "url": reverse("enforcement:incident_detail", args=[incident.pk]),
        "reference": incident.reference,
    }
    assert incident.reported_at == recorded
    assert incident.photos.count() == 1
    data["photos"] = _jpeg()
    again = client.post(url, data, **QUEUED)  # the queue sent it twice
    assert again.status_code == 200 and again.json()["ok"] is True
    assert Incident.objects.count() == 1


@pytest.mark.parametrize(
    ("recorded", "message"),
    [
        (dt.timedelta(hours=1), "in de toekomst"),
        (-dt.timedelta(days=4), "meer dan 3 dagen geleden"),
    ],
)
def test_device_time_in_the_future_or_days_old_is_refused(client_for, boa, recorded, message):
    theme = ThemeFactory()
    data = _incident_post(theme, recorded_at=(timezone.now() + recorded).isoformat())
    response = client_for(boa).post(reverse("enforcement:incident_create"), data, **QUEUED)
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False and message in " ".join(body["errors"]["recorded_at"])
    assert Incident.objects.count() == 0


def test_device_time_without_offset_is_refused(client_for, boa):
    data = _incident_post(ThemeFactory(), recorded_at="2026-12-01T10:00:00")
    response = client_for(boa).post(reverse("enforcement:incident_create"), data, **QUEUED)
    assert response.status_code == 422
    assert "Ongeldig tijdstip" in response.json()["errors"]["recorded_at"][0]


def test_refused_item_names_the_field_and_the_ordinary_form_still_renders(client_for, boa):
    theme = ThemeFactory()
    Theme.objects.filter(pk=theme.pk).update(active=False)  # deactivated meanwhile
    client = client_for(boa)
    url = reverse("enforcement:incident_create")
    queued = client.post(url, _incident_post(theme), **QUEUED)
    assert queued.status_code == 422
    assert "geldige keuze" in queued.json()["errors"]["theme"][0]
    page = client.post(url, _incident_post(theme))
    assert page.status_code == 200
    assert "De melding is nog niet opgeslagen." in page.content.decode()


def test_violation_on_a_waiting_incident_is_linked_by_the_incident_key(client_for, boa):
    demo.seed_reference(stdout=_Quiet())
    key = uuid.uuid4()
    incident = IncidentFactory(registered_by=boa, reported_by=boa)
    _submitted(boa, key, incident)
    from enforcement.models import Offence

    offence = Offence.objects.get(code="H009")
    recorded = timezone.now() - dt.timedelta(minutes=30)
    data = {
        "incident_key": str(key),
        "offence": offence.pk,
        "committed_on": timezone.localdate().isoformat(),
        "attitude": "B",
        "consequence": "limited",
        "offender_kind": "person",
        "offender_name": "Piet Pieters",
        "offender_date_of_birth": "1990-01-02",
        "offender_address": "Dorpsstraat 3",
        "submission_key": str(uuid.uuid4()),
        "recorded_at": recorded.isoformat(),
    }
    client = client_for(boa)
    url = reverse("enforcement:violation_create_pending")
    response = client.post(url, data, **QUEUED)
    assert response.status_code == 201, response.content
    violation = Violation.objects.get()
    assert violation.incident_id == incident.pk and violation.created_at == recorded
    assert client.post(url, data, **QUEUED).json()["ok"] is True  # sent twice: one record
    assert Violation.objects.count() == 1


def test_violation_on_an_unknown_incident_key_is_refused_with_a_message(client_for, boa):
    response = client_for(boa).post(
        reverse("enforcement:violation_create_pending"),
        {"incident_key": str(uuid.uuid4())},
        **QUEUED,
    )
    assert response.status_code == 422
    assert "niet (meer) op de server gevonden" in response.json()["message"]


def test_another_boas_incident_key_is_not_found(client_for, boa, make_user):
    other = make_user(Role.BOA, username="andere", team=None)
    key = uuid.uuid4()
    _submitted(other, key, IncidentFactory(registered_by=other, reported_by=other, team=None))
    response = client_for(boa).post(
        reverse("enforcement:violation_create_pending"), {"incident_key": str(key)}, **QUEUED
    )
    assert response.status_code == 422
    assert Violation.objects.count() == 0


def test_shift_end_from_the_queue_keeps_device_time_and_counts_once(client_for, boa):
    log = PatrolLogFactory(
        boa=boa, started_at=timezone.now() - dt.timedelta(hours=3), ended_at=None
    )
    recorded = timezone.now() - dt.timedelta(minutes=40)
    data = {"submission_key": str(uuid.uuid4()), "recorded_at": recorded.isoformat()}
    client = client_for(boa)
    url = reverse("enforcement:patrol_end", args=[log.pk])
    first = client.post(url, data, **QUEUED)
    assert first.status_code == 201
    assert first.json()["url"] == reverse("enforcement:patrol_effort", args=[log.pk])
    log.refresh_from_db()
    assert log.ended_at == recorded
    again = client.post(url, data, **QUEUED)
    assert again.status_code == 200 and again.json() == first.json()
    assert log.events.filter(kind="ended").count() == 1
    # Without the key the old answer stands: the shift was ended already.
    refused = client.post(url, {}, **QUEUED)
    assert refused.status_code == 422
    assert "al beëindigd" in " ".join(refused.json()["errors"]["__all__"])


def test_shift_start_from_the_queue_twice_is_one_shift(client_for, boa):
    recorded = timezone.now() - dt.timedelta(minutes=10)
    data = {
        "mode": "foot",
        "team": boa.team_id,
        "submission_key": str(uuid.uuid4()),
        "recorded_at": recorded.isoformat(),
    }
    client = client_for(boa)
    url = reverse("enforcement:patrol_start")
    assert client.post(url, data, **QUEUED).status_code == 201
    assert client.post(url, data, **QUEUED).status_code == 200
    log = PatrolLog.objects.get(boa=boa)
    assert log.started_at == recorded
    other = dict(data, submission_key=str(uuid.uuid4()))
    response = client.post(url, other, **QUEUED)
    assert response.status_code == 422 and "al in dienst" in response.json()["message"]


def test_effort_split_from_the_queue_is_saved_once(client_for, boa):
    theme = ThemeFactory()
    start = timezone.now() - dt.timedelta(hours=3)
    log = PatrolLogFactory(boa=boa, started_at=start, ended_at=start + dt.timedelta(hours=2))
    key = str(uuid.uuid4())
    data = {
        "effort-TOTAL_FORMS": "1",
        "effort-INITIAL_FORMS": "0",
        "effort-0-theme": theme.pk,
        "effort-0-kind": "reactive",
        "effort-0-minutes": "60",
        "submission_key": key,
    }
    client = client_for(boa)
    url = reverse("enforcement:patrol_effort", args=[log.pk])
    assert client.post(url, data, **QUEUED).status_code == 201
    data["effort-0-minutes"] = "90"  # a resend of the same key changes nothing
    assert client.post(url, data, **QUEUED).status_code == 200
    assert list(log.efforts.values_list("minutes", flat=True)) == [60]
    too_long = dict(data, submission_key=str(uuid.uuid4()), **{"effort-0-minutes": "500"})
    response = client.post(url, too_long, **QUEUED)
    assert response.status_code == 422
    assert "langer dan de dienst" in " ".join(response.json()["errors"]["__all__"])


def test_street_pages_are_marked_for_their_user_only(client_for, boa):
    client = client_for(boa)
    for url in ("/", reverse("enforcement:incident_create"), reverse("enforcement:offline_queue")):
        response = client.get(url)
        assert response["X-HH-Offline-Page"] == "1", url
        assert response["X-HH-User"] == str(boa.pk)
    mine = client.get(reverse("enforcement:incident_list") + "?scope=mine")
    assert mine["X-HH-Offline-Page"] == "1"
    filtered = client.get(reverse("enforcement:incident_list") + "?scope=mine&q=x")
    assert "X-HH-Offline-Page" not in filtered
    assert "X-HH-Offline-Page" not in client.get(reverse("enforcement:incident_list"))


def test_status_gives_user_token_and_pages_or_401_when_logged_out(client, client_for, boa):
    log = PatrolLogFactory(
        boa=boa, started_at=timezone.now() - dt.timedelta(hours=1), ended_at=None
    )
    incident = IncidentFactory(registered_by=boa, reported_by=boa)
    body = client_for(boa).get(reverse("enforcement:offline_status")).json()
    assert body["user"] == boa.pk and body["csrf"]
    assert reverse("enforcement:patrol_detail", args=[log.pk]) in body["pages"]
    assert reverse("enforcement:violation_create", args=[incident.pk]) in body["pages"]
    client.logout()
    response = client.get(reverse("enforcement:offline_status"))
    assert response.status_code == 401 and response.json()["login_url"] == reverse("login")


def test_service_worker_from_the_root_with_its_headers_and_the_manifest(client):
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker["Content-Type"].startswith("application/javascript")
    assert worker["Service-Worker-Allowed"] == "/"
    assert worker["Cache-Control"] == "no-cache"
    assert b"importScripts(HH_CONFIG.core)" in worker.content
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["name"] == "Handhaving OOV" and data["lang"] == "nl"
    assert data["start_url"] == "/" and data["display"] == "standalone"
    assert {i["sizes"] for i in data["icons"]} == {"192x192", "512x512"}
    offline = client.get("/offline/")
    assert "Geen verbinding" in offline.content.decode()


def test_device_messages_come_translated_with_the_page(client_for, boa):
    client = client_for(boa)
    dutch = client.get("/").content.decode()
    assert "Opgeslagen op dit toestel, wordt verstuurd zodra er verbinding is." in dutch
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    try:
        english = client.get("/").content.decode()
    finally:
        translation.activate("nl")  # the request left English active in this thread
    assert "Saved on this device, will be sent as soon as there is a connection." in english


def test_end_of_a_shift_whose_start_waited_is_linked_by_the_start_key(client_for, boa):
    """Started and ended offline: the end goes after the start and finds it by its key."""
    started = timezone.now() - dt.timedelta(hours=2)
    ended = timezone.now() - dt.timedelta(minutes=5)
    start_key = str(uuid.uuid4())
    client = client_for(boa)
    start = client.post(
        reverse("enforcement:patrol_start"),
        {
            "mode": "bike",
            "team": boa.team_id,
            "submission_key": start_key,
            "recorded_at": started.isoformat(),
        },
        **QUEUED,
    )
    assert start.status_code == 201
    end = {
        "start_key": start_key,
        "submission_key": str(uuid.uuid4()),
        "recorded_at": ended.isoformat(),
    }
    url = reverse("enforcement:patrol_end_pending")
    first = client.post(url, end, **QUEUED)
    log = PatrolLog.objects.get(boa=boa)
    assert first.status_code == 201
    assert first.json()["url"] == reverse("enforcement:patrol_effort", args=[log.pk])
    assert (log.started_at, log.ended_at) == (started, ended)
    assert client.post(url, end, **QUEUED).json() == first.json()  # sent twice: once
    assert log.events.filter(kind="ended").count() == 1


def test_end_with_an_unknown_or_another_boas_start_key_is_refused(client_for, boa, make_user):
    other = make_user(Role.BOA, username="collega")
    theirs = PatrolLogFactory(
        boa=other, started_at=timezone.now() - dt.timedelta(hours=1), ended_at=None
    )
    key = uuid.uuid4()
    _submitted(other, key, theirs)
    url = reverse("enforcement:patrol_end_pending")
    client = client_for(boa)
    for start_key in (str(key), str(uuid.uuid4()), "geen-sleutel"):
        response = client.post(url, {"start_key": start_key}, **QUEUED)
        assert response.status_code == 422
        assert "niet (meer) op de server gevonden" in response.json()["message"]
        assert client.post(url, {"start_key": start_key}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.ended_at is None
