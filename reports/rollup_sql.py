"""SQL of the monthly rollups of registration that the figures read (see reports.models).

Counts per local month and a few dimensions, kept exact by statement-level
triggers on the registration and case tables (transition tables, so a bulk insert
costs one upsert per statement, not one per row):

- ``reports_incidentmonthtotal``: incidents per month of ``occurred_at``, theme and area;
- ``reports_incidentcategorymonthtotal``: the same per theme, category and area (for
  goal indicators on a category);
- ``reports_incidentsourcemonthtotal``: incidents per month, theme and source;
- ``reports_violationmonthtotal``: violations per month of ``committed_on``, theme of
  the incident, offence and intervention;
- ``reports_violationareamonthtotal``: violations per month and area of the incident;
- ``reports_effortareamonthtotal``: patrol minutes per month of the shift's start,
  area and kind (planned/reactive); a shift in several areas counts in each of them;
- ``reports_casemonthtotal``: case events per month and theme: ``opened``;
  ``closed`` per lead time in calendar days (a histogram, so the median is exact);
  ``overdue_from`` / ``overdue_to``, the months from which on a case counts, and no
  longer counts, as overdue at the start of a month (see ``case_events`` below).

Why the triggers cannot deadlock (issue 14): they only ever INSERT new rows, one per
key changed by the statement, into tables without a unique index (``append``); they
never update or lock an existing rollup row, and an INSERT without a unique index waits
for no other transaction. So however many boa's save incidents of the same theme, area
and month at once, and whatever else their transactions do in whatever order (a shift
writes effort rows and areas in several statements), the rollups add no lock a
transaction waits for. The earlier upserts (ON CONFLICT DO UPDATE) locked the key's row
until commit: in key order within one statement, but a transaction with two such
statements (effort rows "reactive" then "planned", while another boa's went the other
way) could wait for a row the other held. A key therefore has several rows: readers
sum them (they already sum over months), and ``reports_rollup_compact()`` (a Celery
beat job every few minutes) folds them into one row per key, in one transaction that
only deletes rows no trigger touches again, under an advisory lock so that two
compactions do not run at once.

A key whose sum is zero has no row after compaction; readers ignore zeros. Generators that
load with triggers off (``session_replication_role = replica``) call
``reports_rollup_rebuild()`` afterwards (reports/demo/generate.py). TRUNCATE of a
registration table is not followed; the rebuild puts things right.

The SQL is assembled from constants and settings.TIME_ZONE (checked below), never
from user input. Used by the migrations.
"""

# ruff: noqa: S608
import re

from django.conf import settings

from accounts.sql_triggers import statement_triggers

INCIDENTS = "reports_incidentmonthtotal"
CATEGORIES = "reports_incidentcategorymonthtotal"
SOURCES = "reports_incidentsourcemonthtotal"
VIOLATIONS = "reports_violationmonthtotal"
VIOLATION_AREAS = "reports_violationareamonthtotal"
CASES = "reports_casemonthtotal"
EFFORT_AREAS = "reports_effortareamonthtotal"

# (table, dimension columns)
TABLES = {
    INCIDENTS: ("theme_id", "area_id"),
    CATEGORIES: ("theme_id", "category_id", "area_id"),
    SOURCES: ("theme_id", "source"),
    VIOLATIONS: ("theme_id", "offence_id", "intervention_id"),
    VIOLATION_AREAS: ("area_id",),
    CASES: ("theme_id", "event", "days"),
    EFFORT_AREAS: ("area_id", "kind"),
}
# The summed column, where it is not a count ``n``.
VALUES = {EFFORT_AREAS: "minutes"}


def _upsert(table: str, delta_sql: str) -> str:
    """The former way (migration 0004, and 0005 reversed): add to the key's one row."""
    dims = ", ".join(TABLES[table])
    keys = f"month, {dims}"
    value = VALUES.get(table, "n")
    return f"""
    INSERT INTO {table} ({keys}, {value})
    SELECT {keys}, sum(n) FROM ({delta_sql}) d
    GROUP BY {keys}
    ORDER BY {keys}
    ON CONFLICT ({keys}) DO UPDATE SET {value} = {table}.{value} + EXCLUDED.{value};
    """  # nosec B608: names from the code (models, constants), values as %s parameters


def _append(table: str, delta_sql: str) -> str:
    """One new row per key the statement changed (see the module's docstring: no waits)."""
    dims = ", ".join(TABLES[table])
    keys = f"month, {dims}"
    value = VALUES.get(table, "n")
    return f"""
    INSERT INTO {table} ({keys}, {value})
    SELECT {keys}, sum(n) FROM ({delta_sql}) d
    GROUP BY {keys} HAVING sum(n) <> 0;
    """  # nosec B608: names from the code (models, constants), values as %s parameters


def _compact(table: str) -> str:
    """Fold the rows of each key into one (and drop keys that sum to zero)."""
    dims = TABLES[table]
    keys = ", ".join(("month", *dims))
    value = VALUES.get(table, "n")
    same = " AND ".join(f"t.{c} IS NOT DISTINCT FROM k.{c}" for c in ("month", *dims))
    return f"""
    WITH k AS (
        SELECT {keys} FROM {table} GROUP BY {keys} HAVING count(*) > 1 OR sum({value}) = 0
    ), gone AS (
        DELETE FROM {table} t USING k WHERE {same} RETURNING t.*
    )
    INSERT INTO {table} ({keys}, {value})
    SELECT {keys}, sum({value}) FROM gone GROUP BY {keys} HAVING sum({value}) <> 0;
    """  # nosec B608: names from the code (models, constants), values as %s parameters


COMPACT_LOCK = "reports_rollup_compact"


def statements(*, append: bool = True) -> tuple[str, str]:
    """(forward, backward) SQL; ``append=False`` gives migration 0004's upserts."""
    write = _append if append else _upsert
    tz = settings.TIME_ZONE
    if not re.fullmatch(r"[A-Za-z0-9_/+-]+", tz):
        raise ValueError(f"unexpected TIME_ZONE {tz!r}")

    def month(col: str) -> str:
        return f"date_trunc('month', {col} AT TIME ZONE '{tz}')::date"

    def incidents(rows: str, sign: str, table: str = INCIDENTS) -> str:
        dims = ", ".join(f"r.{d}" for d in TABLES[table])
        return f"SELECT {month('r.occurred_at')} AS month, {dims}, {sign}1 AS n FROM {rows} r"  # nosec B608: names from the code (models, constants), values as %s parameters

    def cases(rows: str, sign: str) -> str:
        return " UNION ALL ".join(
            f"SELECT {when} AS month, r.theme_id, '{event}'::varchar AS event, "  # nosec B608: names from the code (models, constants), values as %s parameters
            f"{days}::smallint AS days, {sign}1 AS n FROM {rows} r WHERE {cond}"
            for event, when, days, cond in case_events()
        )

    def case_events() -> list[tuple[str, str, str, str]]:
        # (event, month, days, condition). A case is overdue at the start E of month M
        # when opened before E, due before E's date and not closed before E; all three
        # compare by month, since E starts a month. So it counts from the later of the
        # months it was opened and due in, up to (not in) the month it was closed in:
        # overdue at M = sum over months before M of overdue_from - overdue_to. A case
        # closed before it fell due gets both events in one month, which cancel.
        opened, closed = month("r.opened_at"), month("r.closed_at")
        due = "date_trunc('month', r.due_date)::date"
        lead = f"(r.closed_at AT TIME ZONE '{tz}')::date - (r.opened_at AT TIME ZONE '{tz}')::date"
        return [
            ("opened", opened, "0", "TRUE"),
            ("closed", closed, f"LEAST(GREATEST({lead}, 0), 32767)", "r.closed_at IS NOT NULL"),
            ("overdue_from", f"GREATEST({opened}, {due})", "0", "TRUE"),
            (
                "overdue_to",
                f"GREATEST({opened}, {due}, {closed})",
                "0",
                "r.closed_at IS NOT NULL",
            ),
        ]

    # Effort per area: each effort row counts in every area of its shift. Whichever of
    # effort rows and area links comes second brings the minutes in (or takes them out),
    # so the order in which a shift's parts are written or deleted does not matter.
    def effort_areas(rows: str, sign: str) -> str:
        return (
            f"SELECT {month('l.started_at')} AS month, la.area_id, r.kind, "  # nosec B608: names from the code (models, constants), values as %s parameters
            f"{sign}r.minutes::bigint AS n FROM {rows} r "
            "JOIN enforcement_patrollog l ON l.id = r.patrol_log_id "
            "JOIN enforcement_patrollog_areas la ON la.patrollog_id = l.id"
        )

    def log_areas(rows: str, sign: str) -> str:
        return (
            f"SELECT {month('l.started_at')} AS month, r.area_id, e.kind, "  # nosec B608: names from the code (models, constants), values as %s parameters
            f"{sign}e.minutes::bigint AS n FROM {rows} r "
            "JOIN enforcement_patrollog l ON l.id = r.patrollog_id "
            "JOIN enforcement_patroleffort e ON e.patrol_log_id = l.id"
        )

    def shift_moved(sign: str, side: str) -> str:
        return (
            f"SELECT {month(side + '.started_at')} AS month, la.area_id, e.kind, "  # nosec B608: names from the code (models, constants), values as %s parameters
            f"{sign}e.minutes::bigint AS n "
            "FROM old_rows o JOIN new_rows n ON n.id = o.id "
            "AND n.started_at IS DISTINCT FROM o.started_at "
            "JOIN enforcement_patroleffort e ON e.patrol_log_id = n.id "
            "JOIN enforcement_patrollog_areas la ON la.patrollog_id = n.id"
        )

    def violations(rows: str, sign: str, table: str = VIOLATIONS) -> str:
        # Theme and area are the incident's, as they are now (an incident's change of
        # theme or area moves its violations, below).
        dims = "i.theme_id, r.offence_id, r.intervention_id" if table == VIOLATIONS else "i.area_id"
        return (
            f"SELECT date_trunc('month', r.committed_on)::date AS month, {dims}, "  # nosec B608: names from the code (models, constants), values as %s parameters
            f"{sign}1 AS n FROM {rows} r JOIN enforcement_incident i ON i.id = r.incident_id"
        )

    def violations_moved(sign: str, side: str, table: str = VIOLATIONS) -> str:
        if table == VIOLATIONS:
            dims, changed = "theme_id, v.offence_id, v.intervention_id", "n.theme_id <> o.theme_id"
        else:
            dims, changed = "area_id", "n.area_id IS DISTINCT FROM o.area_id"
        return (
            "SELECT date_trunc('month', v.committed_on)::date AS month, "  # nosec B608: names from the code (models, constants), values as %s parameters
            f"{side}.{dims}, {sign}1 AS n "
            f"FROM old_rows o JOIN new_rows n ON n.id = o.id AND {changed} "
            "JOIN enforcement_violation v ON v.incident_id = n.id"
        )

    def changed(columns: tuple[str, ...], side: str) -> str:
        """The rows of an UPDATE (as they were, ``o``, or are, ``n``) whose ``columns``
        changed: the others leave every rollup as it is."""
        before = ", ".join(f"o.{c}" for c in columns)
        after = ", ".join(f"n.{c}" for c in columns)
        return (
            f"(SELECT {side}.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE "  # nosec B608: names from the code (models, constants), values as %s parameters
            f"({before}) IS DISTINCT FROM ({after}))"
        )

    def upserts(builders: list, old: str | None, new: str | None) -> str:
        """For each (rollup, builder): take ``old`` rows out and put ``new`` rows in."""
        return "".join(
            write(
                table,
                " UNION ALL ".join(
                    build(rows, sign) for rows, sign in ((old, "-"), (new, "+")) if rows
                ),
            )
            for table, build in builders
        )

    def per_rollup(build, *tables: str) -> list:
        """(rollup, builder) pairs for a builder that serves several rollups."""
        return [(t, lambda rows, sign, t=t: build(rows, sign, t)) for t in tables]

    # (trigger name, table, the rollups it feeds with their builders, the columns whose
    # change moves a row between rollup rows, whether the rebuild counts from this table)
    sources_of_rollups = [
        (
            "incident",
            "enforcement_incident",
            per_rollup(incidents, INCIDENTS, CATEGORIES, SOURCES),
            ("occurred_at", "theme_id", "area_id", "category_id", "source"),
            True,
        ),
        (
            "violation",
            "enforcement_violation",
            per_rollup(violations, VIOLATIONS, VIOLATION_AREAS),
            ("committed_on", "incident_id", "offence_id", "intervention_id"),
            True,
        ),
        (
            "effort",
            "enforcement_patroleffort",
            [(EFFORT_AREAS, effort_areas)],
            ("patrol_log_id", "kind", "minutes"),
            True,
        ),
        (
            "shift_area",
            "enforcement_patrollog_areas",
            [(EFFORT_AREAS, log_areas)],
            ("patrollog_id", "area_id"),
            False,  # the rebuild counts effort per area from the effort rows
        ),
        (
            "case",
            "cases_case",
            [(CASES, cases)],
            ("opened_at", "closed_at", "due_date", "theme_id"),
            True,
        ),
    ]
    functions: dict[str, str] = {}
    both = "OLD TABLE AS old_rows NEW TABLE AS new_rows"
    triggers = []
    for name, table, builders, columns, _ in sources_of_rollups:
        functions[f"{name}_ins"] = upserts(builders, None, "new_rows")
        functions[f"{name}_del"] = upserts(builders, "old_rows", None)
        functions[f"{name}_upd"] = upserts(builders, changed(columns, "o"), changed(columns, "n"))
        triggers += [
            (f"{name}_ins", table, "INSERT", "NEW TABLE AS new_rows"),
            (f"{name}_del", table, "DELETE", "OLD TABLE AS old_rows"),
            (f"{name}_upd", table, "UPDATE", both),
        ]
    # An incident's new theme or area moves its violations; a shift's new start moves
    # its effort to another month.
    functions["incident_upd"] += "".join(
        write(
            table,
            violations_moved("-", "o", table) + " UNION ALL " + violations_moved("+", "n", table),
        )
        for table in (VIOLATIONS, VIOLATION_AREAS)
    )
    functions["shift_upd"] = write(
        EFFORT_AREAS, shift_moved("-", "o") + " UNION ALL " + shift_moved("+", "n")
    )
    triggers.append(("shift_upd", "enforcement_patrollog", "UPDATE", both))
    forward, backward = statement_triggers(
        prefix="reports_rollup", triggers=triggers, functions=functions
    )
    rebuild = []
    sources = [
        (target, build(table, "+"))
        for _, table, builders, _, counts in sources_of_rollups
        if counts
        for target, build in builders
    ]
    for table, source in sources:
        dims = ", ".join(TABLES[table])
        rebuild.append(
            f"DELETE FROM {table}; INSERT INTO {table} (month, {dims}, {VALUES.get(table, 'n')}) "  # nosec B608: names from the code (models, constants), values as %s parameters
            f"SELECT month, {dims}, sum(n) FROM ({source}) d GROUP BY month, {dims} "
            # Stored in month order, so a period's rows sit on few pages (later rows
            # arrive in time order anyway).
            f"ORDER BY month, {dims};"
        )
    forward.append(
        f"""
        CREATE OR REPLACE FUNCTION reports_rollup_rebuild() RETURNS void
        LANGUAGE sql AS $$
        {" ".join(rebuild)}
        $$;
        SELECT reports_rollup_rebuild();
        """
    )
    backward.append("DROP FUNCTION IF EXISTS reports_rollup_rebuild();")
    compact = "".join(_compact(table) for table in TABLES)
    forward.append(
        f"""
        CREATE OR REPLACE FUNCTION reports_rollup_compact() RETURNS boolean
        LANGUAGE plpgsql AS $$
        BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('{COMPACT_LOCK}')) THEN
            RETURN false;  -- another compaction runs now
        END IF;
        {compact}
        RETURN true;
        END $$;
        """
    )
    backward.append("DROP FUNCTION IF EXISTS reports_rollup_compact();")
    return "\n".join(forward), "\n".join(backward)
