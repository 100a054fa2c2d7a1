"""The one shape of a timeline row (see docs/architecture.md, "Audit and timeline rows").

Each app's timeline model (``CaseEvent``, ``IncidentEvent``, ``PatrolLogEvent``) inherits
``TimelineEvent``, adds the foreign key to what the timeline is of, and declares a
``Kind`` enum (``models.TextChoices``) with ``kind = TimelineEvent.kind_field(Kind)``.
Rows are appended by the service in its own transaction and never edited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

KIND_MAX_LENGTH = 40


class TimelineEvent(models.Model):
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=KIND_MAX_LENGTH)
    message = models.CharField(max_length=500)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    @staticmethod
    def kind_field(kind: type[models.TextChoices]) -> models.CharField:
        return models.CharField(max_length=KIND_MAX_LENGTH, choices=kind.choices)
