from cases.services.briefings import (
    agenda_item_add,
    agenda_item_remove,
    briefing_agenda_generate,
    briefing_create,
    briefing_minutes_save,
    briefing_series_create,
    briefing_series_extend,
)
from cases.services.case_items import (
    action_item_complete,
    action_item_create,
    case_link,
    case_note_create,
    document_upload,
)
from cases.services.cases import (
    CaseConflict,
    OpenActionItems,
    case_assign,
    case_open,
    case_transition,
    case_update,
    cases_bulk_assign,
)
from cases.services.sharing import case_share, case_unshare

__all__ = [
    "CaseConflict",
    "OpenActionItems",
    "action_item_complete",
    "action_item_create",
    "agenda_item_add",
    "agenda_item_remove",
    "briefing_agenda_generate",
    "briefing_create",
    "briefing_minutes_save",
    "briefing_series_create",
    "briefing_series_extend",
    "case_assign",
    "case_link",
    "case_note_create",
    "case_open",
    "case_share",
    "case_transition",
    "case_unshare",
    "case_update",
    "cases_bulk_assign",
    "document_upload",
]
