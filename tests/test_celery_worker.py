"""One real Celery worker, started as its own process, runs a task from Redis.

The worker reads the test database (committed rows: a transactional test) and
mails into a folder through Django's file-based backend; the test waits on the
task's result in Redis, bounded, and checks the mail file and the database.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.exceptions import TimeoutError as CeleryTimeout
from django.conf import settings
from django.db import connection

from accounts.models import Notification
from accounts.tasks import notification_send_email
from accounts.tests.factories import NotificationFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
WAIT_SECONDS = 15

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    """The test database as a DATABASE_URL (TCP host or socket folder)."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    auth = f"{user}:{password}@" if password else f"{user}@"
    name = quote(db["NAME"], safe="")
    # The embedded server is reached through a socket folder, which environ keeps in OPTIONS.
    host = db["HOST"] or db.get("OPTIONS", {}).get("host", "")
    if host.startswith("/"):
        return f"postgres://{auth}/{name}?host={quote(host, safe='/')}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}{host}{port}/{name}"


def _stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def test_worker_mails_a_notification_enqueued_through_redis(tmp_path):
    notification = NotificationFactory(
        user=UserFactory(email="worker-test@gemeente.example"),
        message="Een echte worker verstuurt deze mail.",
    )
    mail_dir = tmp_path / "mail"
    # A queue of its own: the worker takes this test's message and nothing else.
    queue = f"test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": _database_url(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--queues", queue,
             "--pool", "solo", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--loglevel", "INFO"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            result = notification_send_email.apply_async(
                (notification.pk,), queue=queue, ignore_result=False
            )
            outcome = _wait_for(result, worker, log_path)
            result.forget()
        finally:
            _stop(worker)

    assert outcome is True
    notification = Notification.objects.get(pk=notification.pk)
    assert notification.emailed_at is not None
    mails = list(mail_dir.glob("*.log"))
    assert len(mails) == 1
    text = mails[0].read_text()
    assert "To: worker-test@gemeente.example" in text
    assert "Een echte worker verstuurt deze mail." in text


def _wait_for(result, worker: subprocess.Popen, log_path: Path):
    """The task's return value (sent with ignore_result=False: the application stores
    none), polling the result in Redis; fails when the worker dies."""
    for _ in range(WAIT_SECONDS * 2):
        try:
            return result.get(timeout=0.5)
        except CeleryTimeout:
            if worker.poll() is not None:
                pytest.fail(f"worker exited with {worker.returncode}:\n{log_path.read_text()}")
    pytest.fail(f"task not done within {WAIT_SECONDS}s:\n{log_path.read_text()}")
