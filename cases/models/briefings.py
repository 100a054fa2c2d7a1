"""Joint briefings of boa's and partners: series, occurrences, agenda."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class BriefingSeries(models.Model):
    """A recurring briefing, e.g. Monday, Wednesday and Friday at 08:30."""

    title = models.CharField(_("titel"), max_length=200)
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="+"
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorzitter"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    weekdays = ArrayField(models.PositiveSmallIntegerField(), verbose_name=_("weekdagen"))
    time = models.TimeField(_("tijd"))
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), default=30)
    start_date = models.DateField(_("vanaf"))
    end_date = models.DateField(_("tot en met"), null=True, blank=True)
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    areas = models.ManyToManyField("enforcement.Area", verbose_name=_("gebieden"), related_name="+")
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemers"), related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("briefingreeks")
        verbose_name_plural = _("briefingreeksen")

    def __str__(self) -> str:
        return self.title


class Briefing(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        HELD = "held", _("Gehouden")
        CANCELLED = "cancelled", _("Vervallen")

    series = models.ForeignKey(
        BriefingSeries, null=True, blank=True, on_delete=models.PROTECT, related_name="briefings"
    )
    title = models.CharField(_("titel"), max_length=200)
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="briefings"
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorzitter"),
        on_delete=models.PROTECT,
        related_name="briefings_chaired",
    )
    starts_at = models.DateTimeField(_("aanvang"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    areas = models.ManyToManyField(
        "enforcement.Area", verbose_name=_("gebieden"), related_name="briefings"
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemers"), related_name="briefings"
    )
    minutes = models.TextField(_("verslag"), blank=True)
    agenda_generated_at = models.DateTimeField(null=True, blank=True)
    agenda_since = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["team", "starts_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "starts_at"], name="briefing_once_per_series_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.starts_at:%d-%m-%Y %H:%M}"


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        INCIDENT = "incident", _("Nieuwe melding")
        CASE_STATUS = "case_status", _("Zaak van fase gewijzigd")
        ACTION_ITEM = "action_item", _("Actiepunt (bijna) verlopen")
        SHARED_CASE = "shared_case", _("Gedeelde zaak")
        FREE = "free", _("Vrij punt")

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="agenda_items")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(_("tekst"), max_length=500)
    incident = models.ForeignKey(
        "enforcement.Incident", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    action_item = models.ForeignKey(
        "cases.ActionItem", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Partner organisations this item concerns (shared case / their action item); empty = internal.
    partner_organisation_ids = ArrayField(models.PositiveIntegerField(), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
