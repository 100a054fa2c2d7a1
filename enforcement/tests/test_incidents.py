"""Incident registration: create form, service rules, detail, photos."""

import datetime as dt
import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from enforcement.models import Incident, IncidentEvent, IncidentPhoto, ReferenceCounter
from enforcement.services.incidents import incident_create, incident_status_change
from enforcement.tasks import incident_photo_make_thumbnail
from enforcement.tests.factories import (
    AreaFactory,
    CategoryFactory,
    IncidentFactory,
    PatrolLogFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

CREATE = reverse("enforcement:incident_create")


def jpeg_bytes(*, with_gps: bool = False, size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    if with_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        gps = {1: "N", 2: (52.0, 21.0, 0.0), 3: "E", 4: (4.0, 57.0, 0.0)}
        exif[0x8825] = gps
        image.save(out, format="JPEG", exif=exif.tobytes())
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def post_data(theme, **overrides):
    data = {
        "theme": theme.pk,
        "address": "Markt 1",
        "latitude": "52.35",
        "longitude": "4.95",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "description": "Geluidsoverlast bij de markt",
        "priority": "2",
        "source": "own",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.fixture
def theme():
    return ThemeFactory(code="overlast", name="Overlast")


@pytest.fixture
def area():
    return AreaFactory.with_box(52.30, 4.90, 52.42, 5.10, code="WK000001", name="Centrum")


def test_boa_registers_incident_and_gets_reference_area_and_timeline(boa, client_for, theme, area):
    client = client_for(boa)
    response = client.post(CREATE, post_data(theme))
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("enforcement:incident_detail", args=[incident.pk])
    year = timezone.localtime().year
    assert incident.reference == f"M-{year}-000001"
    assert incident.area == area
    assert incident.reported_by == boa and incident.registered_by == boa
    assert incident.team == boa.team
    assert IncidentEvent.objects.filter(incident=incident, kind="created").count() == 1
    assert ReferenceCounter.objects.get(prefix="M", year=year).last == 1
    page = client.get(response.url)
    assert incident.reference in page.content.decode()


def test_references_are_consecutive_per_year(boa, theme):
    refs = [
        incident_create(actor=boa, theme=theme, address=f"Straat {i}").reference for i in range(3)
    ]
    year = timezone.localtime().year
    assert refs == [f"M-{year}-{n:06d}" for n in (1, 2, 3)]


def test_get_form_defaults_time_to_now_and_lists_recent_theme_first(boa, client_for):
    first = ThemeFactory(code="a", name="Afval", order=1)
    recent = ThemeFactory(code="z", name="Zorg", order=9)
    IncidentFactory(registered_by=boa, theme=recent)
    html = client_for(boa).get(CREATE).content.decode()
    assert timezone.localtime().strftime("%Y-%m-%dT") in html
    assert html.index(">Zorg<") < html.index(">Afval<")
    assert first  # present, after the recent one


def test_double_tap_saves_one_record_and_redirects_to_it(boa, client_for, theme):
    client = client_for(boa)
    data = post_data(theme)
    first = client.post(CREATE, data)
    second = client.post(CREATE, data)
    assert Incident.objects.count() == 1
    assert second.status_code == 302 and second.url == first.url


def test_future_time_is_refused_and_input_kept(boa, client_for, theme):
    future = (timezone.localtime() + dt.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(boa).post(
        CREATE, post_data(theme, occurred_at=future, description="Blijft staan")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "in de toekomst" in html
    assert "Blijft staan" in html
    assert Incident.objects.count() == 0


def test_coordinates_outside_municipality_are_refused(boa, client_for, theme):
    response = client_for(boa).post(CREATE, post_data(theme, latitude="51.0", longitude="3.0"))
    assert "buiten de gemeente" in response.content.decode()
    assert Incident.objects.count() == 0


def test_no_address_and_no_coordinates_is_refused(boa, client_for, theme):
    response = client_for(boa).post(CREATE, post_data(theme, address="", latitude="", longitude=""))
    assert "Geef een adres op" in response.content.decode()
    assert Incident.objects.count() == 0


def test_address_without_gps_works(boa, client_for, theme):
    response = client_for(boa).post(CREATE, post_data(theme, latitude="", longitude=""))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.latitude is None and incident.area is None


def test_script_in_description_is_escaped(boa, client_for, theme):
    client = client_for(boa)
    client.post(CREATE, post_data(theme, description="<script>alert('x')</script>"))
    incident = Incident.objects.get()
    html = client.get(reverse("enforcement:incident_detail", args=[incident.pk])).content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html


def test_category_of_other_theme_is_refused(boa, client_for, theme):
    other = CategoryFactory()
    response = client_for(boa).post(CREATE, post_data(theme, category=other.pk))
    assert "hoort niet bij" in response.content.decode()


def test_links_to_open_patrol_log_of_the_boa(boa, theme):
    closed = PatrolLogFactory(
        boa=boa,
        started_at=timezone.now() - dt.timedelta(hours=10),
        ended_at=timezone.now() - dt.timedelta(hours=6),
    )
    open_log = PatrolLogFactory(
        boa=boa, started_at=timezone.now() - dt.timedelta(hours=1), ended_at=None
    )
    incident = incident_create(actor=boa, theme=theme, address="Markt 1")
    assert incident.patrol_log == open_log != closed


def test_links_to_the_shift_a_companion_is_on(boa, make_user, theme):
    colleague = make_user(Role.BOA, username="collega", team=boa.team)
    shift = PatrolLogFactory(
        boa=colleague, started_at=timezone.now() - dt.timedelta(hours=1), ended_at=None
    )
    shift.companions.add(boa)
    assert incident_create(actor=boa, theme=theme, address="Markt 1").patrol_log == shift


def test_no_patrol_log_when_no_open_shift(boa, theme):
    PatrolLogFactory(boa=boa)
    assert incident_create(actor=boa, theme=theme, address="Markt 1").patrol_log is None


def test_team_lead_registers_on_behalf_of_boa(team_lead, boa, client_for, theme):
    response = client_for(team_lead).post(
        CREATE,
        post_data(
            theme,
            reported_by=boa.pk,
            source="resident",
            reporter_name="Jan Bewoner",
            reporter_contact="0612345678",
        ),
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.reported_by == boa and incident.registered_by == team_lead
    assert incident.reporter_name == "Jan Bewoner"
    assert "namens" in incident.events.get().message
    assert AccessLogEntry.objects.filter(action="create", object_id=str(incident.pk)).exists()


def test_boa_cannot_register_on_behalf(boa, make_user, theme):
    other = make_user(Role.BOA, username="other")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        incident_create(actor=boa, theme=theme, address="x", reported_by=other)


def test_reporter_data_dropped_for_own_observation(boa, theme):
    incident = incident_create(
        actor=boa, theme=theme, address="Markt 1", reporter_name="Iemand", source="own"
    )
    assert incident.reporter_name == ""


def test_policy_officer_registers_resident_report_without_boa(policy_officer, client_for, theme):
    response = client_for(policy_officer).post(
        CREATE, post_data(theme, reported_by="", source="resident", reporter_name="Piet")
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.reported_by is None and incident.registered_by == policy_officer


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.PARTNER, Role.MANAGER])
def test_roles_without_registration_get_404(make_user, client_for, role):
    assert client_for(make_user(role)).get(CREATE).status_code == 404


# --- photos ------------------------------------------------------------------------


def test_photo_is_stored_without_exif_and_thumbnail_made_by_task(boa, client_for, theme):
    upload = SimpleUploadedFile("IMG_1.jpg", jpeg_bytes(with_gps=True), content_type="image/jpeg")
    client = client_for(boa)
    response = client.post(CREATE, {**post_data(theme), "photos": [upload]})
    assert response.status_code == 302
    photo = IncidentPhoto.objects.get()
    with photo.image.open("rb") as fh:
        stored = Image.open(io.BytesIO(fh.read()))
        assert stored.format == "JPEG"
        assert not stored.getexif()
    assert not photo.thumbnail
    assert incident_photo_make_thumbnail(photo.pk) is True
    assert incident_photo_make_thumbnail(photo.pk) is False  # idempotent
    photo.refresh_from_db()
    assert photo.thumbnail
    url = reverse("enforcement:incident_photo", args=[photo.incident_id, photo.pk])
    assert client.get(url + "?thumb=1")["Content-Type"] == "image/jpeg"


def test_disguised_file_is_refused_with_reason_and_form_kept(boa, client_for, theme):
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = client_for(boa).post(
        CREATE, {**post_data(theme, description="Niet kwijt"), "photos": [fake]}
    )
    html = response.content.decode()
    assert "foto.jpg: dit bestand is geen foto" in html
    assert "Niet kwijt" in html and 'value="Markt 1"' in html
    assert Incident.objects.count() == 0


def test_gif_is_refused_by_content(boa, client_for, theme):
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    gif = SimpleUploadedFile("foto.png", out.getvalue(), content_type="image/png")
    response = client_for(boa).post(CREATE, {**post_data(theme), "photos": [gif]})
    assert "geen JPEG-, PNG- of HEIC-foto" in response.content.decode()


def test_oversized_photo_is_refused(boa, client_for, theme, settings):
    settings.UPLOAD_MAX_BYTES = 100
    upload = SimpleUploadedFile("groot.jpg", jpeg_bytes(size=(300, 300)), content_type="image/jpeg")
    response = client_for(boa).post(CREATE, {**post_data(theme), "photos": [upload]})
    assert "groter dan" in response.content.decode()
    assert Incident.objects.count() == 0


def test_more_than_ten_photos_is_refused(boa, client_for, theme):
    uploads = [
        SimpleUploadedFile(f"f{i}.jpg", jpeg_bytes(), content_type="image/jpeg") for i in range(11)
    ]
    response = client_for(boa).post(CREATE, {**post_data(theme), "photos": uploads})
    assert "hoogstens 10" in response.content.decode()


def test_png_and_heic_are_accepted(boa, theme):
    from pillow_heif import register_heif_opener

    from enforcement.services.incidents import photo_prepare

    register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (0, 100, 0)).save(out, format="PNG")
    assert photo_prepare(SimpleUploadedFile("a.png", out.getvalue())).content_type == "image/png"
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (0, 100, 0)).save(out, format="HEIF")
    prepared = photo_prepare(SimpleUploadedFile("a.heic", out.getvalue()))
    assert prepared.content_type == "image/jpeg"


def test_photo_of_invisible_incident_is_404(boa, make_user, client_for, theme):
    upload = SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")
    client_for(boa).post(CREATE, {**post_data(theme), "photos": [upload]})
    photo = IncidentPhoto.objects.get()
    stranger = make_user(Role.BOA, username="noord", team=TeamFactory(name="Team Noord"))
    url = reverse("enforcement:incident_photo", args=[photo.incident_id, photo.pk])
    assert client_for(stranger).get(url).status_code == 404


# --- detail and status ------------------------------------------------------------------


def test_detail_of_other_team_is_404(make_user, client_for):
    incident = IncidentFactory()
    stranger = make_user(Role.BOA, username="noord", team=TeamFactory(name="Team Noord"))
    url = reverse("enforcement:incident_detail", args=[incident.pk])
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(make_user(Role.COUNCIL_MEMBER)).get(url).status_code == 404


def test_detail_shows_reporter_to_boa_and_logs_access(boa, client_for):
    incident = IncidentFactory(registered_by=boa, source="resident", reporter_name="Jan Bewoner")
    html = client_for(boa).get(reverse("enforcement:incident_detail", args=[incident.pk]))
    assert "Jan Bewoner" in html.content.decode()
    assert AccessLogEntry.objects.filter(action="view", object_id=str(incident.pk)).exists()


def test_detail_hides_reporter_from_manager(manager, client_for):
    incident = IncidentFactory(source="resident", reporter_name="Jan Bewoner")
    html = client_for(manager).get(reverse("enforcement:incident_detail", args=[incident.pk]))
    assert html.status_code == 200
    assert incident.reference in html.content.decode()
    assert "Jan Bewoner" not in html.content.decode()


STATUS_TABLE = [
    ("new", "in_progress", True),
    ("new", "closed", True),
    ("in_progress", "closed", True),
    ("in_progress", "new", False),
    ("closed", "in_progress", True),
    ("closed", "new", False),
    ("new", "new", False),
    ("in_progress", "in_progress", False),
    ("closed", "closed", False),
]


def test_status_table_above_is_the_whole_workflow():
    from enforcement.models import Incident
    from enforcement.services.incidents import WORKFLOW

    statuses = Incident.Status.values
    assert {(a, b) for a, b, _ in STATUS_TABLE} == {(a, b) for a in statuses for b in statuses}
    assert {(a, b) for a, b, ok in STATUS_TABLE if ok} == WORKFLOW.pairs


@pytest.mark.parametrize(("start", "target", "allowed"), STATUS_TABLE)
def test_status_transitions(boa, start, target, allowed):
    from django.core.exceptions import ValidationError

    incident = IncidentFactory(registered_by=boa, status=start)
    if allowed:
        incident_status_change(actor=boa, incident=incident, status=target)
        incident.refresh_from_db()
        assert incident.status == target
        assert incident.events.filter(kind="status").exists()
    else:
        with pytest.raises(ValidationError) as exc:
            incident_status_change(actor=boa, incident=incident, status=target)
        assert "kan de status niet naar" in exc.value.messages[0]
        incident.refresh_from_db()
        assert incident.status == start


def test_status_change_through_view_adds_timeline(boa, client_for):
    incident = IncidentFactory(registered_by=boa)
    client = client_for(boa)
    url = reverse("enforcement:incident_status", args=[incident.pk])
    assert client.post(url, {"status": "in_progress"}).status_code == 302
    incident.refresh_from_db()
    assert incident.status == "in_progress"
    detail = client.get(reverse("enforcement:incident_detail", args=[incident.pk]))
    assert "Nieuw → In behandeling" in detail.content.decode()


def test_manager_cannot_change_status(manager, client_for):
    incident = IncidentFactory()
    url = reverse("enforcement:incident_status", args=[incident.pk])
    assert client_for(manager).post(url, {"status": "closed"}).status_code == 404
    incident.refresh_from_db()
    assert incident.status == "new"


def test_thumbnail_task_is_enqueued_after_commit(
    boa, client_for, theme, django_capture_on_commit_callbacks
):
    from config.celery import app

    upload = SimpleUploadedFile("a.jpg", jpeg_bytes(size=(800, 600)), content_type="image/jpeg")
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            client_for(boa).post(CREATE, {**post_data(theme), "photos": [upload]})
    finally:
        app.conf.task_always_eager = previous
    assert len(callbacks) == 2  # the thumbnail task and the domain event
    photo = IncidentPhoto.objects.get()
    assert photo.thumbnail
    with photo.thumbnail.open("rb") as fh:
        assert max(Image.open(fh).size) <= 320


def test_photos_added_on_detail_page_up_to_ten(boa, client_for):
    incident = IncidentFactory(registered_by=boa)
    client = client_for(boa)
    url = reverse("enforcement:incident_photos_add", args=[incident.pk])
    files = [
        SimpleUploadedFile(f"{i}.jpg", jpeg_bytes(), content_type="image/jpeg") for i in range(9)
    ]
    assert client.post(url, {"photos": files}).status_code == 302
    assert incident.photos.count() == 9
    two = [
        SimpleUploadedFile(f"x{i}.jpg", jpeg_bytes(), content_type="image/jpeg") for i in range(2)
    ]
    response = client.post(url, {"photos": two}, follow=True)
    assert "hoogstens 10" in response.content.decode()
    assert incident.photos.count() == 9
    assert incident.events.filter(kind="photos_added").count() == 1


def test_photos_cannot_be_added_by_other_team(make_user, client_for):
    incident = IncidentFactory()
    stranger = make_user(Role.BOA, username="noord", team=TeamFactory(name="Team Noord"))
    url = reverse("enforcement:incident_photos_add", args=[incident.pk])
    upload = SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")
    assert client_for(stranger).post(url, {"photos": [upload]}).status_code == 404


def test_detail_links_to_record_violation_when_that_page_exists(boa, manager, client_for):
    incident = IncidentFactory(registered_by=boa)
    url = reverse("enforcement:incident_detail", args=[incident.pk])
    target = reverse("enforcement:violation_create", args=[incident.pk])
    assert target in client_for(boa).get(url).content.decode()
    response = client_for(manager).get(url)
    assert response.status_code == 200
    assert incident.reference in response.content.decode()
    assert target not in response.content.decode()
