from cases.models.briefings import AgendaItem, Briefing, BriefingSeries
from cases.models.cases import (
    OPEN_STATUSES,
    ActionItem,
    Case,
    CaseDocument,
    CaseEvent,
    CaseNote,
    CaseShare,
    CaseStatus,
    ReminderLog,
)

__all__ = [
    "OPEN_STATUSES",
    "ActionItem",
    "AgendaItem",
    "Briefing",
    "BriefingSeries",
    "Case",
    "CaseDocument",
    "CaseEvent",
    "CaseNote",
    "CaseShare",
    "CaseStatus",
    "ReminderLog",
]
