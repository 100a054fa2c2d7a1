"""Schemathesis against the OpenAPI schema (issue 17): every operation, with a boa token
and a council token, on a small data set and few examples. No server errors, every
answer valid against the schema (status, content type, body)."""

import contextlib

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.roles import Role
from accounts.tests.factories import TeamFactory, UserFactory
from cases.tests.factories import ActionItemFactory, CaseFactory
from enforcement.tests.factories import (
    CategoryFactory,
    IncidentFactory,
    PatrolLogFactory,
    ViolationFactory,
)

# Also tells the database set-up to create the test database (the lazy schema requests
# its fixtures only when the test runs).
pytestmark = pytest.mark.django_db

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


# Bounded for the normal suite: the fuzzing phase only, a few examples per operation.
CONFIG = schemathesis.Config.from_dict(
    {
        "phases": {
            "examples": {"enabled": False},
            "coverage": {"enabled": False},
            "stateful": {"enabled": False},
        },
        "generation": {"max-examples": 4},
    }
)
schema = schemathesis.openapi.from_dict(_schema(), config=CONFIG)
APP = WSGIHandler()


@contextlib.contextmanager
def _connections_kept():
    """As Django's test client: a request through the WSGI handler must not close the
    test's database connection (and with it the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _keep_connections():
    with _connections_kept():
        yield


@pytest.fixture
def small_data(db):
    team = TeamFactory(name="Team Centrum")
    boa = UserFactory(role=Role.BOA, team=team)
    incident = IncidentFactory(registered_by=boa, reporter_name="Jan Melder")
    CategoryFactory(theme=incident.theme)
    ViolationFactory(incident=incident)
    PatrolLogFactory(boa=boa)
    ActionItemFactory(case=CaseFactory(team=team, assignee=boa))
    return team


@pytest.fixture
def api_keys(small_data, make_token):
    """A boa's token (with the team of the data) and a council member's."""
    return [
        make_token(Role.BOA, team=small_data)[1],
        make_token(Role.COUNCIL_MEMBER)[1],
    ]


@schema.parametrize()
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_schema_says(case, api_keys):
    for key in api_keys:
        case.call_and_validate(app=APP, headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)
