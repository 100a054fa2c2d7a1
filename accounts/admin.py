"""Django admin for the functional admin, with rights taken from accounts.roles.

Django's own model permissions (auth.Permission) are not used: the admin site
and each model admin ask ``has_capability``, so the admin obeys the same one
place as the application. ``is_staff`` plays no part. A superuser (created
with ``createsuperuser`` as break-glass account) keeps full access.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import permissions, services
from accounts.access import require
from accounts.admin_logging import AccessLoggedAdminMixin
from accounts.forms import membership_errors
from accounts.models import AccessLogEntry, Notification, PartnerOrganisation, Team, User
from accounts.roles import Capability, has_capability
from accounts.services import AccountError, access_log_record

ADMIN_CAPABILITIES = (Capability.USERS_MANAGE, Capability.REFERENCE_DATA_MANAGE)


def admin_site_has_permission(request) -> bool:
    user = request.user
    if not user.is_active:
        return False
    return user.is_superuser or any(has_capability(user, cap) for cap in ADMIN_CAPABILITIES)


def admin_site_login(request, extra_context=None):
    """Everyone logs in through the application's login (throttling, two-factor).

    Someone logged in who may not use the admin gets 404, as elsewhere.
    """
    require(not (request.user.is_authenticated))
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("login"))


# The default site, so every app's admin.py registers on it as usual.
admin.site.has_permission = admin_site_has_permission
admin.site.login = admin_site_login
admin.site.site_header = _("Handhaving OOV – beheer")
admin.site.site_title = _("Handhaving OOV beheer")
admin.site.index_title = _("Technisch beheer")


# Form fields that set a password: the access log says "password", never which field.
_PASSWORD_FIELDS = frozenset({"password", "password1", "password2", "usable_password"})


class AccessLoggedAdmin(admin.ModelAdmin):
    """Every add, change and delete in Django admin writes an access-log row.

    Django calls the ``log_*`` hooks inside the transaction of the change itself
    (the change form, the delete page, the password page; the bulk delete action
    is wrapped below), so the row and the change commit or roll back together.
    """

    def construct_change_message(self, request, form, formsets, add=False):
        fields = {"password" if f in _PASSWORD_FIELDS else f for f in form.changed_data}
        request._access_log_fields = sorted(fields)
        return super().construct_change_message(request, form, formsets, add)

    def _access_log(self, request, obj, action) -> None:
        detail = {"via": "admin"}
        if action != AccessLogEntry.Action.DELETE:
            detail["fields"] = getattr(request, "_access_log_fields", [])
        access_log_record(
            actor=request.user, action=action, obj=obj, detail=detail, request=request
        )

    def log_addition(self, request, obj, message):
        self._access_log(request, obj, AccessLogEntry.Action.CREATE)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._access_log(request, obj, AccessLogEntry.Action.CHANGE)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._access_log(request, obj, AccessLogEntry.Action.DELETE)
        return super().log_deletions(request, queryset)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            func, name, description = actions["delete_selected"]
            actions["delete_selected"] = (transaction.atomic(func), name, description)
        return actions


class CapabilityAdmin(AccessLoggedAdmin):
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

    def get_changelist_instance(self, request):
        # Django's date hierarchy turns ?at__day=99999999999999999999 into an
        # OverflowError (a 500); it is a bad lookup like any other: the list says so.
        try:
            return super().get_changelist_instance(request)
        except OverflowError as exc:
            raise IncorrectLookupParameters(exc) from exc


class ReadOnlyCapabilityAdmin(CapabilityAdmin):
    can_add = False
    can_delete = False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


_RULE_FIELDS = ("role", "is_active", "is_staff", "is_superuser")


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

    # The same rules as the application's user management (accounts.permissions and
    # services.user_change_check): a superuser is out of a functional admin's reach
    # (not listed, its pages and password page 404), nobody changes their own role,
    # and only a superuser sets the technical flags.

    def get_queryset(self, request):
        return permissions.users_manageable_by(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_manage_user(request.user, obj))

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django would redirect with "does not exist"; the application answers 404.
        raise Http404

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        original = User.objects.get(pk=obj.pk) if obj is not None and obj.pk else None

        class RuleCheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                for field, message in membership_errors(cleaned).items():
                    if field in self.fields:
                        self.add_error(field, message)
                changes = {f: cleaned[f] for f in _RULE_FIELDS if f in cleaned}
                try:
                    services.user_change_check(actor=request.user, user=original, changes=changes)
                except AccountError as exc:
                    self.add_error(exc.field if exc.field in self.fields else None, str(exc))
                return cleaned

        return RuleCheckedForm

    def save_model(self, request, obj, form, change):
        # The form checked the rules; checked again against the stored account so
        # no other path through the admin can skip them. The access log row is
        # written by log_addition/log_change in the same transaction.
        original = User.objects.get(pk=obj.pk) if change else None
        changes = {f: getattr(obj, f) for f in _RULE_FIELDS}
        services.user_change_check(actor=request.user, user=original, changes=changes)
        super().save_model(request, obj, form, change)

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


# Two-factor devices hold their secret keys (django-otp's admin shows them, with a QR code):
# not in Django admin at all. A lost device is reset in the user management, logged
# (accounts.two_factor.two_factor_reset).
def _unregister_two_factor_devices() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_unregister_two_factor_devices()
