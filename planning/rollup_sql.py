"""SQL of the effort rollup triggers (see planning.models.monitoring). Used by migrations.

As reports/rollup_sql.py explains, the triggers append one row per changed key and
never update or lock an existing row (the table has no unique key), so they wait for
no other transaction and cannot deadlock, however a shift's saves interleave;
``planning_effort_rollup_compact()`` (Celery beat) folds each key's rows into one.

The SQL is assembled from constants and settings.TIME_ZONE (checked below), never
from user input.
"""

# ruff: noqa: S608
import re

from django.conf import settings

from accounts.sql_triggers import statement_triggers

TABLE = "planning_effortmonthtotal"


def _ym(col: str, tz: str) -> str:
    return (
        f"extract(year FROM {col} AT TIME ZONE '{tz}')::int, "
        f"extract(month FROM {col} AT TIME ZONE '{tz}')::int"
    )


KEYS = "year, month, theme_id, kind, activity_id"


def _upsert(delta_sql: str) -> str:
    """The former way (migration 0003, and 0004 reversed): add to the key's one row."""
    return f"""
    INSERT INTO {TABLE} ({KEYS}, minutes)
    SELECT y, m, theme_id, kind, activity_id, sum(minutes) FROM ({delta_sql}) d
    GROUP BY y, m, theme_id, kind, activity_id
    ORDER BY y, m, theme_id, kind, activity_id
    ON CONFLICT ({KEYS})
    DO UPDATE SET minutes = {TABLE}.minutes + EXCLUDED.minutes;
    """  # nosec B608: names from the code (models, constants), values as %s parameters


def _append(delta_sql: str) -> str:
    return f"""
    INSERT INTO {TABLE} ({KEYS}, minutes)
    SELECT y, m, theme_id, kind, activity_id, sum(minutes) FROM ({delta_sql}) d
    GROUP BY y, m, theme_id, kind, activity_id HAVING sum(minutes) <> 0;
    """  # nosec B608: names from the code (models, constants), values as %s parameters


def _compact() -> str:
    same = " AND ".join(f"t.{c} IS NOT DISTINCT FROM k.{c}" for c in KEYS.split(", "))
    return f"""
    CREATE OR REPLACE FUNCTION planning_effort_rollup_compact() RETURNS boolean
    LANGUAGE plpgsql AS $$
    BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('planning_effort_rollup_compact')) THEN
        RETURN false;  -- another compaction runs now
    END IF;
    WITH k AS (
        SELECT {KEYS} FROM {TABLE} GROUP BY {KEYS} HAVING count(*) > 1 OR sum(minutes) = 0
    ), gone AS (
        DELETE FROM {TABLE} t USING k WHERE {same} RETURNING t.*
    )
    INSERT INTO {TABLE} ({KEYS}, minutes)
    SELECT {KEYS}, sum(minutes) FROM gone GROUP BY {KEYS} HAVING sum(minutes) <> 0;
    RETURN true;
    END $$;
    """  # nosec B608: names from the code (models, constants), values as %s parameters


def statements(*, append: bool = True) -> tuple[str, str]:
    """(forward, backward) SQL; ``append=False`` gives migration 0003's upserts."""
    _write = _append if append else _upsert
    tz = settings.TIME_ZONE
    if not re.fullmatch(r"[A-Za-z0-9_/+-]+", tz):
        raise ValueError(f"unexpected TIME_ZONE {tz!r}")
    ym = _ym("l.started_at", tz)

    def effort_delta(rows: str, sign: str) -> str:
        return f"""
        SELECT {ym.split(", ")[0]} AS y, {ym.split(", ")[1]} AS m, r.theme_id, r.kind,
               pe.activity_id, {sign} r.minutes::bigint AS minutes
        FROM {rows} r
        JOIN enforcement_patrollog l ON l.id = r.patrol_log_id
        LEFT JOIN planning_plannedeffort pe ON pe.effort_id = r.id
        """  # nosec B608: names from the code (models, constants), values as %s parameters

    def log_moved(sign: str, when: str) -> str:
        y, m = _ym(f"{when}.started_at", tz).split(", ")
        return f"""
        SELECT {y} AS y, {m} AS m, e.theme_id, e.kind, pe.activity_id,
               {sign} e.minutes::bigint AS minutes
        FROM old_rows o JOIN new_rows n ON n.id = o.id
             AND n.started_at IS DISTINCT FROM o.started_at
        JOIN enforcement_patroleffort e ON e.patrol_log_id = n.id
        LEFT JOIN planning_plannedeffort pe ON pe.effort_id = e.id
        """  # nosec B608: names from the code (models, constants), values as %s parameters

    def link_delta(rows: str, sign: str) -> str:
        # A link moves the effort's minutes from "no activity" to its activity.
        y, m = ym.split(", ")
        return f"""
        SELECT {y} AS y, {m} AS m, e.theme_id, e.kind, NULL::bigint AS activity_id,
               -({sign} e.minutes::bigint) AS minutes
        FROM {rows} r JOIN enforcement_patroleffort e ON e.id = r.effort_id
        JOIN enforcement_patrollog l ON l.id = e.patrol_log_id
        UNION ALL
        SELECT {y}, {m}, e.theme_id, e.kind, r.activity_id, {sign} e.minutes::bigint
        FROM {rows} r JOIN enforcement_patroleffort e ON e.id = r.effort_id
        JOIN enforcement_patrollog l ON l.id = e.patrol_log_id
        """  # nosec B608: names from the code (models, constants), values as %s parameters

    functions = {
        "effort_ins": _write(effort_delta("new_rows", "+")),
        "effort_del": _write(effort_delta("old_rows", "-")),
        "effort_upd": _write(
            effort_delta("old_rows", "-") + " UNION ALL " + effort_delta("new_rows", "+")
        ),
        "log_upd": _write(log_moved("-", "o") + " UNION ALL " + log_moved("+", "n")),
        "link_ins": _write(link_delta("new_rows", "+")),
        "link_del": _write(link_delta("old_rows", "-")),
        "link_upd": _write(
            link_delta("old_rows", "-") + " UNION ALL " + link_delta("new_rows", "+")
        ),
    }
    triggers = [
        ("effort_ins", "enforcement_patroleffort", "INSERT", "NEW TABLE AS new_rows"),
        ("effort_del", "enforcement_patroleffort", "DELETE", "OLD TABLE AS old_rows"),
        (
            "effort_upd",
            "enforcement_patroleffort",
            "UPDATE",
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        ),
        (
            "log_upd",
            "enforcement_patrollog",
            "UPDATE",
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        ),
        ("link_ins", "planning_plannedeffort", "INSERT", "NEW TABLE AS new_rows"),
        ("link_del", "planning_plannedeffort", "DELETE", "OLD TABLE AS old_rows"),
        (
            "link_upd",
            "planning_plannedeffort",
            "UPDATE",
            "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        ),
    ]
    forward, backward = statement_triggers(
        prefix="planning_rollup", triggers=triggers, functions=functions
    )
    y, m = ym.split(", ")
    forward.append(
        f"""
        CREATE OR REPLACE FUNCTION planning_effort_rollup_rebuild() RETURNS void
        LANGUAGE sql AS $$
        DELETE FROM {TABLE};
        INSERT INTO {TABLE} (year, month, theme_id, kind, activity_id, minutes)
        SELECT {y}, {m}, e.theme_id, e.kind, pe.activity_id, sum(e.minutes)
        FROM enforcement_patroleffort e
        JOIN enforcement_patrollog l ON l.id = e.patrol_log_id
        LEFT JOIN planning_plannedeffort pe ON pe.effort_id = e.id
        GROUP BY 1, 2, 3, 4, 5;
        $$;
        SELECT planning_effort_rollup_rebuild();
        """  # nosec B608: names from the code (models, constants), values as %s parameters
    )
    backward.append("DROP FUNCTION IF EXISTS planning_effort_rollup_rebuild();")
    forward.append(_compact())
    backward.append("DROP FUNCTION IF EXISTS planning_effort_rollup_compact();")
    return "\n".join(forward), "\n".join(backward)
