"""Django admin for reference data; rights from accounts.roles (REFERENCE_DATA_MANAGE).

Boundaries are not edited here as raw JSON: the bounding box must stay in step,
so they are set in the application (area form), through area_set_boundary.
"""

from django.contrib import admin

from accounts.admin import CapabilityAdmin
from accounts.roles import Capability, has_capability
from enforcement.models import Area, CaseType, Category, InterventionType, Offence, Theme

MANAGE = Capability.REFERENCE_DATA_MANAGE


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0
    fields = ("name", "active")

    def _allowed(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or has_capability(user, MANAGE))

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


@admin.register(Area)
class AreaAdmin(CapabilityAdmin):
    list_display = ("code", "name", "kind", "parent", "population", "has_boundary", "active")
    list_filter = ("kind", "active")
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    fields = ("code", "name", "kind", "parent", "population", "active")

    @admin.display(boolean=True, description="grens")
    def has_boundary(self, obj):
        return obj.boundary is not None


@admin.register(Theme)
class ThemeAdmin(CapabilityAdmin):
    list_display = ("code", "name", "order", "active")
    list_editable = ("order",)
    list_filter = ("active",)
    search_fields = ("code", "name")
    inlines = [CategoryInline]


@admin.register(Category)
class CategoryAdmin(CapabilityAdmin):
    list_display = ("name", "theme", "active")
    list_filter = ("theme", "active")
    search_fields = ("name", "theme__name")
    list_select_related = ("theme",)


@admin.register(InterventionType)
class InterventionTypeAdmin(CapabilityAdmin):
    list_display = ("code", "name", "ladder_step", "needs_offender", "needs_amount", "active")
    list_filter = ("active",)
    search_fields = ("code", "name")


@admin.register(Offence)
class OffenceAdmin(CapabilityAdmin):
    list_display = (
        "code",
        "description",
        "legal_basis",
        "theme",
        "default_intervention",
        "default_amount",
        "active",
    )
    list_filter = ("theme", "default_intervention", "active")
    search_fields = ("code", "description", "legal_basis")
    list_select_related = ("theme", "default_intervention")


@admin.register(CaseType)
class CaseTypeAdmin(CapabilityAdmin):
    list_display = ("code", "name", "standard_term_days", "active")
    list_filter = ("active",)
    search_fields = ("code", "name")
