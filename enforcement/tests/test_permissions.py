"""Who sees which registration record: a table of role x object."""

import pytest

from accounts.roles import Role
from accounts.tests.factories import TeamFactory
from enforcement import permissions as p
from enforcement.tests.factories import IncidentFactory, PatrolLogFactory, ViolationFactory

pytestmark = pytest.mark.django_db

# role, same team as the record, sees incident, sees violation, sees patrol log
TABLE = [
    (Role.BOA, True, True, True, False),  # a team mate's shift is not theirs
    (Role.BOA, False, False, False, False),
    (Role.TEAM_LEAD, True, True, True, True),
    (Role.TEAM_LEAD, False, False, False, False),
    (Role.POLICY_OFFICER, False, True, True, True),
    (Role.MANAGER, False, True, True, True),
    (Role.COUNCIL_MEMBER, False, False, False, False),
    (Role.PARTNER, False, False, False, False),
    (Role.FUNCTIONAL_ADMIN, False, False, False, False),
]


@pytest.mark.parametrize("role,same_team,incident,violation,log", TABLE)
def test_visibility_by_role(make_user, role, same_team, incident, violation, log):
    home = TeamFactory(name="Team A")
    other = TeamFactory(name="Team B")
    author = make_user(Role.BOA, team=home)
    record_incident = IncidentFactory(registered_by=author)
    record_violation = ViolationFactory(incident=record_incident)
    record_log = PatrolLogFactory(boa=author)
    kwargs = {"team": home if same_team else other} if role in (Role.BOA, Role.TEAM_LEAD) else {}
    viewer = make_user(role, **kwargs)

    assert p.can_view_incident(viewer, record_incident) is incident
    assert p.incidents_visible_to(viewer).filter(pk=record_incident.pk).exists() is incident
    assert p.can_view_violation(viewer, record_violation) is violation
    assert p.can_view_patrol_log(viewer, record_log) is log


@pytest.mark.parametrize(
    "role,allowed",
    [
        (Role.BOA, True),
        (Role.TEAM_LEAD, True),
        (Role.POLICY_OFFICER, False),
        (Role.MANAGER, False),
        (Role.COUNCIL_MEMBER, False),
        (Role.PARTNER, False),
        (Role.FUNCTIONAL_ADMIN, False),
    ],
)
def test_personal_data_only_for_roles_that_need_it(make_user, role, allowed):
    assert p.can_view_personal_data(make_user(role)) is allowed


def test_team_lead_corrects_only_own_team_shifts(make_user):
    home = TeamFactory(name="Team A")
    lead = make_user(Role.TEAM_LEAD, team=home)
    own = PatrolLogFactory(boa=make_user(Role.BOA, team=home))
    foreign = PatrolLogFactory(boa=make_user(Role.BOA, team=TeamFactory(name="Team B")))
    assert p.can_correct_patrol_log(lead, own)
    assert not p.can_correct_patrol_log(lead, foreign)


@pytest.mark.parametrize(
    "role,lists",
    [
        (Role.BOA, True),
        (Role.TEAM_LEAD, True),
        (Role.POLICY_OFFICER, True),
        (Role.MANAGER, True),
        (Role.COUNCIL_MEMBER, False),
        (Role.PARTNER, False),
        (Role.FUNCTIONAL_ADMIN, False),
    ],
)
def test_who_opens_the_registration_lists(make_user, role, lists):
    # The pages, their menu entries and the API lists ask these same functions.
    user = make_user(role)
    assert p.can_list_incidents(user) is lists
    assert p.can_list_violations(user) is lists
    assert p.can_list_patrol_logs(user) is lists
