"""Services that change accounts state. Each is one transaction."""

from __future__ import annotations

import logging
from typing import Any

from django.db import models, transaction

from accounts.models import AccessLogEntry, Notification, User

logger = logging.getLogger(__name__)


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def access_log_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    object_repr: str = "",
    detail: dict[str, Any] | None = None,
    request=None,
) -> AccessLogEntry:
    """Record that ``actor`` did ``action`` on a record holding personal data.

    Pass ``obj`` for a single record, or ``object_type`` (and ``detail``) for an
    export or search over many. Call it inside the same transaction as the
    change it records.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk
        object_repr = object_repr or str(obj)[:200]
    if not object_type:
        raise ValueError("access_log_record needs obj or object_type")
    return AccessLogEntry.objects.create(
        user=actor if actor is not None and actor.is_authenticated else None,
        username=getattr(actor, "username", "") or "(systeem)",
        action=action,
        object_type=object_type,
        object_id="" if object_id is None else str(object_id),
        object_repr=object_repr[:200],
        detail=detail or {},
        ip_address=_client_ip(request),
    )


@transaction.atomic
def notification_create(
    *, user: User, message: str, url: str = "", email: bool = True
) -> Notification:
    """Create an in-application notification; with ``email`` it is also mailed, after commit."""
    notification = Notification.objects.create(user=user, message=message[:500], url=url)
    if email and user.email:
        transaction.on_commit(lambda: _enqueue_notification_email(notification.pk))
    return notification


def _enqueue_notification_email(notification_id: int) -> None:
    # Runs after the commit: a broker that is down must not turn a saved change into
    # an error page. The notification is in the application either way.
    from accounts.tasks import notification_send_email

    try:
        notification_send_email.delay(notification_id)
    except Exception:
        logger.exception("could not enqueue e-mail for notification %s", notification_id)


def notification_email_send(*, notification_id: int) -> bool:
    """Mail a notification to its user once. Returns whether a mail went out now.

    The row lock makes two concurrent runs send one mail; a notification already
    mailed, gone, or of a user without address or inactive is left alone.
    """
    from django.conf import settings
    from django.core.mail import send_mail
    from django.utils import timezone
    from django.utils.translation import gettext as _

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        user = notification.user
        if not user.email or not user.is_active:
            return False
        lines = [_("Beste %(name)s,") % {"name": user.get_full_name() or user.username}, ""]
        lines.append(notification.message)
        if notification.url:
            url = notification.url
            lines += ["", url if url.startswith("http") else settings.SITE_URL + url]
        lines += ["", "— Handhaving OOV, " + settings.MUNICIPALITY_NAME]
        send_mail(
            # A subject is one line: newlines in the message would make it invalid.
            subject=_("Handhaving OOV: %(message)s")
            % {"message": " ".join(notification.message.split())[:80]},
            message="\n".join(lines),
            from_email=None,
            recipient_list=[user.email],
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    from django.utils import timezone

    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return qs.update(read_at=timezone.now())
