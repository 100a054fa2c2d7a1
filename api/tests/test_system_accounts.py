"""An API token's system account is not a person: not in the user list, not editable as
one, in no drop-down, not in a team's workload, not in the Wpg audit's 2FA table."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.selectors import users_for_choice
from accounts.services import AccountError
from accounts.services.users import user_update
from accounts.tests.factories import TeamFactory
from cases.selectors.cases import workload_for_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(name="Team Centrum")


@pytest.fixture
def system(make_token, team):
    token, _key = make_token(Role.TEAM_LEAD, team=team, name="Signalen-koppeling")
    return token.user


def test_the_user_list_shows_no_system_account_and_its_pages_are_404(
    system, functional_admin, client_for
):
    client = client_for(functional_admin)
    edit = reverse("accounts:user_update", args=[system.pk])
    page = client.get(reverse("accounts:user_list"), {"active": ""}).content.decode()
    assert reverse("accounts:user_update", args=[functional_admin.pk]) in page
    assert edit not in page and system.username not in page
    assert client.get(edit).status_code == 404
    edited = client.post(
        reverse("accounts:user_update", args=[system.pk]),
        {"username": "mens", "first_name": "Een", "last_name": "Mens", "role": "boa"},
    )
    assert edited.status_code == 404
    system.refresh_from_db()
    assert system.is_system_account and system.username != "mens"


def test_the_service_refuses_to_turn_a_system_account_into_a_person(
    system, functional_admin, make_user
):
    superuser = make_user(Role.FUNCTIONAL_ADMIN, username="root", is_superuser=True)
    for actor in (functional_admin, superuser):
        with pytest.raises(AccountError):
            user_update(actor=actor, user=system, first_name="Een", email="mens@example.org")


def test_no_drop_down_and_no_workload_lists_a_system_account(system, team, make_user, client_for):
    lead = make_user(Role.TEAM_LEAD, username="lead", team=team)
    assert system not in users_for_choice()
    assert lead in users_for_choice()
    assert [row["user"] for row in workload_for_team(team_id=team.pk)] == [lead]
    page = client_for(lead).get(reverse("cases:list")).content.decode()
    assert f'value="{lead.pk}"' in page and f'value="{system.pk}"' not in page


def test_the_wpg_audit_does_not_count_a_system_account_as_a_person_without_2fa(
    system, functional_admin, django_capture_on_commit_callbacks
):
    from accounts.models import User
    from accounts.tests.test_two_factor import enrolled
    from privacy.tests.test_audit import _build

    people = User.objects.filter(is_system_account=False)
    for person in people:
        enrolled(person)
    audit = _build(functional_admin, django_capture_on_commit_callbacks)
    holders = {h["username"] for h in audit.data["access_holders"]}
    assert holders == {p.username for p in people} and system.username not in holders
    assert not any("zonder tweestapsverificatie" in s for s in audit.data["shortcomings"])
