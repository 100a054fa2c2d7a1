"""Incidents (meldingen / waarnemingen), their photos and their timeline."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.timeline import TimelineEvent
from enforcement.models.reference import Area, Category, Theme


class ReferenceCounter(models.Model):
    """Gapless per-year counter behind reference numbers (M-2026-000123).

    Incremented under a row lock inside the transaction that saves the record,
    so a rolled-back save gives its number back and two saves never share one.
    """

    prefix = models.CharField(max_length=5)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="reference_counter_unique"),
        ]


class Incident(models.Model):
    class Source(models.TextChoices):
        OWN_OBSERVATION = "own", _("Eigen waarneming")
        RESIDENT = "resident", _("Bewoner")
        POLICE = "police", _("Politie")
        PARTNER = "partner", _("Partner")
        IMPORT = "import", _("Import")

    class Priority(models.IntegerChoices):
        LOW = 1, _("Laag")
        NORMAL = 2, _("Normaal")
        HIGH = 3, _("Hoog")
        URGENT = 4, _("Spoed")

    class Status(models.TextChoices):
        NEW = "new", _("Nieuw")
        IN_PROGRESS = "in_progress", _("In behandeling")
        CLOSED = "closed", _("Afgehandeld")

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    source = models.CharField(
        _("bron"), max_length=20, choices=Source.choices, default=Source.OWN_OBSERVATION
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("thema"), on_delete=models.PROTECT, related_name="incidents"
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("categorie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    reported_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name=_("gebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    description = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    # The boa who observed or handles it, and the person who typed it in (on behalf).
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("boa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents_reported",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.PROTECT,
        related_name="incidents_registered",
    )
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    patrol_log = models.ForeignKey(
        "enforcement.PatrolLog",
        verbose_name=_("dienst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
    )
    # Reporter details for resident / partner reports (personal data, Wpg art. 8).
    reporter_name = models.CharField(_("naam melder"), max_length=200, blank=True)
    reporter_contact = models.CharField(_("contact melder"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("reference", "address", "description", config="dutch"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["occurred_at"]),
            models.Index(fields=["team", "occurred_at"]),
            models.Index(fields=["theme", "occurred_at"]),
            models.Index(fields=["area", "occurred_at"]),
            models.Index(fields=["latitude", "longitude"]),
            GinIndex(fields=["search_vector"]),
            # Team lead's filtered list (team + theme + period) and the nearby lookup
            # (bbox on lat/lon with the 12-week window checked inside the index).
            models.Index(fields=["team", "theme", "occurred_at"], name="incident_team_theme_time"),
            models.Index(
                fields=["latitude", "longitude", "occurred_at"], name="incident_lat_lon_time"
            ),
            # Same address (nearby lookup) and address prefix search (list), any case.
            models.Index(
                OpClass(Upper("address"), name="text_pattern_ops"), name="incident_address_upper"
            ),
            # A team member's own incidents outside the team (see selectors._visible_for_list).
            models.Index(fields=["reported_by", "team"], name="incident_reporter_team"),
            models.Index(fields=["registered_by", "team"], name="incident_registrar_team"),
            # "My recent incidents" on the home page: the newest of each side by index.
            models.Index(fields=["reported_by", "occurred_at"], name="incident_reporter_time"),
            models.Index(fields=["registered_by", "occurred_at"], name="incident_registrar_time"),
            # Violations of an area (the violation list's area filter joins through the
            # incident): the area's incident ids from the index alone, not 95,000 heap rows.
            models.Index(fields=["area", "id"], name="incident_area_id"),
            # Report figures (reports.figures): counts per theme, area, source and
            # category of a period come from this index alone (index-only scan).
            models.Index(
                fields=["occurred_at"],
                include=["theme", "area", "source", "category"],
                name="incident_time_covering",
            ),
            # Counting a theme's incidents over a period, by category or area (indicator
            # values, report figures): index-only, without visiting the table.
            models.Index(
                fields=["theme", "occurred_at"],
                include=["category", "area"],
                name="incident_theme_time_cov",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="incident_lat_lon_together",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


def _photo_path(instance, filename: str) -> str:
    return f"incidents/{instance.incident_id}/{filename}"


class IncidentPhoto(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("foto"), upload_to=_photo_path)
    thumbnail = models.FileField(_("miniatuur"), upload_to=_photo_path, blank=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")
        ordering = ["uploaded_at", "id"]


class IncidentEvent(TimelineEvent):
    """One line of an incident's timeline. Appended by services, never edited."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Geregistreerd")
        STATUS = "status", _("Status")
        PHOTOS_ADDED = "photos_added", _("Foto's toegevoegd")
        VIOLATION = "violation", _("Overtreding")
        OTHER = "other", _("Overig")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    kind = TimelineEvent.kind_field(Kind)
