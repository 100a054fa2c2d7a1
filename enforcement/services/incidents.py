"""Services that change incidents (meldingen): create, photos, status. Each is one transaction."""

from __future__ import annotations

import datetime as dt
import io
import logging
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import images
from accounts.events import EventKind, event_publish
from accounts.images import PreparedImage
from accounts.models import AccessLogEntry
from accounts.queue import enqueue_on_commit
from accounts.services import access_log_record
from accounts.workflow import Step, Workflow
from enforcement import permissions
from enforcement.models import (
    Category,
    Incident,
    IncidentEvent,
    IncidentPhoto,
    PatrolLog,
    Theme,
)
from enforcement.selectors.patrols import open_patrol_log_for
from enforcement.selectors.reference import area_for_point
from enforcement.services.numbering import reference_next

logger = logging.getLogger(__name__)

MAX_PHOTOS = 10
FUTURE_TOLERANCE = dt.timedelta(minutes=1)
THUMBNAIL_SIZE = (320, 320)

# Status workflow: from -> allowed next states (the shape of accounts.workflow).
_St = Incident.Status
WORKFLOW = Workflow(
    _St,
    {
        _St.NEW: (Step(_St.IN_PROGRESS, _St.IN_PROGRESS.label), Step(_St.CLOSED, _St.CLOSED.label)),
        _St.IN_PROGRESS: (Step(_St.CLOSED, _St.CLOSED.label),),
        _St.CLOSED: (Step(_St.IN_PROGRESS, _St.IN_PROGRESS.label),),
    },
    refused=_("Van '%(from)s' kan de status niet naar '%(to)s'."),
)

SOURCES_WITH_REPORTER = (Incident.Source.RESIDENT, Incident.Source.PARTNER)


# --- reference numbers -------------------------------------------------------------


# --- photos ------------------------------------------------------------------------


# A checked upload, re-encoded without metadata (accounts.images, the one image intake).
PreparedPhoto = PreparedImage


def _image_module():
    return images._pillow()


def photo_prepare(upload) -> PreparedPhoto:
    """Check an uploaded photo, refuse image bombs, orient, downscale, strip all metadata.

    Raises ValidationError with a Dutch message that names the file.
    """
    return images.image_intake(upload)


def _photo_store(*, incident: Incident, photo: PreparedPhoto, actor) -> IncidentPhoto:
    record = IncidentPhoto(
        incident=incident,
        content_type=photo.content_type,
        size=len(photo.content),
        uploaded_by=actor,
    )
    record.image.save(photo.name, ContentFile(photo.content), save=False)
    record.save()
    from enforcement.tasks import incident_photo_make_thumbnail

    # Broker down: the photo is saved, the detail page shows the full image until
    # the queued task runs (accounts.queue).
    enqueue_on_commit(incident_photo_make_thumbnail, record.pk)
    return record


@transaction.atomic
def incident_photos_add(
    *, actor, incident: Incident, photos: list[PreparedPhoto]
) -> list[IncidentPhoto]:
    if not permissions.can_change_incident(actor, incident):
        raise PermissionDenied
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.photos.count() + len(photos) > MAX_PHOTOS:
        raise ValidationError(
            _("Een melding heeft hoogstens %(max)s foto's.") % {"max": MAX_PHOTOS}
        )
    stored = [_photo_store(incident=incident, photo=p, actor=actor) for p in photos]
    IncidentEvent.objects.create(
        incident=incident,
        actor=actor,
        kind=IncidentEvent.Kind.PHOTOS_ADDED,
        message=f"{len(stored)} foto('s) toegevoegd",
    )
    return stored


def incident_photo_make_thumbnail(*, photo_id: int) -> bool:
    """Make the thumbnail of one photo. Safe to run twice; returns whether it made one."""
    from PIL import ImageOps

    Image = _image_module()
    with transaction.atomic():
        photo = IncidentPhoto.objects.select_for_update().filter(pk=photo_id).first()
        if photo is None or photo.thumbnail:
            return False
        with photo.image.open("rb") as fh, Image.open(fh) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(THUMBNAIL_SIZE)
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=80)
        photo.thumbnail.save(
            f"thumb-{uuid.uuid4().hex}.jpg", ContentFile(out.getvalue()), save=False
        )
        photo.save(update_fields=["thumbnail"])
    return True


# --- create ------------------------------------------------------------------------


def check_coordinates(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise ValidationError(_("Geef zowel breedte- als lengtegraad op."))
    if latitude is None:
        return
    min_lat, min_lon, max_lat, max_lon = settings.MUNICIPALITY_BBOX
    if not (min_lat <= latitude <= max_lat and min_lon <= longitude <= max_lon):
        raise ValidationError(_("Deze locatie ligt buiten de gemeente."))


def check_occurred_at(occurred_at: dt.datetime) -> None:
    if occurred_at > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationError(_("Het tijdstip ligt in de toekomst."))


def _patrol_log_at(*, user, at: dt.datetime | None):
    """The boa's shift at the moment of registration (``at`` from a device's queue)."""
    if at is None or user is None:
        return open_patrol_log_for(user=user)
    return (
        PatrolLog.objects.filter(boa=user, started_at__lte=at)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=at))
        .order_by("-started_at")
        .first()
    )


def incident_create(
    *,
    actor,
    theme: Theme,
    category: Category | None = None,
    occurred_at: dt.datetime | None = None,
    address: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    description: str = "",
    priority: int = Incident.Priority.NORMAL,
    source: str = Incident.Source.OWN_OBSERVATION,
    reporter_name: str = "",
    reporter_contact: str = "",
    reported_by=None,
    photos: list[PreparedPhoto] | None = None,
    recorded_at: dt.datetime | None = None,
    request=None,
) -> Incident:
    """Register an incident, give it its reference number and link it to the boa's open shift.

    ``reported_by`` is the boa the incident belongs to: the actor unless someone
    with INCIDENT_CREATE_ON_BEHALF registers for another boa (or for nobody, a
    resident report taken by the back office).
    ``recorded_at`` is when the boa saved it on a device without a connection
    (validated by the form); it becomes the registration time.
    """
    if not permissions.can_create_incident(actor):
        raise PermissionDenied
    on_behalf = permissions.can_create_incident_on_behalf(actor)
    if reported_by is None and not on_behalf:
        reported_by = actor
    if reported_by is not None and reported_by.pk != actor.pk and not on_behalf:
        raise PermissionDenied
    photos = photos or []
    errors: dict[str, list[str]] = {}
    occurred_at = occurred_at or timezone.now()
    for field, check in (
        ("occurred_at", lambda: check_occurred_at(occurred_at)),
        ("latitude", lambda: check_coordinates(latitude, longitude)),
    ):
        try:
            check()
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.messages)
    if latitude is None and not address.strip():
        errors.setdefault("address", []).append("Geef een adres op of gebruik de GPS-locatie.")
    if category is not None and category.theme_id != theme.pk:
        errors.setdefault("category", []).append("Deze categorie hoort niet bij het thema.")
    if len(photos) > MAX_PHOTOS:
        errors.setdefault("photos", []).append(f"Hoogstens {MAX_PHOTOS} foto's per melding.")
    if errors:
        raise ValidationError(errors)
    if source not in SOURCES_WITH_REPORTER:
        reporter_name = reporter_contact = ""
    area = area_for_point(lat=latitude, lon=longitude) if latitude is not None else None
    team = getattr(reported_by, "team", None) or getattr(actor, "team", None)
    with transaction.atomic():
        incident = Incident(
            reference=reference_next(prefix="M", year=timezone.localtime().year),
            source=source,
            theme=theme,
            category=category,
            occurred_at=occurred_at,
            reported_at=recorded_at or timezone.now(),
            address=address.strip(),
            latitude=latitude,
            longitude=longitude,
            area=area,
            description=description.strip(),
            priority=priority,
            reported_by=reported_by,
            registered_by=actor,
            team=team,
            patrol_log=_patrol_log_at(user=reported_by, at=recorded_at),
            reporter_name=reporter_name.strip(),
            reporter_contact=reporter_contact.strip(),
        )
        incident.save()
        message = "Melding geregistreerd"
        if reported_by is not None and reported_by.pk != actor.pk:
            message += f" namens {reported_by}"
        IncidentEvent.objects.create(
            incident=incident,
            actor=actor,
            kind=IncidentEvent.Kind.CREATED,
            message=message,
            data={
                "source": source,
                "patrol_log": incident.patrol_log_id,
                **({"recorded_at": recorded_at.isoformat()} if recorded_at else {}),
            },
        )
        for photo in photos:
            _photo_store(incident=incident, photo=photo, actor=actor)
        event_publish(kind=EventKind.INCIDENT_CREATED, obj=incident, payload=_event_data(incident))
        if incident.reporter_name or incident.reporter_contact:
            access_log_record(
                actor=actor,
                action=AccessLogEntry.Action.CREATE,
                obj=incident,
                detail={"fields": ["reporter_name", "reporter_contact"]},
                request=request,
            )
    return incident


# --- status ------------------------------------------------------------------------


def next_statuses(incident: Incident) -> tuple[str, ...]:
    return tuple(step.to for step in WORKFLOW.next_steps(incident.status))


@transaction.atomic
def incident_status_change(*, actor, incident: Incident, status: str) -> Incident:
    if not permissions.can_change_incident(actor, incident):
        raise PermissionDenied
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    WORKFLOW.check(incident.status, status)
    old = incident.get_status_display()
    incident.status = status
    incident.save(update_fields=["status", "updated_at"])
    IncidentEvent.objects.create(
        incident=incident,
        actor=actor,
        kind=IncidentEvent.Kind.STATUS,
        message=f"Status: {old} → {incident.get_status_display()}",
        data={"status": status},
    )
    event_publish(kind=_status_event_kind(status), obj=incident, payload=_event_data(incident))
    return incident


def _status_event_kind(status: str) -> str:
    closed = status == Incident.Status.CLOSED
    return EventKind.INCIDENT_HANDLED if closed else EventKind.INCIDENT_STATUS_CHANGED


def _event_data(incident: Incident) -> dict:
    """What other systems learn of an incident (accounts.events): no personal data."""
    return {
        "reference": incident.reference,
        "theme": incident.theme.code,
        "status": incident.status,
        "source": incident.source,
        "occurred_at": incident.occurred_at.isoformat(),
        "reported_at": incident.reported_at.isoformat(),
    }
