"""axe-core over every page of the demo roles (one page of each URL shape), at 375 px
and 1280 px, with the menu closed and open: no critical and no serious finding.

A page shape is checked as the first role (in DEMO_ROLES order) that reaches it; each
role's home page and menu (every drop-down open, both widths) are checked for every role.
That keeps the run at a few minutes with one browser and one log-in per role.

Set AXE_REPORT=path to also write the counts per page (all impacts) as JSON.
"""

import io
import json
import os
from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from tests.browser import axe
from tests.browser.conftest import BrowserProblems, close_context, log_in, new_watched_context
from tests.csp import DEMO_ROLES, role_pages, shape

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 375, "height": 740}


def _dropdowns(page):
    return page.locator("header [data-bs-toggle='dropdown']:visible")


def _check_open_menus(page, record, label):
    """Each drop-down of the menu bar opened in turn, checked inside the header."""
    toggles = _dropdowns(page)
    for i in range(toggles.count()):
        toggle = toggles.nth(i)
        toggle.click()
        page.locator("header .dropdown-menu.show").first.wait_for()
        record(f"{label} dropdown {i + 1}", axe.run(page, "header"))
        page.keyboard.press("Escape")


def _check_page(page, url, record, first):
    page.set_viewport_size(WIDE)
    page.goto(url)
    page.wait_for_load_state("load")
    record("1280", axe.run(page))
    if first:
        _check_open_menus(page, record, "1280")
    page.set_viewport_size(NARROW)
    page.wait_for_timeout(50)
    record("375", axe.run(page))
    toggler = page.locator("header .navbar-toggler")
    if toggler.count() and toggler.is_visible():
        toggler.click()
        page.locator("header .navbar-collapse.show").wait_for()
        page.wait_for_timeout(400)  # the collapse animation
        record("375 menu open", axe.run(page, "header"))
        if first:
            _check_open_menus(page, record, "375")


def test_no_serious_or_critical_accessibility_findings_on_any_page(chromium, live_server):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    problems = BrowserProblems()
    findings, report, seen = [], {}, set()
    for username in DEMO_ROLES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        pages = [
            url for url in role_pages(client, limit=60) if url == "/" or shape(url) not in seen
        ]
        seen.update(shape(url) for url in pages)
        context = new_watched_context(chromium, live_server.url, problems)
        axe.install(context)
        page = context.new_page()
        log_in(page, username)
        for n, url in enumerate(pages):

            def record(state, violations, url=url):
                key = f"{username} {url} [{state}]"
                report[key] = {
                    "impacts": dict(Counter(v["impact"] for v in violations)),
                    "rules": sorted({f"{v['impact']} {v['id']}" for v in violations}),
                }
                if bad := axe.blocking(violations):
                    findings.append(f"{key}: {axe.describe(bad)}")

            _check_page(page, url, record, first=n == 0)
        close_context(context)
    if path := os.environ.get("AXE_REPORT"):
        with open(path, "w") as f:
            json.dump(report, f, indent=1, sort_keys=True)
    problems.check()
    assert len(report) > 7 * 3 * 10
    assert not findings, "\n".join(findings)
