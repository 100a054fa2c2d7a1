"""Two-factor authentication: who must use it, enrolment, the code step, throttling, reset."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import AccessLogEntry
from accounts.roles import ROLE_CAPABILITIES, Role, roles_with_personal_data
from accounts.tests.helpers import login_post

pytestmark = pytest.mark.django_db

required = override_settings(TWO_FACTOR_REQUIRED=True)
WRONG_CODE = "Deze code klopt niet of is verlopen"
LOCKED = "Te veel mislukte inlogpogingen. Inloggen is tijdelijk geblokkeerd"


def code_for(device: TOTPDevice, *, step_ahead: int = 0) -> str:
    """The code the authenticator app shows (``step_ahead`` periods later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + step_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = two_factor.totp_device_for_enrolment(user)
    codes = two_factor.two_factor_enrol_confirm(user=user, token=code_for(device))
    device.refresh_from_db()
    return device, codes


def test_two_factor_roles_follow_the_personal_data_capabilities():
    # Derived from the capabilities, not by name: every role but the council member.
    assert set(roles_with_personal_data()) == set(Role) - {Role.COUNCIL_MEMBER}
    for role in Role:
        assert two_factor.role_needs_two_factor(role) == (role in roles_with_personal_data())
    assert (
        not ROLE_CAPABILITIES[Role.COUNCIL_MEMBER]
        & {c for r in roles_with_personal_data() for c in ROLE_CAPABILITIES[r]}
        - ROLE_CAPABILITIES[Role.COUNCIL_MEMBER]
    )


@required
@pytest.mark.parametrize("role", roles_with_personal_data())
def test_a_personal_data_role_without_device_reaches_only_enrolment(client, make_user, role):
    user = make_user(role)
    response = login_post(client, user.username, "demo")
    assert response.status_code == 302
    enrol = reverse("accounts:two_factor")
    for url in [reverse("home"), reverse("accounts:access_log"), "/zaken/", "/beheer/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == enrol, url
    # JSON and htmx callers get a 401, not the enrolment page as their data.
    response = client.get(reverse("home"), headers={"accept": "application/json"})
    assert response.status_code == 401 and response.json()["two_factor_url"] == enrol
    page = client.get(enrol)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Stel eerst tweestapsverificatie in" in body
    assert reverse("accounts:two_factor_qr") in body
    qr = client.get(reverse("accounts:two_factor_qr"))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    assert client.get("/health/").status_code == 200
    assert client.post(reverse("logout")).status_code == 302


@required
def test_a_council_member_needs_no_second_factor(client, council_member):
    assert login_post(client, council_member.username, "demo").status_code == 302
    assert client.get(reverse("home")).status_code == 200


@required
def test_enrolment_with_a_wrong_code_is_refused_and_with_the_right_code_done(client, boa):
    client.force_login(boa)
    url = reverse("accounts:two_factor")
    client.get(url)
    device = TOTPDevice.objects.get(user=boa, confirmed=False)
    response = client.post(url, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()
    assert not two_factor.two_factor_is_set_up(boa)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5), tick=False):
        response = client.post(url, {"code": code_for(device)})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Uw herstelcodes" in body and "no-store" in response["Cache-Control"]
    static = StaticDevice.objects.get(user=boa)
    tokens = list(static.token_set.values_list("token", flat=True))
    assert len(tokens) == 10 and all(t in body for t in tokens)
    assert two_factor.two_factor_is_set_up(boa)
    # The session that confirmed the device is verified: the pages open.
    assert client.get(reverse("home")).status_code == 200
    assert AccessLogEntry.objects.filter(
        object_type="accounts.user", object_id=str(boa.pk), detail__two_factor="enrolled"
    ).exists()


@required
def test_login_asks_for_the_code_and_refuses_a_wrong_one_in_dutch(client, boa):
    device, _codes = enrolled(boa)
    response = login_post(client, "boa1", "demo")
    assert response.status_code == 302 and response["Location"] == reverse("login_code")
    # Not logged in yet: no page opens between the password and the code.
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
    response = client.post(reverse("login_code"), {"code": "12345"})
    assert response.status_code == 200
    assert WRONG_CODE in response.content.decode()
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
    # django-otp throttles the device after a failure; a moment later the right code works
    # (the next period's: the code of the enrolment cannot be used twice).
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5), tick=False):
        response = client.post(reverse("login_code"), {"code": code_for(device, step_ahead=1)})
        assert response.status_code == 302 and response["Location"] == reverse("home")
        assert client.get(reverse("home")).status_code == 200


@required
def test_a_recovery_code_works_once(client, boa):
    _device, codes = enrolled(boa)
    login_post(client, "boa1", "demo")
    response = client.post(reverse("login_code"), {"code": codes[0]})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    client.post(reverse("logout"))
    login_post(client, "boa1", "demo")
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5), tick=False):
        response = client.post(reverse("login_code"), {"code": codes[0]})
    assert response.status_code == 200 and WRONG_CODE in response.content.decode()


@required
def test_wrong_codes_count_toward_the_login_throttle(client, boa):
    enrolled(boa)
    login_post(client, "boa1", "fout")
    login_post(client, "boa1", "fout")  # two wrong passwords
    login_post(client, "boa1", "demo")
    client.post(reverse("login_code"), {"code": "999999x"})
    client.post(reverse("login_code"), {"code": "abcdefgh"})
    response = client.post(reverse("login_code"), {"code": "zzzzzzzz"})  # the fifth failure
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    # The code step starts over, and the password step is locked too.
    assert client.get(reverse("login_code"))["Location"] == reverse("login")
    response = login_post(client, "boa1", "demo")
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert AccessLogEntry.objects.filter(detail__login_locked_out=["username"]).count() == 1


@required
def test_the_code_step_expires(client, boa):
    enrolled(boa)
    login_post(client, "boa1", "demo")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6), tick=False):
        response = client.get(reverse("login_code"))
    assert response["Location"] == reverse("login")


def test_a_person_with_a_device_is_asked_for_the_code_even_when_not_required(client, boa):
    enrolled(boa)
    assert login_post(client, "boa1", "demo")["Location"] == reverse("login_code")


def test_without_the_requirement_demo_users_log_in_with_the_password_alone(client, boa):
    assert login_post(client, "boa1", "demo")["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


@required
def test_a_session_without_a_code_is_ended_when_the_person_has_a_device(client, boa):
    enrolled(boa)
    client.force_login(boa)  # e.g. logged in before the requirement was switched on
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


@required
def test_functional_admin_resets_a_device_and_it_is_logged(client, boa, functional_admin):
    enrolled(boa)
    enrolled(functional_admin)
    client.force_login(functional_admin)
    session = client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=functional_admin).persistent_id
    session.save()
    page = client.get(reverse("accounts:user_update", args=[boa.pk]))
    assert "Tweestapsverificatie herstellen" in page.content.decode()
    url = reverse("accounts:user_two_factor_reset", args=[boa.pk])
    assert "herstellen?" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=boa).exists()
    assert not StaticDevice.objects.filter(user=boa).exists()
    entry = AccessLogEntry.objects.get(detail__two_factor="reset")
    assert entry.user == functional_admin and entry.object_id == str(boa.pk)
    assert entry.detail["devices_removed"] == 2
    # At the next login the boa enrols again.
    client.post(reverse("logout"))
    assert login_post(client, "boa1", "demo")["Location"] == reverse("home")
    assert client.get(reverse("home"))["Location"] == reverse("accounts:two_factor")


@pytest.mark.parametrize("role", [r for r in Role if r != Role.FUNCTIONAL_ADMIN])
def test_nobody_but_the_functional_admin_resets_a_device(client, make_user, boa, role):
    enrolled(boa)
    other = make_user(role)
    client.force_login(other)
    url = reverse("accounts:user_two_factor_reset", args=[boa.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404
        assert "Tweestapsverificatie van" not in response.content.decode()
    assert TOTPDevice.objects.filter(user=boa, confirmed=True).exists()
    assert not AccessLogEntry.objects.filter(detail__two_factor="reset").exists()


def test_the_functional_admin_cannot_reset_a_superuser(client, make_user, functional_admin):
    root = make_user(Role.FUNCTIONAL_ADMIN, is_superuser=True, is_staff=True)
    enrolled(root)
    client.force_login(functional_admin)
    response = client.post(reverse("accounts:user_two_factor_reset", args=[root.pk]))
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=root).exists()


@required
def test_a_superuser_must_enrol_too(client, make_user):
    root = make_user(Role.COUNCIL_MEMBER, is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get(reverse("home"))["Location"] == reverse("accounts:two_factor")


def test_new_recovery_codes_replace_the_old_ones(client, boa):
    _device, old = enrolled(boa)
    client.force_login(boa)
    response = client.post(reverse("accounts:two_factor_recovery_codes"))
    assert response.status_code == 200
    new = list(StaticDevice.objects.get(user=boa).token_set.values_list("token", flat=True))
    assert len(new) == 10 and not set(new) & set(old)
    assert AccessLogEntry.objects.filter(detail__two_factor="recovery_codes_renewed").exists()


def test_the_enrolment_page_speaks_english_when_chosen(client, boa):
    client.force_login(boa)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("accounts:two_factor")).content.decode()
    assert "Two-factor authentication" in body and "Scan this QR code" in body


def test_device_secrets_are_not_in_django_admin(client, make_user):
    root = make_user(Role.FUNCTIONAL_ADMIN, is_superuser=True, is_staff=True)
    enrolled(root)
    client.force_login(root)
    index = client.get("/beheer/").content.decode()
    assert "otp_totp" not in index and "otp_static" not in index
    for url in ["/beheer/otp_totp/totpdevice/", "/beheer/otp_static/staticdevice/"]:
        assert client.get(url).status_code == 404
