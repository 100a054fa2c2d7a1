"""The API's pages in Chromium, phone and desktop width: the documentation page (Swagger
UI from the vendored files) and the functional admin's token pages, with no
Content-Security-Policy violation and no console error. Screenshots for review."""

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.roles import Role
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    BrowserProblems,
    close_context,
    log_in,
    new_watched_context,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("API_SHOTS_DIR") or Path(tempfile.gettempdir()) / "api-shots")


def test_the_docs_page_renders_the_schema_within_the_csp(chromium, live_server):
    problems = BrowserProblems()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, size in (("375", PHONE), ("1280", DESKTOP)):
        context = new_watched_context(chromium, live_server.url, problems, **size)
        page = context.new_page()
        page.goto("/api/v1/docs/")
        page.get_by_text("Handhaving OOV API").first.wait_for()
        page.get_by_text("/api/v1/meldingen/").first.wait_for()
        page.screenshot(path=str(SHOTS / f"docs-{name}.png"), full_page=False)
        close_context(context)
    problems.check()


def test_the_token_pages_on_phone_and_desktop(chromium, live_server, make_user):
    from accounts.services.tokens import api_token_create
    from accounts.tests.factories import TeamFactory

    admin = make_user(Role.FUNCTIONAL_ADMIN, username="beheer1")
    api_token_create(
        actor=admin,
        name="Signalen",
        role=Role.TEAM_LEAD,
        team=TeamFactory(name="Team Centrum"),
        expires_at=timezone.now() + dt.timedelta(days=90),
    )
    problems = BrowserProblems()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, size in (("375", PHONE), ("1280", DESKTOP)):
        context = new_watched_context(chromium, live_server.url, problems, **size)
        page = context.new_page()
        log_in(page, admin.username)
        page.goto("/accounts/api-sleutels/")
        assert page.locator("main h1").inner_text() == "API-sleutels"
        page.screenshot(path=str(SHOTS / f"tokens-{name}.png"), full_page=True)
        page.get_by_role("link", name="Nieuwe API-sleutel").click()
        page.get_by_label("Naam van het systeem").fill(f"Meldingenapp {name}")
        page.get_by_label("Rol").select_option(Role.POLICY_OFFICER)
        page.get_by_label("Geldig tot en met").fill(
            (timezone.localdate() + dt.timedelta(days=30)).isoformat()
        )
        page.get_by_role("button", name="Aanmaken").click()
        key = page.get_by_label("Sleutel").input_value()
        assert key.startswith("hh_")
        page.screenshot(path=str(SHOTS / f"token-created-{name}.png"), full_page=True)
        close_context(context)
    problems.check()
