"""Notifications in the application, and their e-mail (queued after the commit, sent once)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Notification, User
from accounts.services.language import in_language_of

logger = logging.getLogger(__name__)


@transaction.atomic
def notification_create(
    *, user: User, message: str | Callable[[], str], url: str = "", email: bool = True
) -> Notification:
    """Create an in-application notification; with ``email`` it is also mailed, after commit.

    ``message`` is best a function that returns the text (a ``lambda`` around the
    gettext): it is then written in the recipient's language, not the sender's.
    """
    if callable(message):
        with in_language_of(user):
            message = str(message())
    notification = Notification.objects.create(user=user, message=message[:500], url=url)
    if email and user.email:
        # After the commit, through the outbox: a broker that is down must not turn a
        # saved change into an error page or a wait; the mail goes out once it is back.
        from accounts.queue import enqueue_on_commit
        from accounts.tasks import notification_send_email

        enqueue_on_commit(notification_send_email, notification.pk)
    return notification


def notification_email_send(*, notification_id: int) -> bool:
    """Mail a notification to its user once. Returns whether a mail went out now.

    The row lock makes two concurrent runs send one mail; a notification already
    mailed, gone, or of a user without address or inactive is left alone.
    """
    from django.utils import timezone

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
        with in_language_of(user):
            _mail(notification, user)
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


def _mail(notification: Notification, user: User) -> None:
    """Subject and body in the recipient's language (the caller activates it)."""
    from django.conf import settings
    from django.core.mail import send_mail

    lines = [_("Beste %(name)s,") % {"name": user.get_full_name() or user.username}, ""]
    lines.append(notification.message)
    if notification.url:
        url = notification.url
        lines += ["", url if url.startswith("http") else settings.SITE_URL + url]
    lines += ["", "— " + _("Handhaving OOV") + ", " + settings.MUNICIPALITY_NAME]
    send_mail(
        # A subject is one line: newlines in the message would make it invalid.
        subject=_("Handhaving OOV: %(message)s")
        % {"message": " ".join(notification.message.split())[:80]},
        message="\n".join(lines),
        from_email=None,
        recipient_list=[user.email],
    )


@transaction.atomic
def notifications_mark_handled(*, urls: list[str]) -> int:
    """Mark the unread notifications that point at any of ``urls`` as read, for every user.

    For messages whose subject has been dealt with (a draft that was published or
    rebuilt): they leave the home page instead of pointing at something stale. The
    domain app that deals with the subject calls this, in its own transaction.
    """
    from django.utils import timezone

    if not urls:
        return 0
    return Notification.objects.filter(url__in=urls, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    from django.utils import timezone

    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(id__in=ids)
    return qs.update(read_at=timezone.now())
