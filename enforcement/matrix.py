"""The intervention proposal of the municipality's own handhavingsstrategie.

The boa judges the offender's attitude (A well-meaning ... D notorious/criminal)
and the consequence of the offence (none ... severe). The strategy version in
force on the violation's date gives the base intervention for that cell of its
matrix; each earlier offence by the same offender (enforcement.offenders) in the
same group of offences within the version's window climbs one step of the
group's escalation ladder. Offences by others at the same address never count.

When no version has been adopted yet, the built-in default below applies. It is
modelled on the Landelijke Handhavingsstrategie Omgevingsrecht (LHSO), which many
municipalities follow for public order too; it is not a national matrix for
public order (each municipality adopts its own).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from enforcement.models import InterventionType, Strategy

ATTITUDES = ["A", "B", "C", "D"]
CONSEQUENCES = ["none", "limited", "considerable", "severe"]

DEFAULT_NAME = gettext_lazy(
    "Handhavingsstrategie, gebaseerd op de Landelijke Handhavingsstrategie Omgevingsrecht (LHSO)"
)

# The default matrix as ladder steps (InterventionType.ladder_step): 1 verbal warning,
# 2 written warning, 3 bestuurlijke strafbeschikking, 4 proces-verbaal / last onder
# dwangsom, 5 bestuursdwang.
#                 A   B   C   D
MATRIX: dict[str, dict[str, int]] = {
    "none": {"A": 1, "B": 1, "C": 2, "D": 3},
    "limited": {"A": 1, "B": 2, "C": 3, "D": 4},
    "considerable": {"A": 2, "B": 3, "C": 4, "D": 4},
    "severe": {"A": 3, "B": 4, "C": 4, "D": 5},
}

# Which intervention the default takes when several share a step.
PREFERRED_ON_STEP: dict[int, list[str]] = {
    1: ["verbal-warning"],
    2: ["written-warning", "care-referral"],
    3: ["bsb"],
    4: ["pv", "lod"],
    5: ["bestuursdwang"],
}

# Who the sentence speaks of: the operator for premises-bound offences.
WHO_THIS = {
    "person": gettext_lazy("deze persoon"),
    "company": gettext_lazy("dit bedrijf"),
    "operator": gettext_lazy("deze exploitant"),
}
WHO_SAME = {
    "person": gettext_lazy("dezelfde persoon"),
    "company": gettext_lazy("hetzelfde bedrijf"),
    "operator": gettext_lazy("dezelfde exploitant"),
}
ORDINALS = {
    2: gettext_lazy("Tweede"),
    3: gettext_lazy("Derde"),
    4: gettext_lazy("Vierde"),
    5: gettext_lazy("Vijfde"),
    6: gettext_lazy("Zesde"),
}


def matrix_step(*, attitude: str, consequence: str) -> int:
    return MATRIX[consequence][attitude]


def intervention_for_step(*, step: int, options: list[InterventionType]) -> InterventionType | None:
    """The intervention on ``step`` among ``options``; the nearest lower step if none sits on it."""
    if not options:
        return None
    available = sorted({o.ladder_step for o in options})
    lower = [s for s in available if s <= step]
    chosen_step = lower[-1] if lower else available[0]
    on_step = [o for o in options if o.ladder_step == chosen_step]
    for code in PREFERRED_ON_STEP.get(chosen_step, []):
        for option in on_step:
            if option.code == code:
                return option
    return on_step[0]


@dataclass
class StrategyTable:
    """A strategy version (or the built-in default) ready to propose from."""

    strategy: Strategy | None
    name: str
    window_days: int
    cells: dict[tuple[str, str], InterventionType | None]
    ladders: dict[int | None, list[InterventionType]] = field(default_factory=dict)

    def ladder(self, group_id: int | None) -> list[InterventionType]:
        return self.ladders.get(group_id) or self.ladders.get(None) or []


def default_table() -> StrategyTable:
    options = list(InterventionType.objects.filter(active=True).order_by("ladder_step", "pk"))
    cells = {
        (a, c): intervention_for_step(step=MATRIX[c][a], options=options)
        for a in ATTITUDES
        for c in CONSEQUENCES
    }
    ladder: list[InterventionType] = []
    for step in sorted({o.ladder_step for o in options}):
        chosen = intervention_for_step(step=step, options=options)
        if chosen is not None and chosen not in ladder:
            ladder.append(chosen)
    return StrategyTable(
        strategy=None,
        name=str(DEFAULT_NAME),
        window_days=settings.REPEAT_OFFENCE_WINDOW_DAYS,
        cells=cells,
        ladders={None: ladder},
    )


def table_for(strategy: Strategy) -> StrategyTable:
    cells = {
        (c.attitude, c.consequence): c.intervention
        for c in strategy.cells.select_related("intervention")
    }
    ladders: dict[int | None, list[InterventionType]] = {}
    for rung in strategy.rungs.select_related("intervention").order_by("group_id", "position"):
        ladders.setdefault(rung.group_id, []).append(rung.intervention)
    return StrategyTable(
        strategy=strategy,
        name=strategy.name,
        window_days=strategy.repeat_window_days,
        cells=cells,
        ladders=ladders,
    )


def strategy_in_force(*, on: dt.date) -> Strategy | None:
    """The adopted version with the latest adoption date on or before ``on``."""
    return (
        Strategy.objects.filter(adopted_on__isnull=False, adopted_on__lte=on)
        .order_by("-adopted_on")
        .first()
    )


def table_in_force(*, on: dt.date) -> StrategyTable:
    strategy = strategy_in_force(on=on)
    return table_for(strategy) if strategy is not None else default_table()


def window_words(days: int) -> str:
    if days % 365 == 0:
        months = days // 365 * 12
    elif days % 30 == 0:
        months = days // 30
    else:
        return ngettext("%(n)s dag", "%(n)s dagen", days) % {"n": days}
    return ngettext("%(n)s maand", "%(n)s maanden", months) % {"n": months}


@dataclass(frozen=True)
class Proposal:
    intervention: InterventionType | None
    base_intervention: InterventionType | None
    repeat_count: int
    position: int | None  # 1-based step on the ladder, None when the base is off the ladder
    top: bool
    explanation: str
    strategy: Strategy | None


def propose(
    *,
    table: StrategyTable,
    attitude: str,
    consequence: str,
    repeat_count: int = 0,
    group_id: int | None = None,
    group_name: str = "",
    who: str = "person",
    identified: bool = True,
    offence_known: bool = True,
) -> Proposal:
    """The intervention for the cell, climbed ``repeat_count`` steps on the group's ladder."""
    from enforcement.models import Violation

    base = table.cells.get((attitude, consequence))
    ladder = table.ladder(group_id)
    start = None
    if base is not None and ladder:
        if base in ladder:
            start = ladder.index(base)
        else:
            heavier = [i for i, iv in enumerate(ladder) if iv.ladder_step >= base.ladder_step]
            start = heavier[0] if heavier else len(ladder) - 1
    repeat_count = max(repeat_count, 0)
    intervention, position, top = base, None, False
    if start is not None:
        position = start + 1
        if repeat_count:
            index = min(start + repeat_count, len(ladder) - 1)
            intervention, position = ladder[index], index + 1
            top = start + repeat_count >= len(ladder) - 1
        elif base not in ladder:
            position = None
    cell = {
        "attitude": attitude,
        "consequence": str(Violation.Consequence(consequence).label).lower(),
    }
    window = window_words(table.window_days)
    if not offence_known:
        explanation = (
            _(
                "Basisinterventie van de matrix (houding %(attitude)s, gevolg %(consequence)s); "
                "kies het feit, dan telt het systeem eerdere overtredingen mee."
            )
            % cell
        )
    elif not identified:
        explanation = (
            _(
                "Basisinterventie van de matrix (houding %(attitude)s, gevolg %(consequence)s): "
                "zonder gegevens van de overtreder telt geen eerdere overtreding mee."
            )
            % cell
        )
    elif not repeat_count:
        explanation = _(
            "Eerste overtreding door %(who)s binnen %(window)s: de basisinterventie van de "
            "matrix (houding %(attitude)s, gevolg %(consequence)s)."
        ) % {"who": WHO_THIS[who], "window": window, **cell}
    else:
        n = repeat_count + 1
        ordinal = str(ORDINALS[n]) if n in ORDINALS else _("%(n)se") % {"n": n}
        if group_name:
            ordinal = _("%(ordinal)s overtreding (%(group)s)") % {
                "ordinal": ordinal,
                "group": group_name,
            }
        else:
            ordinal = _("%(ordinal)s overtreding") % {"ordinal": ordinal}
        args = {"ordinal": ordinal, "who": WHO_SAME[who], "window": window, "step": position}
        if top:
            explanation = (
                _(
                    "%(ordinal)s door %(who)s binnen %(window)s: de hoogste stap (%(step)s) van de ladder."
                )
                % args
            )
        else:
            explanation = (
                _("%(ordinal)s door %(who)s binnen %(window)s: stap %(step)s van de ladder.") % args
            )
    return Proposal(
        intervention=intervention,
        base_intervention=base,
        repeat_count=repeat_count,
        position=position,
        top=top,
        explanation=explanation,
        strategy=table.strategy,
    )
