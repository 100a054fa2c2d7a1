"""Celery tasks of integrations. Thin: ids in, a service call, safe to run twice.

Retries go through the task outbox (``accounts.queue.enqueue_on_commit`` with a
countdown), not ``apply_async`` or Celery's own ``retry``: a retry queued while the
broker is down waits as a ``QueuedTask`` row and is sent when the broker is back.
"""

import logging

from celery import shared_task

from accounts.queue import enqueue_on_commit
from integrations.services import signalen, webhooks
from integrations.services.signalen_client import SignalenError

logger = logging.getLogger(__name__)

SIGNALEN_PUSH_MAX_ATTEMPTS = 9
SIGNALEN_PUSH_BACKOFF_SECONDS = 60


@shared_task(bind=True, name="integrations.tasks.webhook_deliver")
def webhook_deliver(self, subscription_id: int, event_id: int, attempt: int = 1) -> bool:
    """One delivery attempt; a failed one queues the next after its backoff (bounded),
    on the queue this attempt came from."""
    retry_in = webhooks.webhook_deliver(
        subscription_id=subscription_id, event_id=event_id, attempt=attempt
    )
    if retry_in is not None:
        queue = (self.request.delivery_info or {}).get("routing_key")
        enqueue_on_commit(
            webhook_deliver, subscription_id, event_id, attempt + 1, countdown=retry_in, queue=queue
        )
    return retry_in is None


@shared_task(name="integrations.tasks.signalen_fetch")
def signalen_fetch() -> dict:
    """Beat: take over new signals for enforcement (does nothing until Signalen is configured)."""
    return signalen.signalen_fetch()


def signalen_push_delay(attempt: int) -> int:
    """Seconds before attempt ``attempt + 1``: a minute, 2x, 4x, ... capped at an hour."""
    return min(SIGNALEN_PUSH_BACKOFF_SECONDS * 2 ** (attempt - 1), 3600)


@shared_task(bind=True, name="integrations.tasks.signalen_status_push")
def signalen_status_push(self, link_id: int, attempt: int = 1) -> bool:
    try:
        return signalen.signalen_status_push(link_id=link_id)
    except SignalenError as exc:
        if attempt >= SIGNALEN_PUSH_MAX_ATTEMPTS:
            logger.error("Signalen status of link %s not sent after %s attempts", link_id, attempt)
            raise
        logger.warning(
            "Signalen status of link %s not sent (attempt %s): %s", link_id, attempt, exc
        )
        queue = (self.request.delivery_info or {}).get("routing_key")
        enqueue_on_commit(
            signalen_status_push,
            link_id,
            attempt + 1,
            countdown=signalen_push_delay(attempt),
            queue=queue,
        )
        return False
