"""Admin for support staff: read planning records; changes go through the application,
whose services enforce the workflow (an adopted programme is read-only)."""

from django.contrib import admin

from accounts.admin_logging import ReadOnlyAdmin
from planning.models import (
    ActionItem,
    Activity,
    CapacityEntry,
    ExpertGroup,
    ExpertGroupMember,
    FocusArea,
    Meeting,
    Programme,
    ProgrammeDecision,
    ThemePlan,
)


class DecisionInline(admin.TabularInline):
    model = ProgrammeDecision
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "decision", "decided_on", "actor", "at"]


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["year", "version", "title", "status", "adopted_on"]
    list_filter = ["status", "year"]
    inlines = [DecisionInline]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "theme", "planned_hours", "priority", "deferred"]
    list_filter = ["programme__year", "theme", "priority"]
    list_select_related = ["programme", "theme"]
    search_fields = ["title"]


@admin.register(FocusArea)
class FocusAreaAdmin(ReadOnlyAdmin):
    list_display = ["title", "partner_organisation", "programme", "status"]
    list_select_related = ["partner_organisation", "programme"]


@admin.register(CapacityEntry)
class CapacityEntryAdmin(ReadOnlyAdmin):
    list_display = ["team", "year", "month", "people", "available_hours"]
    list_filter = ["year", "team"]
    list_select_related = ["team"]


@admin.register(ThemePlan)
class ThemePlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "theme", "year"]
    list_select_related = ["theme"]


class MemberInline(admin.TabularInline):
    model = ExpertGroupMember
    extra = 0


@admin.register(ExpertGroup)
class ExpertGroupAdmin(ReadOnlyAdmin):
    list_display = ["name", "theme"]
    inlines = [MemberInline]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["group", "held_on"]
    list_select_related = ["group"]


@admin.register(ActionItem)
class ActionItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "group", "owner", "due_on", "done_at"]
    list_select_related = ["group", "owner"]
