"""The session store writes the idle-timeout refresh at most once a minute (accounts/sessions.py)."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

# Production's refresh interval (the test settings save on every request).
pytestmark = pytest.mark.usefixtures("production_refresh")


@pytest.fixture
def production_refresh(settings):
    settings.SESSION_EXPIRY_REFRESH_SECONDS = 60


def _session_writes(ctx) -> list[str]:
    return [
        q["sql"]
        for q in ctx.captured_queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def _stored_expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_page_views_within_a_minute_write_no_session_row(client, boa):
    with time_machine.travel(START, tick=False):
        client.post(reverse("login"), {"username": "boa1", "password": "demo"})
        client.get(reverse("home"))
        expiry = _stored_expiry(client)
    soon = START + dt.timedelta(seconds=59)
    with time_machine.travel(soon, tick=False), CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    assert _session_writes(ctx) == []
    assert _stored_expiry(client) == expiry


def test_a_page_view_after_a_minute_moves_the_expiry(client, boa):
    with time_machine.travel(START, tick=False):
        client.post(reverse("login"), {"username": "boa1", "password": "demo"})
        client.get(reverse("home"))
    later = START + dt.timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("home")).status_code == 200
        assert len(_session_writes(ctx)) == 1
        assert _stored_expiry(client) == later + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)


def test_a_changed_session_is_saved_at_once(client, boa):
    with time_machine.travel(START, tick=False):
        client.post(reverse("login"), {"username": "boa1", "password": "demo"})
        client.get(reverse("home"))
        # Changing the language stores it in the session: saved although less than a minute passed.
        session = client.session
        session["bench_marker"] = "x"
        session.save()
        client.get(reverse("home"))
        assert client.session["bench_marker"] == "x"


def test_idle_timeout_still_ends_the_session_with_views_under_a_minute_apart(client, boa):
    """Views 50 s apart never write, but the expiry written at login + the minute cap hold."""
    with time_machine.travel(START, tick=False):
        client.post(reverse("login"), {"username": "boa1", "password": "demo"})
        client.get(reverse("home"))
    moment = START
    for _ in range(int(settings.SESSION_COOKIE_AGE * 2 / 50)):
        moment += dt.timedelta(seconds=50)
        with time_machine.travel(moment, tick=False):
            assert client.get(reverse("home")).status_code == 200, moment
    # Busy for twice the timeout: still logged in (the expiry moved along, once a minute or so).
    with time_machine.travel(moment + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)):
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
