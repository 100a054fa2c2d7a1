"""Login, logout, password reset by e-mail and the session timeout."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.tests.helpers import logs_in

pytestmark = pytest.mark.django_db


def test_login_and_logout(client, boa):
    response = client.post(reverse("login"), {"username": "boa1", "password": "demo"})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_shows_dutch_message(client, boa):
    response = client.post(reverse("login"), {"username": "boa1", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


def test_password_reset_flow_by_email(client, boa):
    page = client.get(reverse("password_reset")).content.decode()
    assert "Wachtwoord vergeten" in page
    response = client.post(reverse("password_reset"), {"email": boa.email})
    assert response.status_code == 302
    assert "Kijk in uw e-mail" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Wachtwoord instellen voor Handhaving OOV"
    assert "Uw gebruikersnaam is: boa1" in message.body
    link = re.search(r"http://testserver(/wachtwoord/reset/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    set_url = response.redirect_chain[-1][0]
    assert "Nieuw wachtwoord instellen" in response.content.decode()
    # A too short password is refused.
    response = client.post(set_url, {"new_password1": "kort", "new_password2": "kort"})
    # (Django 5.2's Dutch catalogue lacks this validator's new wording; check the refusal.)
    assert response.status_code == 200
    assert 'id="id_new_password2_error"' in response.content.decode()
    response = client.post(
        set_url, {"new_password1": "Fiets-Regen-48", "new_password2": "Fiets-Regen-48"}
    )
    assert response.status_code == 302
    assert "Wachtwoord ingesteld" in client.get(response["Location"]).content.decode()
    assert logs_in(client, "boa1", "Fiets-Regen-48")
    # The link works once.
    client.logout()
    assert "niet (meer) geldig" in client.get(link, follow=True).content.decode()


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change(client, boa):
    client.force_login(boa)
    assert "Wachtwoord wijzigen" in client.get(reverse("password_change")).content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "demo",
            "new_password1": "Lange-Avond-77",
            "new_password2": "Lange-Avond-77",
        },
    )
    assert response.status_code == 302
    assert "Uw wachtwoord is gewijzigd." in client.get(response["Location"]).content.decode()


def test_session_older_than_timeout_is_logged_out(client, boa):
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        client.post(reverse("login"), {"username": "boa1", "password": "demo"})
        assert client.get(reverse("home")).status_code == 200
    # Activity within the timeout keeps the session alive (it is saved every request).
    half = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE * 0.75)
    with time_machine.travel(start + half, tick=False):
        assert client.get(reverse("home")).status_code == 200
    later = start + half + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)
    with time_machine.travel(later, tick=False):
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_active_session_ends_at_the_absolute_lifetime(client, boa):
    """Busy all day, the login still ends SESSION_ABSOLUTE_SECONDS after it began."""
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
    start = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)
    step = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE // 2)
    with time_machine.travel(start, tick=False):
        assert logs_in(client, "boa1", "demo")
        assert client.get(reverse("home")).status_code == 200
    moment = start
    limit = start + dt.timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS)
    while moment + step < limit:
        moment += step
        with time_machine.travel(moment, tick=False):
            assert client.get(reverse("home")).status_code == 200, moment
    with time_machine.travel(limit + dt.timedelta(seconds=1), tick=False):
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        page = client.get(response["Location"]).content.decode()
    assert "Uw sessie is verlopen. Log opnieuw in." in page
