"""The violation list by area and quarter, and the shift list by dates: right rows, and
plans that read an index instead of walking the heap (issue 14). The shift list by area
reads the shift ids of the area from (area_id, patrollog_id) (count 62-75 -> 30 ms).

On the large data set the violation count joined 13,500 violations to 95,000 incidents
of a district read from the table (1.3 s); with (area, id) the incident ids came from
the index alone (57 ms, ~220 ms with the page); now the violation carries the area. The shift list's ``started_at__date`` cast every row of the
browse year; a range on ``started_at`` reads the quarter from its index (page 78 -> 5 ms).
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enforcement.models import Incident, Violation
from enforcement.selectors.patrols import patrol_log_list
from enforcement.selectors.violations import violation_list
from enforcement.tests.factories import (
    AreaFactory,
    IncidentFactory,
    PatrolLogFactory,
    ViolationFactory,
)

pytestmark = pytest.mark.django_db


def _plans(run) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        run()
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for query in ctx.captured_queries:
            cursor.execute("EXPLAIN " + query["sql"])
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plans


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def test_violation_list_by_area_reads_the_violations_own_area(policy_officer):
    """The list filters on the violation's area (kept from its incident by the database,
    migration 0016) through the (area, committed_on) index: no join to the incidents."""
    district = AreaFactory()
    buurt = AreaFactory(code="BU09990101", kind="buurt", parent=district)
    elsewhere = AreaFactory(code="BU09990199", kind="buurt")
    inside = ViolationFactory(incident=IncidentFactory(area=buurt))
    ViolationFactory(incident=IncidentFactory(area=elsewhere))
    qs = violation_list(user=policy_officer, area_id=district.pk)
    assert [v.pk for v in qs] == [inside.pk]
    with CaptureQueriesContext(connection) as ctx:
        assert qs.all().count() == 1
    (count_sql,) = (q["sql"] for q in ctx.captured_queries)
    assert '"enforcement_violation"."area_id" IN (SELECT' in count_sql, count_sql
    assert "enforcement_incident" not in count_sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'enforcement_violation'"
            " AND indexname = 'violation_area_committed'"
        )
        assert cursor.fetchone()[0].endswith("USING btree (area_id, committed_on)")


def test_a_violation_keeps_its_incidents_area(policy_officer):
    noord = AreaFactory(code="BU09990301", kind="buurt")
    zuid = AreaFactory(code="BU09990302", kind="buurt")
    incident = IncidentFactory(area=noord)
    violation = ViolationFactory(incident=incident)
    assert Violation.objects.get(pk=violation.pk).area_id == noord.pk
    # The incident moves: its violations follow.
    Incident.objects.filter(pk=incident.pk).update(area=zuid)
    assert Violation.objects.get(pk=violation.pk).area_id == zuid.pk
    incident.refresh_from_db()
    incident.area = None
    incident.save()
    assert Violation.objects.get(pk=violation.pk).area_id is None
    # A save of the violation with a stale area in memory does not overwrite it, nor can
    # an area be set that is not its incident's.
    Incident.objects.filter(pk=incident.pk).update(area=noord)
    violation.area_id = zuid.pk
    violation.save()
    assert Violation.objects.get(pk=violation.pk).area_id == noord.pk
    # Moved to another incident: the other incident's area.
    other = IncidentFactory(area=zuid)
    Violation.objects.filter(pk=violation.pk).update(incident=other)
    assert Violation.objects.get(pk=violation.pk).area_id == zuid.pk


def test_shift_list_date_filter_takes_whole_local_days_through_the_time_index(policy_officer):
    first, last = timezone.localdate() - dt.timedelta(days=10), timezone.localdate()
    inside = [
        PatrolLogFactory(started_at=_local(first, 0, 30)),
        PatrolLogFactory(started_at=_local(last - dt.timedelta(days=1), 23, 30)),
    ]
    PatrolLogFactory(started_at=_local(first - dt.timedelta(days=1), 23, 30))
    PatrolLogFactory(started_at=_local(last + dt.timedelta(days=1), 0, 30))
    qs = patrol_log_list(user=policy_officer, date_from=first, date_to=last - dt.timedelta(days=1))
    assert {log.pk for log in qs} == {log.pk for log in inside}
    plans = _plans(qs.order_by("-started_at").values("pk").__iter__)
    assert "AT TIME ZONE" not in "".join(plans)
    assert any("on enforcement_patrollog" in p and "started" in p for p in plans), plans


def test_shift_list_by_area_reads_shift_ids_from_the_area_index(policy_officer):
    district = AreaFactory()
    buurt = AreaFactory(code="BU09990102", kind="buurt", parent=district)
    elsewhere = AreaFactory(code="BU09990201", kind="buurt")
    inside = PatrolLogFactory(started_at=_local(timezone.localdate(), 9))
    inside.areas.add(buurt)
    PatrolLogFactory(started_at=_local(timezone.localdate(), 10)).areas.add(elsewhere)
    qs = patrol_log_list(user=policy_officer, area_id=district.pk)
    assert [log.pk for log in qs] == [inside.pk]
    # The shift ids come from the through table by area, which (area_id, patrollog_id)
    # serves from the index alone. Not the plan itself: on a test database of a few rows
    # the planner's pick between that index and the plain area_id one follows the
    # statistics other tests leave behind.
    with CaptureQueriesContext(connection) as ctx:
        assert patrol_log_list(user=policy_officer, area_id=district.pk).count() == 1
    (count_sql,) = (q["sql"] for q in ctx.captured_queries)
    assert '"enforcement_patrollog"."id" IN (SELECT V0."patrollog_id"' in count_sql, count_sql
    assert 'FROM "enforcement_patrollog_areas" V0 WHERE V0."area_id" IN' in count_sql
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'enforcement_patrollog_areas'"
            " AND indexname = 'patrollog_areas_area_log'"
        )
        assert cursor.fetchone()[0].endswith("USING btree (area_id, patrollog_id)")
