"""Celery tasks of privacy. Thin: they call a service; running twice is harmless."""

from celery import shared_task


@shared_task(name="privacy.tasks.retention_run_daily")
def retention_run_daily() -> dict:
    """The daily beat job: remove personal data past its term (a second run finds nothing)."""
    from privacy.retention import retention_run

    return retention_run(actor=None).counts


@shared_task(name="privacy.tasks.audit_build")
def audit_build(audit_id: int) -> str:
    from privacy.audit import audit_build as build

    return build(audit_id=audit_id).status
