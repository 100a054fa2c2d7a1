"""The intervention matrix of the national enforcement strategy (LHSO), as a table in code.

The boa judges the offender's attitude (A well-meaning ... D notorious/criminal)
and the consequence of the offence (none ... severe). The cell gives a step on
the escalation ladder (InterventionType.ladder_step); each earlier violation by
the same person / company or at the same address within
settings.REPEAT_OFFENCE_WINDOW_DAYS raises the step by one (at most
MAX_REPEAT_RAISE). The step is mapped to the intervention type that sits on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from enforcement.models import InterventionType, Offence

# Ladder steps: 1 verbal warning, 2 written warning, 3 bestuurlijke strafbeschikking,
# 4 proces-verbaal / last onder dwangsom, 5 bestuursdwang.
#                 A   B   C   D
MATRIX: dict[str, dict[str, int]] = {
    "none": {"A": 1, "B": 1, "C": 2, "D": 3},
    "limited": {"A": 1, "B": 2, "C": 3, "D": 4},
    "considerable": {"A": 2, "B": 3, "C": 4, "D": 4},
    "severe": {"A": 3, "B": 4, "C": 4, "D": 5},
}

MAX_REPEAT_RAISE = 2

# Which intervention to propose when several share a step (and the offence's own
# default is not on that step).
PREFERRED_ON_STEP: dict[int, list[str]] = {
    1: ["verbal-warning"],
    2: ["written-warning", "care-referral"],
    3: ["bsb"],
    4: ["pv", "lod"],
    5: ["bestuursdwang"],
}


def matrix_step(*, attitude: str, consequence: str) -> int:
    return MATRIX[consequence][attitude]


def raised_step(*, attitude: str, consequence: str, repeat_count: int) -> int:
    return matrix_step(attitude=attitude, consequence=consequence) + min(
        max(repeat_count, 0), MAX_REPEAT_RAISE
    )


@dataclass(frozen=True)
class Proposal:
    base_step: int
    step: int
    intervention: InterventionType | None
    repeat_count: int


def intervention_for_step(*, step: int, offence: Offence | None = None) -> InterventionType | None:
    """The active intervention on ``step``; the nearest lower step if none sits on it."""
    options = list(InterventionType.objects.filter(active=True).order_by("ladder_step", "pk"))
    if not options:
        return None
    available = sorted({o.ladder_step for o in options})
    lower = [s for s in available if s <= step]
    chosen_step = lower[-1] if lower else available[0]
    on_step = [o for o in options if o.ladder_step == chosen_step]
    if offence is not None and offence.default_intervention_id in {o.pk for o in on_step}:
        return next(o for o in on_step if o.pk == offence.default_intervention_id)
    for code in PREFERRED_ON_STEP.get(chosen_step, []):
        for option in on_step:
            if option.code == code:
                return option
    return on_step[0]


def propose(
    *, attitude: str, consequence: str, repeat_count: int = 0, offence: Offence | None = None
) -> Proposal:
    base = matrix_step(attitude=attitude, consequence=consequence)
    step = raised_step(attitude=attitude, consequence=consequence, repeat_count=repeat_count)
    return Proposal(
        base_step=base,
        step=step,
        intervention=intervention_for_step(step=step, offence=offence),
        repeat_count=repeat_count,
    )
