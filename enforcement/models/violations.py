"""Violations (overtredingen), offenders and the intervention matrix inputs."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enforcement.models.incidents import Incident
from enforcement.models.reference import Area, InterventionType, Offence


class LegalBasis(models.TextChoices):
    AVG = "avg", _("AVG (toezicht)")
    WPG_8 = "wpg_8", _("Wpg art. 8 (dagelijkse taak)")
    WPG_9 = "wpg_9", _("Wpg art. 9 (onderzoek)")
    WPG_13 = "wpg_13", _("Wpg art. 13 (samenwerkingsverband)")


class Offender(models.Model):
    """Minimum personal data of a person or company that committed an offence."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Persoon")
        COMPANY = "company", _("Bedrijf")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=200)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    coc_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{8}$", _("Een KvK-nummer bestaat uit 8 cijfers."))],
    )
    legal_basis = models.CharField(
        _("grondslag verwerking"),
        max_length=10,
        choices=LegalBasis.choices,
        default=LegalBasis.WPG_8,
    )
    # enforcement.offenders.offender_key: who counts as the same offender for repeats.
    match_key = models.CharField(max_length=400, blank=True, default="", db_default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overtreder")
        verbose_name_plural = _("overtreders")
        indexes = [
            models.Index(fields=["name", "date_of_birth"]),
            models.Index(fields=["coc_number"]),
            models.Index(fields=["address"]),
            models.Index(fields=["match_key"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(coc_number="") | models.Q(coc_number__regex=r"^[0-9]{8}$"),
                name="offender_coc_number_8_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Violation(models.Model):
    class Attitude(models.TextChoices):
        A = "A", _("A – welwillend")
        B = "B", _("B – onverschillig")
        C = "C", _("C – calculerend")
        D = "D", _("D – notoir / crimineel")

    class Consequence(models.TextChoices):
        NONE = "none", _("Geen of gering")
        LIMITED = "limited", _("Beperkt")
        CONSIDERABLE = "considerable", _("Aanzienlijk")
        SEVERE = "severe", _("Ernstig / onomkeerbaar")

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    incident = models.ForeignKey(
        Incident, verbose_name=_("melding"), on_delete=models.PROTECT, related_name="violations"
    )
    offence = models.ForeignKey(
        Offence, verbose_name=_("feit"), on_delete=models.PROTECT, related_name="violations"
    )
    offender = models.ForeignKey(
        Offender,
        verbose_name=_("overtreder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="violations",
    )
    attitude = models.CharField(_("houding overtreder"), max_length=1, choices=Attitude.choices)
    consequence = models.CharField(_("gevolg"), max_length=15, choices=Consequence.choices)
    proposed_intervention = models.ForeignKey(
        InterventionType,
        verbose_name=_("voorgestelde interventie"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intervention = models.ForeignKey(
        InterventionType,
        verbose_name=_("interventie"),
        on_delete=models.PROTECT,
        related_name="violations",
    )
    deviation_reason = models.TextField(_("reden afwijking"), blank=True)
    # Which version of the handhavingsstrategie proposed what, and why (one sentence).
    strategy = models.ForeignKey(
        "enforcement.Strategy",
        verbose_name=_("handhavingsstrategie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="violations",
    )
    proposal_explanation = models.CharField(
        _("toelichting voorstel"), max_length=500, blank=True, default="", db_default=""
    )
    # The earlier violations the proposal counted, the base intervention and the ladder step.
    proposal_basis = models.JSONField(null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(_("eerdere overtredingen"), default=0)
    amount = models.DecimalField(
        _("bedrag"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    committed_on = models.DateField(_("datum"), default=timezone.localdate)
    # The incident's area, kept by the database (migration 0016's triggers, on insert and
    # when the incident's area changes): the list by area and period reads it from one
    # index instead of joining the district's incidents (issue 14).
    area = models.ForeignKey(
        Area,
        verbose_name=_("gebied"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    address = models.CharField(_("adres overtreding"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("boa"), on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="violations"
    )
    legal_basis = models.CharField(
        _("grondslag verwerking"),
        max_length=10,
        choices=LegalBasis.choices,
        default=LegalBasis.WPG_8,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overtreding")
        verbose_name_plural = _("overtredingen")
        ordering = ["-committed_on", "-id"]
        indexes = [
            models.Index(fields=["committed_on"]),
            models.Index(fields=["intervention", "committed_on"]),
            models.Index(fields=["address", "committed_on"]),
            models.Index(fields=["area", "committed_on"], name="violation_area_committed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="violation_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.reference
