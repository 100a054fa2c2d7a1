"""Django admin pages that show people or personal data write an access-log row.

A mixin for ``ModelAdmin``: opening the list (changelist) logs which records it showed,
opening one record (change view, also read-only) logs that record. The row is written
through ``accounts.services.access_log_record`` like every other access.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from accounts.models import AccessLogEntry
from accounts.services import access_log_record


class AccessLoggedAdminMixin:
    """Put first in the bases: ``class UserAdmin(AccessLoggedAdminMixin, ...)``."""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if request.method == "GET" and changelist is not None:
            shown = [obj.pk for obj in changelist.result_list]
            with transaction.atomic():
                access_log_record(
                    actor=request.user,
                    action=AccessLogEntry.Action.VIEW,
                    object_type=self.model._meta.label_lower,
                    detail={
                        "admin": "changelist",
                        "query": request.GET.dict(),
                        "rows": len(shown),
                        "found": shown[:100],
                    },
                    request=request,
                )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = getattr(response, "context_data", {}).get("original")
        if request.method == "GET" and obj is not None:
            with transaction.atomic():
                access_log_record(
                    actor=request.user,
                    action=AccessLogEntry.Action.VIEW,
                    obj=obj,
                    detail={"admin": "change"},
                    request=request,
                )
        return response


class ReadOnlyAdmin(admin.ModelAdmin):
    """Admin pages that only show: records are changed through the services, not admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
