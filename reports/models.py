"""Council reports, their frozen files and the builds that produce them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CouncilReport(models.Model):
    """A council report for one period, in versions. A published version never changes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PUBLISHED = "published", _("Gepubliceerd")

    period = models.CharField(_("periode"), max_length=6, help_text=_("Bijv. 2026Q3 of 2026."))
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    introduction = models.TextField(_("inleiding"), blank=True, max_length=10000)
    change_note = models.TextField(
        _("wat is er veranderd"),
        blank=True,
        max_length=2000,
        help_text=_("Bij een correctie: wat er anders is dan in de vorige versie."),
    )
    # The figures as computed by the last build; frozen when published.
    figures = models.JSONField(_("cijfers"), default=dict, blank=True)
    threshold = models.PositiveSmallIntegerField(_("drempel kleine aantallen"), default=5)
    computed_at = models.DateTimeField(_("berekend op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("raadsrapportage")
        verbose_name_plural = _("raadsrapportages")
        ordering = ["-period", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["period", "version"], name="report_period_version"),
            # At most one draft per period: a correction starts only after publishing.
            models.UniqueConstraint(
                fields=["period"], condition=Q(status="draft"), name="report_one_draft_per_period"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="report_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return _("Raadsrapportage %(period)s v%(version)s") % {
            "period": self.period,
            "version": self.version,
        }

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def ordered_files(self) -> list:
        """PDF first, then the spreadsheet, then CSV (uses prefetched files)."""
        order = {"pdf": 0, "xlsx": 1, "csv": 2, "json": 3}
        return sorted(self.files.all(), key=lambda f: order.get(f.format, 9))

    @property
    def period_obj(self):
        from reports.periods import Period

        year, _, quarter = self.period.partition("Q")
        return Period(int(year), int(quarter) if quarter else None)


def _report_file_path(instance, filename: str) -> str:
    return f"reports/{instance.report.period}/v{instance.report.version}/{filename}"


class ReportFile(models.Model):
    """One frozen file of a published report, with its SHA-256."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel (XLSX)"
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    report = models.ForeignKey(CouncilReport, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(max_length=4, choices=Format.choices)
    file = models.FileField(upload_to=_report_file_path)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rapportagebestand")
        verbose_name_plural = _("rapportagebestanden")
        ordering = ["report", "format"]
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="report_file_per_format"),
        ]

    @property
    def content_type(self) -> str:
        return {
            "pdf": "application/pdf",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "csv": "text/csv; charset=utf-8",
            "json": "application/json",
        }[self.format]

    @property
    def download_name(self) -> str:
        return f"raadsrapportage-{self.report.period}-v{self.report.version}.{self.format}"


class ReportBuild(models.Model):
    """One run of building a report's figures; polled for progress by the person who asked."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    class Kind(models.TextChoices):
        BUILD = "build", _("Opbouw")
        PUBLISH = "publish", _("Publicatie")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    period = models.CharField(_("periode"), max_length=6)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BUILD)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    report = models.ForeignKey(
        CouncilReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="builds"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rapportage-opbouw")
        verbose_name_plural = _("rapportage-opbouw")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A second build of the same period while one runs (or while the period's
            # report is being published) does not start.
            models.UniqueConstraint(
                fields=["period"],
                condition=Q(status__in=["queued", "running"]),
                name="report_build_one_active_per_period",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_build_progress"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


# --- rollups of registration, kept by database triggers (reports/rollup_sql.py) ------


def _dimension(model: str, *, null: bool = False):
    return models.ForeignKey(
        model, null=null, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )


class IncidentMonthTotal(models.Model):
    """Incidents per local month of ``occurred_at`` (its first day), theme and area.

    Written only by triggers on ``enforcement_incident``; the figures read it instead of
    counting incidents (report periods are whole months, so the sums are exact).
    """

    month = models.DateField()
    theme = _dimension("enforcement.Theme")
    area = _dimension("enforcement.Area", null=True)
    n = models.BigIntegerField(default=0)

    class Meta:
        # Several rows per key until compacted (reports/rollup_sql.py): an index, not unique.
        indexes = [models.Index(fields=["month", "theme", "area"], name="incident_month_total_idx")]


class IncidentCategoryMonthTotal(models.Model):
    """Incidents per local month, theme, category and area (goal indicators)."""

    month = models.DateField()
    theme = _dimension("enforcement.Theme")
    category = _dimension("enforcement.Category", null=True)
    area = _dimension("enforcement.Area", null=True)
    n = models.BigIntegerField(default=0)

    class Meta:
        # Several rows per key until compacted (reports/rollup_sql.py): an index, not unique.
        indexes = [
            models.Index(
                fields=["month", "theme", "category", "area"], name="incident_cat_month_total_idx"
            )
        ]


class IncidentSourceMonthTotal(models.Model):
    """Incidents per local month of ``occurred_at``, theme and source (see above)."""

    month = models.DateField()
    theme = _dimension("enforcement.Theme")
    source = models.CharField(max_length=20)
    n = models.BigIntegerField(default=0)

    class Meta:
        # Several rows per key until compacted (reports/rollup_sql.py): an index, not unique.
        indexes = [
            models.Index(fields=["month", "theme", "source"], name="incident_src_month_total_idx")
        ]


class ViolationMonthTotal(models.Model):
    """Violations per month of ``committed_on``, theme of the incident, offence and
    intervention. Written only by triggers on ``enforcement_violation`` and on the
    incident (a theme change moves its violations)."""

    month = models.DateField()
    theme = _dimension("enforcement.Theme")
    offence = _dimension("enforcement.Offence")
    intervention = _dimension("enforcement.InterventionType")
    n = models.BigIntegerField(default=0)

    class Meta:
        # Several rows per key until compacted (reports/rollup_sql.py): an index, not unique.
        indexes = [
            models.Index(
                fields=["month", "theme", "offence", "intervention"],
                name="violation_month_total_idx",
            )
        ]


class ViolationAreaMonthTotal(models.Model):
    """Violations per month of ``committed_on`` and area of the incident (see above)."""

    month = models.DateField()
    area = _dimension("enforcement.Area", null=True)
    n = models.BigIntegerField(default=0)

    class Meta:
        # Several rows per key until compacted (reports/rollup_sql.py): an index, not unique.
        indexes = [models.Index(fields=["month", "area"], name="violation_area_month_idx")]


class EffortAreaMonthTotal(models.Model):
    """Patrol minutes per local month of the shift's start, area and kind (planned or
    reactive). A shift in several areas counts in each of them. Written only by triggers
    on effort rows, shifts and the shifts' areas."""

    month = models.DateField()
    area = _dimension("enforcement.Area")
    kind = models.CharField(max_length=10)
    minutes = models.BigIntegerField(default=0)

    class Meta:
        # Several rows per key until compacted (reports/rollup_sql.py): an index, not unique.
        indexes = [models.Index(fields=["month", "area", "kind"], name="effort_area_month_idx")]


class CaseMonthTotal(models.Model):
    """Case events per local month and theme, written only by triggers on ``cases_case``.

    ``opened`` and ``closed`` count cases opened and closed in the month; ``closed``
    rows are split by lead time in calendar days (``days``), so the median lead time is
    exact. ``overdue_from`` and ``overdue_to`` make the cases overdue at the start of a
    month the sum of ``from - to`` over all months before it (reports/rollup_sql.py).
    """

    class Event(models.TextChoices):
        OPENED = "opened"
        CLOSED = "closed"
        OVERDUE_FROM = "overdue_from"
        OVERDUE_TO = "overdue_to"

    month = models.DateField()
    theme = models.ForeignKey(
        "enforcement.Theme", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    event = models.CharField(max_length=12, choices=Event.choices)
    days = models.SmallIntegerField(default=0)
    n = models.BigIntegerField(default=0)

    class Meta:
        # Several rows per key until compacted (reports/rollup_sql.py): an index, not unique.
        indexes = [
            models.Index(fields=["month", "theme", "event", "days"], name="case_month_total_idx"),
            # The overdue events of all months before a date, without the lead-time rows.
            models.Index(fields=["event", "month"], name="case_month_total_event"),
        ]
