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
}
# patrol_log_holds_data is left out of the plan check: with the statistics other tests
# leave behind (shifts with notes) the planner may rightly pick the plain started_at
# index on a tiny table. Its condition is still checked below.


def _count_plan(kind: str) -> str:
    step = next(s for s in STEPS if s.kind == kind)
    with CaptureQueriesContext(connection) as ctx:
        step.due(cutoffs(), held()).count()
    sql = ctx.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        # On the test database's few rows the statistics other tests leave behind can make
        # a plain time index look as cheap; making each row's filter costly asks what the
        # count is for: only the rows that still hold data, which the partial index holds.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL cpu_operator_cost = 10")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET cpu_operator_cost")
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plan


@pytest.mark.parametrize("kind,index", sorted(INDEX_BY_STEP.items()))
def test_preview_count_reads_only_the_rows_that_still_hold_personal_data(kind, index):
    plan = _count_plan(kind)
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
