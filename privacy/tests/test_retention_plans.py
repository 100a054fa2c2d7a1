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
}


def _count_plan(kind: str, index: str) -> str:
    step = next(s for s in STEPS if s.kind == kind)
    with CaptureQueriesContext(connection) as ctx:
        step.due(cutoffs(), held()).count()
    sql = ctx.captured_queries[-1]["sql"]
    table = step.due(cutoffs(), held()).model._meta.db_table
    with connection.cursor() as cursor:
        # On the test database's few rows the planner's choice follows whatever statistics
        # other tests left behind (it took the plain closed_at index of cases once). The
        # question here is whether the partial index can answer the count, so the table's
        # other indexes are dropped inside this test's transaction (rolled back after it),
        # and sequential scans are off, as on the large data set.
        cursor.execute(
            "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
            " WHERE x.indrelid = %s::regclass AND i.relname <> %s"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            [table, index],
        )
        for (other,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{other}"')
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plan


@pytest.mark.parametrize("kind,index", sorted(INDEX_BY_STEP.items()))
def test_preview_count_reads_only_the_rows_that_still_hold_personal_data(kind, index):
    plan = _count_plan(kind, index)
    assert f"using {index} on" in plan or f"Bitmap Index Scan on {index}" in plan, plan


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
