"""Login throttling: lockout per username and per address, the Dutch message, the log, unlock."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.tests.helpers import login_post, logs_in

pytestmark = pytest.mark.django_db

LOCKED = "Te veel mislukte inlogpogingen. Inloggen is tijdelijk geblokkeerd"
WRONG = "Voer een juiste gebruikersnaam en wachtwoord in"


def _fail(client, username, times, **extra):
    for _ in range(times):
        response = login_post(client, username, "fout-wachtwoord", **extra)
    return response


def test_five_failures_lock_the_username_even_for_the_right_password(client, boa):
    assert settings.LOGIN_FAILURE_LIMIT == 5
    for attempt in range(1, 5):
        response = login_post(client, "boa1", f"fout-{attempt}")
        assert response.status_code == 200
        assert WRONG in response.content.decode()
    response = login_post(client, "boa1", "fout-5")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    response = login_post(client, "boa1", "demo")
    assert response.status_code == 429
    body = response.content.decode()
    assert LOCKED in body and "15 minuten" in body
    # The message is on the application's own login page, and nobody is logged in.
    assert 'name="username"' in body and 'value="boa1"' in body
    assert client.get(reverse("home")).status_code == 302


def test_lockout_message_is_the_same_for_an_unknown_username(client, boa):
    known = _fail(client, "boa1", 5, REMOTE_ADDR="10.0.0.1").content.decode()
    unknown = _fail(client, "bestaat-niet", 5, REMOTE_ADDR="10.0.0.2").content.decode()
    alert = re.compile(r'<div class="alert alert-danger" role="alert">(.*?)</div>', re.S)
    assert LOCKED in alert.search(known).group(1)
    assert alert.search(known).group(1) == alert.search(unknown).group(1)


def test_address_is_locked_for_every_username_after_its_limit(client, make_user):
    boa = make_user(Role.BOA, username="boa-a")
    make_user(Role.BOA, username="boa-b")
    limit = settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS
    # Different usernames, each under its own limit, all from one address.
    for i in range(limit):
        login_post(client, f"gok{i}", "fout", REMOTE_ADDR="10.9.9.9")
    response = login_post(client, "boa-b", "demo", REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    # From another address the same person logs in.
    assert login_post(client, "boa-b", "demo", REMOTE_ADDR="10.1.1.1").status_code == 302
    assert AccessLogEntry.objects.filter(
        object_type="accounts.login_lockout", detail={"login_locked_out": ["ip_address"]}
    ).exists()
    assert boa.pk  # the other account was never touched


def test_each_lockout_is_access_logged_once(client, boa):
    _fail(client, "boa1", 8)
    entries = AccessLogEntry.objects.filter(object_type="accounts.login_lockout")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.object_repr == "boa1" and entry.object_id == str(boa.pk)
    assert entry.detail == {"login_locked_out": ["username"]}
    assert entry.ip_address == "127.0.0.1"


def test_lock_expires_after_the_lockout_period(client, boa):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        _fail(client, "boa1", 5)
        assert login_post(client, "boa1", "demo").status_code == 429
    # A refused try during the lockout starts the period again (axes' default).
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        assert login_post(client, "boa1", "demo").status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=14 + 16), tick=False):
        assert login_post(client, "boa1", "demo").status_code == 302


def test_functional_admin_sees_the_lock_and_lifts_it(client, boa, functional_admin):
    from django.test import Client

    _fail(client, "boa1", 5)
    admin = Client()
    admin.force_login(functional_admin)
    page = admin.get(reverse("accounts:user_update", args=[boa.pk])).content.decode()
    assert "Inloggen is tijdelijk geblokkeerd na te veel mislukte pogingen." in page
    url = reverse("accounts:user_login_unlock", args=[boa.pk])
    confirm = admin.get(url).content.decode()
    assert "De inlogblokkade van" in confirm and "opheffen?" in confirm
    assert login_post(client, "boa1", "demo").status_code == 429  # a GET changes nothing
    response = admin.post(url, follow=True)
    assert "kan weer inloggen." in response.content.decode()
    entry = AccessLogEntry.objects.get(object_id=str(boa.pk), detail__login_unlocked=True)
    assert entry.user == functional_admin
    assert logs_in(client, "boa1", "demo")
    page = admin.get(reverse("accounts:user_update", args=[boa.pk])).content.decode()
    assert "Inlogblokkade opheffen" not in page


@pytest.mark.parametrize("role", [r.value for r in Role if r != Role.FUNCTIONAL_ADMIN])
def test_only_functional_admin_may_unlock(role, make_user, client_for, boa):
    response = client_for(make_user(role)).post(
        reverse("accounts:user_login_unlock", args=[boa.pk])
    )
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()


def test_password_reset_works_while_locked_and_lifts_the_lock(client, boa):
    _fail(client, "boa1", 5)
    response = client.post(reverse("password_reset"), {"email": boa.email})
    assert response.status_code == 302
    link = re.search(r"http://testserver(/wachtwoord/reset/\S+)", mail.outbox[0].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "Fiets-Regen-48", "new_password2": "Fiets-Regen-48"}
    )
    assert response.status_code == 302
    assert AccessLogEntry.objects.filter(
        object_id=str(boa.pk), detail__password_reset=True
    ).exists()
    assert logs_in(client, "boa1", "Fiets-Regen-48")


def test_admin_login_page_sends_to_the_throttled_login(client, functional_admin):
    response = client.get(reverse("admin:login"), {"next": "/beheer/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
