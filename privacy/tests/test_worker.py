"""The retention job and the audit build through a real Celery worker (Redis, the test
database as the runtime role), as beat and the audit page start them."""

import datetime as dt
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.utils import timezone

from enforcement.models import Incident
from enforcement.tests.factories import IncidentFactory
from privacy.models import PrivacyAudit, RetentionRun
from privacy.tasks import audit_build, retention_run_daily
from tests.test_celery_worker import ROOT, _database_url, _stop, _wait_for

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_worker_runs_retention_and_builds_the_audit(tmp_path, boa, functional_admin):
    old = IncidentFactory(
        registered_by=boa,
        occurred_at=timezone.now() - dt.timedelta(days=800),
        reporter_name="Jan de Melder",
    )
    recent = IncidentFactory(registered_by=boa, reporter_name="Piet Recent")
    audit = PrivacyAudit.objects.create(
        year=timezone.localdate().year, requested_by=functional_admin, requested_at=timezone.now()
    )
    queue = f"test-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": _database_url(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        # Two years' term for incidents in the worker: the old incident is due, the new one not.
        "WPG_RETENTION_DAYS_INCIDENT": "730",
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
            counts = _wait_for(
                retention_run_daily.apply_async(queue=queue, ignore_result=False), worker, log_path
            )
            again = _wait_for(
                retention_run_daily.apply_async(queue=queue, ignore_result=False), worker, log_path
            )
            status = _wait_for(
                audit_build.apply_async((audit.pk,), queue=queue, ignore_result=False),
                worker,
                log_path,
            )
        finally:
            _stop(worker)

    assert counts["incident"] == 1
    assert again["incident"] == 0
    assert Incident.objects.get(pk=old.pk).reporter_name == ""
    assert Incident.objects.get(pk=recent.pk).reporter_name == "Piet Recent"
    assert RetentionRun.objects.count() == 2
    assert status == "ready"
    audit.refresh_from_db()
    assert audit.pdf_sha256 and audit.xlsx_sha256
    assert audit.data["runs"] and audit.data["runs"][0]["counts"]
