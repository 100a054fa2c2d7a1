"""Webhooks: subscriptions refuse internal addresses; deliveries are signed, retried, logged."""

import hashlib
import hmac
import json

import pytest
from django.core.exceptions import ValidationError

from accounts import events
from accounts.models import OutboundEvent
from config.celery import app
from enforcement.models import Incident
from enforcement.services.incidents import incident_create, incident_status_change
from enforcement.tests.factories import ThemeFactory
from integrations.models import WebhookDelivery
from integrations.services import webhooks
from integrations.services.urlsafety import url_check
from integrations.tests.servers import WebhookReceiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def loopback(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    settings.WEBHOOK_RETRY_BASE_SECONDS = 1
    settings.WEBHOOK_MAX_ATTEMPTS = 3


@pytest.fixture
def eager():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def _verify(secret: str, headers: dict, body: bytes) -> bool:
    timestamp = headers["X-Handhaving-Timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(headers["X-Handhaving-Signature"], "sha256=" + expected.hexdigest())


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5/hook",
        "https://10.0.0.5/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://127.0.0.1/hook",
        "https://[::1]/hook",
        "https://[fd00::1]/hook",
        "https://0.0.0.0/hook",
        "https://user:pw@example.org/hook",
        "ftp://example.org/hook",
        "https://no-such-host.invalid/hook",
    ],
)
def test_internal_or_odd_addresses_are_refused_in_production(settings, url):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    with pytest.raises(ValidationError):
        url_check(url)


def test_http_is_refused_for_a_public_address_even_with_loopback_allowed(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    with pytest.raises(ValidationError, match="https"):
        url_check("http://93.184.216.34/hook")
    url_check("http://127.0.0.1:8080/hook")  # tests' local receiver


def test_delivery_is_signed_and_logged(
    functional_admin, boa, loopback, eager, django_capture_on_commit_callbacks
):
    with WebhookReceiver() as receiver:
        subscription, secret = webhooks.subscription_create(
            actor=functional_admin,
            name="Meldkamer",
            target_url=receiver.url + "/hook",
            event_kinds=["incident.created", "incident.handled"],
        )
        with django_capture_on_commit_callbacks(execute=True):
            incident = incident_create(
                actor=boa,
                theme=ThemeFactory(code="afval"),
                address="Markt 1",
                source=Incident.Source.RESIDENT,
                reporter_name="Piet Bewoner",
            )
        with django_capture_on_commit_callbacks(execute=True):
            incident_status_change(actor=boa, incident=incident, status=Incident.Status.IN_PROGRESS)
        with django_capture_on_commit_callbacks(execute=True):
            incident_status_change(actor=boa, incident=incident, status=Incident.Status.CLOSED)
    # Subscribed to two of the three kinds.
    assert len(receiver.received) == 2
    kinds = [h["X-Handhaving-Event"] for h, _ in receiver.received]
    assert kinds == ["incident.created", "incident.handled"]
    for headers, body in receiver.received:
        assert _verify(secret, headers, body)
        assert not _verify("wrong-secret", headers, body)
        payload = json.loads(body)
        assert payload["data"]["reference"] == incident.reference
        assert "Piet" not in body.decode()
    deliveries = WebhookDelivery.objects.filter(subscription=subscription)
    assert deliveries.count() == 2
    assert all(
        d.succeeded and d.status_code == 200 and d.duration_ms is not None for d in deliveries
    )


def test_a_failing_receiver_gets_bounded_retries_each_logged(
    functional_admin, boa, loopback, eager, django_capture_on_commit_callbacks
):
    with WebhookReceiver(codes=[500, 503, 500, 500]) as receiver:
        subscription, _ = webhooks.subscription_create(
            actor=functional_admin,
            name="X",
            target_url=receiver.url,
            event_kinds=["incident.created"],
        )
        with django_capture_on_commit_callbacks(execute=True):
            incident_create(actor=boa, theme=ThemeFactory(), address="Markt 1")
    assert len(receiver.received) == 3  # WEBHOOK_MAX_ATTEMPTS, then it stops
    delivery_ids = {h["X-Handhaving-Delivery"] for h, _ in receiver.received}
    assert len(delivery_ids) == 1  # the receiver can deduplicate on it
    log = list(WebhookDelivery.objects.filter(subscription=subscription).order_by("attempt"))
    assert [(d.attempt, d.status_code, d.succeeded) for d in log] == [
        (1, 500, False),
        (2, 503, False),
        (3, 500, False),
    ]
    assert log[0].next_attempt_at and log[1].next_attempt_at and log[2].next_attempt_at is None
    assert "500" in log[0].error
    assert [webhooks.retry_delay(n) for n in (1, 2, 3)] == [1, 2, 4]


def test_a_receiver_that_recovers_stops_the_retries(
    functional_admin, boa, loopback, eager, django_capture_on_commit_callbacks
):
    with WebhookReceiver(codes=[502]) as receiver:
        subscription, _ = webhooks.subscription_create(
            actor=functional_admin,
            name="X",
            target_url=receiver.url,
            event_kinds=["incident.created"],
        )
        with django_capture_on_commit_callbacks(execute=True):
            incident_create(actor=boa, theme=ThemeFactory(), address="Markt 1")
    log = WebhookDelivery.objects.filter(subscription=subscription).order_by("attempt")
    assert [(d.attempt, d.succeeded) for d in log] == [(1, False), (2, True)]
    assert len(receiver.received) == 2


def test_an_attempt_run_twice_posts_once(functional_admin, boa, loopback):
    with WebhookReceiver() as receiver:
        subscription, _ = webhooks.subscription_create(
            actor=functional_admin,
            name="X",
            target_url=receiver.url,
            event_kinds=["incident.created"],
        )
        incident_create(actor=boa, theme=ThemeFactory(), address="Markt 1")
        event = OutboundEvent.objects.get()
        args = {"subscription_id": subscription.pk, "event_id": event.pk}
        assert webhooks.webhook_deliver(**args, attempt=1) is None
        assert webhooks.webhook_deliver(**args, attempt=1) is None
        assert webhooks.webhook_deliver(**args, attempt=2) is None  # already delivered
    assert len(receiver.received) == 1
    assert WebhookDelivery.objects.count() == 1


def test_a_deactivated_subscription_gets_nothing(
    functional_admin, boa, loopback, eager, django_capture_on_commit_callbacks
):
    with WebhookReceiver() as receiver:
        subscription, _ = webhooks.subscription_create(
            actor=functional_admin,
            name="X",
            target_url=receiver.url,
            event_kinds=["incident.created"],
        )
        webhooks.subscription_deactivate(actor=functional_admin, subscription=subscription)
        with django_capture_on_commit_callbacks(execute=True):
            incident_create(actor=boa, theme=ThemeFactory(), address="Markt 1")
    assert receiver.received == []
    assert OutboundEvent.objects.get().dispatched_at is not None


def test_only_the_functional_admin_manages_webhooks(boa, loopback):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        webhooks.subscription_create(
            actor=boa, name="X", target_url="http://127.0.0.1/", event_kinds=["case.created"]
        )


def test_the_handler_is_registered_by_the_app():
    from integrations.services.handlers import on_event

    assert on_event in events._handlers
