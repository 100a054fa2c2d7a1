"""What integrations does with a domain event (registered in IntegrationsConfig.ready)."""

from __future__ import annotations

from accounts.models import OutboundEvent
from accounts.queue import enqueue_on_commit
from integrations.models import SignalenLink
from integrations.services.webhooks import webhooks_fan_out

INCIDENT_STATUS_KINDS = (
    OutboundEvent.Kind.INCIDENT_STATUS_CHANGED,
    OutboundEvent.Kind.INCIDENT_HANDLED,
)


def on_event(event: OutboundEvent) -> None:
    webhooks_fan_out(event)
    if event.kind in INCIDENT_STATUS_KINDS and event.object_type == "incident":
        link = SignalenLink.objects.filter(incident_id=event.object_id).first()
        if link is not None:
            from integrations.tasks import signalen_status_push

            enqueue_on_commit(signalen_status_push, link.pk)
