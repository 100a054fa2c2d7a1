"""Celery tasks of accounts. Thin: they take ids and call a service; running twice is harmless."""

import smtplib

from celery import shared_task

from accounts.services import notification_email_send


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def notification_send_email(notification_id: int) -> bool:
    return notification_email_send(notification_id=notification_id)


@shared_task(name="accounts.tasks.queued_tasks_send")
def queued_tasks_send(min_age_seconds: int | None = None) -> dict:
    """Beat every minute and at worker start: send tasks a broker outage held back."""
    from accounts.queue import DRAIN_AFTER_SECONDS
    from accounts.queue import queued_tasks_send as drain

    return drain(
        min_age_seconds=DRAIN_AFTER_SECONDS if min_age_seconds is None else min_age_seconds
    )


@shared_task(name="accounts.tasks.outbound_event_dispatch")
def outbound_event_dispatch(event_id: int) -> bool:
    """Hand one domain event to its handlers (accounts.events); a second run does nothing."""
    from accounts.events import event_dispatch

    return event_dispatch(event_id=event_id)


@shared_task(name="accounts.tasks.submissions_delete_expired")
def submissions_delete_expired() -> int:
    """Daily: delete submission keys no device can send again (accounts.submissions)."""
    from accounts.submissions import submissions_delete_expired as delete

    return delete()
