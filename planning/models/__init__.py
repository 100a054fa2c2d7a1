from planning.models.capacity import CapacityEntry
from planning.models.expert_groups import (
    ActionItem,
    Evaluation,
    ExpertGroup,
    ExpertGroupMember,
    ExpertGroupReminder,
    Meeting,
)
from planning.models.monitoring import EffortMonthTotal
from planning.models.programme import (
    Activity,
    ChangeProposal,
    FocusArea,
    PlannedEffort,
    Priority,
    Programme,
    ProgrammeDecision,
)
from planning.models.theme_plans import Goal, Indicator, IndicatorValue, ThemePlan

__all__ = [
    "ActionItem",
    "Activity",
    "CapacityEntry",
    "ChangeProposal",
    "EffortMonthTotal",
    "Evaluation",
    "ExpertGroup",
    "ExpertGroupMember",
    "ExpertGroupReminder",
    "FocusArea",
    "Goal",
    "Indicator",
    "IndicatorValue",
    "Meeting",
    "PlannedEffort",
    "Priority",
    "Programme",
    "ProgrammeDecision",
    "ThemePlan",
]
