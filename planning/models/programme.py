"""The yearly execution programme (uitvoeringsprogramma), its activities and focus areas."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]


class Programme(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PRIORITISED = "prioritised", _("Geprioriteerd")
        ADOPTED = "adopted", _("Vastgesteld")
        SUPERSEDED = "superseded", _("Vervangen door nieuwe versie")

    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("vorige versie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
    )
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    adopted_on = models.DateField(_("vastgesteld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitvoeringsprogramma")
        verbose_name_plural = _("uitvoeringsprogramma's")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="programme_year_version"),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(status="adopted"),
                name="programme_one_adopted_per_year",
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(status__in=["draft", "prioritised"]),
                name="programme_one_open_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year}, versie {self.version})"

    @property
    def is_read_only(self) -> bool:
        return self.status in (self.Status.ADOPTED, self.Status.SUPERSEDED)


class ProgrammeDecision(models.Model):
    """One step of the programme workflow: who decided what, when (append-only)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="decisions")
    from_status = models.CharField(max_length=20, choices=Programme.Status.choices)
    to_status = models.CharField(max_length=20, choices=Programme.Status.choices)
    decision = models.TextField(_("besluit"))
    decided_on = models.DateField(_("datum besluit"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class Priority(models.IntegerChoices):
    HIGH = 1, _("Hoog")
    MEDIUM = 2, _("Middel")
    LOW = 3, _("Laag")


class Activity(models.Model):
    class Kind(models.TextChoices):
        PLANNED = "planned", _("Geplande inzet")
        REACTIVE = "reactive", _("Reactieve capaciteit (meldingen)")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="activities")
    theme = models.ForeignKey(
        "enforcement.Theme", verbose_name=_("thema"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("wat"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    areas = models.ManyToManyField(
        "enforcement.Area", verbose_name=_("waar (gebieden)"), blank=True, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.PLANNED)
    planned_hours = models.DecimalField(
        _("geplande uren"),
        max_digits=8,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    start_month = models.PositiveSmallIntegerField(_("van maand"), validators=MONTH_VALIDATORS)
    end_month = models.PositiveSmallIntegerField(_("t/m maand"), validators=MONTH_VALIDATORS)
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), choices=Priority.choices, null=True, blank=True
    )
    deferred = models.BooleanField(_("uitgesteld"), default=False)
    # What the forecast proposal (planning.selectors.proposal) gave this activity, next to
    # what the drafter chose (planned_hours); empty for activities made by hand.
    proposed_hours = models.DecimalField(
        _("voorgestelde uren"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    proposal_reason = models.TextField(_("onderbouwing voorstel"), blank=True)
    # The activity of the previous version this one was copied from (for the difference).
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["theme__order", "theme__name", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_month__gte=1, end_month__lte=12)
                & models.Q(start_month__lte=models.F("end_month")),
                name="activity_period_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_hours__gte=0), name="activity_hours_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme}: {self.title}"

    @property
    def months(self) -> range:
        return range(self.start_month, self.end_month + 1)

    @property
    def period_label(self) -> str:
        from django.utils.dates import MONTHS

        if self.start_month == self.end_month:
            return str(MONTHS[self.start_month])
        return f"{MONTHS[self.start_month]} – {MONTHS[self.end_month]}"


class PlannedEffort(models.Model):
    """Links planned patrol effort to the programme activity it was spent on."""

    effort = models.OneToOneField(
        "enforcement.PatrolEffort", on_delete=models.CASCADE, related_name="activity_link"
    )
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="effort_links")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inzet op activiteit")
        verbose_name_plural = _("inzet op activiteiten")


class FocusArea(models.Model):
    """A focus area (aandachtsgebied) a partner contributes to a programme draft."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Ingediend")
        ACCEPTED = "accepted", _("Overgenomen")
        DECLINED = "declined", _("Niet overgenomen")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="focus_areas")
    partner_organisation = models.ForeignKey(
        "accounts.PartnerOrganisation", on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    theme = models.ForeignKey(
        "enforcement.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    areas = models.ManyToManyField(
        "enforcement.Area", verbose_name=_("gebieden"), blank=True, related_name="+"
    )
    title = models.CharField(_("aandachtsgebied"), max_length=200)
    description = models.TextField(_("toelichting"), max_length=4000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reason = models.TextField(_("reden"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("aandachtsgebied")
        verbose_name_plural = _("aandachtsgebieden")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="submitted") | ~models.Q(reason=""),
                name="focus_area_decision_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ChangeProposal(models.Model):
    """A proposal to change the programme, e.g. from an expert group's adjustment."""

    year = models.PositiveSmallIntegerField(_("jaar"))
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    text = models.TextField(_("voorstel"))
    evaluation = models.ForeignKey(
        "planning.Evaluation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_proposals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wijzigingsvoorstel")
        verbose_name_plural = _("wijzigingsvoorstellen")
        ordering = ["-created_at"]
