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
