"""Background jobs of planning. Thin: they call services and may safely run twice."""

from celery import shared_task

from planning.services.reminders import expert_group_reminders_send


@shared_task
def send_expert_group_reminders() -> int:
    return expert_group_reminders_send()
