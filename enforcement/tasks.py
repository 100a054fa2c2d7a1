"""Celery tasks of enforcement. Thin: they receive ids and call a service; safe to run twice.

Every task of the app is here: ``autodiscover_tasks`` registers an app's ``tasks.py`` only
(see docs/architecture.md).
"""

from celery import shared_task

from enforcement.services import incidents as incident_services
from enforcement.services.patrols import patrol_logs_flag_open


@shared_task(acks_late=True)
def incident_photo_make_thumbnail(photo_id: int) -> bool:
    return incident_services.incident_photo_make_thumbnail(photo_id=photo_id)


@shared_task(name="enforcement.flag_open_patrol_logs")
def flag_open_patrol_logs() -> int:
    """Flag shifts open for more than 14 hours and notify the team lead (every 15 minutes)."""
    return patrol_logs_flag_open()
