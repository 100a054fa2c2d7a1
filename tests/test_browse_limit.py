"""Wpg art. 8: no browse-style request reaches a record older than the browse limit.

A table over every list and export of records with personal data (incidents,
violations, cases, shifts), for every role that can reach it: a prefix, one letter,
wildcards, a theme word, a period, sorting by oldest, deep paging, an export and the
dashboard's click-through parameters never return the old record; the targeted forms of
accounts.privacy (with a purpose) do.
"""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.tests.factories import TeamFactory, UserFactory
from cases.models import CaseStatus
from cases.tests.factories import CaseFactory, CaseShareFactory
from enforcement.models import Violation
from enforcement.tests.factories import (
    IncidentFactory,
    OffenderFactory,
    PatrolLogFactory,
    ThemeFactory,
    ViolationFactory,
)

pytestmark = pytest.mark.django_db

OLD = dt.timedelta(days=500)
ROLES = [
    Role.BOA,
    Role.TEAM_LEAD,
    Role.POLICY_OFFICER,
    Role.MANAGER,
    Role.COUNCIL_MEMBER,
    Role.PARTNER,
    Role.FUNCTIONAL_ADMIN,
]
PURPOSE = "Z-2026-000001"


@pytest.fixture
def world(settings):
    settings.WPG_BROWSE_LIMIT_DAYS = 365
    team = TeamFactory(name="Team Centrum")
    boa = UserFactory(role=Role.BOA, username="boa-old", team=team)
    theme = ThemeFactory(name="Overlast", code="overlast")
    old_at = timezone.now() - OLD
    old_incident = IncidentFactory(
        registered_by=boa,
        theme=theme,
        occurred_at=old_at,
        address="Kerkstraat 5a",
        description="overlast Kerkstraat",
        reporter_name="Oude Melder",
    )
    recent_incident = IncidentFactory(registered_by=boa, theme=theme, address="Kerkstraat 7")
    offender = OffenderFactory(
        name="Piet Oud", date_of_birth=dt.date(1980, 1, 2), coc_number="12345678"
    )
    old_violation = ViolationFactory(incident=old_incident, offender=offender)
    Violation.objects.filter(pk=old_violation.pk).update(committed_on=old_at.date())
    ViolationFactory(incident=recent_incident)
    old_case = CaseFactory(
        team=team,
        theme=theme,
        title="Overlast Kerkstraat",
        opened_at=old_at,
        closed_at=old_at + dt.timedelta(days=10),
        status=CaseStatus.CLOSED,
    )
    old_case.incidents.add(old_incident)
    CaseShareFactory(case=old_case)
    recent_case = CaseFactory(team=team, theme=theme, title="Overlast Kerkstraat nu")
    CaseShareFactory(case=recent_case)
    old_shift = PatrolLogFactory(boa=boa, started_at=old_at, ended_at=old_at + OLD / 1000)
    return {
        "boa": boa,
        "team": team,
        "theme": theme,
        "incident": old_incident,
        "violation": old_violation,
        "case": old_case,
        "shift": old_shift,
        "old_day": old_at.date().isoformat(),
    }


def _user(role, world):
    if role == Role.BOA:
        return world["boa"]
    team = world["team"] if role in (Role.BOA, Role.TEAM_LEAD) else None
    return UserFactory(role=role, team=team)


def _body(response) -> str:
    if response.get("Content-Type", "").startswith("application/vnd.openxml"):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return " ".join(
            str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row
        )
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def _marks(world) -> list[str]:
    """What would show that an old record was returned."""
    return [
        reverse("enforcement:incident_detail", args=[world["incident"].pk]),
        reverse("enforcement:violation_detail", args=[world["violation"].pk]),
        reverse("cases:detail", args=[world["case"].pk]),
        world["incident"].reference,
        world["violation"].reference,
        world["case"].reference,
        reverse("enforcement:patrol_detail", args=[world["shift"].pk]),
    ]


BROWSING = [
    {},
    {"q": "S"},
    {"q": "K"},
    {"q": "%"},
    {"q": "_"},
    {"q": "*"},
    {"q": "overlast"},
    {"q": "Kerkstraat"},
    {"q": "M-20"},
    {"address": "K"},
    {"address": "Kerkstraat"},
    {"address": "%"},
    {"address": "Kerkstraat 5%"},
    {"person": "Piet Oud"},  # a name without a date of birth
    {"person": "Kerk"},
    {"sort": "occurred_at"},
    {"sort": "date"},
    {"sort": "opened"},
    {"sort": "start"},
    {"page": "999"},
    {"page": "999", "sort": "occurred_at"},
    {"date_from": "2000-01-01", "date_to": "2100-01-01"},
    {"opened_from": "2000-01-01", "closed_from": "2000-01-01"},
    {"open_on": "OLD"},
    {"status": ""},
    # a purpose does not turn browsing into a targeted search
    {"q": "Kerkstraat", "purpose": PURPOSE},
    {"address": "Kerkstraat", "purpose": PURPOSE, "sort": "occurred_at"},
]

ENDPOINTS = [
    ("enforcement:incident_list", ()),
    ("enforcement:incident_export", ("csv",)),
    ("enforcement:incident_export", ("xlsx",)),
    ("enforcement:violation_list", ()),
    ("cases:list", ()),
    ("cases:export", ()),
    ("enforcement:patrol_list", ()),
]


@pytest.mark.parametrize("name, args", ENDPOINTS)
def test_no_browse_request_returns_an_old_record_for_any_role(client, world, name, args):
    url = reverse(name, args=args)
    reached = []
    for role in ROLES:
        client.force_login(_user(role, world))
        if client.get(url).status_code == 404:
            continue
        reached.append(role)
        for params in [*BROWSING, {"theme": world["theme"].pk}]:
            params = {k: (world["old_day"] if v == "OLD" else v) for k, v in params.items()}
            response = client.get(url, params)
            assert response.status_code == 200, (role, params)
            body = _body(response)
            for mark in _marks(world):
                assert mark not in body, (role, params, mark)
    assert reached, "no role reaches this page"


TARGETED = [
    ("enforcement:incident_list", (), {"q": "REF_INCIDENT"}),
    ("enforcement:incident_list", (), {"address": "kerkstraat 5 A"}),
    ("enforcement:incident_list", (), {"q": "Kerkstraat 5-a"}),
    ("enforcement:incident_export", ("csv",), {"address": "KERKSTRAAT 5A"}),
    ("enforcement:violation_list", (), {"q": "REF_VIOLATION"}),
    ("enforcement:violation_list", (), {"q": "REF_INCIDENT"}),
    ("enforcement:violation_list", (), {"person": "piet oud", "date_of_birth": "1980-01-02"}),
    ("enforcement:violation_list", (), {"person": "1234 5678"}),
    ("enforcement:violation_list", (), {"person": "Kerkstraat 5A"}),
    ("cases:list", (), {"q": "REF_CASE", "status": ""}),
    ("cases:list", (), {"q": "REF_INCIDENT", "status": ""}),
    ("cases:list", (), {"q": "Kerkstraat 5a", "status": ""}),
    ("cases:export", (), {"q": "REF_CASE", "status": ""}),
]


def _fill(params, world):
    refs = {
        "REF_INCIDENT": world["incident"].reference,
        "REF_VIOLATION": world["violation"].reference,
        "REF_CASE": world["case"].reference,
    }
    return {k: refs.get(v, v) for k, v in params.items()}


@pytest.mark.parametrize("name, args, params", TARGETED)
def test_a_targeted_search_with_a_purpose_reaches_the_old_record(client, world, name, args, params):
    url = reverse(name, args=args)
    exporting = name.endswith("export")
    client.force_login(_user(Role.TEAM_LEAD, world) if exporting else world["boa"])
    params = _fill(params, world)
    # A list shows the record as a link to it (the typed reference is on the page anyway).
    mark = {
        "enforcement:incident_list": reverse(
            "enforcement:incident_detail", args=[world["incident"].pk]
        ),
        "enforcement:incident_export": world["incident"].reference,
        "enforcement:violation_list": reverse(
            "enforcement:violation_detail", args=[world["violation"].pk]
        ),
        "cases:list": reverse("cases:detail", args=[world["case"].pk]),
        "cases:export": world["case"].reference,
    }[name]
    without = client.get(url, params)
    assert without.status_code == 200
    assert mark not in _body(without)
    if not exporting:
        assert "pas getoond als u het doel van de zoekvraag invult" in _body(
            client.get(url, params)
        )
    found = client.get(url, {**params, "purpose": PURPOSE})
    assert mark in _body(found)


def test_the_purpose_is_logged_with_the_targeted_search(client, world):
    client.force_login(world["boa"])
    url = reverse("enforcement:incident_list")
    response = client.get(url, {"address": "Kerkstraat 5a", "purpose": PURPOSE})
    assert world["incident"].reference in response.content.decode()
    assert "met doel" in response.content.decode()
    entry = AccessLogEntry.objects.get(action="search", object_type="enforcement.incident")
    assert entry.detail["targeted"] == {"kind": "address", "value": "KERKSTRAAT 5A"}
    assert entry.detail["purpose"] == PURPOSE
    assert entry.detail["older_included"] is True
    assert entry.detail["found"] == [world["incident"].pk]


# Issue 12: one normalisation of a name (accounts.privacy.normalise_name) decides who a
# person is, for the targeted search as for the repeat offence (Offender.match_key).
SAME_PERSON = ["zoe d'ancona", "ZOË  D’ANCONA", "Zoe dAncona", "  zoë d ancona ", "Zoë d-Ancona"]
SOMEONE_ELSE = [
    ("Z. d'Ancona", "1975-06-30"),  # an initial is not the name
    ("Zoë d’Ancona", "1975-06-29"),  # another date of birth
    ("Zoë", "1975-06-30"),  # part of the name
]


def test_the_targeted_search_finds_an_old_offender_whatever_the_case_spaces_and_diacritics(
    client, world
):
    from accounts.privacy import normalise_name
    from enforcement.offenders import offender_key

    dob = dt.date(1975, 6, 30)
    offender = OffenderFactory(name="Zoë d’Ancona", date_of_birth=dob)
    assert offender.match_key == offender_key(kind="person", name="zoe dancona", date_of_birth=dob)
    violation = ViolationFactory(incident=world["incident"], offender=offender)
    Violation.objects.filter(pk=violation.pk).update(committed_on=world["old_day"])
    link = reverse("enforcement:violation_detail", args=[violation.pk])
    client.force_login(world["boa"])
    url = reverse("enforcement:violation_list")
    for typed in SAME_PERSON:
        params = {"person": typed, "date_of_birth": dob.isoformat(), "purpose": PURPOSE}
        assert link in client.get(url, params).content.decode(), typed
    for typed, born in SOMEONE_ELSE:
        params = {"person": typed, "date_of_birth": born, "purpose": PURPOSE}
        assert link not in client.get(url, params).content.decode(), typed
    entry = AccessLogEntry.objects.filter(action="search").order_by("pk").first()
    assert entry.detail["targeted"]["value"] == normalise_name("zoe d'ancona") == "zoedancona"
    assert entry.detail["found"] == [violation.pk]
