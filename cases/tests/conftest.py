import pytest

from accounts.roles import Role
from accounts.tests.factories import PartnerOrganisationFactory, TeamFactory
from cases.tests.factories import CaseFactory


@pytest.fixture
def centrum(db):
    return TeamFactory(name="Team Centrum")


@pytest.fixture
def noord(db):
    return TeamFactory(name="Team Noord")


@pytest.fixture
def police(db):
    return PartnerOrganisationFactory(name="Politie Basisteam")


@pytest.fixture
def youth(db):
    return PartnerOrganisationFactory(name="Jongerenwerk")


@pytest.fixture
def lead(make_user, centrum):
    return make_user(Role.TEAM_LEAD, username="lead", team=centrum)


@pytest.fixture
def boa_c(make_user, centrum):
    return make_user(Role.BOA, username="boa_c", team=centrum)


@pytest.fixture
def boa_n(make_user, noord):
    return make_user(Role.BOA, username="boa_n", team=noord)


@pytest.fixture
def partner_p(make_user, police):
    return make_user(Role.PARTNER, username="agent", partner_organisation=police)


@pytest.fixture
def partner_y(make_user, youth):
    return make_user(Role.PARTNER, username="jongerenwerker", partner_organisation=youth)


@pytest.fixture
def case(lead, centrum):
    return CaseFactory(team=centrum, opened_by=lead)
