"""Partial indexes on the rows that still hold personal data (privacy.retention).

A record blanked by a run leaves these indexes, so the retention preview counts only
what a run would still remove instead of every record past its term. The conditions
are a frozen copy of the *_HOLDS_DATA predicates in privacy/retention.py; the
query-plan test (privacy/tests/test_retention_plans.py) fails when the two drift
apart, because the planner can then no longer use the index.

The indexes are on enforcement's and cases' tables but belong to retention, so they
live here and are added through the schema editor rather than in those models' Meta.
"""

from django.db import migrations, models
from django.db.models import F, Q

INDEXES = (
    (
        "enforcement",
        "Incident",
        models.Index(
            fields=["occurred_at", "id"],
            condition=(
                ~Q(reporter_name="")
                | ~Q(reporter_contact="")
                | ~Q(address="")
                | ~Q(description="")
                | Q(latitude__isnull=False)
                | Q(longitude__isnull=False)
            ),
            name="incident_holds_data",
        ),
    ),
    (
        "enforcement",
        "Violation",
        models.Index(
            fields=["committed_on", "id"],
            condition=Q(offender__isnull=False) | ~Q(address="") | ~Q(deviation_reason=""),
            name="violation_holds_data",
        ),
    ),
    (
        "cases",
        "Case",
        models.Index(
            fields=["closed_at", "id"],
            condition=~Q(description="", title=F("reference")),
            name="case_holds_data",
        ),
    ),
    (
        "enforcement",
        "PatrolLog",
        models.Index(fields=["started_at"], condition=~Q(notes=""), name="patrol_log_holds_data"),
    ),
)


def add(apps, schema_editor):
    for app, model, index in INDEXES:
        schema_editor.add_index(apps.get_model(app, model), index)


def remove(apps, schema_editor):
    for app, model, index in INDEXES:
        schema_editor.remove_index(apps.get_model(app, model), index)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("enforcement", "0013_timeline_kind_strings_to_enum"),
        ("cases", "0005_case_event_kind_on_timeline_base"),
    ]

    operations = [migrations.RunPython(add, remove)]
