"""Reading from a real hot standby (config.db_router), with fall-back to the primary.

Needs a primary with a streaming standby: ``scripts/replica.py run -- …`` starts a
private pair and sets DATABASE_URL / DATABASE_REPLICA_URL / REPLICA_ADMIN_URL for the
command (CI runs this module that way). Without them the module is skipped.

The test database is created on the primary; physical replication copies it to the
standby, where the ``replica`` alias reads it as the runtime role. The tests are
transactional: only committed rows reach the standby. Lag is made by pausing replay
on the standby (as superuser), so rows committed on the primary are not there yet.
"""

import copy
import datetime as dt
import os
import time

import environ
import psycopg
import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from config.db_router import replica_reads, replica_state, replica_state_forget
from enforcement.models import Incident, Theme
from enforcement.tests.factories import IncidentFactory, ThemeFactory
from reports.models import CouncilReport, ReportBuild
from reports.tasks import build_report_task

pytestmark = [
    # CI sets REPLICA_REQUIRED=1: there a missing standby fails instead of skipping.
    pytest.mark.skipif(
        os.environ.get("REPLICA_REQUIRED") != "1"
        and not (os.environ.get("DATABASE_REPLICA_URL") and os.environ.get("REPLICA_ADMIN_URL")),
        reason="no hot standby: run through `python scripts/replica.py run -- …`",
    ),
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


def _admin():
    return psycopg.connect(os.environ["REPLICA_ADMIN_URL"], autocommit=True, connect_timeout=5)


@pytest.fixture
def standby(settings):
    """The ``replica`` alias on the real standby (the test database there), measured
    on every read."""
    with _admin() as conn:
        if not conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]:
            pytest.skip("REPLICA_ADMIN_URL is not a standby")
    url = environ.Env.db_url_config(os.environ["DATABASE_REPLICA_URL"])
    replica = connections["replica"]
    saved = replica.settings_dict
    replica.close()
    # With TEST MIRROR the alias shares the primary's settings dict: give it its own.
    replica.settings_dict = copy.deepcopy(connections["default"].settings_dict)
    replica.settings_dict.update({k: url[k] for k in ("HOST", "PORT", "USER", "PASSWORD")})
    replica.settings_dict["TEST"] = {"MIRROR": "default"}  # not flushed: it is read-only
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 1
    replica_state_forget()
    try:
        yield replica
    finally:
        _resume_replay()
        replica.close()
        replica.settings_dict = saved
        replica_state_forget()


def _pause_replay():
    with _admin() as conn:
        conn.execute("SELECT pg_wal_replay_pause()")


def _resume_replay():
    with _admin() as conn:
        if conn.execute("SELECT pg_get_wal_replay_pause_state() <> 'not paused'").fetchone()[0]:
            conn.execute("SELECT pg_wal_replay_resume()")


def _caught_up(timeout: float = 20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = replica_state(fresh=True)
        if state.usable and state.lag_seconds == 0:
            return
        time.sleep(0.1)
    pytest.fail(f"standby not caught up: {replica_state(fresh=True)}")


def _tables(queries) -> str:
    return " ".join(q["sql"] for q in queries.captured_queries)


@pytest.fixture
def incidents(make_user):
    theme = ThemeFactory(code="overlast", name="Overlast")
    boa = make_user(Role.BOA, username="boa-replica")
    when = timezone.make_aware(dt.datetime(2026, 8, 10, 12))
    IncidentFactory.create_batch(3, theme=theme, registered_by=boa, occurred_at=when)
    return theme


def test_the_standby_is_a_real_standby(standby):
    with standby.cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone() == (True,)


def test_dashboard_reads_its_figures_from_the_standby(standby, incidents, client, manager):
    _caught_up()
    client.force_login(manager)
    with (
        CaptureQueriesContext(standby) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(reverse("reports:dashboard"), {"period": "2026Q3"})

    assert response.status_code == 200
    assert "Overlast" in response.content.decode()
    assert "reports_incidentmonthtotal" in _tables(on_replica)
    # The primary served the session and the user, not the figures.
    assert "reports_incidentmonthtotal" not in _tables(on_primary)
    assert "django_session" in _tables(on_primary)
    assert "django_session" not in _tables(on_replica)


def test_other_pages_read_from_the_primary(standby, incidents, client, manager):
    _caught_up()
    client.force_login(manager)
    with CaptureQueriesContext(standby) as on_replica:
        response = client.get(reverse("enforcement:incident_list"))
    assert response.status_code == 200
    assert on_replica.captured_queries == []


def test_a_read_after_a_write_goes_to_the_primary(standby, incidents, settings):
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 3600  # the standby stays "usable"
    _caught_up()
    _pause_replay()
    with replica_reads():
        # Before writing: the standby (it answers, lagging less than allowed).
        assert Incident.objects.count() == 3
        theme = Theme.objects.create(code="jeugd", name="Jeugd", order=9)
        IncidentFactory(theme=theme)
        # After writing: the primary, which has the new rows; the paused standby has not.
        assert Incident.objects.count() == 4
        assert Theme.objects.filter(pk=theme.pk).exists()
    with standby.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM enforcement_incident")
        assert cursor.fetchone() == (3,)


def test_a_lagging_standby_sends_reads_to_the_primary_and_health_says_so(
    standby, incidents, client
):
    _caught_up()
    assert client.get("/health/").json() == {
        "status": "ok", "database": "ok", "broker": "ok",
        "replica": "ok", "replica_lag_seconds": 0.0, "reads": "replica",
    }  # fmt: skip
    _pause_replay()
    IncidentFactory(theme=incidents)  # committed on the primary, not replayed
    time.sleep(1.2)  # the threshold is 1 s

    with replica_reads(), CaptureQueriesContext(standby) as on_replica:
        assert Incident.objects.count() == 4
    assert "enforcement_incident" not in _tables(on_replica)
    health = client.get("/health/")
    assert health.status_code == 200
    body = health.json()
    assert (body["status"], body["replica"], body["reads"]) == ("ok", "lagging", "primary")
    assert body["replica_lag_seconds"] > 1

    _resume_replay()
    _caught_up()
    with replica_reads(), CaptureQueriesContext(standby) as on_replica:
        assert Incident.objects.count() == 4
    assert "enforcement_incident" in _tables(on_replica)
    assert client.get("/health/").json()["reads"] == "replica"


@pytest.fixture
def standby_down(standby):
    standby.close()
    standby.settings_dict.update(HOST="127.0.0.1", PORT="1")
    replica_state_forget()
    yield standby
    standby.close()


def test_a_standby_that_is_down_sends_reads_to_the_primary_and_health_says_so(
    standby_down, incidents, client, manager
):
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard"), {"period": "2026Q3"})
    assert response.status_code == 200
    assert "Overlast" in response.content.decode()
    with replica_reads():
        assert Incident.objects.count() == 3
    health = client.get("/health/")
    assert health.status_code == 200
    assert health.json() == {
        "status": "ok", "database": "ok", "broker": "ok", "replica": "down", "reads": "primary",
    }  # fmt: skip


def test_a_report_build_computes_its_figures_on_the_standby(standby, incidents, policy_officer):
    build = ReportBuild.objects.create(period="2026Q3", requested_by=policy_officer)
    _caught_up()
    with (
        CaptureQueriesContext(standby) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        result = build_report_task.apply(args=[build.pk])

    report = CouncilReport.objects.get()
    assert result.get() == report.pk
    assert report.figures["sections"][0]["tables"][0]["total"]["values"][0] == 3
    assert "reports_incidentmonthtotal" in _tables(on_replica)
    assert "reports_incidentmonthtotal" not in _tables(on_primary)
    # The build's own rows are read and written on the primary.
    assert "reports_reportbuild" not in _tables(on_replica)
    assert "reports_councilreport" not in _tables(on_replica)


def test_an_export_reads_its_rows_from_the_standby_and_logs_on_the_primary(
    standby, incidents, client, policy_officer
):
    from accounts.models import AccessLogEntry

    _caught_up()
    client.force_login(policy_officer)
    with (
        CaptureQueriesContext(standby) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(reverse("enforcement:incident_export", args=["csv"]))

    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 3  # header and the three incidents
    assert 'FROM "enforcement_incident"' in _tables(on_replica)
    assert "enforcement_incident" not in _tables(on_primary)
    # The access-log line is written on the primary (and does not pin the reads there).
    assert 'INSERT INTO "accounts_accesslogentry"' in _tables(on_primary)
    assert AccessLogEntry.objects.filter(action="export", user=policy_officer).count() == 1
