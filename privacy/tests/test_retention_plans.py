"""The retention preview counts through the partial indexes of privacy migration 0002.

Those indexes hold only the rows that still carry personal data, so on a city that runs
retention daily the preview walks a day's worth of rows, not five years of them. Their
conditions are a frozen copy of the *_HOLDS_DATA predicates in privacy/retention.py:
when a predicate changes and the index does not (or the other way round), the planner
can no longer prove the query implies the index condition and these plans fail.
Sequential scans are off, as on the large data set, where the planner would pick them
only for a table it believes tiny.
"""

import importlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from privacy import retention
from privacy.retention import STEPS, cutoffs, held

pytestmark = pytest.mark.django_db

INDEX_BY_STEP = {
    "incident": "incident_holds_data",
    "violation": "violation_holds_data",
    "case": "case_holds_data",
    "patrol_log": "patrol_log_holds_data",
    # Migration 0003: the due cases' actions and events that still hold data.
    "case_action": "case_action_holds_data",
    "case_event": "case_event_holds_data",
}


def _count_plan(kind: str, index: str, table: str | None = None) -> tuple[str, str]:
    """The plan of the preview's count and the name its partial index has in that plan.

    On the test database's few rows the planner's choice follows whatever statistics
    other tests left behind (it took the plain closed_at index of cases once). The
    question here is whether the partial index can answer the count, so the count runs
    against a temporary copy of the table (it shadows the table for this transaction)
    with that index alone, and with sequential scans off, as on the large data set.
    The runtime role may not drop the real table's indexes; a temporary table is its own.
    """
    step = next(s for s in STEPS if s.kind == kind)
    due = step.due(cutoffs(), held())
    with CaptureQueriesContext(connection) as ctx:
        due.count()
    sql = ctx.captured_queries[-1]["sql"]
    table = table or due.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relname = %s",
            [index],
        )
        (predicate,) = cursor.fetchone()
        cursor.execute(
            f'CREATE TEMPORARY TABLE "{table}" (LIKE public."{table}" INCLUDING INDEXES)'
            " ON COMMIT DROP"
        )
        cursor.execute(
            "SELECT i.relname, pg_get_expr(x.indpred, x.indrelid) FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = %s::regclass"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            [f'pg_temp."{table}"'],
        )
        copies = cursor.fetchall()
        (copy,) = [name for name, pred in copies if pred == predicate]
        for name, _pred in copies:
            if name != copy:
                cursor.execute(f'DROP INDEX pg_temp."{name}"')
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plan, copy


@pytest.mark.parametrize("kind,index", sorted(INDEX_BY_STEP.items()))
def test_preview_count_reads_only_the_rows_that_still_hold_personal_data(kind, index):
    plan, copy = _count_plan(kind, index)
    assert f"using {copy} on" in plan or f"Bitmap Index Scan on {copy}" in plan, plan


def test_index_conditions_are_exactly_the_retention_predicates():
    """A narrower predicate in retention.py would still use the index; this catches any
    drift between the frozen copy in the migration and the predicates a run uses."""
    migration = importlib.import_module("privacy.migrations.0002_retention_holds_data_indexes")
    frozen = {index.name: index.condition for _app, _model, index in migration.INDEXES}
    assert frozen == {
        "incident_holds_data": retention.INCIDENT_HOLDS_DATA,
        "violation_holds_data": retention.VIOLATION_HOLDS_DATA,
        "case_holds_data": retention.CASE_HOLDS_DATA,
        "patrol_log_holds_data": retention.PATROL_LOG_HOLDS_DATA,
    }


def test_the_case_childrens_index_conditions_are_the_retention_predicates():
    migration = importlib.import_module(
        "privacy.migrations.0003_retention_case_children_and_offender_indexes"
    )
    frozen = {index.name: index.condition for _app, _model, index in migration.INDEXES}
    assert frozen["case_action_holds_data"] == retention.CASE_ACTION_HOLDS_DATA
    assert frozen["case_event_holds_data"] == retention.CASE_EVENT_HOLDS_DATA


def test_the_offender_count_reads_kept_violations_from_their_index():
    """Whether an offender still has a violation within the term: the anti-join can read
    the violations with an offender by date from (committed_on, offender_id) alone."""
    plan, copy = _count_plan("offender", "violation_committed_offender", "enforcement_violation")
    assert f"using {copy} on" in plan or f"Bitmap Index Scan on {copy}" in plan, plan
