"""Cases (zaken): incidents on one problem, with phases, owners, sharing and a timeline."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.timeline import TimelineEvent


class CaseStatus(models.TextChoices):
    NEW = "new", _("Nieuw")
    ASSIGNED = "assigned", _("Toegewezen")
    INVESTIGATING = "investigating", _("Onderzoek")
    INTERVENTION = "intervention", _("Interventie")
    MONITORING = "monitoring", _("Monitoren")
    ON_HOLD = "on_hold", _("On hold")
    CLOSED = "closed", _("Gesloten")


OPEN_STATUSES = [s for s in CaseStatus.values if s != CaseStatus.CLOSED]


class Case(models.Model):
    class Priority(models.IntegerChoices):
        LOW = 1, _("Laag")
        NORMAL = 2, _("Normaal")
        HIGH = 3, _("Hoog")
        URGENT = 4, _("Spoed")

    reference = models.CharField(_("zaaknummer"), max_length=20, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=4000, blank=True)
    case_type = models.ForeignKey(
        "enforcement.CaseType",
        verbose_name=_("zaaktype"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    theme = models.ForeignKey(
        "enforcement.Theme", verbose_name=_("thema"), on_delete=models.PROTECT, related_name="cases"
    )
    area = models.ForeignKey(
        "enforcement.Area",
        verbose_name=_("gebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("fase"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW
    )
    # The status before on_hold, so "resume" goes back where the case was.
    status_before_hold = models.CharField(max_length=20, blank=True)
    status_changed_at = models.DateTimeField(_("fase gewijzigd"), default=timezone.now)
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_assigned",
    )
    due_date = models.DateField(_("streefdatum"))
    opened_at = models.DateTimeField(_("geopend"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geopend door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("gesloten"), null=True, blank=True)
    # Optimistic concurrency: every service that changes the case checks and bumps it.
    version = models.PositiveIntegerField(default=1)
    incidents = models.ManyToManyField(
        "enforcement.Incident", verbose_name=_("meldingen"), related_name="cases", blank=True
    )
    violations = models.ManyToManyField(
        "enforcement.Violation", verbose_name=_("overtredingen"), related_name="cases", blank=True
    )
    shared_with = models.ManyToManyField(
        "accounts.PartnerOrganisation",
        through="CaseShare",
        related_name="shared_cases",
        blank=True,
    )

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["team", "status", "due_date"]),
            models.Index(fields=["assignee", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["area", "status_changed_at"]),
            models.Index(fields=["opened_at"]),
            # Reports (the case rollups in reports/rollup_sql.py): cases closed since a date;
            # with the id, the retention preview reads the due cases' ids from it alone.
            models.Index(fields=["closed_at", "id"], name="case_closed_at_id"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < timezone.localdate()


class CaseShare(models.Model):
    """A case shared with a partner organisation; personal data only when explicitly granted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    partner_organisation = models.ForeignKey(
        "accounts.PartnerOrganisation",
        verbose_name=_("partnerorganisatie"),
        on_delete=models.PROTECT,
        related_name="case_shares",
    )
    include_personal_data = models.BooleanField(_("inclusief persoonsgegevens"), default=False)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("deling")
        verbose_name_plural = _("delingen")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "partner_organisation"], name="case_share_unique"
            ),
        ]


class ActionItem(models.Model):
    """Something one person or organisation does for a case, by a date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="action_items")
    description = models.CharField(_("actie"), max_length=500)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar (persoon)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    owner_organisation = models.ForeignKey(
        "accounts.PartnerOrganisation",
        verbose_name=_("eigenaar (organisatie)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    due_date = models.DateField(_("uiterlijk"))
    done_at = models.DateTimeField(_("afgerond"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    briefing = models.ForeignKey(
        "cases.Briefing",
        verbose_name=_("briefing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(
                fields=["due_date"], name="actionitem_open_due", condition=models.Q(done_at=None)
            ),
            models.Index(fields=["owner_user", "done_at"]),
            models.Index(fields=["owner_organisation", "done_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_user__isnull=False, owner_organisation__isnull=True)
                | models.Q(owner_user__isnull=True, owner_organisation__isnull=False),
                name="action_item_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def owner(self):
        return self.owner_user or self.owner_organisation

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_date < timezone.localdate()


class CaseNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("notitie"), max_length=4000)
    visible_to_partners = models.BooleanField(_("zichtbaar voor partners"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["-created_at", "-id"]


def _document_path(instance, filename: str) -> str:
    return f"cases/{instance.case_id}/{filename}"


class CaseDocument(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("bestand"), upload_to=_document_path)
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-uploaded_at", "-id"]


class CaseEvent(TimelineEvent):
    """One line of a case's timeline. Append-only: a DB trigger refuses UPDATE/DELETE."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Geopend")
        STATUS = "status", _("Fase")
        ASSIGNED = "assigned", _("Toewijzing")
        CHANGED = "changed", _("Gewijzigd")
        SHARED = "shared", _("Gedeeld")
        UNSHARED = "unshared", _("Delen beëindigd")
        ACTION_ITEM = "action_item", _("Actiepunt")
        NOTE = "note", _("Notitie")
        DOCUMENT = "document", _("Document")
        LINKED = "linked", _("Gekoppeld")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    # PROTECT, not SET_NULL: the trigger refuses the UPDATE that SET_NULL would make.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = TimelineEvent.kind_field(Kind)
    # Shown to partners only when the event concerns what they may see.
    visible_to_partners = models.BooleanField(default=False)

    class Meta(TimelineEvent.Meta):
        indexes = [models.Index(fields=["case", "at"])]


class ReminderLog(models.Model):
    """Which reminder went to whom on which day, so a task that runs twice sends once."""

    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    on_date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "user", "on_date"], name="reminder_once_a_day"
            ),
        ]
