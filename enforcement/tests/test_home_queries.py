"""Home-page selectors: right rows, and served by an index that fits their order.

On 2 million incidents the planner's choice decides between 1 ms and 800 ms, so the
plans are checked too (with sequential scans off, as on a big table): a query must
read incidents through one of the indexes named here, not walk the time index.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from enforcement.selectors import incidents as selectors
from enforcement.tests.factories import IncidentFactory


def incident_plans(queries) -> list[str]:
    """EXPLAIN of every captured query that reads the incidents table."""
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for query in queries:
            sql = query["sql"]
            if "enforcement_incident" not in sql or not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + sql)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plans


_ACCESS = re.compile(
    r"Index (?:Only )?Scan (?:Backward )?using (\S+) on enforcement_incident\b"
    r"|Bitmap Index Scan on (\S+)"
    r"|(Seq Scan) on enforcement_incident\b"
)


def incident_access(plan: str) -> set[str]:
    """The indexes (or 'Seq Scan') through which a plan reads the incidents table."""
    found = set()
    for match in _ACCESS.finditer(plan):
        name = next(g for g in match.groups() if g)
        if match.group(2) and not name.startswith(("enforcement_incident", "incident_")):
            continue  # a bitmap scan of another table's index
        found.add(name)
    return found


@pytest.mark.django_db
def test_my_recent_incidents_reported_or_registered_newest_first(make_user):
    boa = make_user(Role.BOA)
    other = make_user(Role.BOA)
    now = timezone.now()
    reported = [
        IncidentFactory(
            reported_by=boa, registered_by=other, occurred_at=now - dt.timedelta(hours=h)
        )
        for h in (1, 5, 9)
    ]
    registered = [
        IncidentFactory(
            reported_by=other, registered_by=boa, occurred_at=now - dt.timedelta(hours=h)
        )
        for h in (2, 6)
    ]
    both = IncidentFactory(
        reported_by=boa, registered_by=boa, occurred_at=now - dt.timedelta(hours=3)
    )
    IncidentFactory(reported_by=other, registered_by=other, occurred_at=now)  # not this boa's

    got = selectors.my_recent_incidents(user=boa, limit=5)

    expected = sorted([*reported, *registered, both], key=lambda i: i.occurred_at, reverse=True)
    assert [i.pk for i in got] == [i.pk for i in expected[:5]]
    assert len({i.pk for i in got}) == 5  # the one on both sides once


@pytest.mark.django_db
def test_my_recent_incidents_read_by_the_per_person_time_indexes(make_user):
    boa = make_user(Role.BOA)
    IncidentFactory.create_batch(3, reported_by=boa, registered_by=boa)

    with CaptureQueriesContext(connection) as ctx:
        selectors.my_recent_incidents(user=boa)

    plans = incident_plans(ctx.captured_queries)
    assert plans
    allowed = {"incident_reporter_time", "incident_registrar_time", "enforcement_incident_pkey"}
    for plan in plans:
        used = incident_access(plan)
        assert used, plan
        assert used <= allowed, plan
