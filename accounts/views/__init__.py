"""Account views, by subdomain; accounts/urls.py and config/urls.py reach them as 'accounts.views'."""

from .access_log import (
    access_log,
    access_log_export,
)
from .organisations import (
    partner_edit,
    partner_list,
    partner_set_active,
    team_edit,
    team_list,
    team_set_active,
)
from .users import (
    USERS,
    PasswordResetConfirmView,
    home_view,
    user_create,
    user_list,
    user_login_unlock,
    user_send_password_link,
    user_set_active,
    user_update,
)

__all__ = [
    "PasswordResetConfirmView",
    "USERS",
    "access_log",
    "access_log_export",
    "home_view",
    "partner_edit",
    "partner_list",
    "partner_set_active",
    "team_edit",
    "team_list",
    "team_set_active",
    "user_create",
    "user_list",
    "user_login_unlock",
    "user_send_password_link",
    "user_set_active",
    "user_update",
]
