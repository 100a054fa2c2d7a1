"""Content-Security-Policy and Permissions-Policy on every response, and no inline
script, style or event handler in any template or rendered page (issue 10)."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from tests.csp import (
    DEMO_ROLES,
    EXPECTED_CSP,
    EXPECTED_PERMISSIONS_POLICY,
    PDF_ONLY_TEMPLATES,
    inline_in_html,
    inline_in_template,
    parse_csp,
    role_pages,
    template_files,
)


def assert_security_headers(response, url):
    assert "Content-Security-Policy" in response, f"{url}: no Content-Security-Policy"
    assert parse_csp(response["Content-Security-Policy"]) == EXPECTED_CSP, url
    assert response["Permissions-Policy"] == EXPECTED_PERMISSIONS_POLICY, url


def test_no_template_has_inline_script_style_or_handlers():
    files = template_files()
    assert len(files) > 100  # the scan sees the project's templates
    names = {name for name, _ in files}
    assert names >= PDF_ONLY_TEMPLATES, "a PDF-only template was renamed: update the list"
    found = {
        name: problems
        for name, path in files
        if name not in PDF_ONLY_TEMPLATES
        and (problems := inline_in_template(path.read_text(encoding="utf-8")))
    }
    assert found == {}


@pytest.mark.parametrize(
    "snippet",
    [
        '<p style="color:red">',
        "<style>p{}</style>",
        "<script>alert(1)</script>",
        '<button onclick="x()">',
        '<form method="post" onsubmit="return confirm(1)">',
        '<a href="javascript:x()">',
        '<div {% if a %}style="width: {{ w }}%"{% endif %}>',
    ],
)
def test_the_template_scan_finds_each_kind_of_inline_code(snippet):
    assert inline_in_template(snippet)


def test_the_template_scan_allows_json_data_and_scripts_with_src():
    html = (
        '<script src="/static/js/app.js"></script>'
        '<script id="p" type="application/json">[1]</script>'
    )
    assert inline_in_template(html) == [] and inline_in_html(html) == []


def test_pages_without_login_carry_the_headers(client):
    for url in ["/login/", "/wachtwoord/password_reset/", "/health/", "/does-not-exist/"]:
        assert_security_headers(client.get(url), url)


@pytest.fixture
def demo(db, settings):
    call_command("seed_demo", "--force", stdout=io.StringIO())


def test_each_roles_main_pages_carry_the_headers_and_no_inline_code(demo):
    # One test for all roles: the demo municipality is loaded once.
    problems, visited = {}, {}
    for username in DEMO_ROLES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        visited[username] = pages = role_pages(client)
        assert len(pages) >= 3, (username, pages)  # home, the menu and what they link to
        for url in pages:
            response = client.get(url)
            assert_security_headers(response, url)
            if found := inline_in_html(response.content.decode()):
                problems[f"{username} {url}"] = found
    # The functional admin's Django admin (/beheer/) has the same policy.
    for url in ["/beheer/", "/beheer/accounts/user/", "/beheer/accounts/user/add/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response, url)
        if found := inline_in_html(response.content.decode()):
            problems[f"admin {url}"] = found
    assert problems == {}
    # Lists, detail pages and forms of the field, cases, planning and reports were seen.
    everything = {url for pages in visited.values() for url in pages}
    for part in ["/registratie/", "/zaken/", "/planning/", "/rapportages/"]:
        assert any(url.startswith(part) for url in everything), part


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(client_for, boa):
    html = client_for(boa).get("/").content.decode()
    assert (
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, '
        '"allowEval": false}\'>' in html
    )
