"""Every GET parameter of every page, with a NUL byte: a clear answer, never a 500.

The crawler opens each URL without arguments as each role, reads the parameters
the page itself offers (fields of its GET forms, query keys of its links to the
same page) plus the keys the views read (``request.GET.get("...")``), and asks the
page again with each parameter set to ``\\x00``: a 400 with a Dutch message. PostgreSQL refuses NUL in text, so
a raw value reaching a query shows up as a 500.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role
from accounts.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
SKIP = {"accounts:logout", "health", "set_language"}
CONTROL_MESSAGE = "Dit bevat een ongeldig teken (een stuurteken, zoals een nul-byte)"


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name and not p.pattern.converters:
            yield prefix + p.name


def urls_without_arguments() -> list[str]:
    out = []
    for name in sorted(set(_names(get_resolver().url_patterns))):
        if name in SKIP:
            continue
        try:
            out.append(reverse(name))
        except Exception:  # noqa: BLE001 (patterns with regex groups)
            continue
    return out


def keys_read_by_views() -> set[str]:
    keys = set()
    pattern = re.compile(r"request\.GET(?:\.get|\.getlist)?[\(\[]\s*\"([a-z_]+)\"")
    for path in ROOT.glob("*/views*/**/*.py"):
        keys |= set(pattern.findall(path.read_text()))
    for path in ROOT.glob("*/views*.py"):
        keys |= set(pattern.findall(path.read_text()))
    return keys


class _Params(HTMLParser):
    """Names of GET-form fields and the query keys of links to ``path``."""

    def __init__(self, path):
        super().__init__()
        self.path, self.keys, self._get_form = path, set(), False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._get_form = (a.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self._get_form and a.get("name"):
            self.keys.add(a["name"])
        elif tag == "a" and a.get("href"):
            parts = urlsplit(a["href"])
            if parts.path in ("", self.path):
                self.keys |= {k for k, _ in parse_qsl(parts.query, keep_blank_values=True)}

    def handle_endtag(self, tag):
        if tag == "form":
            self._get_form = False


@pytest.fixture
def role_users(make_user):
    team = TeamFactory(name="Team Centrum")
    users = []
    for role in Role.values:
        kwargs = {"team": team} if role in (Role.BOA, Role.TEAM_LEAD) else {}
        users.append(make_user(role, username=f"crawl-{role}", **kwargs))
    return users


def _check(client, url, key, failures):
    response = client.get(url, {key: "a\x00b"})
    page = response.content.decode(errors="replace")
    if response.status_code != 400 or CONTROL_MESSAGE not in page:
        failures.append((url, key, response.status_code))


# Typed by a person into a search box: after a form's validation (length, no control
# characters) they reach a query as text, by design. Every other parameter is a choice,
# a number, a date or a flag, and must be validated into one before any query uses it.
FREE_TEXT_KEYS = {"q", "address", "person", "purpose", "offence_q", "search", "location"}
# Garbage no form would let through: a number beyond bigint, and a non-number that
# shows up in the SQL if a raw value reaches a query.
OVERFLOW = "99999999999999999999"
TOKEN = "zzq7'raw<"
FREE_TEXT = "zzfree'text<"


def _crawl(client, role_users) -> dict[str, tuple[object, set[str], set[str]]]:
    """Per page: the user that sees most of its parameters, its form keys, all keys."""
    code_keys = keys_read_by_views()
    pages: dict[str, tuple[object, set[str], set[str]]] = {}
    exports = []
    for user in role_users:
        client.force_login(user)
        for url in urls_without_arguments():
            first = client.get(url)
            if first.status_code != 200:
                continue
            if first.get("Content-Type", "").startswith(("application/", "text/csv")):
                exports.append((url, user))
                continue
            parser = _Params(url)
            parser.feed(first.content.decode())
            form_keys = parser.keys - {"csrfmiddlewaretoken"}
            best, best_form, keys = pages.get(url, (user, form_keys, set()))
            if len(form_keys) > len(best_form):
                best, best_form = user, form_keys
            pages[url] = (best, best_form, keys | form_keys | code_keys)
    # An export takes its list's filters (``/zaken/export.csv`` those of ``/zaken/``).
    for url, user in exports:
        parent = url.rsplit("/", 1)[0] + "/"
        keys = pages.get(parent, (None, set(), code_keys))[2]
        pages.setdefault(url, (user, set(), keys | code_keys))
    return pages


def test_nul_byte_and_garbage_in_any_known_get_parameter_give_a_clear_answer(client, role_users):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.raise_request_exception = False
    pages = _crawl(client, role_users)
    failures, raw = [], []
    for url, (user, form_keys, keys) in sorted(pages.items(), key=lambda p: p[1][0].pk):
        client.force_login(user)
        for key in sorted(keys):
            _check(client, url, key, failures)
        # Every parameter of the page at once: a choice that is no choice, an id beyond
        # any integer, a date that is none. The page answers (the default or a Dutch
        # message), and no raw value reaches a SELECT.
        for value in (OVERFLOW, TOKEN):
            # Free text reaches a query as text by design; it gets a token of its own.
            params = {key: FREE_TEXT if key in FREE_TEXT_KEYS else value for key in keys}
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, params)
            if response.status_code >= 500:
                failures.append((url, "all", value, response.status_code))
            raw += [
                (url, q["sql"][:300])
                for q in queries.captured_queries
                if q["sql"].lstrip().upper().startswith("SELECT") and "zzq7" in q["sql"]
            ]
    assert len(pages) > 40
    assert sum(len(keys) for _, _, keys in pages.values()) > 200
    assert sorted(failures, key=str) == []
    assert raw == []


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f"])
def test_control_characters_in_the_nearby_lookup_and_forms_before_they_validate(client, boa, char):
    """The incident form's nearby look-up and the violation form's repeat look-up
    query typed values before the form validates: refused first, in Dutch."""
    from enforcement.tests.factories import IncidentFactory, OffenceFactory

    client.raise_request_exception = False
    client.force_login(boa)
    incident = IncidentFactory(registered_by=boa)
    requests = [
        ("get", reverse("enforcement:incident_nearby"), {"address": f"Kerk{char}straat 1"}),
        ("post", reverse("enforcement:incident_create"), {"address": f"Kerk{char}straat 1"}),
        (
            "post",
            reverse("enforcement:violation_form_part", args=[incident.pk]),
            {
                "offence": OffenceFactory().pk,
                "offender_name": f"Jan{char}",
                "address": f"Kerk{char}straat",
                "offence_q": char,
            },
        ),
    ]
    for method, url, data in requests:
        response = getattr(client, method)(url, data)
        assert response.status_code == 400, url
        assert CONTROL_MESSAGE in response.content.decode()


def test_tab_and_line_breaks_stay_allowed(client, boa):
    client.force_login(boa)
    response = client.get(reverse("enforcement:incident_nearby"), {"address": "Kerkstraat\t1"})
    assert response.status_code == 200
