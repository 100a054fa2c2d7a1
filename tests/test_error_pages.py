"""Under `make run` (DEBUG on) users still get the application's own error pages."""

import pytest
from django.test import Client
from django.urls import clear_url_caches, path, set_urlconf

from accounts.roles import Role

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom)]


@pytest.mark.parametrize("technical", [False, True])
def test_unknown_url_under_debug(settings, make_user, technical):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_ERRORS = technical
    client = Client()
    client.force_login(make_user(Role.COUNCIL_MEMBER, username="raad-404"))

    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    html = response.content.decode()
    if technical:
        assert "Using the URLconf defined in" in html
    else:
        assert "Using the URLconf" not in html
        assert "Niet gevonden" in html
        assert 'href="/"' in html  # a way back


def test_forbidden_object_under_debug_is_our_404(settings, make_user):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_ERRORS = False
    client = Client()
    client.force_login(make_user(Role.PARTNER, username="partner-404"))

    response = client.get("/zaken/999999/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Niet gevonden" in html
    assert "Traceback" not in html and "Raised by" not in html


@pytest.fixture
def crashing_urlconf(settings):
    """This module's one crashing URL as the site, and the real one back afterwards: the
    failed request's URLconf must not outlive the test (later tests reverse real names)."""
    settings.ROOT_URLCONF = "tests.test_error_pages"
    yield
    settings.ROOT_URLCONF = "config.urls"
    set_urlconf(None)
    clear_url_caches()


def test_a_crash_under_debug_shows_our_500_page(settings, crashing_urlconf):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_ERRORS = False
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html and "Traceback" not in html
    assert '<a href="/">' in html
