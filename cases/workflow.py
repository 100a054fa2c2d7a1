"""The case workflow as a table: from status -> allowed next statuses.

Checked in ``services.case_transition``, shown to the user as buttons, tested as a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cases.models import CaseStatus as S


@dataclass(frozen=True)
class Step:
    to: str
    label: str
    needs_reason: bool = False
    style: str = "primary"
    # False: reached through another action (assigning), not offered as a button.
    button: bool = True


TRANSITIONS: dict[str, tuple[Step, ...]] = {
    S.NEW: (
        Step(S.ASSIGNED, _("Toewijzen"), button=False),
        Step(S.INVESTIGATING, _("Start onderzoek")),
        Step(S.ON_HOLD, _("On hold zetten"), style="secondary"),
        Step(S.CLOSED, _("Sluiten"), needs_reason=True, style="outline-danger"),
    ),
    S.ASSIGNED: (
        Step(S.INVESTIGATING, _("Start onderzoek")),
        Step(S.ON_HOLD, _("On hold zetten"), style="secondary"),
        Step(S.CLOSED, _("Sluiten"), needs_reason=True, style="outline-danger"),
    ),
    S.INVESTIGATING: (
        Step(S.INTERVENTION, _("Naar interventie")),
        Step(S.ON_HOLD, _("On hold zetten"), style="secondary"),
        Step(S.CLOSED, _("Sluiten"), needs_reason=True, style="outline-danger"),
    ),
    S.INTERVENTION: (
        Step(S.MONITORING, _("Naar monitoren")),
        Step(S.INVESTIGATING, _("Terug naar onderzoek"), style="secondary"),
        Step(S.ON_HOLD, _("On hold zetten"), style="secondary"),
        Step(S.CLOSED, _("Sluiten"), needs_reason=True, style="outline-danger"),
    ),
    S.MONITORING: (
        Step(S.CLOSED, _("Sluiten"), needs_reason=True),
        Step(S.INTERVENTION, _("Terug naar interventie"), style="secondary"),
        Step(S.ON_HOLD, _("On hold zetten"), style="secondary"),
    ),
    # Resuming: the user picks the status to go on with. ``status_before_hold`` records where the
    # case was (case_transition writes it; the timeline shows it), it does not choose for them.
    S.ON_HOLD: (
        Step(S.INVESTIGATING, _("Hervatten: onderzoek")),
        Step(S.INTERVENTION, _("Hervatten: interventie"), style="secondary"),
        Step(S.MONITORING, _("Hervatten: monitoren"), style="secondary"),
        Step(S.CLOSED, _("Sluiten"), needs_reason=True, style="outline-danger"),
    ),
    S.CLOSED: (Step(S.INVESTIGATING, _("Heropenen"), needs_reason=True, style="warning"),),
}


def next_steps(status: str) -> tuple[Step, ...]:
    return TRANSITIONS.get(status, ())


def buttons(status: str) -> tuple[Step, ...]:
    return tuple(step for step in next_steps(status) if step.button)


def step_for(status: str, to: str) -> Step | None:
    for step in next_steps(status):
        if step.to == to:
            return step
    return None
