"""Reads of a case's personal data, each logged (docs/architecture.md, "Audit and timeline rows").

The selector that hands a document or an export to the view writes the access-log row,
so no view can give them out unlogged.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from accounts.models import AccessLogEntry, User
from accounts.services import access_log_record
from cases.models import Case, CaseDocument
from cases.selectors.cases import CaseFilters, case_list
from enforcement.permissions import can_view_personal_data


@transaction.atomic
def case_document_opened(*, user: User, case: Case, document: CaseDocument, request=None) -> None:
    """Log that ``user`` opens ``document`` of ``case`` (call before serving it)."""
    access_log_record(
        actor=user,
        action=AccessLogEntry.Action.VIEW,
        obj=case,
        detail={"document": document.pk, "filename": document.filename},
        request=request,
    )


def cases_for_export(
    *, user: User, filters: CaseFilters, request=None
) -> tuple[QuerySet[Case], bool]:
    """The cases to export and whether the file names people; the export is logged.

    The count is read before the transaction of the log line: an export may read from
    the replica (settings.REPLICA_READ_VIEWS), and reads inside a transaction go to the
    primary. The rows are streamed by the caller.
    """
    qs = case_list(user=user, filters=filters)
    personal = can_view_personal_data(user)
    count = qs.count()
    with transaction.atomic():
        access_log_record(
            actor=user,
            action=AccessLogEntry.Action.EXPORT,
            object_type="cases.case",
            detail={
                "filters": request.GET.dict() if request is not None else {},
                "count": count,
                "personal_data": personal,
                "purpose": filters.reach.purpose,
                "older_included": filters.reach.older_allowed,
            },
            request=request,
        )
    return qs, personal
