"""Case views, by subdomain; cases/urls.py reaches them as 'cases.views.cases'."""

from .detail import (
    case_assign,
    case_detail,
    case_edit,
    case_open,
    case_transition,
)
from .items import (
    action_item_complete,
    action_item_create,
    case_link,
    case_share,
    case_unshare,
    document_download,
    document_upload,
    my_action_items,
    note_create,
)
from .lists import (
    PAGE_SIZE,
    SORT_OPTIONS,
    case_export,
    case_list,
    cases_bulk_assign,
    workload,
)

__all__ = [
    "PAGE_SIZE",
    "SORT_OPTIONS",
    "action_item_complete",
    "action_item_create",
    "case_assign",
    "case_detail",
    "case_edit",
    "case_export",
    "case_link",
    "case_list",
    "case_open",
    "case_share",
    "case_transition",
    "case_unshare",
    "cases_bulk_assign",
    "document_download",
    "document_upload",
    "my_action_items",
    "note_create",
    "workload",
]
