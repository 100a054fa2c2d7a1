"""Webhook subscriptions and their delivery log; the link between a Signalen signal and an incident."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import OutboundEvent


class WebhookSubscription(models.Model):
    """A system that wants to hear of incident and case events, at its own URL."""

    name = models.CharField(_("naam"), max_length=120)
    target_url = models.URLField(_("adres (URL)"), max_length=500)
    # The receiver checks the HMAC with it, so it is kept as it is; shown once, at creation.
    secret = models.CharField(_("geheim"), max_length=100, editable=False)
    event_kinds = ArrayField(
        models.CharField(max_length=40, choices=OutboundEvent.Kind.choices),
        verbose_name=_("gebeurtenissen"),
    )
    active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    deactivated_at = models.DateTimeField(_("gedeactiveerd"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["-active", "name", "id"]

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    """One attempt to deliver one event to one subscription (every attempt is a row)."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(OutboundEvent, on_delete=models.CASCADE, related_name="+")
    attempt = models.PositiveSmallIntegerField(_("poging"))
    started_at = models.DateTimeField(_("gestart"), auto_now_add=True, db_index=True)
    status_code = models.PositiveSmallIntegerField(_("statuscode"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duur (ms)"), null=True, blank=True)
    error = models.CharField(_("fout"), max_length=500, blank=True)
    succeeded = models.BooleanField(_("geslaagd"), default=False)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)

    class Meta:
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        ordering = ["-started_at", "-id"]
        constraints = [
            # A task run twice claims the same attempt and stops: one POST per attempt.
            models.UniqueConstraint(
                fields=["subscription", "event", "attempt"], name="webhook_delivery_once"
            )
        ]


class SignalenLink(models.Model):
    """A signal from Signalen taken over as an incident; what status was last written back."""

    class Origin(models.TextChoices):
        API = "api", _("Koppeling")
        CSV = "csv", _("CSV-import")

    signal_id = models.PositiveBigIntegerField(_("Signalen-id"), unique=True)
    incident = models.OneToOneField(
        "enforcement.Incident", on_delete=models.CASCADE, related_name="signalen_link"
    )
    origin = models.CharField(_("herkomst"), max_length=10, choices=Origin.choices)
    last_status_sent = models.CharField(_("laatst teruggemelde status"), max_length=40, blank=True)
    status_sent_at = models.DateTimeField(_("teruggemeld op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Signalen-koppeling")
        verbose_name_plural = _("Signalen-koppelingen")

    def __str__(self) -> str:
        return f"Signalen {self.signal_id}"
