"""Finding 4: opening a photo and Django-admin pages with people write an access-log row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AccessLogEntry
from cases.tests.factories import CaseFactory
from enforcement.models import IncidentPhoto
from enforcement.tests.factories import ThemeFactory
from enforcement.tests.test_incidents import CREATE, jpeg_bytes, post_data

pytestmark = pytest.mark.django_db


def test_opening_an_incident_photo_is_logged(boa, client_for):
    client = client_for(boa)
    upload = SimpleUploadedFile("IMG_1.jpg", jpeg_bytes(), content_type="image/jpeg")
    assert client.post(CREATE, {**post_data(ThemeFactory()), "photos": [upload]}).status_code == 302
    photo = IncidentPhoto.objects.get()
    before = AccessLogEntry.objects.count()
    url = reverse("enforcement:incident_photo", args=[photo.incident_id, photo.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.user, entry.action, entry.object_type, entry.object_id) == (
        boa,
        "view",
        "enforcement.incident",
        str(photo.incident_id),
    )
    assert entry.detail == {"photo": photo.pk, "thumbnail": False}


@pytest.mark.parametrize(
    "model", ["accounts_user", "accounts_notification", "cases_case", "cases_actionitem"]
)
def test_admin_list_of_people_or_personal_data_is_logged(model, client_for, functional_admin):
    # The case models' admin pages open by Django's model permissions (here: superuser).
    functional_admin.is_superuser = True
    functional_admin.save(update_fields=["is_superuser"])
    CaseFactory()
    response = client_for(functional_admin).get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(user=functional_admin)
    assert entry.action == "view"
    assert entry.object_type == model.replace("_", ".", 1)
    assert entry.detail["admin"] == "changelist"
    assert entry.detail["rows"] == len(response.context_data["cl"].result_list)


def test_admin_change_view_of_a_user_is_logged(client_for, functional_admin, boa):
    response = client_for(functional_admin).get(
        reverse("admin:accounts_user_change", args=[boa.pk])
    )
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(user=functional_admin)
    assert (entry.action, entry.object_type, entry.object_id) == (
        "view",
        "accounts.user",
        str(boa.pk),
    )
    assert entry.detail == {"admin": "change"}


def test_admin_page_of_reference_data_is_not_logged(client_for, functional_admin):
    assert (
        client_for(functional_admin).get(reverse("admin:enforcement_theme_changelist")).status_code
        == 200
    )
    assert not AccessLogEntry.objects.filter(user=functional_admin).exists()
