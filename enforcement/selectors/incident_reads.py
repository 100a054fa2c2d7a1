"""Reads of an incident's personal data, each logged in its own transaction.

The reporter's name and contact, a photo (it may show people, number plates, a front
door) and an export: the selector that hands them to the view writes the access-log row
(docs/architecture.md, "Audit and timeline rows"), so no view can show them unlogged.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.fields.files import FieldFile

from accounts.models import AccessLogEntry
from accounts.services import access_log_record
from enforcement import exports, permissions
from enforcement.models import Incident, IncidentPhoto
from enforcement.selectors.incidents import IncidentFilter, incident_list


@transaction.atomic
def incident_reporter_shown(*, user, incident: Incident, request=None) -> bool:
    """Whether the page shows the reporter's data to ``user``; logged when it does."""
    shown = permissions.can_view_personal_data(user) and bool(
        incident.reporter_name or incident.reporter_contact
    )
    if shown:
        access_log_record(
            actor=user,
            action=AccessLogEntry.Action.VIEW,
            obj=incident,
            detail={"fields": ["reporter_name", "reporter_contact"]},
            request=request,
        )
    return shown


@transaction.atomic
def incident_photo_file(
    *, user, incident: Incident, photo: IncidentPhoto, thumbnail: bool, request=None
) -> FieldFile:
    """The stored file of ``photo`` (its thumbnail when asked and made); every opening is logged."""
    field = photo.thumbnail if thumbnail and photo.thumbnail else photo.image
    access_log_record(
        actor=user,
        action=AccessLogEntry.Action.VIEW,
        obj=incident,
        detail={"photo": photo.pk, "thumbnail": field is photo.thumbnail},
        request=request,
    )
    return field


def incidents_for_export(
    *, user, filters: IncidentFilter, fmt: str, request=None
) -> tuple[list[list], bool]:
    """The export's rows (``enforcement.exports.incident_rows``, at most EXPORT_MAX_ROWS)
    and whether the file holds personal data; logged.

    The rows are read before the transaction of the log line: an export may read from the
    replica (settings.REPLICA_READ_VIEWS), and reads inside a transaction go to the primary.
    """
    personal = permissions.can_view_personal_data(user)
    rows = exports.incident_rows(incident_list(user=user, filters=filters), personal=personal)
    with transaction.atomic():
        access_log_record(
            actor=user,
            action=AccessLogEntry.Action.EXPORT,
            object_type="enforcement.incident",
            detail={
                "format": fmt,
                "filter": filters.as_detail(),
                "rows": len(rows),
                "personal_data": personal,
                "purpose": filters.reach.purpose,
                "older_included": filters.reach.older_allowed,
            },
            request=request,
        )
    return rows, personal
