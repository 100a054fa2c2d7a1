from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role, has_capability


class PartnerOrganisation(models.Model):
    """An organisation outside the municipality: police, youth work, care, housing."""

    class Kind(models.TextChoices):
        POLICE = "police", _("Politie")
        YOUTH_WORK = "youth_work", _("Jongerenwerk")
        CARE = "care", _("Zorg en sociaal domein")
        HOUSING = "housing", _("Woningcorporatie")
        OTHER = "other", _("Overig")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("partnerorganisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team of boa's with a team lead."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices, default=Role.BOA)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    partner_organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partnerorganisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    # The account an API token acts as (ApiToken): it has a role (and maybe a team) for
    # the permission functions, but no password and no login to the web application.
    is_system_account = models.BooleanField(_("systeemaccount"), default=False)
    # The language the user last chose with the switch ("" = the default, Dutch): what
    # the notifications and e-mails to them are written in (accounts.services.language).
    language = models.CharField(_("taal"), max_length=8, blank=True, default="")

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="partner") | models.Q(partner_organisation__isnull=False),
                name="partner_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def can(self, capability: str) -> bool:
        return has_capability(self, capability)


class AccessLogEntry(models.Model):
    """Who viewed, changed or exported which record holding personal data.

    Append-only: a database trigger (migration 0002) refuses UPDATE and DELETE.
    Written only through ``accounts.services.access_log_record``.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("ingezien")
        CREATE = "create", _("aangemaakt")
        CHANGE = "change", _("gewijzigd")
        EXPORT = "export", _("geëxporteerd")
        SEARCH = "search", _("gezocht")
        DELETE = "delete", _("verwijderd")

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # PROTECT: a user who appears in the log is deactivated, never deleted.
    user = models.ForeignKey(
        User, verbose_name=_("gebruiker"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Kept as text too, so the entry reads on its own in an audit export.
    username = models.CharField(_("gebruikersnaam"), max_length=150)
    action = models.CharField(_("handeling"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=100)
    object_id = models.CharField(_("id"), max_length=64, blank=True)
    object_repr = models.CharField(_("omschrijving"), max_length=200, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type}#{self.object_id}"


class Notification(models.Model):
    """An in-application message to one user (shown on the home page)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(auto_now_add=True)
    message = models.CharField(_("bericht"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)
    # Set by the e-mail task once the message has gone out, so a second run sends nothing.
    emailed_at = models.DateTimeField(_("gemaild"), null=True, blank=True)

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message


class QueuedTask(models.Model):
    """A Celery task to send, written in the same transaction as the work it is for.

    The outbox of ``accounts.queue``: a request commits its change and this row
    together, then sends the task to the broker after the commit and deletes the
    row. When the broker is down the row stays, and the worker's periodic drain
    (``accounts.tasks.queued_tasks_send``, and at worker start) sends it once the
    broker is back, so no work is lost and no request waits on the broker.
    """

    task = models.CharField(_("taak"), max_length=200)
    args = models.JSONField(_("argumenten"), default=list)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)
    # A retry after a backoff: the broker holds it until then (sent late, it runs at once).
    eta = models.DateTimeField(_("niet voor"), null=True, blank=True)
    queue = models.CharField(_("wachtrij"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("taak in de wachtrij")
        verbose_name_plural = _("taken in de wachtrij")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"


class Submission(models.Model):
    """A create form that was submitted: (user, key) → what it created.

    The key is issued with the form (a hidden field, ``accounts.submissions``) and
    claimed in the same transaction that saves the record, so a double tap, a
    resent request or a device's queue sent twice creates one record and gets the
    first answer again. Also how a queued form finds the record of an earlier queued
    form (a violation on a waiting incident, the end of a waiting shift).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    created_at = models.DateTimeField(auto_now_add=True)
    path = models.CharField(max_length=300)
    # Where the first submission led (the redirect), and what it created where known.
    url = models.CharField(max_length=500, blank=True)
    label = models.CharField(max_length=100, blank=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # An API request's Idempotency-Key: the token that sent it (the same key from
    # another token is refused, never answered with this one's record).
    token = models.ForeignKey(
        "accounts.ApiToken", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("verzonden formulier")
        verbose_name_plural = _("verzonden formulieren")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="submission_once_per_user_key")
        ]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


class OutboundEvent(models.Model):
    """A domain event, written by the service that caused it in the same transaction.

    The outbox of ``accounts.events``: higher apps (integrations) subscribe to it through
    ``events.handler_register`` without the lower apps that publish knowing them. The
    payload holds no personal data: ids, reference, theme, status, times and links.
    """

    class Kind(models.TextChoices):
        INCIDENT_CREATED = "incident.created", _("Melding geregistreerd")
        INCIDENT_STATUS_CHANGED = "incident.status_changed", _("Status van melding gewijzigd")
        INCIDENT_HANDLED = "incident.handled", _("Melding afgehandeld")
        CASE_CREATED = "case.created", _("Zaak geopend")
        CASE_TRANSITIONED = "case.transitioned", _("Status van zaak gewijzigd")
        CASE_ASSIGNED = "case.assigned", _("Zaak toegewezen")

    uuid = models.UUIDField(_("kenmerk"), unique=True, editable=False)
    kind = models.CharField(_("soort"), max_length=40, choices=Kind.choices)
    object_type = models.CharField(_("objectsoort"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("object-id"))
    payload = models.JSONField(_("inhoud"), default=dict)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    dispatched_at = models.DateTimeField(_("verwerkt"), null=True, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="outbound_event_object")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_type}#{self.object_id}"


class ApiToken(models.Model):
    """A key another system uses for the REST API and Open311 (api/, docs/api.md).

    It acts as ``user``, a system account with a role (and optionally a team), so the
    API asks the same permission functions as the pages. Only the SHA-256 hash of the
    secret is stored; the key is shown once, when the functional admin creates it.
    ``prefix`` (the first part of the key) finds the row without scanning hashes.
    """

    name = models.CharField(_("naam"), max_length=100)
    user = models.OneToOneField(
        User, verbose_name=_("systeemaccount"), on_delete=models.PROTECT, related_name="api_token"
    )
    prefix = models.CharField(_("voorvoegsel"), max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("aangemaakt door"), on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField(_("verloopt"))
    revoked_at = models.DateTimeField(_("ingetrokken"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name
