import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from accounts.management.commands import bench


@override_settings(ALLOWED_HOSTS=["hh.example.org"], SECURE_SSL_REDIRECT=True)
def test_bench_groups_reach_pages_under_production_settings(monkeypatch, db):
    """Benchmarks time the page: no 400 for the test Client's host, no 301 to HTTPS."""
    seen = {}

    def probe(*, stdout):
        seen["hosts"] = list(settings.ALLOWED_HOSTS)
        seen["status"] = Client(HTTP_HOST="localhost").get("/login/").status_code
        seen["login"] = Client(HTTP_HOST="127.0.0.1").get("/login/").status_code
        stdout.write("probe: 1 unit")

    monkeypatch.setattr(bench, "_groups", lambda: {"probe": probe})
    out = io.StringIO()
    call_command("bench", "probe", stdout=out)
    assert "probe: 1 unit" in out.getvalue()
    assert {"hh.example.org", "testserver", "localhost", "127.0.0.1"} <= set(seen["hosts"])
    assert seen["status"] == 200
    assert seen["login"] == 200
    assert settings.ALLOWED_HOSTS == ["hh.example.org"]  # restored afterwards


def test_bench_unknown_group_is_refused_before_running_any(monkeypatch):
    ran = []
    monkeypatch.setattr(bench, "_groups", lambda: {"a": lambda *, stdout: ran.append("a")})
    with pytest.raises(CommandError):
        call_command("bench", "nope", stdout=io.StringIO())
    assert ran == []
