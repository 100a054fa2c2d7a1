import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.utils import InternalError, ProgrammingError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from cases import services
from cases.models import CaseEvent
from cases.tests.factories import CaseShareFactory

pytestmark = pytest.mark.django_db


def _image(fmt: str) -> bytes:
    import io

    from PIL import Image
    from pillow_heif import register_heif_opener

    register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, format=fmt)
    return out.getvalue()


PNG, JPEG, HEIC = _image("PNG"), _image("JPEG"), _image("HEIF")
PDF = b"%PDF-1.4\n%..." + b"0" * 100


def _tomorrow():
    return timezone.localdate() + dt.timedelta(days=1)


def test_partner_owner_must_be_within_sharing(lead, case, partner_p, police):
    with pytest.raises(ValidationError) as exc:
        services.action_item_create(
            actor=lead, case=case, description="Bellen", owner_user=partner_p, due_date=_tomorrow()
        )
    assert "buiten de deling" in exc.value.message_dict["owner"][0]
    with pytest.raises(ValidationError):
        services.action_item_create(
            actor=lead,
            case=case,
            description="Bellen",
            owner_organisation=police,
            due_date=_tomorrow(),
        )
    CaseShareFactory(case=case, partner_organisation=police, shared_by=lead)
    item = services.action_item_create(
        actor=lead, case=case, description="Bellen", owner_user=partner_p, due_date=_tomorrow()
    )
    assert item.owner == partner_p
    services.action_item_create(
        actor=lead, case=case, description="Rondje", owner_organisation=police, due_date=_tomorrow()
    )


def test_due_date_in_the_past_is_refused(lead, boa_c, case):
    with pytest.raises(ValidationError) as exc:
        services.action_item_create(
            actor=lead,
            case=case,
            description="Te laat",
            owner_user=boa_c,
            due_date=timezone.localdate() - dt.timedelta(days=1),
        )
    assert "verleden" in exc.value.message_dict["due_date"][0]


def test_action_item_form_keeps_input_on_error(client_for, lead, boa_c, case):
    response = client_for(lead).post(
        reverse("cases:action_item_create", args=[case.pk]),
        {"description": "Buurt bellen", "owner": f"u:{boa_c.pk}", "due_date": "2000-01-01"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "De datum ligt in het verleden." in body and "Buurt bellen" in body


def test_partner_completes_own_item_and_sees_only_theirs(
    client_for, lead, boa_c, case, partner_p, police
):
    CaseShareFactory(case=case, partner_organisation=police, shared_by=lead)
    mine = services.action_item_create(
        actor=lead,
        case=case,
        description="Voor de agent",
        owner_user=partner_p,
        due_date=_tomorrow(),
    )
    services.action_item_create(
        actor=lead, case=case, description="Voor de boa", owner_user=boa_c, due_date=_tomorrow()
    )
    client = client_for(partner_p)
    body = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Voor de agent" in body and "Voor de boa" not in body
    client.post(reverse("cases:action_item_complete", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.done_by == partner_p


def test_notes_flagged_for_partners(client_for, lead, case):
    client = client_for(lead)
    client.post(
        reverse("cases:note_create", args=[case.pk]),
        {"text": "Openbaar", "visible_to_partners": "on"},
    )
    client.post(reverse("cases:note_create", args=[case.pk]), {"text": "Intern"})
    assert list(case.notes.values_list("text", "visible_to_partners")) == [
        ("Intern", False),
        ("Openbaar", True),
    ]


@pytest.mark.parametrize(
    ("content", "name", "ok"),
    [
        (PNG, "foto.png", True),
        (PDF, "brief.pdf", True),
        (JPEG, "foto.jpg", True),
        (HEIC, "foto.heic", True),
        # Photos are decoded by the image intake: a JPEG/HEIC signature alone is refused.
        (b"\xff\xd8\xff\xe0" + b"0" * 50, "foto.jpg", False),
        (b"\x00\x00\x00\x18ftypheic" + b"0" * 50, "foto.heic", False),
        (b"MZ\x90\x00 evil", "foto.jpg", False),  # name says jpg, content does not
        (b"<html>", "brief.pdf", False),
    ],
)
def test_document_upload_checked_by_content(client_for, lead, case, content, name, ok):
    response = client_for(lead).post(
        reverse("cases:document_upload", args=[case.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="image/jpeg")},
    )
    assert case.documents.exists() is ok
    if not ok:
        assert response.status_code == 400
        body = response.content.decode()
        assert "geen JPEG, PNG, HEIC of PDF" in body or "geen foto die we kunnen lezen" in body


def test_document_too_large_refused(lead, case, settings):
    big = SimpleUploadedFile("groot.pdf", b"%PDF-" + b"0" * (15 * 1024 * 1024), "application/pdf")
    with pytest.raises(ValidationError, match="te groot"):
        services.document_upload(actor=lead, case=case, upload=big)


def test_document_download_permission_checked_and_logged(
    client_for, lead, case, boa_n, partner_p, police
):
    CaseShareFactory(case=case, partner_organisation=police, shared_by=lead)
    doc = services.document_upload(
        actor=lead, case=case, upload=SimpleUploadedFile("b.pdf", PDF, "application/pdf")
    )
    url = reverse("cases:document_download", args=[case.pk, doc.pk])
    response = client_for(lead).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(user=lead, detail__document=doc.pk).exists()
    assert client_for(boa_n).get(url).status_code == 404
    assert client_for(partner_p).get(url).status_code == 404


def test_timeline_is_append_only(lead, case):
    services.case_note_create(actor=lead, case=case, text="x")
    event = CaseEvent.objects.filter(case=case).first()
    with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
        CaseEvent.objects.filter(pk=event.pk).update(message="vervalst")
    with (
        pytest.raises((InternalError, ProgrammingError)),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute("DELETE FROM cases_caseevent WHERE id = %s", [event.pk])


def test_every_change_lands_on_the_timeline(lead, boa_c, case, police):
    services.case_assign(actor=lead, case_id=case.pk, assignee=boa_c)
    services.case_transition(
        actor=boa_c, case_id=case.pk, to_status="investigating", expected_version=None
    )
    services.case_share(
        actor=lead, case_id=case.pk, partner_organisation=police, include_personal_data=True
    )
    services.action_item_create(
        actor=lead, case=case, description="a", owner_user=boa_c, due_date=_tomorrow()
    )
    services.case_note_create(actor=boa_c, case=case, text="n")
    services.document_upload(
        actor=boa_c, case=case, upload=SimpleUploadedFile("a.png", PNG, "image/png")
    )
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", "actor__username"))
    assert kinds == [
        ("assigned", "lead"),
        ("status", "boa_c"),
        ("shared", "lead"),
        ("action_item", "lead"),
        ("note", "boa_c"),
        ("document", "boa_c"),
    ]
    # sharing with personal data is in the access log
    assert AccessLogEntry.objects.filter(
        user=lead, object_id=str(case.pk), detail__include_personal_data=True
    ).exists()


def test_adding_to_a_case_leaves_its_edit_forms_current(lead, boa_c, case):
    """Notes and action items are added to the case, not changes of it: no version bump."""
    version = case.version
    services.case_note_create(actor=lead, case=case, text="Buurt gesproken")
    services.action_item_create(
        actor=lead,
        case=case,
        description="Nabellen",
        due_date=timezone.localdate() + dt.timedelta(days=1),
        owner_user=boa_c,
    )
    case.refresh_from_db()
    assert case.version == version
    # The open transition form (still carrying that version) goes through.
    services.case_transition(
        actor=lead, case_id=case.pk, to_status="investigating", expected_version=version
    )
    case.refresh_from_db()
    assert case.status == "investigating" and case.version == version + 1


def test_a_refusal_the_service_finds_after_the_views_own_check_is_a_404(
    client_for, lead, case, monkeypatch
):
    # The case moves away between the view's check and the service's lock: the view says
    # yes, the service (on the locked case) says no. The answer is the 404 page, not a 403.
    from cases import permissions

    answers = iter([True])
    real = permissions.can_change_case
    monkeypatch.setattr(
        permissions, "can_change_case", lambda user, c: next(answers, False) and real(user, c)
    )
    response = client_for(lead).post(
        reverse("cases:note_create", args=[case.pk]), {"text": "Te laat"}
    )
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
    assert not case.notes.exists()
