"""Take the forecast proposal over into the draft: one activity per row the drafter kept."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from planning.models import Activity, Programme
from planning.services.programme import activity_save


@transaction.atomic
def programme_proposal_adopt(*, actor, programme: Programme, rows: list[dict]) -> list[Activity]:
    """``rows``: {"theme", "district", "proposed", "chosen", "reason"}; a row with chosen
    hours 0 is left out. Each activity records the proposed next to the chosen hours."""
    created = []
    for row in rows:
        if row["chosen"] <= 0:
            continue
        created.append(
            activity_save(
                actor=actor,
                programme=programme,
                data={
                    "theme": row["theme"],
                    "title": f"Inzet {row['theme'].name} in {row['district'].name}",
                    "description": row["reason"],
                    "kind": Activity.Kind.PLANNED,
                    "planned_hours": Decimal(row["chosen"]),
                    "proposed_hours": Decimal(row["proposed"]),
                    "proposal_reason": row["reason"],
                    "start_month": 1,
                    "end_month": 12,
                    "areas": [row["district"]],
                },
            )
        )
    return created
