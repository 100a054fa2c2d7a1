"""Django admin for the functional admin, with rights taken from accounts.roles.

Django's own model permissions (auth.Permission) are not used: the admin site
and each model admin ask ``has_capability``, so the admin obeys the same one
place as the application. ``is_staff`` plays no part. A superuser (created
with ``createsuperuser`` as break-glass account) keeps full access.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.admin_logging import AccessLoggedAdminMixin
from accounts.forms import membership_errors
from accounts.models import AccessLogEntry, Notification, PartnerOrganisation, Team, User
from accounts.roles import Capability, has_capability
from accounts.services import access_log_record

ADMIN_CAPABILITIES = (Capability.USERS_MANAGE, Capability.REFERENCE_DATA_MANAGE)


def admin_site_has_permission(request) -> bool:
    user = request.user
    if not user.is_active:
        return False
    return user.is_superuser or any(has_capability(user, cap) for cap in ADMIN_CAPABILITIES)


# The default site, so every app's admin.py registers on it as usual.
admin.site.has_permission = admin_site_has_permission
admin.site.site_header = _("Handhaving OOV – beheer")
admin.site.site_title = _("Handhaving OOV beheer")
admin.site.index_title = _("Technisch beheer")


class CapabilityAdmin(admin.ModelAdmin):
    """A model admin whose rights come from one capability instead of model permissions."""

    capability: str = Capability.REFERENCE_DATA_MANAGE
    can_add = True
    can_delete = True

    def _allowed(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or has_capability(user, self.capability))

    def has_module_permission(self, request) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request) -> bool:
        return self.can_add and self._allowed(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.can_delete and self._allowed(request)


class ReadOnlyCapabilityAdmin(CapabilityAdmin):
    can_add = False
    can_delete = False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(AccessLoggedAdminMixin, CapabilityAdmin, DjangoUserAdmin):
    capability = Capability.USERS_MANAGE
    can_delete = False  # the access log refers to users: deactivate instead
    list_display = (
        "username",
        "get_full_name",
        "role",
        "team",
        "partner_organisation",
        "is_active",
    )
    list_filter = ("role", "team", "partner_organisation", "is_active")
    search_fields = ("username", "first_name", "last_name", "email")
    list_select_related = ("team", "partner_organisation")
    ordering = ("last_name", "first_name")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email", "phone")}),
        (_("Rol"), {"fields": ("role", "team", "partner_organisation", "is_active")}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "role",
                    "team",
                    "partner_organisation",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class MembershipCheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                for field, message in membership_errors(cleaned).items():
                    if field in self.fields:
                        self.add_error(field, message)
                return cleaned

        return MembershipCheckedForm

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            access_log_record(
                actor=request.user,
                action=AccessLogEntry.Action.CHANGE if change else AccessLogEntry.Action.CREATE,
                obj=obj,
                detail={"fields": sorted(form.changed_data), "via": "admin"},
                request=request,
            )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and request.user.is_superuser:
            # Only a superuser hands out superuser or staff rights.
            fieldsets = (*fieldsets, (_("Technisch"), {"fields": ("is_staff", "is_superuser")}))
        return fieldsets


@admin.register(Team)
class TeamAdmin(CapabilityAdmin):
    capability = Capability.USERS_MANAGE
    can_delete = False
    list_display = ("name", "active")
    list_filter = ("active",)
    search_fields = ("name",)


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(CapabilityAdmin):
    capability = Capability.USERS_MANAGE
    can_delete = False
    list_display = ("name", "kind", "active")
    list_filter = ("kind", "active")
    search_fields = ("name",)


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyCapabilityAdmin):
    capability = Capability.ACCESS_LOG_VIEW
    list_display = (
        "at",
        "username",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "ip_address",
    )
    list_filter = ("action", "object_type")
    search_fields = ("username", "object_repr", "object_id")
    date_hierarchy = "at"

    def get_actions(self, request):
        return {}


@admin.register(Notification)
class NotificationAdmin(AccessLoggedAdminMixin, ReadOnlyCapabilityAdmin):
    capability = Capability.USERS_MANAGE
    list_display = ("created_at", "user", "message", "read_at")
    list_select_related = ("user",)
    search_fields = ("message", "user__username")
