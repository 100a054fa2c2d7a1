"""A webhook delivered by a real Celery worker through Redis: a failed attempt, then the retry."""

import time
import uuid

import pytest

from accounts.models import OutboundEvent
from enforcement.services.incidents import incident_create
from enforcement.tests.factories import ThemeFactory
from integrations.models import WebhookDelivery
from integrations.services import webhooks
from integrations.tasks import webhook_deliver
from integrations.tests.servers import WebhookReceiver
from tests.test_celery_worker import WAIT_SECONDS, _stop, _wait_for
from tests.workers import process_env, worker_start

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_worker_retries_a_failed_delivery_with_backoff(functional_admin, boa, tmp_path, settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    queue = f"test-{uuid.uuid4().hex}"
    env = process_env(
        WEBHOOK_ALLOW_LOOPBACK="1", WEBHOOK_RETRY_BASE_SECONDS="1", WEBHOOK_MAX_ATTEMPTS="3"
    )
    log_path = tmp_path / "worker.log"
    with WebhookReceiver(codes=[503]) as receiver:
        subscription, secret = webhooks.subscription_create(
            actor=functional_admin,
            name="X",
            target_url=receiver.url,
            event_kinds=["incident.created"],
        )
        incident_create(actor=boa, theme=ThemeFactory(), address="Markt 1")
        event = OutboundEvent.objects.get()
        worker = worker_start(env, log_path, queue=queue)
        try:
            result = webhook_deliver.apply_async(
                (subscription.pk, event.pk, 1), queue=queue, ignore_result=False
            )
            assert _wait_for(result, worker, log_path) is False  # failed, retry queued
            result.forget()
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline:
                if WebhookDelivery.objects.filter(succeeded=True).exists():
                    break
                time.sleep(0.2)
        finally:
            _stop(worker)
    log = list(WebhookDelivery.objects.order_by("attempt"))
    assert [(d.attempt, d.status_code, d.succeeded) for d in log] == [
        (1, 503, False),
        (2, 200, True),
    ], log_path.read_text()
    assert len(receiver.received) == 2
    headers, body = receiver.received[1]
    assert (
        webhooks.signature(
            secret=secret, timestamp=int(headers["X-Handhaving-Timestamp"]), body=body
        )
        == headers["X-Handhaving-Signature"]
    )
