"""Playwright on Debian's Chromium, against pytest-django's live server.

Tests get ``browser_page`` (a phone-sized page, 375x740) and ``login(page, user)``.
Every test fails at teardown on a Content-Security-Policy violation, a console error,
a script error, a failed subresource in its pages, or a refusal of the offline protocol
(422 JSON) that the page did not show (``BrowserProblems``).
They are skipped, with the reason, when /usr/bin/chromium is not installed.
"""

import os
import re
import shutil
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls of the
# test body (factories, asserts) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The service worker's own requests show up in context.route() only with this flag;
# the offline tests use it to cut the worker off too (set_offline alone does not).
os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(
        reason=f"Chromium not installed at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def chromium(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
    yield browser
    browser.close()


# Records every Content-Security-Policy violation in the page (also across navigations,
# through the exposed binding); the test fails at teardown when there is one.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__reportProblem(
    `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} ` +
    `at ${e.sourceFile || document.location.href}:${e.lineNumber} (${e.sample || ""})`
  );
});
"""
# A 1x1 transparent PNG: answers for map tiles, so tests need no internet.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


OFFLINE_STATUS_PATH = "/registratie/offline/status/"
# static/js/offline.js dispatches this once it has shown a refusal of the server to the
# user (a 422 answer of the offline protocol: the form with the server's messages).
REFUSAL_LISTENER = """
document.addEventListener("hh:refusal-shown", (e) => window.__refusalShown(e.detail.url));
"""


def is_refusal(resp) -> bool:
    """A 422 of the offline protocol (accounts.offline.refused): the JSON the page asked for."""
    return (
        resp.status == 422
        and resp.request.headers.get("x-hh-offline") == "1"
        and resp.headers.get("content-type", "").startswith("application/json")
    )


class BrowserProblems(list):
    """CSP violations, console errors, script errors and failed subresources of a page.

    A refusal of the offline protocol (422 JSON) is a fault only when the page did not
    show it: each one must be followed by the page's "hh:refusal-shown" for its URL."""

    def __init__(self):
        super().__init__()
        self.refusals: dict[str, int] = {}  # URL -> refusals answered minus refusals shown

    def _refusal(self, url: str, step: int) -> None:
        self.refusals[url] = self.refusals.get(url, 0) + step

    def watch(self, context, base_url: str, *, route_others: bool = True) -> None:
        context.expose_binding("__reportProblem", lambda source, text: self.append(text))
        context.expose_binding("__refusalShown", lambda source, url: self._refusal(url, -1))
        context.add_init_script(CSP_LISTENER)
        context.add_init_script(REFUSAL_LISTENER)
        context.on("page", lambda page: self._watch_page(page))
        if not route_others:
            # The offline tests' phones: a route on the context from the start kept
            # Chromium's service worker from taking control of the page.
            return
        # Nothing leaves the machine: other origins (the map tile server) get a blank image.
        # A pattern, not a Python predicate: the browser matches it, so our own requests
        # never wait for this (Python) side to answer whether they are routed.
        context.route(
            re.compile("^(?!" + re.escape(base_url) + ")"),
            lambda route: (
                route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
                if route.request.resource_type == "image"
                else route.abort()
            ),
        )

    def _watch_page(self, page) -> None:
        def console(msg):
            # A page answered 403/404 on purpose is logged as "Failed to load resource";
            # failed subresources are caught below, by their response.
            # htmx logs a superseded request (a newer keystroke replaced it, or its
            # element was swapped out) as "htmx:sendAbort" plus "htmx:afterRequest": not a
            # fault. A failed htmx response still shows as htmx:responseError and by status.
            if msg.type == "error" and not msg.text.startswith(
                ("Failed to load resource", "htmx:sendAbort", "htmx:afterRequest")
            ):
                self.append(f"console error on {page.url}: {msg.text}")

        def response(resp):
            # The offline script asks /registratie/offline/status/ who is logged in; a 401
            # there is its answer for "no session" (after logging out), not a fault, and so
            # is Django's 400 for a status request the logout overtook (its session was
            # deleted while it ran: SessionInterrupted); the script tries again later.
            expected = resp.status in (400, 401) and urlsplit(resp.url).path == OFFLINE_STATUS_PATH
            if is_refusal(resp):
                self._refusal(resp.url, +1)  # expected only once the page has shown it
            elif resp.status >= 400 and resp.request.resource_type != "document" and not expected:
                self.append(f"{resp.status} for {resp.request.resource_type} {resp.url}")

        page.on("console", console)
        page.on("pageerror", lambda exc: self.append(f"script error on {page.url}: {exc}"))
        page.on("response", response)

    def unshown_refusals(self) -> list[str]:
        return [
            f"422 for {url}: the server's refusal was not shown to the user"
            for url, left in self.refusals.items()
            if left > 0
        ]

    def check(self) -> None:
        self.extend(self.unshown_refusals())
        if self:
            pytest.fail("The browser reported problems:\n" + "\n".join(self), pytrace=False)


def close_context(context) -> None:
    """Close a context so that no route handler outlives its test: a handler still
    answering a request when the context goes would raise "Request context disposed"
    into whichever test runs next (seen in CI at the set-up of the test after the
    offline CSRF test). Its errors are dropped."""
    context.unroute_all(behavior="ignoreErrors")
    context.close()


def new_watched_context(chromium, base_url: str, problems: BrowserProblems, **options):
    """A browser context whose CSP violations and console errors land in ``problems``."""
    # Tests of the installable app (test_offline.py) allow service workers in their own context.
    options.setdefault("service_workers", "block")
    context = chromium.new_context(base_url=base_url, locale="nl-NL", **options)
    context.set_default_timeout(10_000)
    problems.watch(context, base_url)
    return context


PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def browser_problems():
    return BrowserProblems()


@pytest.fixture
def browser_page(chromium, live_server, browser_problems):
    context = new_watched_context(chromium, live_server.url, browser_problems, **PHONE)
    page = context.new_page()
    yield page
    close_context(context)
    browser_problems.check()


def log_in(page, username: str, password: str = "demo"):
    """Log in through the login form, as a person would, and wait to be let in."""
    page.goto("/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


@pytest.fixture
def login():
    """``log_in`` for a user object."""

    def _login(page, user, password: str = "demo"):
        return log_in(page, user.username, password)

    return _login


@pytest.fixture
def logout():
    """Log out through the menu's form, as a person does before handing the device over:
    the offline script clears the device first, then the form goes. (Clearing the
    cookies instead raced the service worker's background refreshes: one sent without
    a cookie could come back after the login page and hand out a new CSRF cookie, so
    the next login was refused.)"""

    def _logout(page):
        page.locator("form[data-hh-logout]").evaluate("form => form.requestSubmit()")
        page.wait_for_url(lambda url: "/login/" in url)
        return page

    return _logout
