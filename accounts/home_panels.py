"""What accounts itself contributes to the home page and menu."""

from django.utils.translation import gettext_lazy as _

from accounts import home
from accounts.roles import Capability


def _notifications_context(user) -> dict:
    unread = list(user.notifications.filter(read_at__isnull=True)[:10])
    return {"notifications": unread}


home.register_panel(
    home.HomePanel(
        key="notifications",
        template="accounts/home/notifications.html",
        visible=lambda user: True,
        context=_notifications_context,
        order=1,
    )
)
home.register_nav(
    home.NavItem(
        key="users",
        label=_("Gebruikers"),
        url_name="accounts:user_list",
        visible=lambda user: user.can(Capability.USERS_MANAGE),
        order=90,
        icon="people",
    )
)


def _admin_context(user) -> dict:
    from accounts.selectors import users_admin_overview

    return {"overview": users_admin_overview()}


home.register_panel(
    home.HomePanel(
        key="admin-users",
        template="accounts/home/admin_users.html",
        visible=lambda user: user.can(Capability.USERS_MANAGE),
        context=_admin_context,
        order=10,
    )
)
home.register_nav(
    home.NavItem(
        key="access-log",
        label=_("Toegangslog"),
        url_name="accounts:access_log",
        visible=lambda user: user.can(Capability.ACCESS_LOG_VIEW),
        order=92,
        icon="journal-text",
    )
)
home.register_nav(
    home.NavItem(
        key="password",
        label=_("Wachtwoord wijzigen"),
        url_name="password_change",
        visible=lambda user: True,
        order=200,
        icon="key",
    )
)
