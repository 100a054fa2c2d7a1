"""One shape for every workflow table (see docs/architecture.md, "Workflow tables").

A ``Workflow`` names its states (a ``TextChoices``) and, per state, the steps allowed from
it. The service calls ``check`` before it changes a status; the view shows ``next_steps``
as buttons; the tests walk ``pairs`` as a table. Knows no domain: each app declares its own
table (``cases/workflow.py``, ``enforcement/services/incidents.py``,
``planning/services/programme.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from accounts.roles import has_capability


@dataclass(frozen=True)
class Step:
    """One allowed step to state ``to``, with the text of its button."""

    to: str
    label: str
    needs_reason: bool = False
    style: str = "primary"
    # False: reached through another action (assigning a case), not offered as a button.
    button: bool = True
    # The capability of the role that owns the step; None: whoever may change the object.
    capability: str | None = None


class Workflow:
    def __init__(
        self,
        states: type[TextChoices],
        steps: Mapping[str, tuple[Step, ...]],
        *,
        refused: str = _("Van '%(from)s' naar '%(to)s' is geen toegestane stap."),
    ) -> None:
        unknown = {s.to for row in steps.values() for s in row} | set(steps)
        unknown -= set(states.values)
        if unknown:
            raise ValueError(f"Unknown states in workflow: {sorted(unknown)}")
        self.states = states
        self.steps = {str(frm): tuple(row) for frm, row in steps.items()}
        self.refused = refused

    def allowed(self, frm: str) -> tuple[Step, ...]:
        """Every step allowed from ``frm``, buttons or not."""
        return self.steps.get(str(frm), ())

    def step(self, frm: str, to: str) -> Step | None:
        return next((s for s in self.allowed(frm) if s.to == to), None)

    @property
    def pairs(self) -> set[tuple[str, str]]:
        """All (from, to) pairs the table allows, for tests."""
        return {(frm, s.to) for frm, row in self.steps.items() for s in row}

    def label(self, state: str) -> str:
        return self.states(state).label if state in self.states.values else str(state)

    def check(self, frm: str, to: str) -> Step:
        """The step from ``frm`` to ``to``; a Dutch ValidationError when the table has none."""
        found = self.step(frm, to)
        if found is None:
            raise ValidationError(
                str(self.refused) % {"from": self.label(frm), "to": self.label(to)}
            )
        return found

    def next_steps(self, frm: str, *, user=None, buttons_only: bool = True) -> tuple[Step, ...]:
        """The steps to offer from ``frm``: buttons only, and with a ``user`` only the steps
        whose capability the user's role holds."""
        return tuple(
            s
            for s in self.allowed(frm)
            if (s.button or not buttons_only)
            and (user is None or s.capability is None or has_capability(user, s.capability))
        )
