"""Queue Celery tasks without letting a broker outage reach the request.

One way for every service to queue a task (CONVENTIONS: enqueued with
``transaction.on_commit``): ``enqueue_on_commit(task, *ids)`` writes a
``QueuedTask`` row in the caller's transaction and, after the commit, sends the
task and deletes the row. The send is bounded by the short broker timeouts in
settings (``CELERY_BROKER_TRANSPORT_OPTIONS``, one quick retry); if the broker
is down the error is logged, the request answers as usual, and the row waits for
``queued_tasks_send`` (beat every minute, and at worker start), which sends it
when the broker is back. Tasks here receive ids and may run twice, so a task
sent both after the commit and by the drain (a crash between send and delete)
does no harm.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import current_app
from django.db import transaction
from django.utils import timezone

from accounts.models import QueuedTask

logger = logging.getLogger(__name__)

# A row younger than this is probably still being sent by the request that wrote it.
DRAIN_AFTER_SECONDS = 30
DRAIN_BATCH = 500


def enqueue_on_commit(
    task, *args, countdown: float | None = None, queue: str | None = None
) -> QueuedTask:
    """Queue ``task(*args)`` once the current transaction commits; never raises for the broker.

    ``countdown`` (seconds) holds a retry back: the moment is stored as an ``eta``, so a
    row that waits out an outage is not delayed a second time once the broker is back.
    ``queue`` sends it to a named queue instead of the default one.
    """
    eta = timezone.now() + dt.timedelta(seconds=countdown) if countdown else None
    row = QueuedTask.objects.create(task=task.name, args=list(args), eta=eta, queue=queue or "")
    transaction.on_commit(lambda: _send(row))
    return row


def _send(row: QueuedTask) -> bool:
    options = {}
    if row.eta is not None:
        options["eta"] = row.eta
    if row.queue:
        options["queue"] = row.queue
    try:
        current_app.tasks[row.task].apply_async(args=row.args, **options)
    except Exception as exc:  # any broker or connection error: the drain sends it later
        logger.warning("task %s%s not queued, kept for later: %s", row.task, row.args, exc)
        QueuedTask.objects.filter(pk=row.pk).update(
            attempts=row.attempts + 1, last_error=str(exc)[:500]
        )
        return False
    QueuedTask.objects.filter(pk=row.pk).delete()
    return True


def queued_tasks_send(*, min_age_seconds: int = DRAIN_AFTER_SECONDS) -> dict:
    """Send the tasks whose send after commit failed; stops at the first broker error."""
    cutoff = timezone.now() - dt.timedelta(seconds=min_age_seconds)
    sent = failed = 0
    with transaction.atomic():
        # Two drains at once (two workers at start) each take other rows.
        rows = list(
            QueuedTask.objects.select_for_update(skip_locked=True)
            .filter(created_at__lte=cutoff)
            .order_by("created_at", "id")[:DRAIN_BATCH]
        )
        for row in rows:
            if _send(row):
                sent += 1
            else:
                failed += 1
                break
    left = QueuedTask.objects.count()
    if sent or failed:
        logger.info("queued tasks: %s sent, %s left", sent, left)
    return {"sent": sent, "left": left}
