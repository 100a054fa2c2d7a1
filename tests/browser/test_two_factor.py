"""Two-factor authentication in Chromium: a boa logs in, is sent to enrolment, scans (reads)
the key, confirms with a code, sees the recovery codes, logs out and logs in with a code."""

import base64
import os
import re

import pytest
from django_otp.oath import TOTP

from accounts.roles import Role
from tests.browser.conftest import close_context

from .conftest import DESKTOP, new_watched_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def app_code(secret_text: str, *, step_ahead: int = 0) -> str:
    """What an authenticator app shows for the key typed in from the page."""
    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = totp.time + step_ahead * 30
    return f"{totp.token():06d}"


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def test_boa_enrols_logs_out_and_logs_in_with_a_code(browser_page, make_user, settings):
    settings.TWO_FACTOR_REQUIRED = True
    page = browser_page
    user = make_user(Role.BOA, username="boa-2fa")

    page.goto("/login/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/accounts/tweestapsverificatie/$"))
    assert "Stel eerst tweestapsverificatie in" in page.content()
    # Any other page sends the boa back here.
    page.goto("/registratie/meldingen/")
    page.wait_for_url(re.compile(r"/accounts/tweestapsverificatie/$"))

    qr = page.get_by_role("img", name="QR-code om de app te koppelen")
    qr.wait_for()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", qr.element_handle())
    secret = page.locator("#hh-totp-secret").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    _shot(page, "2fa-enrol-375.png")

    page.get_by_label("Code").fill("000000" if app_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Bevestigen").click()
    assert "Deze code klopt niet" in page.locator("main form").inner_text()
    page.wait_for_timeout(1100)  # django-otp slows down guessing after a wrong code
    page.get_by_label("Code").fill(app_code(secret))
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("heading", name="Uw herstelcodes").wait_for()
    codes = page.locator(".hh-recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    _shot(page, "2fa-codes-375.png")
    page.get_by_role("link", name="Verder").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Goedendag")

    page.get_by_role("button", name="Menu openen").click()
    page.locator("#user-menu").click()  # a personal item, in the user menu
    assert page.get_by_role("link", name="Tweestapsverificatie").is_visible()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/login/$"))

    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/login/code/$"))
    _shot(page, "2fa-code-375.png")
    # The code of the enrolment cannot be used twice: the app's next one is.
    page.get_by_label("Code").fill(app_code(secret, step_ahead=1))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Goedendag")


def test_enrolment_page_on_a_desktop(chromium, live_server, browser_problems, make_user, settings):
    settings.TWO_FACTOR_REQUIRED = True
    context = new_watched_context(chromium, live_server.url, browser_problems, **DESKTOP)
    page = context.new_page()
    user = make_user(Role.FUNCTIONAL_ADMIN, username="admin-2fa")
    page.goto("/login/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/accounts/tweestapsverificatie/$"))
    page.locator("#user-menu").click()  # a personal item, in the user menu
    assert page.get_by_role("link", name="Tweestapsverificatie").is_visible()
    # Until enrolment is done the menu offers nothing that would only send them back here.
    assert not page.get_by_role("link", name="Gebruikers").count()
    _shot(page, "2fa-enrol-1280.png")
    close_context(context)
    browser_problems.check()
