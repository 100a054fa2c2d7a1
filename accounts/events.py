"""Domain events: a small outbox that lower apps publish to and higher apps read.

``event_publish(kind=..., obj=..., payload=...)`` writes an ``OutboundEvent`` row in
the calling service's transaction and, after the commit, queues
``accounts.tasks.outbound_event_dispatch`` (through ``accounts.queue``, so a broker
outage loses nothing). The dispatch hands the event to every handler registered with
``handler_register`` (integrations registers its webhooks and its Signalen status
write-back in its ``AppConfig.ready``), so enforcement and cases publish without
importing the apps that listen. A rolled-back service leaves no event behind.

Payloads carry no personal data: ids, reference, theme, status, times and links.
Handlers must be idempotent; the dispatch runs them once per event (it marks the
event dispatched in the same transaction), but a task may be delivered twice.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import OutboundEvent
from accounts.queue import enqueue_on_commit

logger = logging.getLogger(__name__)

EventKind = OutboundEvent.Kind
Handler = Callable[[OutboundEvent], None]

_handlers: list[Handler] = []

# Keys a payload may never carry (a guard against a careless caller).
PERSONAL_KEYS = frozenset(
    {"reporter_name", "reporter_contact", "name", "email", "phone", "offender", "description"}
)


def handler_register(handler: Handler) -> None:
    """Call ``handler(event)`` for every dispatched event (idempotent registration)."""
    if handler not in _handlers:
        _handlers.append(handler)


def _link(obj) -> str:
    """The object's page by the URL names ``<app>:<model>_detail`` or ``<app>:detail``, or ""."""
    app, model = obj._meta.app_label, obj._meta.model_name
    for name in (f"{app}:{model}_detail", f"{app}:detail"):
        try:
            return settings.SITE_URL.rstrip("/") + reverse(name, args=[obj.pk])
        except NoReverseMatch:
            continue
    return ""


def event_publish(*, kind: str, obj, payload: dict | None = None) -> OutboundEvent:
    """Record that ``kind`` happened to ``obj``; dispatched after the caller's commit."""
    payload = dict(payload or {})
    leaked = PERSONAL_KEYS & payload.keys()
    if leaked:
        raise ValueError(f"personal data in event payload: {sorted(leaked)}")
    event_uuid = uuid.uuid4()
    object_type = obj._meta.model_name
    payload = {
        "id": str(event_uuid),
        "kind": str(kind),
        "object": {"type": object_type, "id": obj.pk, "url": _link(obj)},
        "occurred_at": timezone.now().isoformat(),
        "data": payload,
    }
    event = OutboundEvent.objects.create(
        uuid=event_uuid, kind=kind, object_type=object_type, object_id=obj.pk, payload=payload
    )
    from accounts.tasks import outbound_event_dispatch

    enqueue_on_commit(outbound_event_dispatch, event.pk)
    return event


def event_dispatch(*, event_id: int) -> bool:
    """Run the handlers for one event, once; returns whether it ran them now."""
    with transaction.atomic():
        event = (
            OutboundEvent.objects.select_for_update()
            .filter(pk=event_id, dispatched_at__isnull=True)
            .first()
        )
        if event is None:
            return False
        for handler in list(_handlers):
            handler(event)
        event.dispatched_at = timezone.now()
        event.save(update_fields=["dispatched_at"])
    return True
