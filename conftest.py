"""Fixtures shared by every app's tests."""

import pytest

from accounts.dbroles import as_owner, grant_runtime, runtime_role
from accounts.roles import Role
from accounts.tests.factories import UserFactory


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's test database set-up, with the two database roles.

    The owner (DATABASE_OWNER_URL) creates and migrates the test database and
    grants the runtime role its privileges; the tests then run as the runtime
    role (DATABASE_URL), like the application. Without an owner: one role.
    """
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    if not django_db_use_migrations:
        _disable_migrations()
    keepdb = django_db_keepdb and not django_db_createdb
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        runtime = runtime_role()
        with as_owner():
            db_cfg = setup_databases(
                verbosity=request.config.option.verbose,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
                keepdb=keepdb,
            )
        grant_runtime(runtime=runtime)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock(), as_owner():
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


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


@pytest.fixture(autouse=True)
def _interface_language_reset():
    """Each test starts in the default language (Dutch) and leaves it so: a request in
    English (the language switch, LocaleMiddleware) activates it for the thread, which
    would otherwise carry over into the next test's rendered pages and messages."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)
