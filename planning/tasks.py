"""Background jobs of planning. Thin: they call services and may safely run twice."""

from celery import shared_task

from planning.services.reminders import expert_group_reminders_send


@shared_task
def send_expert_group_reminders() -> int:
    return expert_group_reminders_send()


@shared_task
def effort_rollup_compact() -> bool:
    """Every few minutes: fold the effort rollup's appended rows into one per key
    (planning/rollup_sql.py). False when another compaction was running."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT planning_effort_rollup_compact()")
        return cursor.fetchone()[0]
