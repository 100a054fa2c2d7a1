"""Role table: who sees which case (404 for the rest), and what partners see of it."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from cases import permissions as perms
from cases.tests.factories import CaseFactory, CaseNoteFactory, CaseShareFactory
from enforcement.tests.factories import IncidentFactory, ViolationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user, centrum, noord, police, youth):
    lead_c = make_user(Role.TEAM_LEAD, username="lead_c", team=centrum)
    lead_n = make_user(Role.TEAM_LEAD, username="lead_n", team=noord)
    boa_c = make_user(Role.BOA, username="boa_c", team=centrum)
    boa_n = make_user(Role.BOA, username="boa_n", team=noord)
    own = CaseFactory(team=centrum, opened_by=lead_c, title="Centrum")
    other = CaseFactory(team=noord, opened_by=lead_n, title="Noord")
    assigned_across = CaseFactory(team=noord, opened_by=lead_n, assignee=boa_c, title="Leen")
    shared = CaseFactory(team=noord, opened_by=lead_n, title="Gedeeld")
    CaseShareFactory(case=shared, partner_organisation=police, shared_by=lead_n)
    users = {
        "boa_c": boa_c,
        "boa_n": boa_n,
        "lead_c": lead_c,
        "lead_n": lead_n,
        "policy": make_user(Role.POLICY_OFFICER, username="pol"),
        "manager": make_user(Role.MANAGER, username="man"),
        "council": make_user(Role.COUNCIL_MEMBER, username="raad"),
        "partner_police": make_user(Role.PARTNER, username="agent", partner_organisation=police),
        "partner_youth": make_user(Role.PARTNER, username="jw", partner_organisation=youth),
        "admin": make_user(Role.FUNCTIONAL_ADMIN, username="fb"),
    }
    cases = {"own": own, "other": other, "assigned_across": assigned_across, "shared": shared}
    return users, cases


VISIBLE = {
    "boa_c": {"own", "assigned_across"},
    "boa_n": {"other", "assigned_across", "shared"},
    "lead_c": {"own"},
    "lead_n": {"other", "assigned_across", "shared"},
    "policy": {"own", "other", "assigned_across", "shared"},
    "manager": {"own", "other", "assigned_across", "shared"},
    "council": set(),
    "partner_police": {"shared"},
    "partner_youth": set(),
    "admin": set(),
}


@pytest.mark.parametrize("who", sorted(VISIBLE))
def test_cases_visible_to_role_table(world, who, client_for):
    users, cases = world
    user = users[who]
    visible = set(perms.cases_visible_to(user).values_list("title", flat=True))
    expected = {cases[k].title for k in VISIBLE[who]}
    assert visible == expected
    client = client_for(user)
    for key, case in cases.items():
        status = client.get(reverse("cases:detail", args=[case.pk])).status_code
        assert status == (200 if key in VISIBLE[who] else 404), (who, key)


CHANGE = {
    ("boa_c", "own"): True,  # unassigned case of own team
    ("boa_c", "assigned_across"): True,
    ("boa_n", "assigned_across"): False,  # assigned to someone else
    ("lead_c", "own"): True,
    ("lead_c", "other"): False,
    ("lead_n", "assigned_across"): True,
    ("policy", "own"): False,
    ("manager", "own"): False,
    ("partner_police", "shared"): False,
}


@pytest.mark.parametrize(("who", "which"), sorted(CHANGE))
def test_can_change_case_table(world, who, which):
    users, cases = world
    assert perms.can_change_case(users[who], cases[which]) is CHANGE[(who, which)]


def test_only_team_lead_of_the_team_assigns_and_shares(world):
    users, cases = world
    assert perms.can_assign_case(users["lead_c"], cases["own"])
    assert not perms.can_assign_case(users["lead_c"], cases["other"])
    assert not perms.can_assign_case(users["boa_c"], cases["own"])
    assert perms.can_share_case(users["lead_n"], cases["shared"])
    assert not perms.can_share_case(users["policy"], cases["shared"])


def test_partner_sees_phase_and_partner_notes_but_no_internals(world, client_for):
    users, cases = world
    case = cases["shared"]
    CaseNoteFactory(case=case, text="Voor de politie", visible_to_partners=True)
    CaseNoteFactory(case=case, text="Intern geheim")
    incident = IncidentFactory(address="Kerkstraat 99")
    violation = ViolationFactory(incident=incident, offender__name="Jan Overtreder")
    case.incidents.add(incident)
    case.violations.add(violation)
    body = client_for(users["partner_police"]).get(reverse("cases:detail", args=[case.pk]))
    text = body.content.decode()
    assert "Voor de politie" in text
    assert "Intern geheim" not in text
    assert "Kerkstraat 99" not in text
    assert "Jan Overtreder" not in text
    assert case.get_status_display() in text


def test_offender_data_only_when_share_includes_it_and_logged(world, client_for):
    from accounts.models import AccessLogEntry

    users, cases = world
    case = cases["shared"]
    violation = ViolationFactory(offender__name="Piet Pietersen")
    case.violations.add(violation)
    case.shares.update(include_personal_data=True)
    client = client_for(users["partner_police"])
    assert "Piet Pietersen" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert AccessLogEntry.objects.filter(
        user=users["partner_police"], object_id=str(case.pk), action="view"
    ).exists()


def test_policy_and_manager_see_no_offender_data(world, client_for):
    users, cases = world
    case = cases["own"]
    case.violations.add(ViolationFactory(offender__name="Klaas Geheim"))
    for who in ("policy", "manager"):
        body = client_for(users[who]).get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert "Klaas Geheim" not in body
    body = client_for(users["lead_c"]).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Klaas Geheim" in body
