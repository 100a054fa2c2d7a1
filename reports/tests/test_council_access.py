"""A council member sees the council portal and nothing else of the application.

Walks every URL pattern of the project (so pages that other apps add later are
covered too), fills path parameters with the ids of real records, and expects 404
for every page outside the portal, on GET and, where GET is not allowed, on POST.
"""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

from enforcement.tests.factories import (
    AreaFactory,
    IncidentFactory,
    PatrolLogFactory,
    ThemeFactory,
    ViolationFactory,
)
from reports.models import ReportBuild
from reports.services import report_build, report_publish
from reports.tests.conftest import Q2

pytestmark = pytest.mark.django_db

# Pages a council member may open (or that hold nothing of the application).
ALLOWED = {
    "home",
    "login",
    "logout",
    "health",
    "set_language",
    "reports:portal",
    "reports:portal_detail",
    "reports:portal_download",
    "reports:portal_compare",
    "reports:portal_trend",
    # DESIGN: council members read the adopted execution programme (PROGRAMME_READ_ADOPTED).
    "planning:programme_list",
    "planning:programme_detail",
    "planning:programme_pdf",
    # The installable web app: the worker script, its manifest and the offline fallback
    # page hold nothing of the application; the status answers only the user's own id,
    # a CSRF token and the pages to keep; the device-queue page is an empty shell that
    # the page's script fills from this device's own storage.
    "service_worker",
    "manifest",
    "offline",
    "enforcement:offline_status",
    "enforcement:offline_queue",
    # The API's schema and its documentation page describe the API, they hold no data;
    # its operational endpoints answer a council member 404 (api/tests/test_endpoints.py).
    "api:schema",
    "api:docs",
    "api:report_list",
    "api:report_figures",
    # Open311's public GETs (no personal data, api/open311.py); POST needs a token that
    # may register incidents (api/tests/test_open311.py).
    "open311:root",
    "open311:discovery",
    "open311:services",
    "open311:service_definition",
    "open311:requests",
    "open311:request_detail",
}
# Personal items: the password, and two-factor authentication (optional for a council
# member, who holds no personal data, but theirs to set up; the code step of the login).
ALLOWED_PREFIXES = ("password_", "accounts:two_factor", "login_code")
# The Django admin answers non-staff users with its own login page; no data is shown.
SKIPPED_NAMESPACES = ("admin",)


def _walk(patterns, ns=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = ns
            if p.namespace:
                inner = f"{ns}:{p.namespace}" if ns else p.namespace
            yield from _walk(p.url_patterns, inner)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{ns}:{p.name}" if ns else p.name), p


def _converters(name):
    """Converters of every path parameter of the named URL, across its resolver chain."""
    resolver = get_resolver()
    found = {}

    def visit(patterns, ns=None, acc=None):
        for p in patterns:
            conv = dict(acc or {})
            conv.update(getattr(p.pattern, "converters", {}))
            if isinstance(p, URLResolver):
                inner = ns
                if p.namespace:
                    inner = f"{ns}:{p.namespace}" if ns else p.namespace
                visit(p.url_patterns, inner, conv)
            elif p.name and (f"{ns}:{p.name}" if ns else p.name) == name:
                found.update(conv)

    visit(resolver.url_patterns)
    return found


def _operational_urls(sample_ids):
    for name, pattern in _walk(get_resolver().url_patterns):
        if name in ALLOWED or name.startswith(ALLOWED_PREFIXES):
            continue
        if name.split(":")[0] in SKIPPED_NAMESPACES:
            continue
        converters = _converters(name)
        candidates = [{}]
        for kwarg, conv in converters.items():
            if isinstance(conv, IntConverter):
                values = sample_ids
            elif isinstance(conv, UUIDConverter):
                values = [uuid.uuid4()]
            else:
                values = ["pdf", "x"]
            candidates = [{**c, kwarg: v} for c in candidates for v in values]
        for kwargs in candidates:
            try:
                yield name, reverse(name, kwargs=kwargs)
            except Exception:  # a regex pattern we cannot fill: skip that combination
                continue


@pytest.fixture
def sample_ids(known_data, policy_officer):
    draft = report_build(period=Q2, actor=policy_officer)
    ids = {
        IncidentFactory().pk,
        PatrolLogFactory().pk,
        ViolationFactory().pk,
        AreaFactory().pk,
        ThemeFactory().pk,
        draft.pk,
        ReportBuild.objects.get().pk,
        policy_officer.pk,
        1,
    }
    return sorted(ids)


def test_council_member_gets_404_on_every_operational_page(sample_ids, council_member, client):
    client.force_login(council_member)
    checked, leaks = set(), []
    for name, url in _operational_urls(sample_ids):
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url)
        checked.add(name)
        if response.status_code != 404:
            leaks.append((name, url, response.status_code))
    assert not leaks, f"council member reached: {leaks}"
    # The reports pages for staff are among the pages checked.
    assert {"reports:dashboard", "reports:report_list", "reports:report_detail"} <= checked


def test_council_member_reaches_the_portal(known_data, policy_officer, council_member, client):
    report = report_publish(report_id=report_build(period=Q2).pk, actor=policy_officer)
    client.force_login(council_member)
    for url in (
        reverse("reports:portal"),
        reverse("reports:portal_detail", args=[report.pk]),
        reverse("reports:portal_compare"),
        reverse("reports:portal_trend"),
        reverse("reports:portal_download", args=[report.pk, "csv"]),
    ):
        assert client.get(url).status_code == 200, url
