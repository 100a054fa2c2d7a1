"""Celery application. Periodic schedules are defined in code (settings.CELERY_BEAT_SCHEDULE)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("handhaving")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Report builds and the privacy audit read from the replica when there is one.
from config.db_router import connect_celery_signals  # noqa: E402

connect_celery_signals()
