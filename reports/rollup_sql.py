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

A row whose count drops to zero stays (with 0); readers ignore zeros. Generators that
load with triggers off (``session_replication_role = replica``) call
``reports_rollup_rebuild()`` afterwards (reports/generate.py). TRUNCATE of a
registration table is not followed; the rebuild puts things right.

The SQL is assembled from constants and settings.TIME_ZONE (checked below), never
from user input. Used by the migrations.
"""

# ruff: noqa: S608
import re

from django.conf import settings

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
    dims = ", ".join(TABLES[table])
    keys = f"month, {dims}"
    value = VALUES.get(table, "n")
    return f"""
    INSERT INTO {table} ({keys}, {value})
    SELECT {keys}, sum(n) FROM ({delta_sql}) d
    GROUP BY {keys}
    ORDER BY {keys}
    ON CONFLICT ({keys}) DO UPDATE SET {value} = {table}.{value} + EXCLUDED.{value};
    """


def statements() -> tuple[str, str]:
    tz = settings.TIME_ZONE
    if not re.fullmatch(r"[A-Za-z0-9_/+-]+", tz):
        raise ValueError(f"unexpected TIME_ZONE {tz!r}")

    def month(col: str) -> str:
        return f"date_trunc('month', {col} AT TIME ZONE '{tz}')::date"

    def incidents(rows: str, sign: str, table: str = INCIDENTS) -> str:
        dims = ", ".join(f"r.{d}" for d in TABLES[table])
        return f"SELECT {month('r.occurred_at')} AS month, {dims}, {sign}1 AS n FROM {rows} r"

    def incident_tables(rows_old: str | None, rows_new: str | None) -> str:
        sql = ""
        for table in (INCIDENTS, CATEGORIES):
            parts = [
                incidents(r, sign, table) for r, sign in ((rows_old, "-"), (rows_new, "+")) if r
            ]
            sql += _upsert(table, " UNION ALL ".join(parts))
        parts = [sources(r, sign) for r, sign in ((rows_old, "-"), (rows_new, "+")) if r]
        return sql + _upsert(SOURCES, " UNION ALL ".join(parts))

    def cases(rows: str, sign: str) -> str:
        return " UNION ALL ".join(
            f"SELECT {when} AS month, r.theme_id, '{event}'::varchar AS event, "
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
            f"SELECT {month('l.started_at')} AS month, la.area_id, r.kind, "
            f"{sign}r.minutes::bigint AS n FROM {rows} r "
            "JOIN enforcement_patrollog l ON l.id = r.patrol_log_id "
            "JOIN enforcement_patrollog_areas la ON la.patrollog_id = l.id"
        )

    def log_areas(rows: str, sign: str) -> str:
        return (
            f"SELECT {month('l.started_at')} AS month, r.area_id, e.kind, "
            f"{sign}e.minutes::bigint AS n FROM {rows} r "
            "JOIN enforcement_patrollog l ON l.id = r.patrollog_id "
            "JOIN enforcement_patroleffort e ON e.patrol_log_id = l.id"
        )

    def shift_moved(sign: str, side: str) -> str:
        return (
            f"SELECT {month(side + '.started_at')} AS month, la.area_id, e.kind, "
            f"{sign}e.minutes::bigint AS n "
            "FROM old_rows o JOIN new_rows n ON n.id = o.id "
            "AND n.started_at IS DISTINCT FROM o.started_at "
            "JOIN enforcement_patroleffort e ON e.patrol_log_id = n.id "
            "JOIN enforcement_patrollog_areas la ON la.patrollog_id = n.id"
        )

    changed_efforts = (
        "(SELECT {side}.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE "
        "(o.patrol_log_id, o.kind, o.minutes) IS DISTINCT FROM "
        "(n.patrol_log_id, n.kind, n.minutes))"
    )
    changed_links = (
        "(SELECT {side}.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE "
        "(o.patrollog_id, o.area_id) IS DISTINCT FROM (n.patrollog_id, n.area_id))"
    )

    def sources(rows: str, sign: str) -> str:
        return (
            f"SELECT {month('r.occurred_at')} AS month, r.theme_id, r.source, {sign}1 AS n "
            f"FROM {rows} r"
        )

    def violations(rows: str, sign: str, table: str = VIOLATIONS) -> str:
        # Theme and area are the incident's, as they are now (an incident's change of
        # theme or area moves its violations, below).
        dims = "i.theme_id, r.offence_id, r.intervention_id" if table == VIOLATIONS else "i.area_id"
        return (
            f"SELECT date_trunc('month', r.committed_on)::date AS month, {dims}, "
            f"{sign}1 AS n FROM {rows} r JOIN enforcement_incident i ON i.id = r.incident_id"
        )

    def violation_tables(rows_old: str | None, rows_new: str | None) -> str:
        sql = ""
        for table in (VIOLATIONS, VIOLATION_AREAS):
            parts = [
                violations(r, sign, table) for r, sign in ((rows_old, "-"), (rows_new, "+")) if r
            ]
            sql += _upsert(table, " UNION ALL ".join(parts))
        return sql

    changed_incidents = (
        "(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE "
        "(o.occurred_at, o.theme_id, o.area_id, o.category_id, o.source) IS DISTINCT FROM "
        "(n.occurred_at, n.theme_id, n.area_id, n.category_id, n.source))"
    )
    changed_incidents_new = changed_incidents.replace("SELECT o.*", "SELECT n.*")

    def violations_moved(sign: str, side: str, table: str = VIOLATIONS) -> str:
        if table == VIOLATIONS:
            dims, changed = "theme_id, v.offence_id, v.intervention_id", "n.theme_id <> o.theme_id"
        else:
            dims, changed = "area_id", "n.area_id IS DISTINCT FROM o.area_id"
        return (
            "SELECT date_trunc('month', v.committed_on)::date AS month, "
            f"{side}.{dims}, {sign}1 AS n "
            f"FROM old_rows o JOIN new_rows n ON n.id = o.id AND {changed} "
            "JOIN enforcement_violation v ON v.incident_id = n.id"
        )

    changed_violations = (
        "(SELECT {side}.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE "
        "(o.committed_on, o.incident_id, o.offence_id, o.intervention_id) IS DISTINCT FROM "
        "(n.committed_on, n.incident_id, n.offence_id, n.intervention_id))"
    )

    changed_cases = (
        "(SELECT {side}.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE "
        "(o.opened_at, o.closed_at, o.due_date, o.theme_id) IS DISTINCT FROM "
        "(n.opened_at, n.closed_at, n.due_date, n.theme_id))"
    )

    functions = {
        "incident_ins": incident_tables(None, "new_rows"),
        "incident_del": incident_tables("old_rows", None),
        "incident_upd": incident_tables(changed_incidents, changed_incidents_new)
        + "".join(
            _upsert(
                table,
                violations_moved("-", "o", table)
                + " UNION ALL "
                + violations_moved("+", "n", table),
            )
            for table in (VIOLATIONS, VIOLATION_AREAS)
        ),
        "violation_ins": violation_tables(None, "new_rows"),
        "violation_del": violation_tables("old_rows", None),
        "violation_upd": violation_tables(
            changed_violations.format(side="o"), changed_violations.format(side="n")
        ),
        "effort_ins": _upsert(EFFORT_AREAS, effort_areas("new_rows", "+")),
        "effort_del": _upsert(EFFORT_AREAS, effort_areas("old_rows", "-")),
        "effort_upd": _upsert(
            EFFORT_AREAS,
            effort_areas(changed_efforts.format(side="o"), "-")
            + " UNION ALL "
            + effort_areas(changed_efforts.format(side="n"), "+"),
        ),
        "shift_upd": _upsert(
            EFFORT_AREAS, shift_moved("-", "o") + " UNION ALL " + shift_moved("+", "n")
        ),
        "shift_area_ins": _upsert(EFFORT_AREAS, log_areas("new_rows", "+")),
        "shift_area_del": _upsert(EFFORT_AREAS, log_areas("old_rows", "-")),
        "shift_area_upd": _upsert(
            EFFORT_AREAS,
            log_areas(changed_links.format(side="o"), "-")
            + " UNION ALL "
            + log_areas(changed_links.format(side="n"), "+"),
        ),
        "case_ins": _upsert(CASES, cases("new_rows", "+")),
        "case_del": _upsert(CASES, cases("old_rows", "-")),
        "case_upd": _upsert(
            CASES,
            cases(changed_cases.format(side="o"), "-")
            + " UNION ALL "
            + cases(changed_cases.format(side="n"), "+"),
        ),
    }
    both = "OLD TABLE AS old_rows NEW TABLE AS new_rows"
    triggers = [
        ("incident_ins", "enforcement_incident", "INSERT", "NEW TABLE AS new_rows"),
        ("incident_del", "enforcement_incident", "DELETE", "OLD TABLE AS old_rows"),
        ("incident_upd", "enforcement_incident", "UPDATE", both),
        ("violation_ins", "enforcement_violation", "INSERT", "NEW TABLE AS new_rows"),
        ("violation_del", "enforcement_violation", "DELETE", "OLD TABLE AS old_rows"),
        ("violation_upd", "enforcement_violation", "UPDATE", both),
        ("effort_ins", "enforcement_patroleffort", "INSERT", "NEW TABLE AS new_rows"),
        ("effort_del", "enforcement_patroleffort", "DELETE", "OLD TABLE AS old_rows"),
        ("effort_upd", "enforcement_patroleffort", "UPDATE", both),
        ("shift_upd", "enforcement_patrollog", "UPDATE", both),
        ("shift_area_ins", "enforcement_patrollog_areas", "INSERT", "NEW TABLE AS new_rows"),
        ("shift_area_del", "enforcement_patrollog_areas", "DELETE", "OLD TABLE AS old_rows"),
        ("shift_area_upd", "enforcement_patrollog_areas", "UPDATE", both),
        ("case_ins", "cases_case", "INSERT", "NEW TABLE AS new_rows"),
        ("case_del", "cases_case", "DELETE", "OLD TABLE AS old_rows"),
        ("case_upd", "cases_case", "UPDATE", both),
    ]
    forward, backward = [], []
    for name, table, event, referencing in triggers:
        fn = f"reports_rollup_{name}"
        forward.append(
            f"""
            CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
            {functions[name]}
            RETURN NULL;
            END $$;
            CREATE TRIGGER {fn} AFTER {event} ON {table}
            REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION {fn}();
            """
        )
        backward.append(f"DROP TRIGGER IF EXISTS {fn} ON {table}; DROP FUNCTION IF EXISTS {fn}();")
    rebuild = []
    for table, source in (
        (INCIDENTS, incidents("enforcement_incident", "+")),
        (CATEGORIES, incidents("enforcement_incident", "+", CATEGORIES)),
        (SOURCES, sources("enforcement_incident", "+")),
        (VIOLATIONS, violations("enforcement_violation", "+")),
        (VIOLATION_AREAS, violations("enforcement_violation", "+", VIOLATION_AREAS)),
        (CASES, cases("cases_case", "+")),
        (EFFORT_AREAS, effort_areas("enforcement_patroleffort", "+")),
    ):
        dims = ", ".join(TABLES[table])
        rebuild.append(
            f"DELETE FROM {table}; INSERT INTO {table} (month, {dims}, {VALUES.get(table, 'n')}) "
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
    return "\n".join(forward), "\n".join(backward)
