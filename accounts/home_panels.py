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
