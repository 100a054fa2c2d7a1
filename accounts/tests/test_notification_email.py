import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Notification
from accounts.services import notification_create
from accounts.tasks import notification_send_email
from accounts.tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_task_mails_the_notification_to_its_user_and_records_when(settings):
    settings.SITE_URL = "https://handhaving.example"
    notification = NotificationFactory(
        user=UserFactory(username="anne", email="anne@gemeente.example"),
        message="Zaak Z-2026-0001 is aan u toegewezen.\nGraag oppakken.",
        url="/zaken/1/",
    )

    assert notification_send_email(notification.pk) is True

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["anne@gemeente.example"]
    assert sent.subject == "Handhaving OOV: Zaak Z-2026-0001 is aan u toegewezen. Graag oppakken."
    assert "Graag oppakken." in sent.body
    assert "https://handhaving.example/zaken/1/" in sent.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_task_running_twice_sends_one_mail():
    notification = NotificationFactory()
    notification_send_email(notification.pk)
    first_sent_at = Notification.objects.get(pk=notification.pk).emailed_at

    assert notification_send_email(notification.pk) is False

    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=notification.pk).emailed_at == first_sent_at


@pytest.mark.parametrize(
    "user_kwargs", [{"email": ""}, {"is_active": False}], ids=["no-address", "inactive"]
)
def test_task_sends_nothing_to_a_user_without_address_or_inactive(user_kwargs):
    notification = NotificationFactory(user=UserFactory(**user_kwargs))

    assert notification_send_email(notification.pk) is False

    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_task_for_a_deleted_notification_does_nothing():
    notification = NotificationFactory()
    pk = notification.pk
    notification.delete()

    assert notification_send_email(pk) is False
    assert mail.outbox == []


def test_notification_create_mails_after_commit(django_capture_on_commit_callbacks):
    user = UserFactory(email="bram@gemeente.example")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notification_create(user=user, message="Nieuwe briefing gepland.")
    assert mail.outbox == []  # nothing is sent before the transaction commits
    assert len(callbacks) == 1

    from config.celery import app

    app.conf.task_always_eager = True
    try:
        callbacks[0]()
    finally:
        app.conf.task_always_eager = False

    assert [m.to for m in mail.outbox] == [["bram@gemeente.example"]]
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_notification_create_without_email_enqueues_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        notification_create(user=UserFactory(), message="Alleen in de app.", email=False)
    assert callbacks == []


def test_a_broker_that_is_down_does_not_break_the_change(
    django_capture_on_commit_callbacks, caplog, monkeypatch
):
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    # Stands in for Redis being unreachable when the message is sent.
    monkeypatch.setattr(notification_send_email, "apply_async", broker_down)
    with django_capture_on_commit_callbacks() as callbacks:
        notification = notification_create(
            user=UserFactory(email="cas@gemeente.example"), message="Broker weg."
        )

    callbacks[0]()  # must not raise: the change itself was saved

    assert "not queued, kept for later" in caplog.text
    assert Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).exists()
    # Kept in the outbox for the drain (tests/test_broker_outage.py runs it for real).
    from accounts.models import QueuedTask

    waiting = QueuedTask.objects.get()
    assert (waiting.task, waiting.args, waiting.attempts) == (
        "accounts.tasks.notification_send_email",
        [notification.pk],
        1,
    )


def test_mark_handled_reads_every_users_unread_notifications_about_the_urls():
    from accounts.services import notifications_mark_handled

    a, b = UserFactory(), UserFactory()
    about = [NotificationFactory(user=u, url="/rapportages/7/") for u in (a, b)]
    elsewhere = NotificationFactory(user=a, url="/rapportages/8/")
    earlier = NotificationFactory(user=a, url="/rapportages/7/", read_at=timezone.now())
    read_at = earlier.read_at
    assert notifications_mark_handled(urls=["/rapportages/7/"]) == 2
    assert notifications_mark_handled(urls=[]) == 0
    for n in about + [elsewhere, earlier]:
        n.refresh_from_db()
    assert all(n.read_at for n in about)
    assert elsewhere.read_at is None and earlier.read_at == read_at
