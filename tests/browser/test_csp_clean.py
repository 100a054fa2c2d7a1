"""Each demo role's main pages in Chromium, phone and desktop width: no
Content-Security-Policy violation, no console error, and the page's content rendered."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    BrowserProblems,
    close_context,
    log_in,
    new_watched_context,
)
from tests.csp import DEMO_ROLES, role_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_browser_fixture_catches_a_csp_violation(browser_page, browser_problems):
    browser_page.goto("/login/")
    browser_page.evaluate(
        "() => { const p = document.createElement('p'); p.setAttribute('style', 'color: red');"
        " document.body.append(p); }"
    )
    browser_page.wait_for_timeout(200)
    assert any("CSP violation: style-src" in p for p in browser_problems), browser_problems
    browser_problems.clear()  # the teardown would fail this test on purpose otherwise


def test_each_roles_main_pages_are_csp_clean_on_phone_and_desktop(chromium, live_server):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    problems = BrowserProblems()
    visited = 0
    for username in DEMO_ROLES:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        pages = role_pages(client, limit=10)
        for size in (PHONE, DESKTOP):
            context = new_watched_context(chromium, live_server.url, problems, **size)
            page = context.new_page()
            log_in(page, username)
            for url in pages:
                page.goto(url)
                page.wait_for_load_state("load")
                heading = page.locator("main h1").first
                assert heading.is_visible(), f"{username} {url}: no heading"
                assert heading.inner_text().strip(), f"{username} {url}: empty heading"
                visited += 1
            close_context(context)
    problems.check()
    assert visited >= 2 * 7 * 3
