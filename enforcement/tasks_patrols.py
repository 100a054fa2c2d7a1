"""Celery tasks of patrol logs. Thin: they call a service and may run twice."""

from celery import shared_task

from enforcement.services.patrols import patrol_logs_flag_open


@shared_task(name="enforcement.flag_open_patrol_logs")
def flag_open_patrol_logs() -> int:
    """Flag shifts open for more than 14 hours and notify the team lead (every 15 minutes)."""
    return patrol_logs_flag_open()
