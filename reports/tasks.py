"""Celery tasks of reports: thin, receive ids, safe to run twice."""

from __future__ import annotations

from celery import Task, shared_task

from reports.locks import period_lock
from reports.models import ReportBuild
from reports.periods import Period, PeriodError


class _BuildTask(Task):
    """Records retries on the build row, and a final failure as the build's error."""

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        from reports.services import report_build_retrying

        report_build_retrying(build_id=args[0], error=str(exc) or exc.__class__.__name__)

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from reports.services import report_build_fail

        report_build_fail(build_id=args[0], error=str(exc) or exc.__class__.__name__)


@shared_task(
    bind=True,
    base=_BuildTask,
    autoretry_for=(Exception,),
    # A missing build or an impossible period will not get better by trying again.
    dont_autoretry_for=(ReportBuild.DoesNotExist, PeriodError),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=False,
    max_retries=3,
)
def build_report_task(self, build_id: int) -> int | None:
    """Run a queued build. A build that is done already (a repeated delivery) is skipped,
    and so is one that another worker is running at this moment (reports.locks)."""
    from reports.services import report_build

    period = ReportBuild.objects.values_list("period", flat=True).get(pk=build_id)
    with period_lock(period) as held:
        if not held:
            return None  # another worker is running this period's build or publication
        # Read under the lock: a worker that finished just now has marked it done.
        build = ReportBuild.objects.select_related("requested_by").get(pk=build_id)
        if not build.is_active:
            return build.report_id
        report = report_build(
            period=Period.parse(build.period), actor=build.requested_by, build=build
        )
    return report.pk


@shared_task(
    bind=True,
    base=_BuildTask,
    autoretry_for=(Exception,),
    dont_autoretry_for=(ReportBuild.DoesNotExist,),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=False,
    max_retries=3,
)
def publish_report_task(self, build_id: int) -> int | None:
    """Render and freeze a report's files; the build row shows the progress."""
    from reports.services import report_publish_run

    period = ReportBuild.objects.values_list("period", flat=True).get(pk=build_id)
    with period_lock(period) as held:
        if not held:
            return None
        build = ReportBuild.objects.select_related("requested_by").get(pk=build_id)
        if not build.is_active:
            return build.report_id
        return report_publish_run(build=build).pk


@shared_task
def quarter_report_check() -> int | None:
    """Daily: on the first working day after a quarter, draft that quarter's report."""
    from reports.services import quarter_report_due

    build = quarter_report_due()
    return build.pk if build else None


@shared_task
def rollups_compact() -> bool:
    """Every few minutes: fold the rows the rollup triggers appended into one per key
    (reports/rollup_sql.py). False when another compaction was running."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT reports_rollup_compact()")
        return cursor.fetchone()[0]
