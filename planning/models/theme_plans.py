"""Theme plans: goals per safety theme with a measurable indicator."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ThemePlan(models.Model):
    theme = models.ForeignKey(
        "enforcement.Theme", verbose_name=_("thema"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("themaplan")
        verbose_name_plural = _("themaplannen")
        ordering = ["-year", "theme__order", "theme__name"]
        constraints = [
            models.UniqueConstraint(fields=["theme", "year"], name="theme_plan_theme_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class Goal(models.Model):
    plan = models.ForeignKey(ThemePlan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("doel"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=100)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", _("Handmatig ingevoerd (met datum en bron)")
        INCIDENTS = "incidents", _("Aantal meldingen (thema/categorie, gebieden)")
        VIOLATIONS = "violations", _("Aantal overtredingen van het thema")
        EFFORT_HOURS = "effort_hours", _("Uren inzet op het thema")

    goal = models.OneToOneField(Goal, on_delete=models.CASCADE, related_name="indicator")
    name = models.CharField(_("indicator"), max_length=300)
    baseline = models.DecimalField(_("nulmeting"), max_digits=12, decimal_places=2)
    target = models.DecimalField(_("streefwaarde"), max_digits=12, decimal_places=2)
    measurement = models.TextField(_("hoe gemeten"))
    source = models.CharField(
        _("bron van de waarde"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    category = models.ForeignKey(
        "enforcement.Category",
        verbose_name=_("categorie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    areas = models.ManyToManyField(
        "enforcement.Area", verbose_name=_("gebieden"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return self.name

    @property
    def is_computed(self) -> bool:
        return self.source != self.Source.MANUAL


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("datum"))
    value = models.DecimalField(_("waarde"), max_digits=12, decimal_places=2)
    source = models.CharField(_("bron"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meetwaarde")
        verbose_name_plural = _("meetwaarden")
        ordering = ["-measured_on", "-id"]
