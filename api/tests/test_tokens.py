"""System tokens: hashed, shown once, expiring, revocable, rate-limited, never a login."""

import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AccessLogEntry, ApiToken
from accounts.roles import Role
from accounts.services.tokens import api_token_revoke

pytestmark = pytest.mark.django_db
URL = "/api/v1/referentie/themas/"


def _error(response):
    return response.json()["fout"]


def test_the_key_is_stored_only_as_its_hash(make_token):
    token, key = make_token()
    assert key.startswith(f"hh_{token.prefix}_")
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = ApiToken.objects.filter(pk=token.pk).values()[0]
    assert key not in {str(v) for v in stored.values()}
    assert token.user.is_system_account and not token.user.has_usable_password()


def test_a_valid_token_reaches_the_api_and_notes_its_use(api_for):
    client = api_for(Role.BOA)
    response = client.get(URL)
    assert response.status_code == 200
    client.token.refresh_from_db()
    assert client.token.last_used_at is not None


@pytest.mark.parametrize(
    "header, code",
    [
        (None, "niet_aangemeld"),
        ("Bearer hh_000000000000_" + "x" * 40, "sleutel_ongeldig"),
        ("Bearer nonsense", "sleutel_ongeldig"),
        ("Bearer a b", "sleutel_ongeldig"),
    ],
)
def test_without_a_known_key_the_answer_is_401_in_the_error_shape(header, code):
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(URL)
    assert response.status_code == 401
    assert _error(response)["code"] == code
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused(api_for, make_user):
    client = api_for(Role.BOA)
    api_token_revoke(actor=make_user(Role.FUNCTIONAL_ADMIN), token=client.token)
    response = client.get(URL)
    assert response.status_code == 401
    assert _error(response)["melding"] == "Deze API-sleutel is ingetrokken."


def test_an_expired_token_is_refused(api_for):
    client = api_for(Role.BOA)
    ApiToken.objects.filter(pk=client.token.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(URL)
    assert response.status_code == 401
    assert _error(response)["melding"] == "Deze API-sleutel is verlopen."


def test_a_system_account_cannot_log_in_to_the_web_application(make_token, client):
    token, _key = make_token()
    token.user.set_password("geheim-wachtwoord-123")
    token.user.save()
    response = client.post(
        reverse("login"), {"username": token.user.username, "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_rate_limit_counts_per_token_in_dutch(api_for, monkeypatch):
    from api.throttling import TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"token": "3/minute"})
    first, second = api_for(Role.BOA), api_for(Role.TEAM_LEAD)
    assert [first.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    refused = first.get(URL)
    assert refused.status_code == 429
    assert _error(refused)["code"] == "te_veel_verzoeken"
    assert "Te veel verzoeken" in _error(refused)["melding"]
    assert int(refused["Retry-After"]) > 0
    assert second.get(URL).status_code == 200  # another token has its own count


def test_the_admin_creates_a_token_sees_the_key_once_and_revokes_it(client_for, functional_admin):
    from accounts.tests.factories import TeamFactory

    team = TeamFactory(name="Team Noord")
    client = client_for(functional_admin)
    page = client.get(reverse("accounts:token_create"))
    assert page.status_code == 200 and "Nieuwe API-sleutel" in page.content.decode()
    until = (timezone.localdate() + dt.timedelta(days=90)).isoformat()
    form = {"name": "Signalen", "role": Role.BOA, "team": team.pk, "expires_on": until}
    shown = client.post(reverse("accounts:token_create"), form)
    body = shown.content.decode()
    token = ApiToken.objects.get()
    assert "Kopieer de sleutel nu" in body and f"hh_{token.prefix}_" in body
    listing = client.get(reverse("accounts:token_list")).content.decode()
    assert "Signalen" in listing and f"hh_{token.prefix}_…" in listing
    assert f"hh_{token.prefix}_" + "x" not in listing
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    actions = list(
        AccessLogEntry.objects.filter(object_type="accounts.apitoken").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["change", "create"]


def test_the_token_form_keeps_what_was_typed_and_names_the_error(client_for, functional_admin):
    client = client_for(functional_admin)
    until = (timezone.localdate() + dt.timedelta(days=9)).isoformat()
    response = client.post(
        reverse("accounts:token_create"),
        {"name": "Meldingen-app", "role": Role.BOA, "expires_on": until},
    )
    body = response.content.decode()
    assert "Een handhaver of teamleider hoort bij een team." in body
    assert 'value="Meldingen-app"' in body
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    "role", [Role.BOA, Role.TEAM_LEAD, Role.POLICY_OFFICER, Role.COUNCIL_MEMBER]
)
def test_only_the_functional_admin_manages_tokens(role, make_user, client_for):
    client = client_for(make_user(role))
    for url in (reverse("accounts:token_list"), reverse("accounts:token_create")):
        response = client.get(url)
        assert response.status_code == 404
