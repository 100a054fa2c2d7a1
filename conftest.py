"""Fixtures shared by every app's tests."""

import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory


@pytest.fixture
def make_user(db):
    def _make(role: str = Role.BOA, **kwargs):
        return UserFactory(role=role, **kwargs)

    return _make


@pytest.fixture
def boa(make_user):
    return make_user(Role.BOA, username="boa1")


@pytest.fixture
def team_lead(make_user):
    return make_user(Role.TEAM_LEAD, username="teamlead1")


@pytest.fixture
def policy_officer(make_user):
    return make_user(Role.POLICY_OFFICER, username="policy1")


@pytest.fixture
def manager(make_user):
    return make_user(Role.MANAGER, username="manager1")


@pytest.fixture
def council_member(make_user):
    return make_user(Role.COUNCIL_MEMBER, username="council1")


@pytest.fixture
def partner(make_user):
    return make_user(Role.PARTNER, username="partner1")


@pytest.fixture
def functional_admin(make_user):
    return make_user(Role.FUNCTIONAL_ADMIN, username="admin1")


@pytest.fixture
def client_for(client):
    """A test client logged in as the given user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
