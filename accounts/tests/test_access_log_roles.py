"""The access log cannot be altered by the application's database role (issue 12, finding 3).

The tests run as the runtime role (conftest.django_db_setup); the owner role
created and migrated the test database. Each attempt to empty, change or
switch off the protection of the log must fail, and the rows must still be there.
"""

import os

import psycopg
import pytest
from django.db import DatabaseError, connection, transaction

from accounts.dbroles import owner_settings
from accounts.models import AccessLogEntry
from accounts.services import access_log_record

pytestmark = pytest.mark.django_db

ATTEMPTS = {
    "truncate": "TRUNCATE accounts_accesslogentry",
    "truncate_cascade": "TRUNCATE accounts_accesslogentry CASCADE",
    "delete": "DELETE FROM accounts_accesslogentry",
    "update": "UPDATE accounts_accesslogentry SET username = 'iemand anders'",
    "disable_user_triggers": "ALTER TABLE accounts_accesslogentry DISABLE TRIGGER USER",
    "disable_all_triggers": "ALTER TABLE accounts_accesslogentry DISABLE TRIGGER ALL",
    "drop_trigger": "DROP TRIGGER accounts_accesslog_append_only ON accounts_accesslogentry",
    "drop_truncate_trigger": (
        "DROP TRIGGER accounts_accesslog_no_truncate ON accounts_accesslogentry"
    ),
    "replace_trigger_function": (
        "CREATE OR REPLACE FUNCTION accounts_accesslog_refuse_change() RETURNS trigger "
        "AS $$ BEGIN RETURN OLD; END; $$ LANGUAGE plpgsql"
    ),
    "drop_table": "DROP TABLE accounts_accesslogentry",
    "rename_table": "ALTER TABLE accounts_accesslogentry RENAME TO old_log",
    "replica_mode": "SET session_replication_role = replica",
    # The access log's term goes through the owner's function, which keeps five years.
    "purge_recent_rows": "SELECT accounts_accesslog_purge(now() - interval '1 year')",
    "purge_everything": "SELECT accounts_accesslog_purge(now())",
    "purge_null": "SELECT accounts_accesslog_purge(NULL)",
    "purge_flag_then_delete": (
        "SELECT set_config('accounts.accesslog_purge_before', now()::text, false); "
        "DELETE FROM accounts_accesslogentry"
    ),
    "replace_purge_function": (
        "CREATE OR REPLACE FUNCTION accounts_accesslog_purge(before timestamptz) "
        "RETURNS bigint AS $$ SELECT 0::bigint $$ LANGUAGE sql"
    ),
    "own_trigger": (
        "CREATE TRIGGER x BEFORE DELETE ON accounts_accesslogentry "
        "FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()"
    ),
}


@pytest.fixture
def two_roles():
    owner = owner_settings()
    if owner is None or owner["USER"] == connection.settings_dict["USER"]:
        if os.environ.get("CI"):
            pytest.fail("CI must run the tests as the runtime role (DATABASE_OWNER_URL)")
        pytest.skip("one database role (no DATABASE_OWNER_URL): run through `make test`")
    return owner


@pytest.mark.parametrize("statement", ATTEMPTS.values(), ids=ATTEMPTS.keys())
def test_runtime_role_cannot_alter_the_access_log(two_roles, boa, statement):
    entry = access_log_record(actor=boa, action="view", obj=boa)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    entry.refresh_from_db()
    assert entry.username == "boa1"
    assert AccessLogEntry.objects.count() == 1


def test_runtime_role_owns_nothing_and_is_no_superuser(two_roles):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user"
        )
        assert cursor.fetchone() == (False, False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
        )
        assert cursor.fetchone() == (0,)
        cursor.execute(
            "SELECT has_table_privilege('accounts_accesslogentry', 'INSERT'), "
            "has_table_privilege('accounts_accesslogentry', 'SELECT'), "
            "has_table_privilege('accounts_accesslogentry', 'UPDATE'), "
            "has_table_privilege('accounts_accesslogentry', 'DELETE'), "
            "has_table_privilege('accounts_accesslogentry', 'TRUNCATE')"
        )
        assert cursor.fetchone() == (True, True, False, False, False)


def test_runtime_role_writes_ordinary_tables_and_the_log(two_roles, boa):
    boa.first_name = "Anna"
    boa.save(update_fields=["first_name"])
    access_log_record(actor=boa, action="change", obj=boa)
    assert AccessLogEntry.objects.filter(action="change", user=boa).exists()


def test_even_the_owner_cannot_truncate_the_log(two_roles):
    """The trigger refuses TRUNCATE for every role (the owner could only switch it off on purpose)."""
    db = connection.settings_dict
    host = two_roles["HOST"] or two_roles.get("OPTIONS", {}).get("host", "")
    with psycopg.connect(
        dbname=db["NAME"],
        user=two_roles["USER"],
        host=host,
        port=two_roles["PORT"] or None,
        password=two_roles["PASSWORD"] or None,
        autocommit=True,
    ) as owner:
        owner.execute("SET lock_timeout = '10s'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            owner.execute("TRUNCATE accounts_accesslogentry")


def test_runtime_role_removes_only_rows_past_the_five_year_floor(two_roles, boa):
    """The one way to remove log rows: the owner's function, for rows older than its
    argument, which may not be later than five years ago."""
    import datetime as dt

    import time_machine
    from django.utils import timezone

    now = timezone.now()
    for years in (7, 6, 4):
        with time_machine.travel(now - dt.timedelta(days=365 * years + 1), tick=False):
            access_log_record(actor=boa, action="view", obj=boa, object_repr=f"{years} jaar")
    recent = access_log_record(actor=boa, action="view", obj=boa)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT accounts_accesslog_purge(%s)", [now - dt.timedelta(days=365 * 5 + 2)]
        )
        assert cursor.fetchone() == (2,)
    assert sorted(AccessLogEntry.objects.values_list("object_repr", flat=True)) == [
        "4 jaar",
        recent.object_repr,
    ]
    # Afterwards the log is as closed as before.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_accesslogentry")
    assert AccessLogEntry.objects.count() == 2
