"""Patrol logs (diensten) and the effort split over themes."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import (
    BigIntegerRangeField,
    DateTimeRangeField,
    RangeBoundary,
    RangeOperators,
)
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.timeline import TimelineEvent
from enforcement.models.reference import Area, Theme


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class Int8Range(models.Func):
    """Used by migration 0002's former constraint (the boa as a one-point range)."""

    function = "INT8RANGE"
    output_field = BigIntegerRangeField()


class PatrolLog(models.Model):
    class Mode(models.TextChoices):
        FOOT = "foot", _("Te voet")
        BIKE = "bike", _("Fiets")
        CAR = "car", _("Auto")

    boa = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("boa"),
        on_delete=models.PROTECT,
        related_name="patrol_logs",
    )
    # Other boa's on the same shift (the shift counts for each of them).
    companions = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("samen met"),
        blank=True,
        related_name="patrol_logs_joined",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="patrol_logs",
    )
    areas = models.ManyToManyField(Area, verbose_name=_("gebieden"), blank=True, related_name="+")
    mode = models.CharField(_("vervoer"), max_length=10, choices=Mode.choices, default=Mode.FOOT)
    joint_with_police = models.BooleanField(_("samen met politie"), default=False)
    started_at = models.DateTimeField(_("begin"), default=timezone.now)
    ended_at = models.DateTimeField(_("einde"), null=True, blank=True)
    # Set when a shift has been open too long and the team lead was told.
    flagged_open_at = models.DateTimeField(null=True, blank=True, editable=False)
    notes = models.TextField(_("opmerkingen"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["boa", "started_at"]),
            models.Index(fields=["team", "started_at"]),
            models.Index(fields=["started_at"]),
            # The running shift of a boa (home page, every registration): open shifts
            # are few, so this partial index is tiny (a full scan of 500k shifts without).
            models.Index(
                fields=["started_at"],
                condition=models.Q(ended_at__isnull=True),
                name="patrol_log_open_started",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gt=models.F("started_at")),
                name="patrol_log_ends_after_start",
            ),
            # One boa, one shift at a time; an open shift (ended_at NULL) runs to infinity.
            # The boa's id takes part in the GiST index through btree_gist (migration 0007).
            # Companions are checked in the service under a lock on the users' rows.
            ExclusionConstraint(
                name="patrol_log_no_overlap_per_boa",
                expressions=[
                    ("boa", RangeOperators.EQUAL),
                    (
                        TsTzRange("started_at", "ended_at", RangeBoundary()),
                        RangeOperators.OVERLAPS,
                    ),
                ],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.boa} {timezone.localtime(self.started_at):%d-%m-%Y %H:%M}"

    @property
    def duration_minutes(self) -> int | None:
        if self.ended_at is None:
            return None
        return int((self.ended_at - self.started_at).total_seconds() // 60)


class PatrolEffort(models.Model):
    """Minutes of a shift spent on a theme, planned (programme activity) or reactive."""

    class Kind(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        REACTIVE = "reactive", _("Reactief")

    patrol_log = models.ForeignKey(PatrolLog, on_delete=models.CASCADE, related_name="efforts")
    theme = models.ForeignKey(
        Theme, verbose_name=_("thema"), on_delete=models.PROTECT, related_name="efforts"
    )
    kind = models.CharField(_("soort inzet"), max_length=10, choices=Kind.choices)
    minutes = models.PositiveIntegerField(_("minuten"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("inzet")
        verbose_name_plural = _("inzet")
        indexes = [models.Index(fields=["theme", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1), name="effort_minutes_positive"
            ),
        ]


class PatrolLogEvent(TimelineEvent):
    """Timeline of a patrol log: start, end, effort, corrections by the team lead."""

    class Kind(models.TextChoices):
        STARTED = "started", _("Gestart")
        ENDED = "ended", _("Beëindigd")
        EFFORT = "effort", _("Inzet")
        EFFORT_CORRECTED = "effort_corrected", _("Inzet gecorrigeerd")
        CORRECTED = "corrected", _("Gecorrigeerd")
        FLAGGED = "flagged", _("Lang open")
        OTHER = "other", _("Overig")

    patrol_log = models.ForeignKey(PatrolLog, on_delete=models.CASCADE, related_name="events")
    kind = TimelineEvent.kind_field(Kind)
