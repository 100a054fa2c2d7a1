import datetime as dt

import pytest
import time_machine

from accounts.models import Notification
from reports.models import CouncilReport, ReportBuild
from reports.tasks import build_report_task, quarter_report_check

pytestmark = pytest.mark.django_db


def test_build_task_builds_the_draft_and_is_safe_to_run_twice(known_data, policy_officer):
    build = ReportBuild.objects.create(period="2026Q2", requested_by=policy_officer)
    result = build_report_task.apply(args=[build.pk])
    build.refresh_from_db()
    assert build.status == "done" and build.progress == 100
    assert result.get() == build.report_id
    # A repeated delivery of the same message changes nothing.
    build_report_task.apply(args=[build.pk])
    assert CouncilReport.objects.count() == 1
    assert build.report.figures["sections"][0]["tables"][0]["total"]["values"][0] == 19


def test_a_failing_build_reports_its_error_to_the_policy_officer(db, policy_officer, boa):
    # A build row for a period that cannot be built (in the future) fails for good.
    build = ReportBuild.objects.create(period="2099Q1", requested_by=boa)
    result = build_report_task.apply(args=[build.pk])
    assert result.failed()
    build.refresh_from_db()
    assert build.status == "failed"
    assert "toekomst" in build.error
    assert Notification.objects.filter(user=policy_officer, message__contains="mislukt").exists()
    assert Notification.objects.filter(user=boa, message__contains="mislukt").exists()
    # The period is free again for a new build.
    assert not ReportBuild.objects.filter(status__in=ReportBuild.ACTIVE).exists()


def test_build_task_retries_with_backoff():
    assert build_report_task.autoretry_for == (Exception,)
    assert build_report_task.retry_backoff and build_report_task.max_retries == 3


def test_beat_schedule_runs_the_quarter_check_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reports-quarter-draft"]
    assert entry["task"] == "reports.tasks.quarter_report_check"


def test_quarter_draft_on_first_working_day_only_once(
    known_data, policy_officer, django_capture_on_commit_callbacks
):
    with time_machine.travel(dt.datetime(2026, 6, 30, 8, tzinfo=dt.UTC)):
        assert quarter_report_check() is None  # quarter not over
    with time_machine.travel(dt.datetime(2026, 7, 1, 6, tzinfo=dt.UTC)):
        with django_capture_on_commit_callbacks() as callbacks:
            build_id = quarter_report_check()
        assert build_id is not None and len(callbacks) == 1
        assert quarter_report_check() is None  # already queued
        build_report_task.apply(args=[build_id])
        assert quarter_report_check() is None  # draft exists
    with time_machine.travel(dt.datetime(2026, 7, 2, 6, tzinfo=dt.UTC)):
        assert quarter_report_check() is None  # not the first working day
    report = CouncilReport.objects.get()
    assert (report.period, report.status) == ("2026Q2", "draft")
    assert Notification.objects.filter(
        user=policy_officer, message__contains="Concept-raadsrapportage Q2 2026"
    ).exists()


def test_the_build_row_shows_each_subject_while_the_figures_are_counted(
    known_data, policy_officer, monkeypatch
):
    from reports import services
    from reports.figures import STEPS

    seen = []
    real = services._progress

    def spy(build, progress, step):
        real(build, progress, step)
        # What the person polling the build page reads at that moment.
        seen.append(tuple(ReportBuild.objects.values_list("progress", "step").get(pk=build.pk)))

    monkeypatch.setattr(services, "_progress", spy)
    build = ReportBuild.objects.create(period="2026Q2", requested_by=policy_officer)
    build_report_task.apply(args=[build.pk])
    assert [step for _, step in seen] == [label for _, label in STEPS] + ["Concept opslaan"]
    percentages = [pct for pct, _ in seen]
    assert percentages == sorted(percentages) and len(set(percentages)) == len(seen)
    assert percentages[0] >= 10 and percentages[-1] == 70
