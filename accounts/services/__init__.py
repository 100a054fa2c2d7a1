"""Services that change accounts state, one module per subdomain. Each is one transaction.

Callers import from ``accounts.services``; see docs/architecture.md.
"""

from accounts.services.access_log import access_log_export_record, access_log_record
from accounts.services.notifications import (
    notification_create,
    notification_email_send,
    notifications_mark_handled,
    notifications_mark_read,
)
from accounts.services.users import (
    USER_PERSONAL_FIELDS,
    AccountError,
    login_lockout_record,
    partner_organisation_create,
    partner_organisation_set_active,
    partner_organisation_update,
    team_create,
    team_set_active,
    team_update,
    user_change_check,
    user_create,
    user_login_unlock,
    user_password_reset_completed,
    user_send_password_link,
    user_set_active,
    user_update,
)

__all__ = [
    "USER_PERSONAL_FIELDS",
    "AccountError",
    "access_log_export_record",
    "access_log_record",
    "login_lockout_record",
    "notification_create",
    "notification_email_send",
    "notifications_mark_handled",
    "notifications_mark_read",
    "partner_organisation_create",
    "partner_organisation_set_active",
    "partner_organisation_update",
    "team_create",
    "team_set_active",
    "team_update",
    "user_change_check",
    "user_create",
    "user_login_unlock",
    "user_password_reset_completed",
    "user_send_password_link",
    "user_set_active",
    "user_update",
]
