"""Celery tasks of integrations. Thin: ids in, a service call, safe to run twice."""

import logging

from celery import shared_task

from integrations.services import signalen, webhooks
from integrations.services.signalen_client import SignalenError

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="integrations.tasks.webhook_deliver")
def webhook_deliver(self, subscription_id: int, event_id: int, attempt: int = 1) -> bool:
    """One delivery attempt; a failed one queues the next after its backoff (bounded),
    on the queue this attempt came from."""
    retry_in = webhooks.webhook_deliver(
        subscription_id=subscription_id, event_id=event_id, attempt=attempt
    )
    if retry_in is not None:
        queue = (self.request.delivery_info or {}).get("routing_key")
        try:
            webhook_deliver.apply_async(
                args=[subscription_id, event_id, attempt + 1],
                countdown=retry_in,
                **({"queue": queue} if queue else {}),
            )
        except Exception as exc:  # noqa: BLE001 - the broker is down: the log shows the attempt
            logger.warning("webhook retry %s/%s not queued: %s", event_id, attempt + 1, exc)
    return retry_in is None


@shared_task(name="integrations.tasks.signalen_fetch")
def signalen_fetch() -> dict:
    """Beat: take over new signals for enforcement (does nothing until Signalen is configured)."""
    return signalen.signalen_fetch()


@shared_task(
    name="integrations.tasks.signalen_status_push",
    autoretry_for=(SignalenError,),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=8,
)
def signalen_status_push(link_id: int) -> bool:
    return signalen.signalen_status_push(link_id=link_id)
