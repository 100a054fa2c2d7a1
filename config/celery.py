"""Celery application. Periodic schedules are defined in code (settings.CELERY_BEAT_SCHEDULE)."""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("handhaving")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Report builds and the privacy audit read from the replica when there is one.
from config.db_router import connect_celery_signals  # noqa: E402

connect_celery_signals()


@worker_ready.connect
def _send_queued_tasks_at_start(sender, **kwargs):
    """Tasks held back by a broker outage go out as soon as a worker is up again (all of
    them: one that its request is still sending would run twice, which tasks allow)."""
    sender.app.send_task("accounts.tasks.queued_tasks_send", kwargs={"min_age_seconds": 0})
