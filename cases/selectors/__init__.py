"""Selectors that read cases and briefings, by subdomain; the public names stay importable from here."""

from .briefings import (
    AGENDA_LIMIT,
    agenda_candidates,
    agenda_for,
    briefing_action_items,
    my_action_items,
    previous_briefing_start,
    upcoming_briefings,
)
from .cases import (
    SORTS,
    TARGETED_KINDS,
    CaseFilters,
    case_detail,
    case_list,
    status_label,
    within_browse_limit,
    workload_for_team,
)
from .reads import (
    case_document_opened,
    cases_for_export,
)

__all__ = [
    "AGENDA_LIMIT",
    "CaseFilters",
    "SORTS",
    "TARGETED_KINDS",
    "agenda_candidates",
    "agenda_for",
    "briefing_action_items",
    "case_detail",
    "case_document_opened",
    "case_list",
    "cases_for_export",
    "my_action_items",
    "previous_briefing_start",
    "status_label",
    "upcoming_briefings",
    "within_browse_limit",
    "workload_for_team",
]
