"""The yearly internal Wpg privacy audit, built from the access log and the retention runs.

``audit_figures(year=...)`` returns plain data (JSON-safe); the renderers turn it
into PDF and XLSX (privacy/audit_render.py). Requested by the functional admin,
built by Celery, signed off by the designated privacy officer, which freezes it:
the files are rendered once more with the signature and improvement plan, their
SHA-256 stored, and nothing changes it after that (like a published council report).
"""

from __future__ import annotations

import hashlib
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AccessLogEntry, User
from accounts.queue import enqueue_on_commit
from accounts.services import access_log_record, notification_create
from privacy import permissions
from privacy.audit.figures import audit_figures
from privacy.models import PrivacyAudit, PrivacyOfficer


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _store_files(audit: PrivacyAudit) -> None:
    from privacy.audit_render import render_pdf, render_xlsx

    # The XLSX first: the PDF names the spreadsheet with the full tables and its SHA-256.
    for field, render in (("xlsx", render_xlsx), ("pdf", render_pdf)):
        content = render(audit)
        getattr(audit, field).save(
            f"wpg-audit-{audit.year}.{field}", ContentFile(content), save=False
        )
        setattr(audit, f"{field}_sha256", _sha256(content))


@transaction.atomic
def audit_request(*, actor: User, year: int) -> PrivacyAudit:
    if not permissions.can_build_audit(actor):
        raise PermissionDenied
    audit = PrivacyAudit.objects.create(year=year, requested_by=actor, requested_at=timezone.now())
    from privacy.tasks import audit_build as task

    enqueue_on_commit(task, audit.pk)
    return audit


def audit_build(*, audit_id: int) -> PrivacyAudit:
    """Compute and render the audit (the Celery task). A signed audit is never rebuilt."""
    started = time.monotonic()
    with transaction.atomic():
        audit = PrivacyAudit.objects.select_for_update().get(pk=audit_id)
        if audit.is_signed:
            return audit
        try:
            audit.data = audit_figures(year=audit.year)
            audit.build_seconds = None
            _store_files(audit)
        except Exception as exc:  # the page says it failed; the admin may ask again
            audit.status, audit.error = PrivacyAudit.Status.FAILED, str(exc)[:500]
            audit.save(update_fields=["status", "error"])
            raise
        audit.status, audit.built_at = PrivacyAudit.Status.READY, timezone.now()
        audit.build_seconds = round(time.monotonic() - started, 2)
        audit.save()
        for officer in PrivacyOfficer.objects.filter(user__is_active=True).select_related("user"):
            notification_create(
                user=officer.user,
                message=lambda: (
                    _("De Wpg-audit %(year)s is klaar om af te tekenen.") % {"year": audit.year}
                ),
                url=reverse("privacy:audit_detail", args=[audit.pk]),
            )
    return audit


@transaction.atomic
def audit_sign(*, actor: User, audit_id: int, improvement_plan: str) -> PrivacyAudit:
    """The privacy officer signs the audit off: files rendered with plan and signature, frozen."""
    audit = PrivacyAudit.objects.select_for_update().get(pk=audit_id)
    if not permissions.can_sign_audit(actor, audit):
        raise PermissionDenied
    if PrivacyAudit.objects.filter(year=audit.year, status=PrivacyAudit.Status.SIGNED).exists():
        raise ValidationError(_("De audit van dit jaar is al afgetekend."))
    audit.improvement_plan = improvement_plan.strip()
    audit.status, audit.signed_by, audit.signed_at = (
        PrivacyAudit.Status.SIGNED,
        actor,
        timezone.now(),
    )
    _store_files(audit)
    audit.save()
    access_log_record(
        actor=actor,
        action=AccessLogEntry.Action.CHANGE,
        obj=audit,
        detail={"signed": True, "pdf_sha256": audit.pdf_sha256, "xlsx_sha256": audit.xlsx_sha256},
    )
    return audit
