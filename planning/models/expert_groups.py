"""Expert groups per theme: members, meetings, evaluations of goals, action items."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExpertGroup(models.Model):
    theme = models.ForeignKey(
        "enforcement.Theme", verbose_name=_("thema"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("naam"), max_length=200, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("expertgroep")
        verbose_name_plural = _("expertgroepen")
        ordering = ["theme__order", "name"]

    def __str__(self) -> str:
        return self.name


class ExpertGroupMember(models.Model):
    """A member: a user (municipal, or a partner who logs in) or an external person."""

    group = models.ForeignKey(ExpertGroup, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expert_group_memberships",
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200)
    role = models.CharField(_("rol"), max_length=200, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("lid")
        verbose_name_plural = _("leden")
        ordering = ["organisation", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""),
                name="expert_member_user_or_name",
            ),
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=models.Q(user__isnull=False),
                name="expert_member_user_once",
            ),
        ]

    def __str__(self) -> str:
        who = str(self.user) if self.user_id else self.name
        return f"{who} ({self.organisation})"


class Meeting(models.Model):
    group = models.ForeignKey(ExpertGroup, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("datum"))
    attendees = models.ManyToManyField(
        ExpertGroupMember, verbose_name=_("aanwezig"), blank=True, related_name="meetings"
    )
    notes = models.TextField(_("verslag"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["group", "held_on"])]

    def __str__(self) -> str:
        return f"{self.group} {self.held_on:%d-%m-%Y}"


class Evaluation(models.Model):
    class Judgement(models.TextChoices):
        ON_TRACK = "on_track", _("Op koers")
        AT_RISK = "at_risk", _("Risico")
        OFF_TRACK = "off_track", _("Niet op koers")

    class FollowUp(models.TextChoices):
        NONE = "none", _("Geen vervolg")
        ACTION = "action", _("Actiepunt")
        PROPOSAL = "proposal", _("Voorstel wijziging programma")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="evaluations")
    goal = models.ForeignKey("planning.Goal", on_delete=models.PROTECT, related_name="evaluations")
    judgement = models.CharField(_("oordeel"), max_length=10, choices=Judgement.choices)
    comment = models.TextField(_("toelichting"), blank=True)
    adjustment = models.TextField(_("bijsturing"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["goal__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "goal"], name="evaluation_once_per_goal"),
        ]


class ActionItem(models.Model):
    group = models.ForeignKey(ExpertGroup, on_delete=models.CASCADE, related_name="action_items")
    evaluation = models.ForeignKey(
        Evaluation, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_items"
    )
    title = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        related_name="planning_action_items",
    )
    due_on = models.DateField(_("uiterlijk"))
    done_at = models.DateTimeField(_("afgerond"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["done_at", "due_on", "id"]


class ExpertGroupReminder(models.Model):
    """One reminder per group per week, so the weekly task may run twice safely."""

    group = models.ForeignKey(ExpertGroup, on_delete=models.CASCADE, related_name="reminders")
    week_start = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "week_start"], name="reminder_once_a_week"),
        ]
