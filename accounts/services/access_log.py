"""Writing the access log: who did what with which record holding personal data."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from accounts.models import AccessLogEntry, User


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def access_log_record(
    *,
    actor: User | None,
    action: AccessLogEntry.Action,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    object_repr: str = "",
    detail: dict[str, Any] | None = None,
    request=None,
) -> AccessLogEntry:
    """Record that ``actor`` did ``action`` on a record holding personal data.

    Pass ``obj`` for a single record, or ``object_type`` (and ``detail``) for an
    export or search over many. Call it inside the same transaction as the
    change it records.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk
        object_repr = object_repr or str(obj)[:200]
    if not object_type:
        raise ValueError("access_log_record needs obj or object_type")
    action = AccessLogEntry.Action(action)  # the enum: an unknown action fails here
    return AccessLogEntry.objects.create(
        user=actor if actor is not None and actor.is_authenticated else None,
        username=getattr(actor, "username", "") or "(systeem)",
        action=action,
        object_type=object_type,
        object_id="" if object_id is None else str(object_id),
        object_repr=object_repr[:200],
        detail=detail or {},
        ip_address=_client_ip(request),
    )


@transaction.atomic
def access_log_export_record(*, actor: User, filters: dict[str, Any], rows: int, request=None):
    """The export of the access log is itself logged."""
    return access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.EXPORT,
        object_type="accounts.accesslogentry",
        detail={"filters": filters, "rows": rows},
        request=request,
    )
