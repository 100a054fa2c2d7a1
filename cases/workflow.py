"""The case workflow as a table: from status -> allowed next statuses.

Checked in ``services.case_transition``, shown to the user as buttons, tested as a table.
The shape is the one of every workflow here (``accounts.workflow``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.workflow import Step, Workflow
from cases.models import CaseStatus as S

__all__ = ["TRANSITIONS", "WORKFLOW", "Step", "buttons", "next_steps", "step_for"]

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

WORKFLOW = Workflow(
    S, TRANSITIONS, refused=_("Van fase '%(from)s' kan de zaak niet naar '%(to)s'.")
)


def next_steps(status: str) -> tuple[Step, ...]:
    return WORKFLOW.allowed(status)


def buttons(status: str) -> tuple[Step, ...]:
    return WORKFLOW.next_steps(status)


def step_for(status: str, to: str) -> Step | None:
    return WORKFLOW.step(status, to)
