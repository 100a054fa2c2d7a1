"""Admin: read-mostly. Changes to cases go through the services (timeline, access log)."""

from django.contrib import admin

from accounts.admin_logging import AccessLoggedAdminMixin, ReadOnlyAdmin
from cases.models import ActionItem, Briefing, BriefingSeries, Case, CaseEvent


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ("at", "actor", "kind", "message")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(AccessLoggedAdminMixin, ReadOnlyAdmin):
    list_display = ("reference", "title", "status", "team", "assignee", "due_date")
    list_filter = ("status", "team", "case_type")
    search_fields = ("reference", "title")
    list_select_related = ("team", "assignee")
    inlines = [CaseEventInline]
    # Offender data lives on the linked violations; not shown here.
    exclude = ("violations", "incidents")


@admin.register(ActionItem)
class ActionItemAdmin(AccessLoggedAdminMixin, ReadOnlyAdmin):
    list_display = (
        "description",
        "case",
        "owner_user",
        "owner_organisation",
        "due_date",
        "done_at",
    )
    list_select_related = ("case", "owner_user", "owner_organisation")


@admin.register(BriefingSeries)
class BriefingSeriesAdmin(ReadOnlyAdmin):
    list_display = ("title", "team", "weekdays", "time", "start_date", "end_date")


@admin.register(Briefing)
class BriefingAdmin(AccessLoggedAdminMixin, ReadOnlyAdmin):
    list_display = ("title", "team", "starts_at", "status")
    list_filter = ("team", "status")
