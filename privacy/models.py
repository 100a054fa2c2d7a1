"""Wpg keeping side: legal holds, retention runs and the yearly privacy audit.

Reads and changes records of every other app (like reports); nothing depends on it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LegalHold(models.Model):
    """A case (with its incidents, violations and documents) kept past its retention period."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("zaak"), on_delete=models.PROTECT, related_name="legal_holds"
    )
    reason = models.CharField(_("reden"), max_length=500)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(_("geplaatst op"))
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(_("opgeheven op"), null=True, blank=True)
    lift_reason = models.CharField(_("reden opheffen"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("bewaarplicht")
        verbose_name_plural = _("bewaarplichten")
        ordering = ["-placed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(lifted_at__isnull=True),
                name="one_active_hold_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.reason}"

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class RetentionRun(models.Model):
    """One run of the retention job, with what it removed per kind."""

    started_at = models.DateTimeField(_("gestart"))
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    # Kind -> number of records whose personal data was removed (privacy.retention.KINDS).
    counts = models.JSONField(_("aantallen"), default=dict)
    # Kind -> the cut-off date used (records dated before it were due).
    cutoffs = models.JSONField(_("grensdatums"), default=dict)
    held_cases = models.PositiveIntegerField(_("zaken met bewaarplicht"), default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("opschoonronde")
        verbose_name_plural = _("opschoonrondes")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _audit_file_path(instance, filename: str) -> str:
    return f"privacy/audit/{instance.year}/{filename}"


class PrivacyAudit(models.Model):
    """The yearly internal Wpg audit of one calendar year; signed off = frozen."""

    class Status(models.TextChoices):
        BUILDING = "building", _("Wordt gemaakt")
        READY = "ready", _("Klaar")
        FAILED = "failed", _("Mislukt")
        SIGNED = "signed", _("Afgetekend")

    year = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BUILDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("aangevraagd op"))
    built_at = models.DateTimeField(_("gemaakt op"), null=True, blank=True)
    build_seconds = models.FloatField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    data = models.JSONField(_("inhoud"), default=dict, blank=True)
    improvement_plan = models.TextField(_("verbeterplan"), blank=True, max_length=10000)
    pdf = models.FileField(upload_to=_audit_file_path, blank=True)
    xlsx = models.FileField(upload_to=_audit_file_path, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    xlsx_sha256 = models.CharField(max_length=64, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("afgetekend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("privacy-audit")
        verbose_name_plural = _("privacy-audits")
        ordering = ["-year", "-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"], condition=Q(status="signed"), name="one_signed_audit_per_year"
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(signed_at__isnull=False, signed_by__isnull=False),
                name="signed_audit_has_signer",
            ),
        ]

    def __str__(self) -> str:
        return f"Wpg-audit {self.year}"

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED


class PrivacyOfficer(models.Model):
    """A user designated as the privacy officer, who signs off the yearly audit.

    A designation beside the user's role, not a role: the privacy officer is a
    person with another job (policy officer, manager), and roles here are one
    per user. Only a functional admin designates, never themselves.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="privacy_officer"
    )
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    designated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("privacy officer")
        verbose_name_plural = _("privacy officers")

    def __str__(self) -> str:
        return str(self.user)
