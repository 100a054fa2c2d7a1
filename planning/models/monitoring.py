"""Effort per month, theme, kind and activity, kept up to date by database triggers.

The monitoring page of a year must answer fast with hundreds of thousands of
patrol logs; aggregating the raw effort rows on every request does not. Statement
triggers (migration 0002) on enforcement_patroleffort, enforcement_patrollog
(started_at) and planning_plannedeffort append every change as a delta row here,
in the same transaction, so the figures are always current; readers sum the rows
of a key, which ``planning_effort_rollup_compact()`` folds into one now and then.
``planning_effort_rollup_rebuild()`` recomputes the table from scratch.
"""

from django.db import models


class EffortMonthTotal(models.Model):
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    theme = models.ForeignKey(
        "enforcement.Theme", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    kind = models.CharField(max_length=10)
    activity = models.ForeignKey(
        "planning.Activity",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    minutes = models.BigIntegerField(default=0)

    class Meta:
        # Several rows per key until compacted (planning/rollup_sql.py): no unique key.
        indexes = [
            models.Index(
                fields=["year", "month", "theme", "kind", "activity"],
                name="effort_month_total_idx",
            ),
            models.Index(fields=["year", "activity"]),
        ]
