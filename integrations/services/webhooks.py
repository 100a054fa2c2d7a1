"""Webhook subscriptions (functional admin) and signed, logged, retried deliveries.

A delivery is a POST of the event's JSON payload with these headers:

- ``X-Handhaving-Event``: the event kind, e.g. ``incident.handled``;
- ``X-Handhaving-Delivery``: the event's id (the same on every retry: the receiver
  deduplicates on it);
- ``X-Handhaving-Timestamp``: Unix seconds when the attempt was signed;
- ``X-Handhaving-Signature``: ``sha256=`` + hex HMAC-SHA256 with the subscription's
  secret over ``<timestamp>.<body>``.

An answer 2xx is success; anything else (a redirect too: it is not followed) is a
failure, retried with exponential backoff up to WEBHOOK_MAX_ATTEMPTS attempts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import time

import requests
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OutboundEvent
from accounts.queue import enqueue_on_commit
from integrations.models import WebhookDelivery, WebhookSubscription
from integrations.permissions import can_manage_integrations
from integrations.services.urlsafety import url_check

SIGNATURE_HEADER = "X-Handhaving-Signature"
TIMESTAMP_HEADER = "X-Handhaving-Timestamp"


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def _check(*, name: str, target_url: str, event_kinds: list[str]) -> None:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Geef de webhook een naam.")]
    if not event_kinds:
        errors["event_kinds"] = [_("Kies minstens één gebeurtenis.")]
    elif set(event_kinds) - set(OutboundEvent.Kind.values):
        errors["event_kinds"] = [_("Onbekende gebeurtenis gekozen.")]
    try:
        url_check(target_url)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def subscription_create(
    *, actor, name: str, target_url: str, event_kinds: list[str]
) -> tuple[WebhookSubscription, str]:
    """A new subscription and its secret (shown to the admin once)."""
    if not can_manage_integrations(actor):
        raise PermissionDenied
    _check(name=name, target_url=target_url, event_kinds=event_kinds)
    secret = secrets.token_urlsafe(32)
    subscription = WebhookSubscription.objects.create(
        name=name.strip(),
        target_url=target_url,
        secret=secret,
        event_kinds=sorted(event_kinds),
        created_by=actor,
    )
    return subscription, secret


@transaction.atomic
def subscription_update(
    *, actor, subscription: WebhookSubscription, name: str, target_url: str, event_kinds: list[str]
) -> WebhookSubscription:
    if not can_manage_integrations(actor):
        raise PermissionDenied
    _check(name=name, target_url=target_url, event_kinds=event_kinds)
    subscription.name = name.strip()
    subscription.target_url = target_url
    subscription.event_kinds = sorted(event_kinds)
    subscription.save(update_fields=["name", "target_url", "event_kinds"])
    return subscription


@transaction.atomic
def subscription_deactivate(*, actor, subscription: WebhookSubscription) -> WebhookSubscription:
    if not can_manage_integrations(actor):
        raise PermissionDenied
    if subscription.active:
        subscription.active = False
        subscription.deactivated_at = timezone.now()
        subscription.save(update_fields=["active", "deactivated_at"])
    return subscription


def webhooks_fan_out(event: OutboundEvent) -> int:
    """Queue a first delivery attempt for every active subscription to ``event``'s kind."""
    from integrations.tasks import webhook_deliver

    ids = WebhookSubscription.objects.filter(
        active=True, event_kinds__contains=[event.kind]
    ).values_list("pk", flat=True)
    for pk in ids:
        enqueue_on_commit(webhook_deliver, pk, event.pk, 1)
    return len(ids)


def retry_delay(attempt: int) -> int:
    """Seconds before attempt ``attempt + 1``: base, 2x, 4x, ... capped at an hour."""
    return min(settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempt - 1), 3600)


def _claim(subscription_id: int, event_id: int, attempt: int) -> WebhookDelivery | None:
    try:
        with transaction.atomic():
            if WebhookDelivery.objects.filter(
                subscription_id=subscription_id, event_id=event_id, succeeded=True
            ).exists():
                return None
            return WebhookDelivery.objects.create(
                subscription_id=subscription_id, event_id=event_id, attempt=attempt
            )
    except IntegrityError:  # this attempt is already being made (the task ran twice)
        return None


def _post(subscription: WebhookSubscription, event: OutboundEvent) -> tuple[int | None, str]:
    body = json.dumps(event.payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Handhaving-OOV-webhooks/1",
        "X-Handhaving-Event": event.kind,
        "X-Handhaving-Delivery": str(event.uuid),
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret=subscription.secret, timestamp=timestamp, body=body),
    }
    try:
        url_check(subscription.target_url)
        response = requests.post(
            subscription.target_url,
            data=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            allow_redirects=False,
        )
    except ValidationError as exc:
        return None, " ".join(exc.messages)
    except requests.RequestException as exc:
        return None, f"{type(exc).__name__}: {exc}"
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, _("Antwoord %(code)s") % {"code": response.status_code}


def webhook_deliver(*, subscription_id: int, event_id: int, attempt: int) -> int | None:
    """Make attempt ``attempt``; returns the seconds until the next one, or None when done."""
    subscription = WebhookSubscription.objects.filter(pk=subscription_id, active=True).first()
    event = OutboundEvent.objects.filter(pk=event_id).first()
    if subscription is None or event is None:
        return None
    delivery = _claim(subscription_id, event_id, attempt)
    if delivery is None:
        return None
    started = time.monotonic()
    status_code, error = _post(subscription, event)
    delivery.duration_ms = int((time.monotonic() - started) * 1000)
    delivery.status_code = status_code
    delivery.error = error[:500]
    delivery.succeeded = not error
    retry_in = None
    if error and attempt < settings.WEBHOOK_MAX_ATTEMPTS:
        retry_in = retry_delay(attempt)
        delivery.next_attempt_at = timezone.now() + dt.timedelta(seconds=retry_in)
    delivery.save(
        update_fields=["duration_ms", "status_code", "error", "succeeded", "next_attempt_at"]
    )
    return retry_in
