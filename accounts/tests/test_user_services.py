"""The account rules hold in the services too, whoever calls them."""

import pytest

from accounts import services
from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.services import AccountError
from accounts.tests.factories import PartnerOrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_user_create_refuses_boa_without_team(functional_admin):
    with pytest.raises(AccountError, match="team"):
        services.user_create(
            actor=functional_admin,
            username="x",
            first_name="X",
            last_name="Y",
            email="x@example.org",
            role=Role.BOA,
        )


def test_user_create_refuses_organisation_for_non_partner(functional_admin):
    with pytest.raises(AccountError, match="Alleen een partner"):
        services.user_create(
            actor=functional_admin,
            username="x",
            first_name="X",
            last_name="Y",
            email="x@example.org",
            role=Role.MANAGER,
            partner_organisation=PartnerOrganisationFactory(),
        )


def test_admin_cannot_change_own_role(functional_admin):
    with pytest.raises(AccountError, match="eigen rol"):
        services.user_update(actor=functional_admin, user=functional_admin, role=Role.MANAGER)


def test_user_update_without_changes_writes_no_log(functional_admin, boa):
    services.user_update(actor=functional_admin, user=boa, last_name=boa.last_name)
    assert not AccessLogEntry.objects.exists()


def test_user_update_moves_boa_to_other_team_and_logs(functional_admin, boa):
    team = TeamFactory(name="Team Elders")
    services.user_update(actor=functional_admin, user=boa, team=team)
    entry = AccessLogEntry.objects.get()
    assert entry.detail == {"fields": ["team"]}
    assert entry.action == "change"


def test_deactivated_user_gets_no_password_link(functional_admin, boa, rf):
    services.user_set_active(actor=functional_admin, user=boa, active=False)
    with pytest.raises(AccountError, match="gedeactiveerd"):
        services.user_send_password_link(actor=functional_admin, user=boa, request=rf.get("/"))


def test_partner_organisation_with_active_members_stays_active(functional_admin, partner):
    with pytest.raises(AccountError):
        services.partner_organisation_set_active(
            actor=functional_admin, organisation=partner.partner_organisation, active=False
        )
