"""The municipality's own handhavingsstrategie: versioned matrix and escalation ladders.

A version is a draft until the functional admin adopts it with an adoption date;
an adopted version is never changed (a change is a new version). The version in
force on a violation's date proposes its intervention, and the violation keeps
which version that was.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from enforcement.models.reference import InterventionType


class OffenceGroup(models.Model):
    """Offences the strategy treats as one kind for repeat offending (e.g. 'Afval')."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("groep van feiten")
        verbose_name_plural = _("groepen van feiten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Strategy(models.Model):
    """One version of the handhavingsstrategie."""

    version = models.PositiveIntegerField(_("versie"), unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    repeat_window_days = models.PositiveSmallIntegerField(
        _("termijn herhaling (dagen)"), default=365, validators=[MinValueValidator(1)]
    )
    adopted_on = models.DateField(_("vastgesteld per"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("handhavingsstrategie")
        verbose_name_plural = _("handhavingsstrategieën")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["adopted_on"],
                condition=models.Q(adopted_on__isnull=False),
                name="strategy_one_version_per_adoption_date",
            ),
            models.CheckConstraint(
                condition=models.Q(repeat_window_days__gte=1), name="strategy_window_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (versie {self.version})"

    @property
    def adopted(self) -> bool:
        return self.adopted_on is not None


class MatrixCell(models.Model):
    """Attitude × consequence → the base intervention of a version."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="cells")
    attitude = models.CharField(max_length=1)
    consequence = models.CharField(max_length=15)
    intervention = models.ForeignKey(InterventionType, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "attitude", "consequence"], name="matrix_cell_unique"
            ),
        ]


class LadderRung(models.Model):
    """A step of a version's escalation ladder for a group of offences (none: all others)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="rungs")
    group = models.ForeignKey(
        OffenceGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    intervention = models.ForeignKey(InterventionType, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["strategy", "group", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "group", "position"],
                name="ladder_rung_unique",
                nulls_distinct=False,
            ),
        ]
