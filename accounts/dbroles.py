"""Two database roles: an owner that runs migrations, and the application's runtime role.

The application (web, workers, beat) connects with ``DATABASE_URL`` as a role
that owns nothing: it may read and write the ordinary tables, only read and add
to the access log, and cannot truncate, alter or drop any table or trigger.
Migrations (and bulk loads such as ``generate_data``) connect with
``DATABASE_OWNER_URL`` as the role that owns the schema. Without
``DATABASE_OWNER_URL`` both are the same role, as before (docs/deploy.md).
"""

from __future__ import annotations

from contextlib import contextmanager

import environ
from django.conf import settings
from django.db import connections

# Tables the runtime role may only read and add to (no UPDATE, DELETE, TRUNCATE).
APPEND_ONLY_TABLES = ("accounts_accesslogentry",)
_CREDENTIALS = ("USER", "PASSWORD", "HOST", "PORT")


def owner_settings() -> dict | None:
    """The owner's connection settings, or None when no separate owner is configured."""
    url = getattr(settings, "DATABASE_OWNER_URL", "")
    if not url:
        return None
    return environ.Env.db_url_config(url)


def runtime_role(alias: str = "default") -> str:
    return connections[alias].settings_dict["USER"]


@contextmanager
def as_owner(alias: str = "default"):
    """Connect ``alias`` as the owner (same database name) for the duration of the block."""
    owner = owner_settings()
    connection = connections[alias]
    if owner is None or owner["USER"] == connection.settings_dict["USER"]:
        yield
        return
    saved = {key: connection.settings_dict.get(key) for key in _CREDENTIALS}
    saved_options = dict(connection.settings_dict.get("OPTIONS", {}))
    connection.close()
    connection.settings_dict.update({key: owner.get(key, "") for key in _CREDENTIALS})
    if "host" in owner.get("OPTIONS", {}):  # a socket folder, as environ keeps it
        connection.settings_dict.setdefault("OPTIONS", {})["host"] = owner["OPTIONS"]["host"]
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)
        connection.settings_dict["OPTIONS"] = saved_options


def grant_statements(*, owner: str, runtime: str) -> list[str]:
    """What the runtime role may do, for the tables there are now and those still to come."""
    q_owner, q_runtime = _quote(owner), _quote(runtime)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {q_runtime}",
        f"REVOKE CREATE ON SCHEMA public FROM {q_runtime}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {q_runtime}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {q_runtime}",
        f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {q_runtime}",
        # Tables that later migrations create get the same grants.
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {q_owner} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {q_runtime}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {q_owner} IN SCHEMA public "
        f"GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {q_runtime}",
    ]
    literal = "'" + runtime.replace("'", "''") + "'"
    for table in APPEND_ONLY_TABLES:
        # Only once the table exists (roles may be made before the first migrate).
        statements.append(
            f"DO $$ BEGIN IF to_regclass('public.{table}') IS NOT NULL THEN "
            f"EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER "
            f"ON {table} FROM %I', {literal}); "
            f"EXECUTE format('GRANT SELECT, INSERT ON {table} TO %I', {literal}); "
            "END IF; END $$"
        )
    return statements


def grant_runtime(*, alias: str = "default", runtime: str | None = None) -> None:
    """As the owner, give the runtime role its privileges (idempotent; after every migrate)."""
    owner = owner_settings()
    if owner is None:
        return
    runtime = runtime or runtime_role(alias)
    if runtime == owner["USER"]:
        return
    with as_owner(alias), connections[alias].cursor() as cursor:
        for statement in grant_statements(owner=owner["USER"], runtime=runtime):
            cursor.execute(statement)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
