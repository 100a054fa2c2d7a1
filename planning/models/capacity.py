"""Available boa hours per team per month."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class CapacityEntry(models.Model):
    """One team-month: people × contract hours minus leave, training and overhead."""

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("jaar"))
    month = models.PositiveSmallIntegerField(
        _("maand"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    people = models.PositiveSmallIntegerField(_("aantal boa's"), default=0)
    contract_hours = models.DecimalField(
        _("contracturen per persoon"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("0"),
        help_text=_("Uren per persoon in deze maand."),
    )
    leave_hours = models.DecimalField(
        _("verlof (uren)"), max_digits=7, decimal_places=1, default=Decimal("0")
    )
    training_hours = models.DecimalField(
        _("opleiding (uren)"), max_digits=7, decimal_places=1, default=Decimal("0")
    )
    overhead_hours = models.DecimalField(
        _("overhead (uren)"), max_digits=7, decimal_places=1, default=Decimal("0")
    )
    available_hours = models.GeneratedField(
        expression=F("people") * F("contract_hours")
        - F("leave_hours")
        - F("training_hours")
        - F("overhead_hours"),
        output_field=models.DecimalField(max_digits=9, decimal_places=1),
        db_persist=True,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("capaciteit")
        verbose_name_plural = _("capaciteit")
        ordering = ["year", "month", "team__name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "year", "month"], name="capacity_team_month"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="capacity_month_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    contract_hours__gte=0,
                    leave_hours__gte=0,
                    training_hours__gte=0,
                    overhead_hours__gte=0,
                ),
                name="capacity_hours_not_negative",
            ),
            # At most 24 hours a day for 31 days per person.
            models.CheckConstraint(
                condition=models.Q(contract_hours__lte=744), name="capacity_contract_hours_sane"
            ),
        ]
