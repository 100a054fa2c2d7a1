import datetime as dt

import pytest
from django.core.cache import caches
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.roles import Role
from accounts.services.tokens import api_token_create
from accounts.tests.factories import PartnerOrganisationFactory, TeamFactory


@pytest.fixture(autouse=True)
def _throttle_counts_reset():
    caches["api"].clear()
    yield
    caches["api"].clear()


@pytest.fixture
def make_token(make_user):
    admin = make_user(Role.FUNCTIONAL_ADMIN, username="tokenadmin")

    def _make(role=Role.BOA, *, team=None, partner_organisation=None, days=30, name=None):
        if role in (Role.BOA, Role.TEAM_LEAD) and team is None:
            team = TeamFactory(name="Team Centrum")
        if role == Role.PARTNER and partner_organisation is None:
            partner_organisation = PartnerOrganisationFactory(name="Politie Basisteam")
        return api_token_create(
            actor=admin,
            name=name or f"Systeem {role}",
            role=role,
            team=team,
            partner_organisation=partner_organisation,
            expires_at=timezone.now() + dt.timedelta(days=days),
        )

    return _make


@pytest.fixture
def api_for(make_token):
    """An API client with a fresh token of ``role``; its token on ``client.token``."""

    def _client(role=Role.BOA, **kwargs):
        token, key = make_token(role, **kwargs)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        client.token, client.key = token, key
        return client

    return _client
