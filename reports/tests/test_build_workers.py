"""Two real Celery workers handed the same period's build at once build it once.

Redis may deliver a build twice (a redelivery after the visibility timeout while the
first worker still runs it, or a repeated request): each worker then holds it. The
test starts two workers on a queue of its own, sends the build twice and holds the
build row locked, so that a worker that goes ahead waits inside the build until
both messages have been taken. Without the period lock (reports.locks) both workers
wait there and, once released, both compute the figures and write the draft.
"""

import time
import uuid

import pytest
from django.conf import settings
from django.db import connection, transaction

from accounts.models import Notification
from reports.models import CouncilReport, ReportBuild
from reports.tasks import build_report_task
from tests.test_celery_worker import ROOT, _database_url, _stop

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 90  # two worker processes start on a busy 2-core machine


def _start_worker(queue: str, name: str, log_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": _database_url(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "DATABASE_REPLICA_URL": "",
    }
    log = log_path.open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--queues", queue,
         "--hostname", f"{name}@%h", "--pool", "solo", "--prefetch-multiplier", "1",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "INFO"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def _waiting_on_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def _fail(workers, logs, why: str):
    text = "\n".join(f"--- {p.name}\n{p.read_text()}" for p in logs)
    pytest.fail(f"{why}\n{text}")


def test_two_workers_given_the_same_build_build_it_once(known_data, policy_officer, tmp_path):
    build = ReportBuild.objects.create(period="2026Q2", requested_by=policy_officer)
    queue = f"test-{uuid.uuid4().hex}"
    logs = [tmp_path / "worker-a.log", tmp_path / "worker-b.log"]
    workers = [
        _start_worker(queue, f"a-{queue}", logs[0]),
        _start_worker(queue, f"b-{queue}", logs[1]),
    ]
    try:
        with transaction.atomic():
            # The build's first write (status running) waits on this row lock.
            ReportBuild.objects.select_for_update().get(pk=build.pk)
            # Results are not stored in production (CELERY_TASK_IGNORE_RESULT); this test reads them.
            results = [
                build_report_task.apply_async((build.pk,), queue=queue, ignore_result=False)
                for _ in range(2)
            ]
            deadline = time.monotonic() + WAIT_SECONDS
            while True:
                waiting, ready = _waiting_on_locks(), sum(r.ready() for r in results)
                if waiting == 2 or (waiting == 1 and ready == 1):
                    break  # both messages are taken
                if any(w.poll() is not None for w in workers):
                    _fail(workers, logs, "a worker exited")
                if time.monotonic() > deadline:
                    _fail(workers, logs, f"not both taken: {waiting} waiting, {ready} done")
                time.sleep(0.2)
        outcomes = []
        for result in results:
            outcomes.append(result.get(timeout=WAIT_SECONDS))
            result.forget()
    finally:
        for worker in workers:
            _stop(worker)

    report = CouncilReport.objects.get()
    build.refresh_from_db()
    assert sorted(outcomes, key=lambda o: o is not None) == [None, report.pk]
    assert (build.status, build.attempts, build.report_id) == ("done", 1, report.pk)
    assert report.version == 1
    assert report.figures["sections"][0]["tables"][0]["total"]["values"][0] == 19
    # The policy officer is told once that the draft is ready, not twice.
    ready = Notification.objects.filter(user=policy_officer, message__contains="staat klaar")
    assert ready.count() == 1
