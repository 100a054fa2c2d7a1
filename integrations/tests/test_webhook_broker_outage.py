"""A webhook retry queued while the broker is down is kept, and sent once it is back.

Real parts: the delivery attempt runs in its own process with ``REDIS_URL`` at a
closed port (the worker lost its broker between taking the task and queueing the
retry); the retry waits in the task outbox with its backoff moment. Then Redis
starts on that port and a worker starts: its start-up drain sends the retry, which
delivers.
"""

import subprocess
import sys
import time

import pytest

from accounts.models import OutboundEvent, QueuedTask
from enforcement.services.incidents import incident_create
from enforcement.tests.factories import ThemeFactory
from integrations.models import WebhookDelivery
from integrations.services import webhooks
from integrations.tests.servers import WebhookReceiver
from tests.test_celery_worker import ROOT, _stop
from tests.workers import free_port, process_env, redis_start, worker_start

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_a_retry_queued_while_the_broker_is_down_is_sent_when_it_is_back(
    functional_admin, boa, tmp_path, settings
):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    redis_port = free_port()
    env = process_env(
        redis_url=f"redis://127.0.0.1:{redis_port}/0",
        WEBHOOK_ALLOW_LOOPBACK="1",
        WEBHOOK_RETRY_BASE_SECONDS="1",
        WEBHOOK_MAX_ATTEMPTS="3",
    )
    procs: list[subprocess.Popen] = []
    with WebhookReceiver(codes=[503]) as receiver:
        subscription, _secret = webhooks.subscription_create(
            actor=functional_admin,
            name="X",
            target_url=receiver.url,
            event_kinds=["incident.created"],
        )
        incident_create(actor=boa, theme=ThemeFactory(), address="Markt 1")
        event = OutboundEvent.objects.get()
        QueuedTask.objects.all().delete()  # only the retry below is under test
        try:
            # Broker down (nothing listens on redis_port): attempt 1 fails at the receiver.
            attempt = subprocess.run(
                [sys.executable, "manage.py", "shell", "-c",
                 "from integrations.tasks import webhook_deliver; "
                 f"print(webhook_deliver({subscription.pk}, {event.pk}, 1))"],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
            )  # fmt: skip
            assert attempt.returncode == 0, attempt.stderr
            assert attempt.stdout.splitlines()[-1] == "False", attempt.stderr
            retry = QueuedTask.objects.get()
            assert (retry.task, retry.args) == (
                "integrations.tasks.webhook_deliver",
                [subscription.pk, event.pk, 2],
            )
            assert retry.attempts == 1 and retry.last_error
            first = WebhookDelivery.objects.get()
            assert retry.eta == first.next_attempt_at.replace(microsecond=retry.eta.microsecond)
            assert len(receiver.received) == 1

            # Redis comes back; a worker starts and its start-up drain sends the retry.
            procs.append(redis_start(redis_port, tmp_path))
            log_path = tmp_path / "worker.log"
            procs.append(worker_start(env, log_path))
            deadline = time.monotonic() + 60
            while not WebhookDelivery.objects.filter(succeeded=True).exists():
                if procs[-1].poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"retry not delivered:\n{log_path.read_text()}")
                time.sleep(0.3)
        finally:
            for proc in reversed(procs):
                _stop(proc)
    log = list(WebhookDelivery.objects.order_by("attempt"))
    assert [(d.attempt, d.status_code, d.succeeded) for d in log] == [
        (1, 503, False),
        (2, 200, True),
    ]
    assert len(receiver.received) == 2
    assert QueuedTask.objects.count() == 0
