"""Celery tasks of incidents. Thin: they receive ids and call a service; safe to run twice."""

from celery import shared_task

from enforcement.services import incidents as incident_services


@shared_task(acks_late=True)
def incident_photo_make_thumbnail(photo_id: int) -> bool:
    return incident_services.incident_photo_make_thumbnail(photo_id=photo_id)
